"""The trend: earlier rounds of the assessment beside the current one.

Each change against the previous round carries its 95 % interval and whether it is beyond
noise (ccassess/scoring/change.py); `moved` lists the changes beyond noise for the summary,
`panels` the small multiples (overall, each module, the perception gap).
"""

from __future__ import annotations

from typing import Any

from ccassess.model.result import PerspectiveScore
from ccassess.report.i18n import text
from ccassess.report.sections.view import View
from ccassess.scoring.change import Change, change


def trend(view: View) -> dict[str, Any] | None:
    """Earlier rounds beside the current one; changes against the previous round."""
    r = view.result
    points = r.trend
    if not points:
        return None
    previous = points[-1]
    staff = r.by_perspective.get("internal") or PerspectiveScore()

    def row(
        key: str, label: str, scores: list[float | None], moved: Change | None
    ) -> dict[str, Any]:
        return {
            "key": key,
            "label": label,
            "scores": scores,
            "change": moved.value if moved else None,
            "low": moved.low if moved else None,
            "high": moved.high if moved else None,
            "beyond_noise": bool(moved and moved.beyond_noise),
        }

    overall = [p.score for p in points] + [r.score]
    rows = [
        row(
            "overall",
            text("overall").get(view.lang),
            overall,
            change(r.score, (staff.low, staff.high), previous.score, (previous.low, previous.high)),
        )
    ]
    changes: list[dict[str, Any]] = []
    for module in r.modules:
        now = module.by_perspective.get("internal") or PerspectiveScore()
        history = [p.modules.get(module.id) for p in points]
        moved = change(
            module.score,
            (now.low, now.high),
            previous.modules.get(module.id),
            (previous.module_low.get(module.id), previous.module_high.get(module.id)),
        )
        rows.append(row(module.id, view.tr(module.title), [*history, module.score], moved))
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
    gap_now = r.mirror
    gaps = [p.gap for p in points] + [gap_now.gap if gap_now else None]
    gap_row = None
    if any(g is not None for g in gaps[:-1]) and gap_now is not None:
        gap_row = row(
            "gap",
            text("perception_gap").get(view.lang),
            gaps,
            change(
                gap_now.gap,
                (gap_now.low, gap_now.high),
                previous.gap,
                (previous.gap_low, previous.gap_high),
            ),
        )
    every = [*rows, *([gap_row] if gap_row else [])]
    panels = [
        {
            "title": item["label"],
            "values": item["scores"],
            "kind": "gap" if item["key"] == "gap" else "score",
            "beyond_noise": item["beyond_noise"],
        }
        for item in every
    ]
    return {
        "rounds": [p.round for p in points] + [text("current_round").get(view.lang)],
        "dates": [p.date for p in points] + [r.info.date],
        "rows": rows,
        "gap": gap_row,
        "moved": [item for item in every if item["beyond_noise"]],
        "panels": panels,
        "dimension_changes": changes[:10],
    }
