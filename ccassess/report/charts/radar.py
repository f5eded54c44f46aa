"""The radar (spider) chart: one axis per dimension, one outline per perspective."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from ccassess.report.charts.alt import radar_alt
from ccassess.report.charts.colours import tint
from ccassess.report.charts.style import ChartStyle
from ccassess.report.charts.svg import Svg, wrap


def radar(
    chart: ChartStyle,
    axes: Sequence[str],
    series: Sequence[dict[str, Any]],
    label: str,
    numbered: bool = False,
    alt: str | None = None,
) -> Markup:
    """Spider chart: one axis per dimension; series = {name, role, values (0–100|None)}.

    Roles: overall (filled), internal (dashed), customer. Missing values break a line.
    With `numbered`, axes show their number (1…n) and the template prints a key.
    """
    count = len(axes)
    width, radius = 640.0, 175.0 if not numbered else 200.0
    cx, cy = width / 2, radius + (60 if not numbered else 36)
    height = cy + radius + (60 if not numbered else 36) + 30
    alt = alt or radar_alt(chart, label, axes, series)
    svg = Svg(width, height, chart.font, alt, width_mm=150.0, ident=chart.next_id())

    def point(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        r = radius * max(0.0, min(100.0, value)) / 100
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    def polygon(value: float) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, value) for i in range(count)))

    # level bands, outermost first
    for level in range(len(chart.p.levels), 0, -1):
        svg.add(
            "polygon",
            points=polygon(level * 100 / len(chart.p.levels)),
            fill=tint(chart.level_colour(level), 0.84),
            stroke="#ffffff",
            stroke_width=1,
        )
    for index in range(count):
        x, y = point(index, 100)
        svg.add("line", x1=cx, y1=cy, x2=x, y2=y, stroke="#ffffff", stroke_width=1)
    for value in (20, 40, 60, 80, 100):
        svg.text(cx + 3, cy - radius * value / 100 + 10, chart.num(value), 8, fill=chart.p.muted)
    styles = {
        "overall": (chart.p.overall, None, 0.22),
        "internal": (chart.p.internal, "6 4", 0.0),
        "customer": (chart.p.customer, None, 0.0),
    }
    for entry in series:
        colour, dash, opacity = styles.get(entry["role"], (chart.p.accent, None, 0.0))
        values = entry["values"]
        if all(v is not None for v in values) and count >= 3:
            svg.add(
                "polygon",
                points=" ".join(
                    f"{x:.1f},{y:.1f}" for x, y in (point(i, v) for i, v in enumerate(values))
                ),
                fill=colour if opacity else "none",
                fill_opacity=opacity or None,
                stroke=colour,
                stroke_width=2.2,
                stroke_dasharray=dash,
                stroke_linejoin="round",
            )
        else:
            for run in _runs(values):
                pts = [point(i % count, values[i % count]) for i in run]
                if len(pts) > 1:
                    svg.add(
                        "polyline",
                        points=" ".join(f"{x:.1f},{y:.1f}" for x, y in pts),
                        fill="none",
                        stroke=colour,
                        stroke_width=2.2,
                        stroke_dasharray=dash,
                        stroke_linejoin="round",
                    )
        for index, value in enumerate(values):
            if value is not None:
                x, y = point(index, value)
                svg.add("circle", cx=x, cy=y, r=2.8, fill=colour)
    for index, name in enumerate(axes):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        lx = cx + (radius + 14) * math.cos(angle)
        ly = cy + (radius + 14) * math.sin(angle)
        cos = math.cos(angle)
        anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
        if numbered:
            svg.lines(lx, ly + 2 * math.sin(angle), [str(index + 1)], 10, anchor, chart.p.text)
        else:
            lines = wrap(name, 20, 2)
            shift = (len(lines) - 1) * 7 * math.sin(angle)
            svg.lines(lx, ly + shift, lines, 10, anchor, chart.p.text)
    legend = [
        (
            entry["name"],
            styles.get(entry["role"], (chart.p.accent,))[0],
            "dashed" if entry["role"] == "internal" else "line",
        )
        for entry in series
    ]
    chart.legend(svg, 40, height - 14, legend)
    return svg.render()


def _runs(values: Sequence[float | None]) -> list[list[int]]:
    """Index runs of present values, wrapping around (for a radar's closed outline)."""
    count = len(values)
    missing = [i for i in range(count) if values[i] is None]
    if not missing:
        return [list(range(count))]
    runs: list[list[int]] = []
    current: list[int] = []
    for offset in range(1, count + 1):
        index = missing[0] + offset
        if values[index % count] is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(index)
    if current:
        runs.append(current)
    return runs
