"""The scoring engine: answers → question → dimension → module → overall scores. Pure.

Method (documented in docs/concepts/scoring.md):
- an answer scores 0..1 by its question type, reversed when the question is reverse-coded;
- a question's score is the mean over the respondents who answered it (× 100);
- a dimension's score is the weighted mean of its answered questions' scores, a module's the
  weighted mean of its dimensions', the overall score the weighted mean of the modules';
- "don't know" and skipped answers count as asked but not answered (coverage), never as 0;
- per perspective the same, restricted to that perspective's respondents; on mirrored questions
  the gap is internal − customer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ccassess.levels import level_for
from ccassess.model import DONT_KNOW, PERSPECTIVES, Dimension, Module, Question, Respondent
from ccassess.qtypes import QuestionType, is_scored
from ccassess.result import (
    Coverage,
    DimensionResult,
    LevelInfo,
    Mirror,
    ModuleResult,
    PerspectiveScore,
    QuestionResult,
    Stats,
)
from ccassess.stats import (
    ALPHA_MIN_RESPONDENTS,
    DISAGREEMENT_SD,
    cronbach_alpha,
    describe,
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

    def values(self, question_id: str, perspective: str | None = None) -> list[float]:
        column = self.columns[question_id]
        if perspective is not None:
            column = column[self.perspective_slices[perspective]]
        return [v for v in column if v is not None]


def question_scores(
    module: Module, respondents: Sequence[Respondent], types: Mapping[str, QuestionType]
) -> ModuleTable:
    """Score every answer of a module once."""
    pools: dict[str, list[tuple[str, Mapping]]] = {"internal": [], "customer": []}
    for respondent in respondents:
        given = respondent.answers.get(module.id)
        if given is not None:
            pools[respondent.perspective].append((respondent.id, given))
    internal = [given for _, given in pools["internal"]]
    customer = [given for _, given in pools["customer"]]
    split = len(internal)
    table = ModuleTable(
        ids=[rid for rid, _ in pools["internal"]] + [rid for rid, _ in pools["customer"]],
        perspective_slices={"internal": slice(0, split), "customer": slice(split, None)},
        columns={},
        scored={},
        coverage={},
    )
    for _, question in module.questions():
        qtype = types[question.type]
        qid = question.id
        scored = is_scored(qtype, question)
        table.scored[qid] = scored
        if not scored:
            table.columns[qid] = [None] * len(table.ids)
            table.coverage[qid] = Coverage()
            continue
        score_of = _scorer(qtype, question)
        parts: list[list[float | None]] = []
        asked = dont_know = 0
        for perspective, givens in (("internal", internal), ("customer", customer)):
            if not question.asked_of(perspective):
                parts.append([None] * len(givens))
                continue
            raw = [given.get(qid) for given in givens]
            asked += len(raw)
            dont_know += raw.count(DONT_KNOW)
            parts.append([None if v is None else score_of(v) for v in raw])
        column = parts[0] + parts[1]
        table.columns[qid] = column
        answered = len(column) - column.count(None)
        table.coverage[qid] = Coverage(asked=asked, answered=answered, dont_know=dont_know)
    return table


def _scorer(qtype: QuestionType, question: Question) -> Callable[[Any], float | None]:
    """A fast answer → 0..100 function; scale types use a lookup table."""
    if question.scale is not None and qtype.name == "likert":
        lookup = {}
        for value in question.scale.values:
            raw = qtype.score(question, value)
            if raw is not None:
                lookup[value] = (1.0 - raw if question.reverse else raw) * 100.0
        return lookup.get
    return lambda value: answer_score(qtype, question, value)


def score_module(
    module: Module,
    respondents: Sequence[Respondent],
    types: Mapping[str, QuestionType],
    table: ModuleTable | None = None,
) -> ModuleResult:
    """Score one module over the respondents who answered it."""
    if table is None:
        table = question_scores(module, respondents, types)
    participants = sum(1 for r in respondents if module.id in r.answers)
    dimensions = [_score_dimension(module, d, table) for d in module.dimensions]
    result = ModuleResult(
        id=module.id,
        version=module.version,
        title=module.title,
        description=module.description,
        weight=module.weight,
        respondents=participants,
        dimensions=dimensions,
        levels=[LevelInfo(lv.level, lv.minimum, lv.name, lv.description) for lv in module.levels],
        formulas=dict(module.formulas),
    )
    aggregate_module(result, module)
    return result


def subset_score(module: Module, table: ModuleTable, members: set[str]) -> float | None:
    """The module score restricted to some respondents (department groups)."""
    positions = [i for i, rid in enumerate(table.ids) if rid in members]
    dimension_scores = []
    for dimension in module.dimensions:
        pairs = []
        for question in dimension.questions:
            if not table.scored[question.id]:
                continue
            column = table.columns[question.id]
            values = [column[i] for i in positions]
            values = [v for v in values if v is not None]
            pairs.append((question.weight, sum(values) / len(values) if values else None))
        dimension_scores.append((dimension.weight, weighted_mean(pairs)))
    return weighted_mean(dimension_scores)


def aggregate_module(result: ModuleResult, module: Module) -> None:
    """(Re)compute a module's aggregates from its dimensions, e.g. after a plugin override."""
    for dimension_result, dimension in zip(result.dimensions, module.dimensions, strict=True):
        dimension_result.level = level_for(dimension_result.score, module.levels)
        dimension_result.level_description = (
            dimension.levels.get(dimension_result.level) if dimension_result.level else None
        )
    pairs = [(d.weight, d.score) for d in result.dimensions]
    result.score = weighted_mean(pairs)
    result.level = level_for(result.score, module.levels)
    result.coverage = sum_coverage(d.coverage for d in result.dimensions)
    result.by_perspective = {
        p: _perspective_score([(d.weight, d.by_perspective[p]) for d in result.dimensions], module)
        for p in PERSPECTIVES
    }
    result.mirror = combine_mirrors([(d.weight, d.mirror) for d in result.dimensions])


