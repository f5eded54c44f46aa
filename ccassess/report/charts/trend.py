"""Trend lines as small multiples: one small panel per series (overall, each module, the
perception gap), the rounds along the bottom, the values written at each point.

Small panels rather than one chart with many crossing lines: each title is a word, each
line is read alone, and a change beyond noise is marked by a filled last point.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from ccassess.report.charts.alt import trend_alt
from ccassess.report.charts.style import ChartStyle
from ccassess.report.charts.svg import SMALL, Svg, wrap


def trend_panels(
    chart: ChartStyle, rounds: Sequence[str], panels: Sequence[dict[str, Any]], label: str
) -> Markup:
    """panels: {title, values (one per round, None where missing), kind: "score"|"gap",
    beyond_noise}. Scores run 0–100; gaps −50…+50 around a zero line."""
    columns = 3
    panel_w, panel_h = 220.0, 118.0
    rows = (len(panels) + columns - 1) // columns
    width, height = panel_w * columns, panel_h * rows + 6
    svg = Svg(
        width, height, chart.font, trend_alt(chart, label, rounds, panels), ident=chart.next_id()
    )
    for index, panel in enumerate(panels):
        x0 = (index % columns) * panel_w
        y0 = (index // columns) * panel_h
        _panel(chart, svg, x0, y0, panel_w, panel_h, rounds, panel)
    return svg.render()


def _panel(
    chart: ChartStyle,
    svg: Svg,
    x0: float,
    y0: float,
    w: float,
    h: float,
    rounds: Sequence[str],
    panel: dict[str, Any],
) -> None:
    left, right = x0 + 14, x0 + w - 22
    top, bottom = y0 + 34, y0 + h - 22
    gap = panel.get("kind") == "gap"
    low, high = (-50.0, 50.0) if gap else (0.0, 100.0)
    svg.lines(x0 + 10, y0 + 14, wrap(panel["title"], 34, 2), 9, "start", chart.p.text)
    svg.add("rect", x=left, y=top, width=right - left, height=bottom - top, fill=chart.p.background)
    if gap:
        zero = bottom - (0 - low) / (high - low) * (bottom - top)
        svg.add("line", x1=left, y1=zero, x2=right, y2=zero, stroke=chart.p.muted, stroke_width=0.8)
    steps = max(1, len(rounds) - 1)
    colour = chart.p.customer if gap else chart.p.internal
    points: list[tuple[float, float, float]] = []
    for i, value in enumerate(panel["values"]):
        if value is None:
            continue
        x = left + 10 + i * (right - left - 20) / steps
        clipped = min(high, max(low, value))
        y = bottom - (clipped - low) / (high - low) * (bottom - top)
        points.append((x, y, value))
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
        svg.add("polyline", points=path, fill="none", stroke=colour, stroke_width=2.2)
    for n, (x, y, value) in enumerate(points):
        last = n == len(points) - 1
        filled = not last or panel.get("beyond_noise")
        svg.add(
            "circle",
            cx=x,
            cy=y,
            r=3.6,
            fill=colour if filled else "#ffffff",
            stroke=colour,
            stroke_width=1.6,
        )
        shown = chart.num(value)
        if gap and value > 0.5:
            shown = "+" + shown
        svg.text(x, y - 7, shown.replace("-", "−"), 8.5, "middle", chart.p.text, "bold")
    for i, name in enumerate(rounds):
        x = left + 10 + i * (right - left - 20) / steps
        svg.text(x, bottom + 11, name[:14], SMALL - 2, "middle", chart.p.muted)
