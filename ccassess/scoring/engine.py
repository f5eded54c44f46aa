"""The scoring engine: answers → question → dimension → module → overall scores. Pure.

Method 2.0 (documented in docs/concepts/scoring.md):
- an answer scores 0..100 by its question type, reversed when the question is reverse-coded;
- every score is computed per perspective first (staff = "internal", customers): a
  question's score is the mean over that perspective's respondents who answered it, a
  dimension's the weighted mean of its questions' scores, a module's the weighted mean of its
  dimensions', the overall score the weighted mean of the modules' (weights from the
  definitions, renormalised over what has a score; never respondent counts);
- practice maturity (`score`, `level`) is the staff's score; the customers' view is
  `by_perspective["customer"]`; a dimension only customers answer has a customers' view and
  no maturity score;
- the perception gap (`mirror`) compares both perspectives on the mirrored questions only,
  so internal − customer = gap on the same items, with Welch's interval;
- agreement (r_wg, r_wg(J) against a uniform null) and reliability (Cronbach's alpha) are
  computed within each perspective, never over staff and customers pooled;
- levels are classified on the score as displayed (rounded to a whole number);
- "don't know" and skipped answers count as asked but not answered (coverage), never as 0;
  a question a filter question let a respondent pass by (`ask_if`) counts as not asked.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, cast

from ccassess.model import DONT_KNOW
from ccassess.model.answers import Respondent
from ccassess.model.levels import displayed_level
from ccassess.model.questionnaire import PERSPECTIVES, Dimension, Module, Question
from ccassess.model.result import (
    Agreement,
    Coverage,
    DimensionResult,
    LevelInfo,
    Mirror,
    ModuleResult,
    PerspectiveScore,
    QuestionResult,
    Reliability,
    Stats,
)
from ccassess.questions.builtin import Likert
from ccassess.questions.types import QuestionType, is_scored
from ccassess.scoring.agreement import agreement_band, rwg, score_variance_on_scale
from ccassess.scoring.consistency import dimension_agreement, dimension_reliability
from ccassess.scoring.coverage import unscored_coverage
from ccassess.scoring.intervals import mean_interval, welch_interval
from ccassess.scoring.stats import (
    ALPHA_CONSISTENT,
    describe,
    describe_with_variance,
    weighted_mean,
)


def answer_score(qtype: QuestionType, question: Question, value: object) -> float | None:
    """An answer's score 0..100 after reverse coding; None for unscored or "don't know"."""
    if value is None or value == DONT_KNOW:
        return None
    score = qtype.score(question, value)
    if score is None:
        return None
    return (1.0 - score if question.reverse else score) * 100.0


@dataclass
class ModuleTable:
    """Every answer's score (0–100) for one module, computed once and reused.

    Columns are aligned with `ids` (internal respondents first, then customers); None marks
    no score (not asked, skipped, "don't know", unscored answer).
    """

    ids: list[str]
    perspective_slices: dict[str, slice]
    columns: dict[str, list[float | None]]
    scored: dict[str, bool]
    coverage: dict[str, Coverage]
    #: Respondents who answered the module (the rows, and any with no answers there: None).
    participants: int = 0
    #: The number of answer options of each question answered on a scale of points (for
    #: r_wg); None for the other questions.
    points: dict[str, int | None] = field(default_factory=dict)
    #: (question id, perspective) → the sample variance of that perspective's scores and
    #: their number, kept by the question's stats for r_wg(J) and Cronbach's alpha.
    variances: dict[tuple[str, str], tuple[float | None, int]] = field(default_factory=dict)
    #: Each respondent's own module score per perspective, aligned with that perspective's
    #: part of `ids` (None: no answer in the module), for the intervals of the totals.
    respondent_scores: dict[str, list[float | None]] = field(default_factory=dict)
    #: The same on the module's mirrored questions only (for the gap's interval).
    mirror_scores: dict[str, list[float | None]] = field(default_factory=dict)
    #: Unscored questions answered in free text (open questions): only counted.
    free_text: set[str] = field(default_factory=set)

    def perspective_ids(self, perspective: str) -> list[str]:
        return self.ids[self.perspective_slices[perspective]]

    def values(self, question_id: str, perspective: str | None = None) -> list[float]:
        column = self.columns[question_id]
        if perspective is not None:
            column = column[self.perspective_slices[perspective]]
        return present(column)

    def positions(self, members: Collection[str]) -> list[int]:
        """The rows of these respondents, in table order (department groups)."""
        index = self._index
        if index is None:  # an id twice: every row of it counts, as a scan finds them
            return [i for i, rid in enumerate(self.ids) if rid in members]
        return sorted(index[rid] for rid in members if rid in index)

    @cached_property
    def _index(self) -> dict[str, int] | None:
        index = {rid: i for i, rid in enumerate(self.ids)}
        return index if len(index) == len(self.ids) else None


