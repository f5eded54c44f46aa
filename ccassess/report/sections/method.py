"""The method: question types, weights, level thresholds, formulas and the rules behind the
numbers, so that every number in the report can be recomputed.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ccassess.report.notes import privacy_notes
from ccassess.report.sections.view import View
from ccassess.scoring.stats import (
    ALPHA_CONSISTENT,
    ALPHA_MIN_RESPONDENTS,
    DISAGREEMENT_SD,
    DISPUTED_MIN_RESPONDENTS,
    DISPUTED_RWG,
)


def method(view: View) -> dict[str, Any]:
    r = view.result
    types: Counter[str] = Counter()
    reverse = False
    modules = []
    total_weight = sum(m.weight for m in r.modules if m.score is not None) or 1.0
    default = [(lv.minimum, lv.level) for lv in r.levels]
    own_levels = []
    formulas = []
    reliability = []
    for module in r.modules:
        sources: Counter[str] = Counter()
        for dimension in module.dimensions:
            for row in view.dimension_row(module, dimension)["reliability"]:
                if row["questions"] >= 2:  # one question has no internal consistency
                    reliability.append(
                        {"module": view.tr(module.title), "dimension": view.tr(dimension.title)}
                        | row
                        | {"low": row["alpha"] is not None and row["alpha"] < ALPHA_CONSISTENT}
                    )
            for question in dimension.questions:
                types[question.type] += 1
                reverse = reverse or question.reverse
                sources[question.source] += 1
        if module.levels and [(lv.minimum, lv.level) for lv in module.levels] != default:
            own_levels.append(view.tr(module.title))
        for name, formula in module.formulas.items():
            outcome = next((o for o in r.outcomes if o.id == name), None)
            formulas.append(
                {
                    "module": view.tr(module.title),
                    # what the formula computes, as a reader names it (never its key)
                    "name": view.tr(outcome.label) if outcome else "",
                    "text": view.tr(formula),
                }
            )
        modules.append(
            {
                "id": module.id,
                "title": view.tr(module.title),
                "version": module.version,
                "weight": module.weight,
                "share": module.weight / total_weight if module.score is not None else None,
                "dimensions": [
                    {
                        "title": view.tr(d.title),
                        "weight": d.weight,
                        "questions": len(d.questions),
                    }
                    for d in module.dimensions
                ],
                "sources": [{"source": s, "count": c} for s, c in sorted(sources.items())],
            }
        )
    levels = r.levels
    return {
        "types": sorted(
            (_question_type(view, name, count) for name, count in types.items()),
            key=lambda row: row["label"].casefold(),
        ),
        "reverse": reverse,
        "modules": modules,
        "levels": [
            {
                "level": lv.level,
                "minimum": lv.minimum,
                "maximum": levels[i + 1].minimum if i + 1 < len(levels) else 100.0,
                "name": view.tr(lv.name),
                "description": view.tr(lv.description),
            }
            for i, lv in enumerate(levels)
        ],
        "own_levels": own_levels,
        "formulas": formulas,
        "reliability": reliability,
        "disagreement_sd": DISAGREEMENT_SD,
        "disputed_rwg": DISPUTED_RWG,
        "disputed_min": DISPUTED_MIN_RESPONDENTS,
        "alpha_min": ALPHA_MIN_RESPONDENTS,
        "alpha_consistent": ALPHA_CONSISTENT,
        "threshold": r.info.anonymity_threshold,
        "free_text_threshold": r.privacy.free_text_threshold,
        "privacy_notes": privacy_notes(r, view.lang),
        "method_version": r.method_version,
        "ccassess_version": r.ccassess_version,
    }


def _question_type(view: View, name: str, count: int) -> dict[str, Any]:
    """A question type as readers know it: its label and scoring rule in the report's
    language (from the type itself, carried by the result); its name only if it has none."""
    info = view.result.question_types.get(name)
    return {
        "type": name,
        "label": view.tr(info.label) if info else name,
        "scoring": view.tr(info.scoring) if info and info.scoring else None,
        "count": count,
    }
