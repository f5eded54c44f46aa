"""Declarative findings rules and per-level recommendations from module definitions. Pure."""

from __future__ import annotations

from ccassess.model.levels import level_for
from ccassess.model.questionnaire import FindingRule, Module
from ccassess.model.result import (
    DimensionResult,
    Finding,
    ModuleResult,
    QuestionResult,
    Recommendation,
    Stats,
)

HIGH_PRIORITY = 60.0
MEDIUM_PRIORITY = 35.0


def rule_value(rule: FindingRule, result: ModuleResult) -> float | None:
    """The number a rule compares: a score (optionally one perspective's) or a mirror gap."""
    target: ModuleResult | DimensionResult | QuestionResult | None
    if rule.target == "dimension":
        target = result.dimension(rule.target_id or "")
    elif rule.target == "question":
        target = next(
            (q for d in result.dimensions for q in d.questions if q.id == rule.target_id), None
        )
    else:
        target = result
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
            findings.append(
                Finding(rule.id, rule.severity, rule.text, module.id, dimension, origin="rule")
            )
    return findings


def priority_label(priority: float) -> str:
    if priority >= HIGH_PRIORITY:
        return "high"
    if priority >= MEDIUM_PRIORITY:
        return "medium"
    return "low"


def level_recommendations(module: Module, result: ModuleResult) -> list[Recommendation]:
    """The definition's recommendations for each dimension's current level, prioritised.

    Priority = relative dimension weight × module weight × room for improvement (100 − score).
    """
    mean_weight = sum(d.weight for d in module.dimensions) / max(1, len(module.dimensions))
    items = []
    for dimension, dimension_result in zip(module.dimensions, result.dimensions, strict=True):
        score = dimension_result.score
        if score is None:
            continue
        level = level_for(score, module.levels) or 1
        weight = dimension.weight / mean_weight * module.weight
        priority = weight * (100.0 - score)
        for text in dimension.recommendations.get(level, ()):
            items.append(
                Recommendation(
                    text=text,
                    module=module.id,
                    dimension=dimension.id,
                    current_level=level,
                    target_level=min(level + 1, 5),
                    priority=priority,
                    priority_label=priority_label(priority),
                )
            )
    return items