def present(values: list[float | None]) -> list[float]:
    """The values that are not None (a copy when there is nothing to drop)."""
    if None not in values:  # a scan in C; common for one perspective's part of a column
        return cast(list[float], values[:])
    return [v for v in values if v is not None]


def question_scores(
    module: Module,
    respondents: Sequence[Respondent],
    types: Mapping[str, QuestionType],
    threshold: int = 1,
    withheld: Collection[str] = (),
) -> ModuleTable:
    """Score every answer of a module once.

    Anonymity (docs/security.md, "Anonymity"): a perspective's scores of a question count only
    when at least `threshold` of its respondents gave one; below that they are dropped before
    anything is aggregated, so no item, dimension, module, headline, gap or spread rests on
    fewer people, and nothing shown can be subtracted to recover them. The perspectives in
    `withheld` (a differencing check) contribute no scores at all. Coverage counts what was
    given.
    """
    ids: dict[str, list[str]] = {"internal": [], "customer": []}
    pools: dict[str, list[Mapping]] = {"internal": [], "customer": []}
    empty = 0
    for respondent in respondents:
        given = respondent.answers.get(module.id)
        if given is not None:
            ids[respondent.perspective].append(respondent.id)
            pools[respondent.perspective].append(given)
        elif module.id in respondent.answers:
            empty += 1
    internal, customer = pools["internal"], pools["customer"]
    split = len(internal)
    table = ModuleTable(
        ids=ids["internal"] + ids["customer"],
        perspective_slices={"internal": slice(0, split), "customer": slice(split, None)},
        columns={},
        scored={},
        coverage={},
        participants=len(ids["internal"]) + len(ids["customer"]) + empty,
    )
    for _, question in module.questions():
        qtype = types[question.type]
        qid = question.id
        scored = is_scored(qtype, question)
        table.scored[qid] = scored
        table.points[qid] = scale_points(qtype, question)
        if not scored:
            table.columns[qid] = [None] * len(table.ids)
            table.coverage[qid] = unscored_coverage(question, internal, customer)
            if qtype.entry == "text":
                table.free_text.add(qid)
            continue
        score_column = _column_scorer(qtype, question)
        parts: list[list[float | None]] = []
        asked = dont_know = answered = 0
        for perspective, givens in (("internal", internal), ("customer", customer)):
            if not question.asked_of(perspective):
                parts.append([None] * len(givens))
                continue
            raw = [given.get(qid) for given in givens]
            # a respondent a filter question let pass by was not asked (not "don't know")
            skipped = sum(map(question.skipped, givens)) if question.ask_if is not None else 0
            asked += len(raw) - skipped
            dont_know += raw.count(DONT_KNOW)
            scores = score_column(raw)
            given_count = len(scores) - scores.count(None)
            answered += given_count
            if given_count < threshold or perspective in withheld:
                scores = [None] * len(scores)  # too few to show, or withheld: never counted
            parts.append(scores)
        column = parts[0] + parts[1]
        table.columns[qid] = column
        table.coverage[qid] = Coverage(asked=asked, answered=answered, dont_know=dont_know)
    return table