def _perspective_score(
    pairs: Sequence[tuple[float, PerspectiveScore]], module: Module | None
) -> PerspectiveScore:
    score = weighted_mean([(w, p.score) for w, p in pairs])
    levels = module.levels if module else None
    level = level_for(score, levels) if levels else level_for(score)
    return PerspectiveScore(score=score, level=level, n=max((p.n for _, p in pairs), default=0))


def combine_mirrors(pairs: Sequence[tuple[float, Mirror | None]]) -> Mirror | None:
    present = [(w, m) for w, m in pairs if m is not None]
    if not present:
        return None
    internal = weighted_mean([(w, m.internal) for w, m in present])
    customer = weighted_mean([(w, m.customer) for w, m in present])
    assert internal is not None and customer is not None
    return Mirror(internal=internal, customer=customer, gap=internal - customer)


def sum_coverage(items: object) -> Coverage:
    total = Coverage()
    for c in items:  # type: ignore[attr-defined]
        total.asked += c.asked
        total.answered += c.answered
        total.dont_know += c.dont_know
    return total


def _score_dimension(module: Module, dimension: Dimension, table: ModuleTable) -> DimensionResult:
    question_results = [_question_result(q, table) for q in dimension.questions]
    scored = [q for q in dimension.questions if table.scored[q.id]]
    weighted = [(q.weight, r.score) for q, r in zip(dimension.questions, question_results,
                                                      strict=True) if r.scored]  # fmt: skip
    by_perspective = {}
    for p in PERSPECTIVES:
        pairs = [
            (q.weight, r.by_perspective[p].mean)
            for q, r in zip(dimension.questions, question_results, strict=True)
            if r.scored and p in r.by_perspective
        ]
        score = weighted_mean(pairs)
        n = max((r.by_perspective[p].n for r in question_results if p in r.by_perspective),
                default=0)  # fmt: skip
        by_perspective[p] = PerspectiveScore(
            score=score, level=level_for(score, module.levels), n=n
        )
    mirror = combine_mirrors(
        [(q.weight, r.mirror) for q, r in zip(dimension.questions, question_results, strict=True)]
    )
    respondent_scores, complete = _respondent_scores(scored, table)
    spread = describe(respondent_scores)
    alpha = None
    if len(scored) >= 2 and len(complete) >= ALPHA_MIN_RESPONDENTS:
        alpha = cronbach_alpha(complete)
    return DimensionResult(
        id=dimension.id,
        title=dimension.title,
        weight=dimension.weight,
        score=weighted_mean(weighted),
        coverage=sum_coverage(r.coverage for r in question_results),
        stats=spread,
        disagreement=spread.n >= 3 and (spread.sd or 0.0) >= DISAGREEMENT_SD,
        alpha=alpha,
        by_perspective=by_perspective,
        mirror=mirror,
        questions=question_results,
    )


def _respondent_scores(
    scored: Sequence[Question], table: ModuleTable
) -> tuple[list[float], list[tuple[float, ...]]]:
    """Each respondent's own dimension score, and the rows answered completely (for alpha)."""
    if not scored:
        return [], []
    rows = list(zip(*(table.columns[q.id] for q in scored), strict=True))
    weights = [q.weight for q in scored]
    complete = [row for row in rows if None not in row]
    if len(set(weights)) == 1:
        k = len(weights)
        means = []
        for row in rows:
            if None not in row:  # the common case, all in C
                means.append(sum(row) / k)
                continue
            values = [v for v in row if v is not None]
            if values:
                means.append(sum(values) / len(values))
        return means, complete
    means = []
    for row in rows:
        pairs = [(w, v) for w, v in zip(weights, row, strict=True) if v is not None]
        if pairs:
            means.append(sum(w * v for w, v in pairs) / sum(w for w, _ in pairs))
    return means, complete


def _question_result(question: Question, table: ModuleTable) -> QuestionResult:
    scored = table.scored[question.id]
    stats = describe(table.values(question.id)) if scored else Stats()
    by_perspective = {
        p: describe(table.values(question.id, p)) if scored else Stats()
        for p in PERSPECTIVES
        if question.asked_of(p)
    }
    mirror = None
    if question.mirrored and scored:
        internal, customer = by_perspective["internal"], by_perspective["customer"]
        if internal.n and customer.n:
            assert internal.mean is not None and customer.mean is not None
            mirror = Mirror(internal.mean, customer.mean, internal.mean - customer.mean)
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
        score=stats.mean,
        stats=stats,
        coverage=table.coverage[question.id],
        by_perspective=by_perspective,
        mirror=mirror,
    )
