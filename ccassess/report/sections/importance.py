"""Importance × performance: what customers say matters against how they rate it, one row
per dimension they rated for importance, most important first (computed in
`ccassess/scoring/importance.py`)."""

from __future__ import annotations

from typing import Any

from ccassess.report.i18n import text
from ccassess.report.sections.view import View


def importance(view: View) -> dict[str, Any] | None:
    found = view.result.importance
    if found is None or not found.rows:
        return None
    titles = {m.id: view.tr(m.title) for m in view.result.modules}
    rows = sorted(found.rows, key=lambda r: -(r.importance or -1))
    return {
        "importance_mean": found.importance_mean,
        "performance_midpoint": found.performance_midpoint,
        "threshold": view.threshold,
        "rows": [
            {
                "title": view.tr(row.title),
                "module": titles.get(row.module, ""),
                "importance": row.importance,
                "importance_n": row.importance_n,
                "importance_low": row.importance_low,
                "importance_high": row.importance_high,
                "performance": row.performance,
                "performance_n": row.performance_n,
                "quadrant": text(f"quadrant_{row.quadrant}").get(view.lang) if row.quadrant else "",
                "small": row.small,
            }
            for row in rows
        ],
    }