#: Answer values whose score is memoised per question (hashable, and equal only when the
#: score is; floats are left out: their values rarely repeat).
SCORE_MEMO_TYPES = frozenset({str, int, bool})


def scale_points(qtype: QuestionType, question: Question) -> int | None:
    """The number of equally spaced answer options behind a question's score (r_wg's A);
    None where the score is not one point on a scale (choices, numbers, matrix means)."""
    if question.scale is not None and isinstance(qtype, Likert):
        return question.scale.points
    return None


def _column_scorer(
    qtype: QuestionType, question: Question
) -> Callable[[list[Any]], list[float | None]]:
    """Answers → scores 0..100 (None for none), a whole column at a time.

    Likert goes through a lookup table in C; other scalar answers (yes/partly/no, choices)
    are scored once per distinct value, as `score` is pure; the rest answer by answer.
    """
    if question.scale is not None and isinstance(qtype, Likert):
        lookup = {}
        for value in question.scale.values:
            raw = qtype.score(question, value)
            if raw is not None:
                lookup[value] = (1.0 - raw if question.reverse else raw) * 100.0
        return lambda answers: list(map(lookup.get, answers))  # None, "don't know" → None
    memo: dict[tuple[type, Any], float | None] = {}

    def score(value: Any) -> float | None:
        if value is None:
            return None
        if value.__class__ not in SCORE_MEMO_TYPES:
            return answer_score(qtype, question, value)
        key = (value.__class__, value)
        if key not in memo:
            memo[key] = answer_score(qtype, question, value)
        return memo[key]

    return lambda answers: list(map(score, answers))


def score_module(
    module: Module,
    respondents: Sequence[Respondent],
    types: Mapping[str, QuestionType],
    table: ModuleTable | None = None,
) -> ModuleResult:
    """Score one module over the respondents who answered it."""
    if table is None:
        table = question_scores(module, respondents, types)
    own: dict[str, list[tuple[float, list[float | None]]]] = {p: [] for p in PERSPECTIVES}
    mirrored: dict[str, list[tuple[float, list[float | None]]]] = {p: [] for p in PERSPECTIVES}
    dimensions = []
    for dimension in module.dimensions:
        scored, rows, mirror_rows = _score_dimension(module, dimension, table)
        dimensions.append(scored)
        for p in PERSPECTIVES:
            own[p].append((dimension.weight, rows[p]))
            if mirror_rows is not None:
                mirrored[p].append((dimension.weight, mirror_rows[p]))
    table.respondent_scores = {p: combine_rows(own[p]) for p in PERSPECTIVES}
    table.mirror_scores = {p: combine_rows(mirrored[p]) for p in PERSPECTIVES}
    result = ModuleResult(
        id=module.id,
        version=module.version,
        title=module.title,
        description=module.description,
        weight=module.weight,
        respondents=table.participants,
        dimensions=dimensions,
        levels=[LevelInfo(lv.level, lv.minimum, lv.name, lv.description) for lv in module.levels],
        formulas=dict(module.formulas),
    )
    aggregate_module(result, module, table)
    return result


def combine_rows(pairs: Sequence[tuple[float, list[float | None]]]) -> list[float | None]:
    """Respondents' own weighted means of aligned score rows (None where a row has none)."""
    if not pairs:
        return []
    size = len(pairs[0][1])
    totals = [0.0] * size
    weights = [0.0] * size
    for weight, row in pairs:
        for i, value in enumerate(row):
            if value is not None:
                totals[i] += weight * value
                weights[i] += weight
    return [t / w if w else None for t, w in zip(totals, weights, strict=True)]


