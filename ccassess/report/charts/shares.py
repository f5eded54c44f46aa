"""Shares of a whole as 100 % bars: one bar split into segments, or one bar per row."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from ccassess.format import percent
from ccassess.report.charts.alt import share_alt, stacked_alt
from ccassess.report.charts.colours import readable_on
from ccassess.report.charts.style import ChartStyle
from ccassess.report.charts.svg import Svg, label_of, wrap


def share_bar(
    chart: ChartStyle, segments: Sequence[dict[str, Any]], label: str, alt: str | None = None
) -> Markup:
    """One 100 % bar split into segments: {id, label, share (0–1), colour, tint}.

    colour (optional): a theme colour name (see `colour`), lightened by tint (0–1).
    """
    width, height = 680.0, 96.0
    alt = alt or share_alt(chart, label, segments)
    svg = Svg(width, height, chart.font, alt, ident=chart.next_id())
    x, top, bar_h = 0.0, 8.0, 36.0
    segments = [
        {**s, "colour": colour}
        for s, colour in zip(segments, chart.item_colours(segments), strict=True)
    ]
    total = sum(s["share"] or 0 for s in segments) or 1.0
    for segment in segments:
        share = (segment["share"] or 0) / total
        w = share * width
        if w <= 0:
            continue
        svg.add("rect", x=x, y=top, width=w, height=bar_h, fill=segment["colour"])
        if w > 46:
            svg.text(
                x + w / 2,
                top + bar_h / 2 + 5,
                percent(segment["share"], chart.lang),
                13,
                "middle",
                readable_on(segment["colour"]),
                "bold",
            )
        x += w
    svg.add(
        "rect",
        x=0,
        y=top,
        width=width,
        height=bar_h,
        fill="none",
        stroke="#ffffff",
        stroke_width=1,
    )
    chart.legend(
        svg,
        0,
        top + bar_h + 24,
        [
            (f"{s['label']} ({percent(s['share'], chart.lang)})", s["colour"], "box")
            for s in segments[:3]
        ],
    )
    if len(segments) > 3:
        chart.legend(
            svg,
            0,
            top + bar_h + 44,
            [
                (f"{s['label']} ({percent(s['share'], chart.lang)})", s["colour"], "box")
                for s in segments[3:]
            ],
        )
    return svg.render()


def stacked_rows(
    chart: ChartStyle,
    rows: Sequence[dict[str, Any]],
    categories: Sequence[dict[str, Any]],
    label: str,
    alt: str | None = None,
) -> Markup:
    """Rows of 100 % bars (e.g. how answers fall into categories, per feature).

    rows: {label, shares: {category id: 0–1}}; categories: {id, label, colour, tint}
    (colour optional, as in `share_bar`).
    """
    categories = [
        {**c, "colour": colour}
        for c, colour in zip(categories, chart.item_colours(categories), strict=True)
    ]
    width, left, right = 680.0, 230.0, 676.0
    row_height, top = 26.0, 6.0
    legend_rows = math.ceil(len(categories) / 3)
    height = top + row_height * len(rows) + 14 + 20 * legend_rows
    alt = alt or stacked_alt(chart, label, rows, categories)
    svg = Svg(width, height, chart.font, alt, ident=chart.next_id())
    for index, row in enumerate(rows):
        y = top + index * row_height
        svg.lines(
            left - 10, y + row_height / 2, wrap(label_of(row), 38, 2), 9.5, "end", chart.p.text
        )
        x = left
        for category in categories:
            share = row["shares"].get(category["id"]) or 0.0
            w = share * (right - left)
            if w <= 0:
                continue
            svg.add("rect", x=x, y=y + 4, width=w, height=row_height - 8, fill=category["colour"])
            if w > 30:
                svg.text(
                    x + w / 2,
                    y + row_height / 2 + 3.5,
                    percent(share, chart.lang),
                    8.5,
                    "middle",
                    readable_on(category["colour"]),
                )
            x += w
    y = top + row_height * len(rows) + 18
    for start in range(0, len(categories), 3):
        chart.legend(
            svg,
            left,
            y,
            [(c["label"], c["colour"], "box") for c in categories[start : start + 3]],
        )
        y += 20
    return svg.render()
