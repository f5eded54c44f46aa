"""Horizontal bars on the 0–100 scale: dimension scores over the level bands, and the
perception gap as dumbbells (self-image against the customers' view).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from ccassess.report.charts.alt import bars_alt, gap_alt
from ccassess.report.charts.colours import tint
from ccassess.report.charts.style import ChartStyle
from ccassess.report.charts.svg import SMALL, Svg, label_of, wrap


def dimension_bars(
    chart: ChartStyle,
    rows: Sequence[dict[str, Any]],
    thresholds: Sequence[float],
    label: str,
    legend: Sequence[str] = (),
    alt: str | None = None,
) -> Markup:
    """Horizontal score bars over coloured level bands; markers for the perspectives.

    rows: {label, score, level, internal, customer}. thresholds: the levels' minimum
    scores (ascending). legend: names for (score, internal, customer). alt: the text
    alternative, if not the one written from the rows (as for every chart kind).
    """
    width, left, right = 680.0, 250.0, 628.0
    row_height, top = 32.0, 28.0
    markers = any(r.get("internal") is not None or r.get("customer") is not None for r in rows)
    height = top + row_height * len(rows) + 26 + (22 if markers else 0)
    alt = alt or bars_alt(chart, label, rows, legend)
    svg = Svg(width, height, chart.font, alt, ident=chart.next_id())
    scale = (right - left) / 100

    bounds = [*thresholds, 100.0]
    for index in range(len(thresholds)):
        x0, x1 = left + bounds[index] * scale, left + bounds[index + 1] * scale
        colour = chart.level_colour(index + 1)
        svg.add(
            "rect",
            x=x0,
            y=top,
            width=x1 - x0,
            height=row_height * len(rows),
            fill=tint(colour, 0.82),
        )
        svg.text((x0 + x1) / 2, top - 8, str(index + 1), SMALL, "middle", chart.p.muted, "bold")
    for row_index, row in enumerate(rows):
        y = top + row_index * row_height
        mid = y + row_height / 2
        if row_index:
            svg.add("line", x1=left, y1=y, x2=right, y2=y, stroke="#ffffff", stroke_width=1.2)
        svg.lines(left - 10, mid, wrap(label_of(row), 40, 2), 10, "end", chart.p.text)
        score = row.get("score")
        if score is None:
            svg.text(left + 6, mid + 3.5, "–", 10, fill=chart.p.muted)
            continue
        colour = chart.level_colour(row.get("level"))
        svg.add(
            "rect",
            x=left,
            y=mid - 7,
            width=max(1.5, score * scale),
            height=14,
            fill=colour,
            rx=2,
        )
        svg.text(right + 8, mid + 4, chart.num(score), 11, fill=chart.p.text, weight="bold")
        for key, shape in (("internal", "circle"), ("customer", "diamond")):
            value = row.get(key)
            if value is None:
                continue
            x = left + value * scale
            fill = chart.p.internal if key == "internal" else chart.p.customer
            if shape == "circle":
                svg.add(
                    "circle", cx=x, cy=mid, r=4.6, fill=fill, stroke="#ffffff", stroke_width=1.4
                )
            else:
                svg.add(
                    "polygon",
                    points=f"{x:.1f},{mid - 6:.1f} {x + 6:.1f},{mid:.1f} "
                    f"{x:.1f},{mid + 6:.1f} {x - 6:.1f},{mid:.1f}",
                    fill=fill,
                    stroke="#ffffff",
                    stroke_width=1.4,
                )
    axis_y = top + row_height * len(rows)
    for value in (0, 20, 40, 60, 80, 100):
        x = left + value * scale
        svg.add("line", x1=x, y1=axis_y, x2=x, y2=axis_y + 4, stroke=chart.p.muted, stroke_width=1)
        svg.text(x, axis_y + 15, chart.num(value), 8.5, "middle", chart.p.muted)
    if markers and len(legend) >= 3:
        y = height - 10
        chart.legend(
            svg,
            left,
            y,
            [(legend[1], chart.p.internal, "dot"), (legend[2], chart.p.customer, "diamond")],
        )
    return svg.render()


def gap_bars(
    chart: ChartStyle,
    rows: Sequence[dict[str, Any]],
    names: Sequence[str],
    label: str,
    alt: str | None = None,
) -> Markup:
    """Dumbbells: internal vs customer score per row, with the gap (internal − customer).

    rows: {label, internal, customer, gap}. names: (internal, customer, gap) labels.
    """
    width, left, right = 680.0, 250.0, 600.0
    row_height, top = 30.0, 26.0
    height = top + row_height * len(rows) + 46
    alt = alt or gap_alt(chart, label, rows, names)
    svg = Svg(width, height, chart.font, alt, ident=chart.next_id())
    scale = (right - left) / 100
    for value in (0, 20, 40, 60, 80, 100):
        x = left + value * scale
        svg.add(
            "line",
            x1=x,
            y1=top - 4,
            x2=x,
            y2=top + row_height * len(rows),
            stroke=chart.p.rule,
            stroke_width=0.8,
        )
        svg.text(
            x, top + row_height * len(rows) + 14, chart.num(value), 8.5, "middle", chart.p.muted
        )
    svg.text(width - 4, top - 10, names[2], SMALL, "end", chart.p.muted, "bold")
    for index, row in enumerate(rows):
        mid = top + index * row_height + row_height / 2
        if index % 2 == 0:
            svg.add(
                "rect",
                x=0,
                y=mid - row_height / 2,
                width=width,
                height=row_height,
                fill=chart.p.background,
                fill_opacity=0.6,
            )
        svg.lines(left - 10, mid, wrap(label_of(row), 40, 2), 10, "end", chart.p.text)
        internal, customer = row["internal"], row["customer"]
        xi, xc = left + internal * scale, left + customer * scale
        svg.add(
            "line", x1=xc, y1=mid, x2=xi, y2=mid, stroke=tint(chart.p.text, 0.55), stroke_width=3
        )
        svg.add("circle", cx=xi, cy=mid, r=5.5, fill=chart.p.internal)
        svg.add("circle", cx=xc, cy=mid, r=5.5, fill=chart.p.customer)
        gap = row["gap"]
        sign = "+" if gap > 0.5 else ("−" if gap < -0.5 else "±")
        colour = chart.level_colour(1) if abs(gap) >= 20 else chart.p.text
        svg.text(width - 4, mid + 4, f"{sign}{chart.num(abs(gap))}", 11, "end", colour, "bold")
    chart.legend(
        svg,
        left,
        height - 10,
        [(names[0], chart.p.internal, "dot"), (names[1], chart.p.customer, "dot")],
    )
    return svg.render()