def aggregate_module(
    result: ModuleResult, module: Module, table: ModuleTable | None = None
) -> None:
    """(Re)compute a module's aggregates from its dimensions, e.g. after a plugin set a
    dimension's staff score. Maturity (`score`, `level`) is the staff's perspective."""
    for dimension_result, dimension in zip(result.dimensions, module.dimensions, strict=True):
        staff = dimension_result.by_perspective.get("internal") or PerspectiveScore()
        staff.level = displayed_level(staff.score, module.levels)
        dimension_result.score = staff.score
        dimension_result.level = staff.level
        dimension_result.level_description = (
            dimension.levels.get(dimension_result.level) if dimension_result.level else None
        )
    rows = table.respondent_scores if table is not None else {}
    result.by_perspective = {
        p: perspective_score(
            [(d.weight, d.by_perspective[p]) for d in result.dimensions],
            module.levels,
            rows.get(p),
        )
        for p in PERSPECTIVES
    }
    result.score = result.by_perspective["internal"].score
    result.level = result.by_perspective["internal"].level
    result.coverage = sum_coverage(d.coverage for d in result.dimensions)
    mirror_rows = table.mirror_scores if table is not None else {}
    result.mirror = combine_mirrors(
        [(d.weight, d.mirror) for d in result.dimensions],
        mirror_rows.get("internal"),
        mirror_rows.get("customer"),
    )


def perspective_score(
    pairs: Sequence[tuple[float, PerspectiveScore]],
    levels: Sequence[Any] | None = None,
    rows: Sequence[float | None] | None = None,
    n: int | None = None,
) -> PerspectiveScore:
    """Parts' scores of one perspective combined with fixed weights; the interval's width
    from the respondents' own scores (`rows`), centred on the combined score."""
    score = weighted_mean([(w, p.score) for w, p in pairs])
    level = displayed_level(score, levels) if levels else displayed_level(score)
    values = present(list(rows)) if rows is not None else []
    if n is None:
        n = len(values) if rows is not None else max((p.n for _, p in pairs), default=0)
    low, high = centred_interval(score, values)
    return PerspectiveScore(score=score, level=level, n=n, low=low, high=high)


def centred_interval(score: float | None, values: Sequence[float]) -> tuple[float | None, ...]:
    """A 95 % t interval with the width the respondents' own scores give, around `score`."""
    if score is None:
        return None, None
    interval = mean_interval(values)
    if interval is None:
        return None, None
    return score - interval.half_width, score + interval.half_width


def combine_mirrors(
    pairs: Sequence[tuple[float, Mirror | None]],
    internal_rows: Sequence[float | None] | None = None,
    customer_rows: Sequence[float | None] | None = None,
) -> Mirror | None:
    """Mirrors of the parts combined with fixed weights; Welch's interval for the gap from
    each side's respondent scores on the mirrored questions."""
    present_pairs = [(w, m) for w, m in pairs if m is not None]
    if not present_pairs:
        return None
    internal = weighted_mean([(w, m.internal) for w, m in present_pairs])
    customer = weighted_mean([(w, m.customer) for w, m in present_pairs])
    assert internal is not None and customer is not None
    return mirror_of(internal, customer, internal_rows, customer_rows)


def mirror_of(
    internal: float,
    customer: float,
    internal_rows: Sequence[float | None] | None,
    customer_rows: Sequence[float | None] | None,
) -> Mirror:
    first = present(list(internal_rows)) if internal_rows is not None else []
    second = present(list(customer_rows)) if customer_rows is not None else []
    gap = internal - customer
    low = high = None
    interval = welch_interval(first, second)
    if interval is not None:
        low, high = gap - interval.half_width, gap + interval.half_width
    return Mirror(internal, customer, gap, low, high, len(first), len(second))


def sum_coverage(items: Iterable[Coverage]) -> Coverage:
    total = Coverage()
    for c in items:
        total.asked += c.asked
        total.answered += c.answered
        total.dont_know += c.dont_know
    return total


