"""Declarative findings rules and per-level recommendations from module definitions. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ccassess.model.levels import level_for
from ccassess.model.questionnaire import FindingRule, Module
from ccassess.model.result import (
    CUSTOMER_EVIDENCE,
    PRIORITY_MAX,
    PRIORITY_MIN,
    DimensionResult,
    Finding,
    Initiative,
    ModuleResult,
    QuestionResult,
    Recommendation,
    Stats,
)
from ccassess.text import Text

#: Priority labels: "high" from 50, "medium" from 30, "low" below (priority is 0–100).
HIGH_PRIORITY = 50.0
MEDIUM_PRIORITY = 30.0
#: The evidence factor of the priority rule: customers confirm the need (1.0) or only the
#: staff's own ratings show it (0.8).
CUSTOMER_CONFIRMED = 1.0
SELF_RATED_ONLY = 0.8
SEVERITY_RANK = {"critical": 0, "warning": 1, "info": 2}
#: At most this many initiatives; the lowest-ranked beyond it are merged into one.
MAX_INITIATIVES = 8
FURTHER_INITIATIVE = "further"


def rule_target(
    rule: FindingRule, result: ModuleResult
) -> ModuleResult | DimensionResult | QuestionResult | None:
    if rule.target == "dimension":
        return result.dimension(rule.target_id or "")
    if rule.target == "question":
        return next(
            (q for d in result.dimensions for q in d.questions if q.id == rule.target_id), None
        )
    return result


def rule_value(rule: FindingRule, result: ModuleResult) -> float | None:
    """The number a rule compares: a score (optionally one perspective's) or a mirror gap."""
    target = rule_target(rule, result)
    if target is None:
        return None
    if rule.comparison == "gap_above":
        return target.mirror.gap if target.mirror else None
    if rule.perspective is None:
        return target.score
    perspective = target.by_perspective.get(rule.perspective)
    if perspective is None:
        return None
    # a question's perspectives are distributions (their mean); the others', scores
    return perspective.mean if isinstance(perspective, Stats) else perspective.score


def rule_evidence(rule: FindingRule, result: ModuleResult) -> tuple[str, int | None]:
    """What a fired rule rests on: its kind of evidence and how many respondents.

    A gap rests on both sides (n is the smaller one), a customers' score on the customers, a
    score without a perspective on the staff (maturity is the staff's score).
    """
    target = rule_target(rule, result)
    if target is None:
        return "self_rated", None
    if rule.comparison == "gap_above":
        mirror = target.mirror
        return "mirror", (min(mirror.n_internal, mirror.n_customer) if mirror else None)
    perspective = rule.perspective or "internal"
    kind = "customer" if perspective == "customer" else "self_rated"
    entry = target.by_perspective.get(perspective)
    return kind, (entry.n if entry is not None else None)


def evaluate_rules(module: Module, result: ModuleResult) -> list[Finding]:
    findings = []
    for rule in module.findings:
        value = rule_value(rule, result)
        if value is None:
            continue
        fired = (
            value < rule.bound
            if rule.comparison == "below"
            else value > rule.bound  # "above" and "gap_above"
        )
        if fired:
            dimension = rule.target_id if rule.target == "dimension" else None
            if rule.target == "question":
                dimension = next(
                    (
                        d.id
                        for d in module.dimensions
                        for q in d.questions
                        if q.id == rule.target_id
                    ),
                    None,
                )
            evidence, n = rule_evidence(rule, result)
            findings.append(
                Finding(
                    rule.id,
                    rule.severity,
                    rule.text,
                    module.id,
                    dimension,
                    origin="rule",
                    evidence=evidence,
                    n=n,
                )
            )
    return findings


def disputed_findings(module: Module, result: ModuleResult) -> list[Finding]:
    """A dimension whose respondents disagree widely becomes a finding: its mean hides
    different experiences, so read its questions (and departments) before acting on it."""
    findings = []
    for dimension in result.dimensions:
        if not dimension.disagreement:
            continue
        sd = dimension.stats.sd
        spread_de = f" (Standardabweichung {sd:.0f} Punkte)" if sd is not None else ""
        spread_en = f" (standard deviation {sd:.0f} points)" if sd is not None else ""
        title = dimension.title
        findings.append(
            Finding(
                f"disputed_{dimension.id}",
                "warning",
                Text(
                    f"Bei „{title.get('de')}“ gehen die Einschätzungen weit auseinander"
                    f"{spread_de}: Der Mittelwert verdeckt unterschiedliche Erfahrungen. Vor "
                    "Maßnahmen die Einzelfragen und die Abteilungen ansehen.",
                    f'Ratings of "{title.get("en")}" differ widely{spread_en}: the mean hides '
                    "different experiences. Read the individual questions and the departments "
                    "before acting on it.",
                ),
                module.id,
                dimension.id,
                origin="core",
                evidence="self_rated",
                n=dimension.stats.n or None,
            )
        )
    return findings


def mark_small_samples(findings: list[Finding], threshold: int) -> None:
    """Flag findings resting on fewer respondents than the anonymity threshold."""
    for finding in findings:
        finding.small_sample = finding.n is not None and finding.n < threshold


def finding_rank(finding: Finding) -> tuple[int, int, int]:
    """Sort key: severity (critical first), then customer evidence before self-ratings,
    then more respondents first. Python's sort is stable, so ties keep report order."""
    return (
        SEVERITY_RANK.get(finding.severity, len(SEVERITY_RANK)),
        0 if finding.evidence in CUSTOMER_EVIDENCE else 1,
        -(finding.n or 0),
    )


def rank_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Every finding, across modules, in the order of `finding_rank`."""
    return sorted(findings, key=finding_rank)


def priority_label(priority: float) -> str:
    if priority >= HIGH_PRIORITY:
        return "high"
    if priority >= MEDIUM_PRIORITY:
        return "medium"
    return "low"


def level_recommendations(module: Module, result: ModuleResult) -> list[Recommendation]:
    """The definition's recommendations for each dimension's current level (the level of the
    score as displayed). Their priority is set later by `prioritise`, with everyone else's."""
    items = []
    for dimension, dimension_result in zip(module.dimensions, result.dimensions, strict=True):
        score = dimension_result.score
        if score is None:
            continue
        level = dimension_result.level or level_for(round(score), module.levels) or 1
        for text in dimension.recommendations.get(level, ()):
            items.append(
                Recommendation(
                    text=text,
                    module=module.id,
                    dimension=dimension.id,
                    current_level=level,
                    target_level=min(level + 1, 5),
                )
            )
    return items


def priority_of(weight_share: float, customer_confirmed: bool, score: int | None) -> float:
    """The priority rule (0–100): weight share × evidence factor × (100 − score).

    `score` is the more critical of the two views as displayed (the staff's score, or the
    customers' where they were asked and see it worse); `weight_share` is the dimension's
    weight relative to the heaviest dimension of its module times the module's weight
    relative to the heaviest module (0 < share ≤ 1); the evidence factor is 1.0 when
    customers confirm the need and 0.8 when only the staff's ratings show it.
    """
    if score is None:
        return 0.0
    factor = CUSTOMER_CONFIRMED if customer_confirmed else SELF_RATED_ONLY
    # scores are 0..100 (a plugin's question type whose score left 0..1 is refused), so the
    # priority is on its documented scale; bounded all the same, as the docs promise
    priority = weight_share * factor * (100 - score)
    return min(PRIORITY_MAX, max(PRIORITY_MIN, priority))


def critical_score(target: ModuleResult | DimensionResult) -> int | None:
    """The lower of the staff's and the customers' score, each as displayed (whole number)."""
    shown = [round(value) for value in (target.score, _customer_score(target)) if value is not None]
    return min(shown) if shown else None


def _customer_score(target: ModuleResult | DimensionResult) -> float | None:
    customers = target.by_perspective.get("customer")
    return customers.score if customers is not None else None


def customer_confirmed(module: ModuleResult, dimension: DimensionResult | None) -> bool:
    """Customers confirm a need when their score is no better than the staff's (as displayed)
    or a finding on it rests on customer evidence (a customers' score, a KPI, a gap)."""
    if dimension is None:
        return any(f.evidence in CUSTOMER_EVIDENCE and f.dimension is None for f in module.findings)
    customers = dimension.by_perspective.get("customer")
    if (
        customers is not None
        and customers.score is not None
        and dimension.score is not None
        and round(customers.score) <= round(dimension.score)
    ):
        return True
    return any(
        f.evidence in CUSTOMER_EVIDENCE and f.dimension == dimension.id for f in module.findings
    )


def prioritise(results: Sequence[ModuleResult]) -> None:
    """Set every recommendation's priority, label and evidence by the one documented rule,
    the module's own and the plugins' alike."""
    heaviest_module = max((m.weight for m in results), default=1.0) or 1.0
    for module in results:
        heaviest = max((d.weight for d in module.dimensions), default=1.0) or 1.0
        for item in module.recommendations:
            dimension = module.dimension(item.dimension) if item.dimension else None
            share = module.weight / heaviest_module
            if dimension is not None:
                share *= dimension.weight / heaviest
            confirmed = customer_confirmed(module, dimension)
            item.priority = priority_of(
                share, confirmed, critical_score(dimension if dimension is not None else module)
            )
            item.priority_label = priority_label(item.priority)
            item.evidence = "customer" if confirmed else "self_rated"


def plan_initiatives(
    modules: Sequence[Module], results: Sequence[ModuleResult]
) -> list[Initiative]:
    """Group the recommendations into initiatives, highest priority first.

    A recommendation belongs to the initiative it names (the id of a module in the
    assessment) or else to its own module's. Beyond MAX_INITIATIVES, the lowest-ranked
    initiatives are merged into one ("further actions"). Sets each recommendation's
    `initiative` to the key used.
    """
    definitions = {m.id: m for m in modules}
    titles = {r.id: r for r in results}
    groups: dict[str, list[Recommendation]] = {}
    for module in results:
        for item in module.recommendations:
            key = item.initiative if item.initiative in titles else module.id
            groups.setdefault(key, []).append(item)
    final = {key: key for key in groups}
    initiatives = []
    for key, items in groups.items():
        definition = definitions.get(key)
        text = definition.initiative if definition is not None else None
        result = titles[key]
        initiatives.append(
            Initiative(
                id=key,
                title=text.title if text else result.title,
                why=text.why if text else (result.description or Text()),
                priority=max(item.priority for item in items),
                modules=list(dict.fromkeys(item.module or key for item in items)),
                recommendations=len(items),
            )
        )
    initiatives.sort(key=lambda initiative: -initiative.priority)
    if len(initiatives) > MAX_INITIATIVES:
        kept, rest = initiatives[: MAX_INITIATIVES - 1], initiatives[MAX_INITIATIVES - 1 :]
        for merged in rest:
            final[merged.id] = FURTHER_INITIATIVE
        kept.append(
            Initiative(
                id=FURTHER_INITIATIVE,
                title=Text("Weitere Maßnahmen", "Further actions"),
                why=Text(
                    "Einzelmaßnahmen aus den übrigen Modulen, mit geringerer Priorität.",
                    "Single actions from the remaining modules, with lower priority.",
                ),
                priority=rest[0].priority,
                modules=list(dict.fromkeys(m for i in rest for m in i.modules)),
                recommendations=sum(i.recommendations for i in rest),
            )
        )
        initiatives = kept
    for key, items in groups.items():
        for item in items:
            item.initiative = final[key]
    for initiative in initiatives:
        initiative.priority_label = priority_label(initiative.priority)
    return initiatives
