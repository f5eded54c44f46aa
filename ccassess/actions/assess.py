"""From validated respondents to an AssessmentResult: the engine plus the plugins' analysis,
findings and recommendations. No I/O here; plugins are called through the registry."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ccassess import __version__
from ccassess.model.answers import Respondent
from ccassess.model.drivers import DriverAnalysis
from ccassess.model.levels import DEFAULT_LEVELS
from ccassess.model.narrative import Narrative
from ccassess.model.questionnaire import PERSPECTIVES, Module
from ccassess.model.result import (
    AssessmentInfo,
    AssessmentResult,
    LevelInfo,
    ModuleResult,
    PerspectiveScore,
    PrivacyNotes,
    QuestionTypeInfo,
    RespondentCounts,
    SkippedPlugin,
    TrendPoint,
    Withholding,
)
from ccassess.model.settings import AssessmentSettings
from ccassess.plugin.registry import Registry
from ccassess.questions.types import type_label
from ccassess.scoring.answers import answer_records
from ccassess.scoring.comments import open_comments
from ccassess.scoring.departments import department_breakdown
from ccassess.scoring.drivers import customer_series, derived_drivers
from ccassess.scoring.engine import (
    ModuleTable,
    aggregate_module,
    combine_mirrors,
    perspective_score,
    question_scores,
    score_module,
    sum_coverage,
)
from ccassess.scoring.findings import (
    disputed_findings,
    evaluate_rules,
    level_recommendations,
    mark_small_samples,
    plan_initiatives,
    prioritise,
)
from ccassess.scoring.importance import importance_view
from ccassess.scoring.outcomes import outcome_metrics, outcomes_of
from ccassess.scoring.privacy import DEPARTMENT, OVERALL, PERSPECTIVE
from ccassess.scoring.subsets import overall_rows


def assess(
    registry: Registry,
    respondents: Sequence[Respondent],
    settings: AssessmentSettings,
    *,
    include_answers: bool = False,
    earlier_rounds: Sequence[EarlierRound] = (),
    withheld: Sequence[Withholding] = (),
    accepted: Sequence[Withholding] = (),
    narrative: Narrative | None = None,
    names: Sequence[str] = (),
) -> AssessmentResult:
    """Score every selected module, add plugin analysis, findings and recommendations.

    With `earlier_rounds` (results of earlier rounds of the same assessment, oldest first)
    the result's `trend` holds their overall, module and dimension scores. Every figure
    follows the anonymity rules (docs/security.md, "Anonymity"); `withheld` names the figure
    groups a differencing check withholds, `accepted` those shown at the consultant's risk.
    """
    modules = registry.select(settings.modules)
    # Key figures (company figures entered once per round) are nobody's view: the engine
    # scores staff and customers only; a module's analysis gets the key figures too.
    everyone = respondents
    respondents = [r for r in everyone if r.perspective in PERSPECTIVES]
    threshold = settings.anonymity_threshold
    held = {(w.kind, w.name, w.module or OVERALL) for w in withheld}
    tables = {
        m.id: question_scores(
            m,
            respondents,
            registry.question_types,
            threshold,
            withheld=[p for p in PERSPECTIVES if (PERSPECTIVE, p, m.id) in held],
        )
        for m in modules
    }
    results = [
        _assess_module(registry, m, respondents, everyone, settings, tables[m.id], held)
        for m in modules
    ]
    for result in results:
        mark_small_samples(result.findings, settings.anonymity_threshold)
    prioritise(results)
    initiatives = plan_initiatives(modules, results)
    by_perspective: dict[str, PerspectiveScore] = {
        p: perspective_score(
            [(r.weight, r.by_perspective[p]) for r in results],
            rows=overall_rows(modules, tables, p),
        )
        for p in PERSPECTIVES
    }
    for p in PERSPECTIVES:
        if (PERSPECTIVE, p, OVERALL) in held:
            by_perspective[p] = PerspectiveScore(n=by_perspective[p].n)
    staff = by_perspective["internal"]
    mirror = combine_mirrors(
        [(r.weight, r.mirror) for r in results],
        overall_rows(modules, tables, "internal", mirrored=True),
        overall_rows(modules, tables, "customer", mirrored=True),
    )
    if any((PERSPECTIVE, p, OVERALL) in held for p in PERSPECTIVES):
        mirror = None
    department_held = [(name, module) for kind, name, module in held if kind == DEPARTMENT]
    return AssessmentResult(
        info=AssessmentInfo(
            client=settings.client,
            title=settings.title,
            date=settings.date.isoformat() if settings.date else None,
            prepared_by=settings.prepared_by,
            language=settings.language,
            departments=list(settings.departments),
            anonymity_threshold=settings.anonymity_threshold,
            logo=settings.logo,
        ),
        respondents=RespondentCounts(
            internal=sum(1 for r in respondents if r.perspective == "internal"),
            customer=sum(1 for r in respondents if r.perspective == "customer"),
        ),
        modules=results,
        score=staff.score,
        level=staff.level,
        coverage=sum_coverage(r.coverage for r in results),
        by_perspective=by_perspective,
        mirror=mirror,
        outcomes=outcomes_of(results),
        initiatives=initiatives,
        question_types=_question_types(modules, registry),
        importance=importance_view(modules, results, respondents, settings.anonymity_threshold),
        levels=[LevelInfo(lv.level, lv.minimum, lv.name, lv.description) for lv in DEFAULT_LEVELS],
        departments=department_breakdown(modules, respondents, settings, tables, department_held),
        answers=answer_records(modules, respondents, registry.question_types, settings)
        if include_answers
        else None,
        privacy=PrivacyNotes(
            threshold=threshold,
            free_text_threshold=settings.free_text_minimum,
            withheld=list(withheld),
            accepted=list(accepted),
        ),
        trend=[_trend_point(earlier) for earlier in earlier_rounds] or None,
        skipped_plugins=[
            SkippedPlugin(f.plugin, f.message, list(f.modules)) for f in registry.plugins.failures
        ],
        narrative=narrative or None,
        comments=open_comments(
            modules, respondents, registry.question_types, settings.free_text_minimum, names
        ),
        drivers=_drivers(modules, tables, results),
        ccassess_version=__version__,
    )


def _question_types(modules: Sequence[Module], registry: Registry) -> dict[str, QuestionTypeInfo]:
    """How the report names the question types the modules use (their own words)."""
    used = sorted({q.type for m in modules for d in m.dimensions for q in d.questions})
    return {
        name: QuestionTypeInfo(type_label(qtype), qtype.scoring)
        for name in used
        if (qtype := registry.question_types.get(name)) is not None
    }


@dataclass(frozen=True)
class EarlierRound:
    """An earlier round's scored result, for the trend."""

    name: str
    date: str | None
    result: AssessmentResult


