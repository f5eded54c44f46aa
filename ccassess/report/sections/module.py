"""One module's chapter: score, dimensions with their levels, dispersion, findings and
recommendations (the parts plugins add to the chapter come as sections of their own).
"""

from __future__ import annotations

from typing import Any

from ccassess.model.result import ModuleResult
from ccassess.report.sections.summary import finding_row
from ccassess.report.sections.view import View, mirror, perspective
from ccassess.scoring.findings import rank_findings
from ccassess.scoring.stats import (
    ALPHA_CONSISTENT,
    DISAGREEMENT_SD,
    DISPUTED_MIN_RESPONDENTS,
    DISPUTED_RWG,
)


def module_chapter(view: View, module: ModuleResult) -> dict[str, Any]:
    rows = [view.dimension_row(module, d) for d in module.dimensions]
    levels = view.levels(module)
    level = next((lv for lv in levels if lv.level == module.level), None)
    internal = module.by_perspective.get("internal")
    customer = module.by_perspective.get("customer")
    titles = {d.id: view.tr(d.title) for d in module.dimensions}
    findings = rank_findings(module.findings)
    recommendations = sorted(module.recommendations, key=lambda rec: -rec.priority)
    several = [row for row in rows if any(a["n"] > 1 for a in row["agreement"])]
    return {
        "id": module.id,
        "title": view.tr(module.title),
        "description": view.tr(module.description),
        "score": module.score,
        "level": module.level,
        "level_name": level.name.get(view.lang) if level else "",
        "level_description": level.description.get(view.lang) if level else "",
        "internal": internal.score if internal else None,
        "customer": customer.score if customer else None,
        "customers": perspective(customer, levels, view.lang, view.threshold),
        "mirror": mirror(module.mirror),
        "weights_total": sum(r["weight"] for r in rows if r["score"] is not None),
        "respondents": module.respondents,
        "coverage": module.coverage.share,
        "thresholds": [lv.minimum for lv in levels],
        "dimensions": rows,
        "has_perspectives": any(
            r["internal"] is not None and r["customer"] is not None for r in rows
        ),
        "dispersion": several,
        "disputed": [row["title"] for row in several if row["disagreement"]],
        "inconsistent": [row["title"] for row in rows if row["inconsistent"]],
        "disputed_rwg": DISPUTED_RWG,
        "disputed_min": DISPUTED_MIN_RESPONDENTS,
        "disagreement_sd": DISAGREEMENT_SD,
        "alpha_consistent": ALPHA_CONSISTENT,
        "threshold": view.threshold,
        "thin": any(row["customer_small"] for row in rows),
        "open_questions": open_questions(view, module),
        "findings": [
            {
                **finding_row(f, module, view),
                "dimension": titles.get(f.dimension or "", ""),
            }
            for f in findings
        ],
        "recommendations": [
            {
                "text": view.tr(rec.text),
                "dimension": titles.get(rec.dimension or "", ""),
                "current": rec.current_level,
                "target": rec.target_level,
                "priority": rec.priority_label,
            }
            for rec in recommendations
        ],
    }


def open_questions(view: View, module: ModuleResult) -> list[dict[str, Any]]:
    """The module's open questions, each with how many answered it: the answers' wording is
    never in a chapter (free text can name people); it stays in the answers appendix."""
    found = []
    for dimension in module.dimensions:
        for question in dimension.questions:
            if not question.free_text:
                continue
            found.append(
                {
                    "text": view.tr(question.text),
                    "who": view.perspective_name(question.perspective),
                    "answered": question.coverage.answered,
                    "asked": question.coverage.asked,
                }
            )
    return found
