"""Ranked horizontal bars: one row per item (a module), best first, with the self-image and
the customers' view as two bars side by side and the values written at their ends.

It replaces the radar as the report's overview: labels are words, not numbers, and a reader
compares lengths on one axis instead of points around a circle.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from ccassess.report.charts.alt import ranking_alt
from ccassess.report.charts.colours import tint
from ccassess.report.charts.style import ChartStyle
from ccassess.report.charts.svg import SMALL, Svg, label_of, wrap


def ranked_bars(
    chart: ChartStyle,
    rows: Sequence[dict[str, Any]],
    thresholds: Sequence[float],
    names: Sequence[str],
    label: str,
) -> Markup:
    """rows (already ranked): {label, internal, customer}; thresholds: the levels' minimum
    scores; names: (self-image, customers' view) for the legend."""
    width, left, right = 680.0, 230.0, 620.0
    customers = any(r.get("customer") is not None for r in rows)
    bar = 11.0
    row_height = 2 * bar + 14 if customers else bar + 16
    top = 24.0
    height = top + row_height * len(rows) + 44
    svg = Svg(
        width, height, chart.font, ranking_alt(chart, label, rows, names), ident=chart.next_id()
    )
    scale = (right - left) / 100
    bounds = [*thresholds, 100.0]
    body = row_height * len(rows)
    for index in range(len(thresholds)):
        x0, x1 = left + bounds[index] * scale, left + bounds[index + 1] * scale
        svg.add(
            "rect",
            x=x0,
            y=top,
            width=x1 - x0,
            height=body,
            fill=tint(chart.level_colour(index + 1), 0.86),
        )
        svg.text((x0 + x1) / 2, top - 8, str(index + 1), SMALL, "middle", chart.p.muted, "bold")
    for index, row in enumerate(rows):
        y = top + index * row_height
        mid = y + row_height / 2
        if index:
            svg.add("line", x1=left, y1=y, x2=right, y2=y, stroke="#ffffff", stroke_width=1.5)
        svg.lines(left - 10, mid, wrap(label_of(row), 36, 2), 10, "end", chart.p.text)
        series = [("internal", chart.p.internal)]
        if customers:
            series.append(("customer", chart.p.customer))
        first = mid - (len(series) * bar) / 2
        for offset, (key, colour) in enumerate(series):
            value = row.get(key)
            bar_y = first + offset * bar
            if value is None:
                svg.text(left + 4, bar_y + bar - 2, "–", 9, fill=chart.p.muted)
                continue
            svg.add(
                "rect",
                x=left,
                y=bar_y + 1,
                width=max(1.5, value * scale),
                height=bar - 2,
                fill=colour,
            )
            svg.text(
                left + value * scale + 4,
                bar_y + bar - 2.5,
                chart.num(value),
                9,
                fill=chart.p.text,
                weight="bold",
            )
    axis_y = top + body
    for value in (0, 20, 40, 60, 80, 100):
        x = left + value * scale
        svg.add("line", x1=x, y1=axis_y, x2=x, y2=axis_y + 4, stroke=chart.p.muted, stroke_width=1)
        svg.text(x, axis_y + 15, chart.num(value), 8.5, "middle", chart.p.muted)
    items = [(names[0], chart.p.internal, "dot")]
    if customers:
        items.append((names[1], chart.p.customer, "dot"))
    chart.legend(svg, left, height - 10, items)
    return svg.render()
