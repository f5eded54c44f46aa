"""Importance × performance as a quadrant chart: performance (the customers' score) across,
importance up, crosshairs at the means, the quadrants named in their corners, each
dimension a numbered point (the number is its rank by importance, keyed in the table)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from ccassess.report.charts.alt import quadrant_alt
from ccassess.report.charts.colours import tint
from ccassess.report.charts.style import ChartStyle
from ccassess.report.charts.svg import SMALL, Svg


def quadrant(
    chart: ChartStyle,
    points: Sequence[dict[str, Any]],
    cuts: tuple[float, float],
    axes: tuple[str, str],
    corners: Sequence[str],
    label: str,
) -> Markup:
    """points: {number, importance, performance, quadrant}; cuts: (importance,
    performance) crosshairs; axes: (x title, y title); corners: the names of fix first, keep
    up, possible overkill, low priority."""
    width, height = 680.0, 420.0
    left, right, top, bottom = 70.0, 660.0, 20.0, 370.0
    alt = quadrant_alt(chart, label, points, axes, corners)
    svg = Svg(width, height, chart.font, alt, ident=chart.next_id())
    imps = [p["importance"] for p in points] + [cuts[0]]
    perfs = [p["performance"] for p in points] + [cuts[1]]
    y_lo, y_hi = _range(imps, 0.05 if max(imps) - min(imps) < 3 else 3.0)
    x_lo, x_hi = _range(perfs, 3.0)

    def x_of(v: float) -> float:
        return left + (v - x_lo) / (x_hi - x_lo) * (right - left)

    def y_of(v: float) -> float:
        return bottom - (v - y_lo) / (y_hi - y_lo) * (bottom - top)

    cx, cy = x_of(cuts[1]), y_of(cuts[0])
    fills = {
        "fix_first": tint(chart.level_colour(1), 0.85),
        "keep_up": tint(chart.level_colour(5), 0.85),
        "possible_overkill": tint(chart.p.muted, 0.88),
        "low_priority": chart.p.background,
    }
    boxes = {
        "fix_first": (left, top, cx, cy),
        "keep_up": (cx, top, right, cy),
        "possible_overkill": (cx, cy, right, bottom),
        "low_priority": (left, cy, cx, bottom),
    }
    names = dict(
        zip(("fix_first", "keep_up", "possible_overkill", "low_priority"), corners, strict=True)
    )
    for key, (x0, y0, x1, y1) in boxes.items():
        svg.add("rect", x=x0, y=y0, width=x1 - x0, height=y1 - y0, fill=fills[key])
        anchor_x, anchor = (
            (x0 + 6, "start") if key in ("fix_first", "low_priority") else (x1 - 6, "end")
        )
        y = y0 + 14 if key in ("fix_first", "keep_up") else y1 - 6
        svg.text(anchor_x, y, names[key], SMALL, anchor, chart.p.text, "bold")
    for point in points:
        x, y = x_of(point["performance"]), y_of(point["importance"])
        colour = chart.level_colour(1) if point["quadrant"] == "fix_first" else chart.p.customer
        svg.add("circle", cx=x, cy=y, r=8, fill=colour, stroke="#ffffff", stroke_width=1.2)
        svg.text(x, y + 3.3, str(point["number"]), 8.5, "middle", "#ffffff", "bold")
    svg.text((left + right) / 2, height - 14, axes[0], SMALL, "middle", chart.p.muted, "bold")
    svg.text(
        16,
        (top + bottom) / 2,
        axes[1],
        SMALL,
        "middle",
        chart.p.muted,
        "bold",
        transform=f"rotate(-90 16 {(top + bottom) / 2:.1f})",
    )
    for value in _ticks(x_lo, x_hi, 10):
        svg.text(x_of(value), bottom + 14, chart.num(value), 8.5, "middle", chart.p.muted)
    derived = y_hi - y_lo < 3  # correlations (−1…1), else rated importance (0–100)
    for value in _ticks(y_lo, y_hi, 0.1 if derived else 10):
        shown = chart.num(value, 1 if derived else 0)
        svg.text(left - 6, y_of(value) + 3, shown, 8.5, "end", chart.p.muted)
    return svg.render()


def _range(values: Sequence[float], pad: float) -> tuple[float, float]:
    return min(values) - pad, max(values) + pad


def _ticks(lo: float, hi: float, step: float) -> list[float]:
    first = int(lo / step) + (1 if lo > 0 else 0)
    ticks, value = [], first * step
    while value <= hi:
        if value >= lo:
            ticks.append(round(value, 6))
        value += step
    return ticks