def _score_dimension(
    module: Module, dimension: Dimension, table: ModuleTable
) -> tuple[DimensionResult, dict[str, list[float | None]], dict[str, list[float | None]] | None]:
    """The dimension's result, each respondent's own dimension score per perspective, and
    each respondent's score on the dimension's mirrored questions (None without mirror)."""
    question_results = [_question_result(q, table) for q in dimension.questions]
    scored = [q for q in dimension.questions if table.scored[q.id]]
    rows, complete = _respondent_scores(scored, table)
    by_perspective: dict[str, PerspectiveScore] = {}
    for p in PERSPECTIVES:
        pairs = [
            (q.weight, r.by_perspective[p].mean)
            for q, r in zip(dimension.questions, question_results, strict=True)
            if r.scored and p in r.by_perspective
        ]
        score = weighted_mean(pairs)
        values = present(rows[p])
        low, high = centred_interval(score, values)
        by_perspective[p] = PerspectiveScore(
            score=score,
            level=displayed_level(score, module.levels),
            n=len(values),
            low=low,
            high=high,
        )
    mirrored = [
        (q, r)
        for q, r in zip(dimension.questions, question_results, strict=True)
        if r.mirror is not None
    ]
    mirror = None
    mirror_rows = None
    if mirrored:
        mirror_rows, _ = _respondent_scores([q for q, _ in mirrored], table, alpha=False)
        mirror = combine_mirrors(
            [(q.weight, r.mirror) for q, r in mirrored],
            mirror_rows["internal"],
            mirror_rows["customer"],
        )
    agreement: dict[str, Agreement] = {}
    reliability: dict[str, Reliability] = {}
    for p in PERSPECTIVES:
        asked = [q for q in scored if q.asked_of(p)]
        values = present(rows[p])
        if not asked or not values:
            continue
        spreads = [table.variances.get((q.id, p), (None, 0)) for q in asked]
        points = [table.points.get(q.id) for q in asked]
        agreement[p] = dimension_agreement(values, [v for v, _ in spreads], points)
        reliability[p] = dimension_reliability(complete[p], spreads, len(asked))
    own = present(rows["internal"]) or present(rows["customer"])
    spread = describe(own)
    staff = by_perspective["internal"]
    result = DimensionResult(
        id=dimension.id,
        title=dimension.title,
        weight=dimension.weight,
        score=staff.score,
        level=staff.level,
        coverage=sum_coverage(r.coverage for r in question_results if r.scored),
        stats=spread,
        agreement=agreement,
        disagreement=any(a.disputed for a in agreement.values()),
        reliability=reliability,
        inconsistent=any(
            r.alpha is not None and r.alpha < ALPHA_CONSISTENT for r in reliability.values()
        ),
        by_perspective=by_perspective,
        mirror=mirror,
        questions=question_results,
    )
    return result, rows, mirror_rows


def _respondent_scores(
    scored: Sequence[Question], table: ModuleTable, alpha: bool = True
) -> tuple[dict[str, list[float | None]], dict[str, list[list[float]]]]:
    """Each respondent's own score on these questions per perspective (aligned with that
    perspective's rows; None for a row without values), and per perspective the item
    columns (of the questions asked of it) of its respondents who answered every one of
    them (for alpha, within the perspective).

    One perspective's rows at a time, on the columns asked of it: the other columns hold
    only None there (so its rows are never complete). Rows are summed in the same order as
    one by one, but never kept: a tuple per respondent and dimension kept the garbage
    collector busy.
    """
    weights = [q.weight for q in scored]
    equal = len(set(weights)) == 1
    rows: dict[str, list[float | None]] = {}
    complete: dict[str, list[list[float]]] = {p: [] for p in PERSPECTIVES}
    for perspective in PERSPECTIVES:
        part = table.perspective_slices[perspective]
        size = len(table.ids[part])
        asked = [i for i, q in enumerate(scored) if q.asked_of(perspective)]
        if not asked:
            rows[perspective] = [None] * size
            continue
        columns = [table.columns[scored[i].id][part] for i in asked]
        full = not any(None in column for column in columns)
        if equal and full:  # the common case, all in C
            k = len(asked)
            rows[perspective] = [total / k for total in map(sum, zip(*columns, strict=True))]
        elif equal:
            rows[perspective] = _row_means(zip(*columns, strict=True))
        else:
            weighted = [weights[i] for i in asked]
            rows[perspective] = _weighted_row_means(zip(*columns, strict=True), weighted)
        if alpha and len(asked) >= 2:
            complete[perspective] = [[] for _ in asked]
            _extend_complete(complete[perspective], columns, full)
    return rows, complete


