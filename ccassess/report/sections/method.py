"""The method: question types, weights, level thresholds, formulas and the rules behind the
numbers, so that every number in the report can be recomputed.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

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
            formulas.append(
                {"module": view.tr(module.title), "name": name, "text": view.tr(formula)}
            )
        modules.append(
            {
                "id": module.id,
                "title": view.tr(module.title),
                "version": module.version,
                "plugin": module.plugin or "",
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
        "types": [{"type": name, "count": count} for name, count in sorted(types.items())],
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
        "method_version": r.method_version,
        "ccassess_version": r.ccassess_version,
    }
