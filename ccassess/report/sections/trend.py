"""The trend: earlier rounds of the assessment beside the current one."""

from __future__ import annotations

from typing import Any

from ccassess.report.i18n import text
from ccassess.report.sections.view import View


def trend(view: View) -> dict[str, Any] | None:
    """Earlier rounds beside the current one; changes against the previous round."""
    points = view.result.trend
    if not points:
        return None
    previous = points[-1]

    def row(label: str, scores: list[float | None]) -> dict[str, Any]:
        change = None
        if scores[-1] is not None and scores[-2] is not None:
            change = scores[-1] - scores[-2]
        return {"label": label, "scores": scores, "change": change}

    rows = [row(text("overall").get(view.lang), [p.score for p in points] + [view.result.score])]
    changes: list[dict[str, Any]] = []
    for module in view.result.modules:
        history = [p.modules.get(module.id) for p in points]
        rows.append(row(view.tr(module.title), [*history, module.score]))
        for dimension in module.dimensions:
            before = previous.dimensions.get(module.id, {}).get(dimension.id)
            if before is not None and dimension.score is not None:
                changes.append(
                    {
                        "module": view.tr(module.title),
                        "dimension": view.tr(dimension.title),
                        "before": before,
                        "now": dimension.score,
                        "change": dimension.score - before,
                    }
                )
    changes.sort(key=lambda c: -abs(c["change"]))
    return {
        "rounds": [p.round for p in points] + [text("current_round").get(view.lang)],
        "dates": [p.date for p in points] + [view.result.info.date],
        "rows": rows,
        "dimension_changes": changes[:10],
    }