def _extend_complete(complete: list[list[Any]], columns: list[list[Any]], full: bool) -> None:
    """Add the rows without None to the item columns of complete respondents."""
    if full:
        for item, column in zip(complete, columns, strict=True):
            item.extend(column)
        return
    keep = [j for j, row in enumerate(zip(*columns, strict=True)) if None not in row]
    for item, column in zip(complete, columns, strict=True):
        item.extend([column[j] for j in keep])


def _row_means(rows: Iterable[tuple[float | None, ...]]) -> list[float | None]:
    means: list[float | None] = []
    for row in rows:
        values = [v for v in row if v is not None]
        means.append(sum(values) / len(values) if values else None)
    return means


def _weighted_row_means(
    rows: Iterable[tuple[float | None, ...]], weights: Sequence[float]
) -> list[float | None]:
    means: list[float | None] = []
    for row in rows:
        pairs = [(w, v) for w, v in zip(weights, row, strict=True) if v is not None]
        means.append(sum(w * v for w, v in pairs) / sum(w for w, _ in pairs) if pairs else None)
    return means


def _question_result(question: Question, table: ModuleTable) -> QuestionResult:
    scored = table.scored[question.id]
    if scored:
        by_perspective = _question_stats(question, table)
    else:
        by_perspective = {p: Stats() for p in PERSPECTIVES if question.asked_of(p)}
    staff = by_perspective.get("internal")
    stats = staff or by_perspective.get("customer") or Stats()
    mirror = None
    if question.mirrored and scored:
        internal, customer = by_perspective["internal"], by_perspective["customer"]
        if internal.n and customer.n:
            assert internal.mean is not None and customer.mean is not None
            mirror = mirror_of(
                internal.mean,
                customer.mean,
                table.values(question.id, "internal"),
                table.values(question.id, "customer"),
            )
    return QuestionResult(
        id=question.id,
        type=question.type,
        text=question.text,
        text_customer=question.text_customer,
        perspective=question.perspective,
        weight=question.weight,
        reverse=question.reverse,
        source=question.source,
        scored=scored,
        free_text=question.id in table.free_text,
        score=staff.mean if staff else None,
        stats=replace(stats),
        coverage=table.coverage[question.id],
        by_perspective=by_perspective,
        mirror=mirror,
    )


def _question_stats(question: Question, table: ModuleTable) -> dict[str, Stats]:
    """Each asked perspective's stats with its single-item r_wg (questions on a scale of
    points); each perspective's variance is kept for r_wg(J) and Cronbach's alpha."""
    points = table.points.get(question.id)
    by_perspective: dict[str, Stats] = {}
    for p in PERSPECTIVES:
        if not question.asked_of(p):
            continue
        stats, variance = describe_with_variance(table.values(question.id, p))
        table.variances[(question.id, p)] = (variance, stats.n)
        if points is not None and variance is not None:
            stats.rwg = rwg(score_variance_on_scale(variance, points), points)
            stats.rwg_band = agreement_band(stats.rwg)
        by_perspective[p] = stats
    return by_perspective