def _trend_point(earlier: EarlierRound) -> TrendPoint:
    result = earlier.result
    staff, mirror = result.by_perspective.get("internal"), result.mirror
    return TrendPoint(
        round=earlier.name,
        date=earlier.date,
        score=result.score,
        level=result.level,
        respondents=result.respondents.total,
        modules={m.id: m.score for m in result.modules},
        dimensions={m.id: {d.id: d.score for d in m.dimensions} for m in result.modules},
        low=staff.low if staff else None,
        high=staff.high if staff else None,
        module_low={m.id: _staff(m).low for m in result.modules},
        module_high={m.id: _staff(m).high for m in result.modules},
        gap=mirror.gap if mirror else None,
        gap_low=mirror.low if mirror else None,
        gap_high=mirror.high if mirror else None,
    )


#: The customers' overall rating that derived importance correlates with, in order of
#: preference: likelihood to recommend, then satisfaction (the customer-metrics module). When
#: customers rate importance directly (a rated path), that takes precedence.
OUTCOME_QUESTIONS = (("customer_metrics", "nps_rating"), ("customer_metrics", "csat_rating"))


def _drivers(
    modules: Sequence[Module], tables: dict[str, ModuleTable], results: list[ModuleResult]
) -> DriverAnalysis | None:
    for outcome in OUTCOME_QUESTIONS:
        found = customer_series(modules, tables, results, outcome)
        if found is None:
            continue
        module = next(m for m in modules if m.id == outcome[0])
        question = next(q for d in module.dimensions for q in d.questions if q.id == outcome[1])
        return derived_drivers(*found, question.text)
    return None


def _staff(module: ModuleResult) -> PerspectiveScore:
    return module.by_perspective.get("internal") or PerspectiveScore()


def _assess_module(
    registry: Registry,
    module: Module,
    respondents: Sequence[Respondent],
    everyone: Sequence[Respondent],
    settings: AssessmentSettings,
    table: ModuleTable,
    held: Collection[tuple[str, str, str]] = (),
) -> ModuleResult:
    plugins = registry.plugins
    result = score_module(module, respondents, registry.question_types, table)
    result.plugin = registry.entries[module.id].plugin
    participants = [
        r
        for r in everyone
        if module.id in r.answers and (PERSPECTIVE, r.perspective, module.id) not in held
    ]
    overridden = False
    for analysis in plugins.hooks.module_analysis(module, participants, settings, result):
        result.analysis[analysis.key] = analysis.data
        if outcome_metrics(analysis.data) is not None:
            # The customers' ratings here feed outcome KPIs: they are reported as KPIs, not
            # as a 0–100 customers' view, and dimension scores blended with KPIs stay out
            # of maturity.
            _customers_as_outcomes(result, table)
            overridden = True
            continue
        for dimension in result.dimensions:
            staff = dimension.by_perspective.get("internal")
            if (
                dimension.id in analysis.dimension_scores
                and staff is not None
                and staff.n >= settings.anonymity_threshold
            ):
                # a plugin's own reading of the staff's answers replaces the staff's score
                staff.score = analysis.dimension_scores[dimension.id]
                staff.low = staff.high = None
                dimension.score_source = analysis.plugin
                overridden = True
    if overridden:
        aggregate_module(result, module, table)
    result.findings = evaluate_rules(module, result) + disputed_findings(module, result)
    for contribution in plugins.hooks.findings(module, result, settings):
        for finding in contribution.items:
            finding.module = finding.module or module.id
            finding.origin = contribution.plugin
            result.findings.append(finding)
    result.recommendations = level_recommendations(module, result)
    for recommended in plugins.hooks.recommendations(module, result, settings):
        for item in recommended.items:
            item.module = item.module or module.id
            item.origin = recommended.plugin
            result.recommendations.append(item)
    return result


def _customers_as_outcomes(result: ModuleResult, table: ModuleTable) -> None:
    """Drop the customers' 0–100 view of a module whose customer answers are outcome KPIs."""
    for dimension in result.dimensions:
        customers = dimension.by_perspective.get("customer")
        if customers is not None and dimension.mirror is None:
            dimension.by_perspective["customer"] = PerspectiveScore(n=customers.n)
    table.respondent_scores["customer"] = [None] * len(table.perspective_ids("customer"))
