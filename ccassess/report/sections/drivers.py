"""Importance × performance: the quadrant chart's points and the short key-driver table."""

from __future__ import annotations

from typing import Any

from ccassess.report.sections.view import View
from ccassess.scoring.drivers import MIN_DERIVED_N

#: Rows of the key-driver table (the chart shows every dimension).
KEY_DRIVERS = 5


def drivers(view: View) -> dict[str, Any] | None:
    analysis = view.result.drivers
    if analysis is None or not analysis.drivers:
        return None
    rated = view.result.importance
    if rated is not None and any(row.importance is not None for row in rated.rows):
        return None  # customers rated importance: that section ("importance") stands alone
    titles = {m.id: view.tr(m.title) for m in view.result.modules}
    points = [
        {
            "number": number,
            "title": view.tr(d.title),
            "module": titles.get(d.module, d.module),
            "importance": d.importance,
            "low": d.low,
            "high": d.high,
            "performance": d.performance,
            "quadrant": d.quadrant,
            "n": d.n,
        }
        for number, d in enumerate(analysis.drivers, start=1)
    ]
    derived = analysis.method == "derived"
    return {
        "derived": derived,
        "outcome": view.tr(analysis.outcome),
        "n": analysis.n,
        "points": points,
        "key": points[:KEY_DRIVERS],
        "cuts": (analysis.importance_cut, analysis.performance_cut),
        "digits": 2 if derived else 0,
        "minimum": MIN_DERIVED_N,
    }
