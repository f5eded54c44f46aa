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

from collections.abc import Mapping, Sequence

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
from ccassess.stats import DISAGREEMENT_SD, cronbach_alpha, describe, weighted_mean


def answer_score(qtype: QuestionType, question: Question, value: object) -> float | None:
    """An answer's score 0..100 after reverse coding; None for unscored or "don't know"."""
    if value is None or value == DONT_KNOW:
        return None
    score = qtype.score(question, value)
    if score is None:
        return None
    return (1.0 - score if question.reverse else score) * 100.0


def score_module(
    module: Module,
    respondents: Sequence[Respondent],
    types: Mapping[str, QuestionType],
) -> ModuleResult:
    """Score one module over the respondents who answered it."""
    participants = [r for r in respondents if module.id in r.answers]
    dimensions = [_score_dimension(module, d, participants, types) for d in module.dimensions]
    result = ModuleResult(
        id=module.id,
        version=module.version,
        title=module.title,
        description=module.description,
        weight=module.weight,
        respondents=len(participants),
        dimensions=dimensions,
        levels=[LevelInfo(lv.level, lv.minimum, lv.name, lv.description) for lv in module.levels],
        formulas=dict(module.formulas),
    )
    aggregate_module(result, module)
    return result


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


def _score_dimension(
    module: Module,
    dimension: Dimension,
    participants: Sequence[Respondent],
    types: Mapping[str, QuestionType],
) -> DimensionResult:
    question_results = []
    # respondent id → {question id: score} for respondent-level spread and alpha
    per_respondent: dict[str, dict[str, float]] = {}
    scored_questions = []
    for question in dimension.questions:
        qtype = types[question.type]
        scored = is_scored(qtype, question)
        qresult, scores = _score_question(module, question, qtype, scored, participants)
        question_results.append(qresult)
        if scored:
            scored_questions.append(question)
            for respondent_id, score in scores.items():
                per_respondent.setdefault(respondent_id, {})[question.id] = score

    weighted = [
        (q.weight, r.score)
        for q, r in zip(dimension.questions, question_results, strict=True)
        if r.scored
    ]
    by_perspective = {}
    for p in PERSPECTIVES:
        pairs = [
            (q.weight, r.by_perspective[p].mean)
            for q, r in zip(dimension.questions, question_results, strict=True)
            if r.scored and p in r.by_perspective
        ]
        score = weighted_mean(pairs)
        n = max(
            (r.by_perspective[p].n for r in question_results if p in r.by_perspective), default=0
        )
        by_perspective[p] = PerspectiveScore(
            score=score, level=level_for(score, module.levels), n=n
        )

    mirror = combine_mirrors(
        [(q.weight, r.mirror) for q, r in zip(dimension.questions, question_results, strict=True)]
    )
    weights = {q.id: q.weight for q in scored_questions}
    respondent_scores = [
        weighted_mean([(weights[qid], s) for qid, s in scores.items()])
        for scores in per_respondent.values()
    ]
    spread = describe([s for s in respondent_scores if s is not None])
    complete = [
        [scores[q.id] for q in scored_questions]
        for scores in per_respondent.values()
        if len(scores) == len(scored_questions)
    ]
    return DimensionResult(
        id=dimension.id,
        title=dimension.title,
        weight=dimension.weight,
        score=weighted_mean(weighted),
        coverage=sum_coverage(r.coverage for r in question_results),
        stats=spread,
        disagreement=spread.n >= 3 and (spread.sd or 0.0) >= DISAGREEMENT_SD,
        alpha=cronbach_alpha(complete) if len(scored_questions) >= 2 else None,
        by_perspective=by_perspective,
        mirror=mirror,
        questions=question_results,
    )


def _score_question(
    module: Module,
    question: Question,
    qtype: QuestionType,
    scored: bool,
    participants: Sequence[Respondent],
) -> tuple[QuestionResult, dict[str, float]]:
    coverage = Coverage()
    scores: dict[str, float] = {}
    by_perspective_values: dict[str, list[float]] = {p: [] for p in PERSPECTIVES}
    for respondent in participants:
        if not question.asked_of(respondent.perspective):
            continue
        value = respondent.answers[module.id].get(question.id)
        if not scored:
            continue
        coverage.asked += 1
        if value == DONT_KNOW:
            coverage.dont_know += 1
            continue
        score = answer_score(qtype, question, value)
        if score is None:
            continue
        coverage.answered += 1
        scores[respondent.id] = score
        by_perspective_values[respondent.perspective].append(score)
    stats = describe(list(scores.values())) if scored else Stats()
    by_perspective = {
        p: describe(values) for p, values in by_perspective_values.items() if question.asked_of(p)
    }
    mirror = None
    if question.mirrored and scored:
        internal, customer = by_perspective["internal"], by_perspective["customer"]
        if internal.n and customer.n:
            assert internal.mean is not None and customer.mean is not None
            mirror = Mirror(internal.mean, customer.mean, internal.mean - customer.mean)
    return (
        QuestionResult(
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
            coverage=coverage,
            by_perspective=by_perspective,
            mirror=mirror,
        ),
        scores,
    )
