"""The heatmap: rows × columns of scores coloured on the level scale, with the colour scale."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from ccassess.report.charts.alt import heatmap_alt
from ccassess.report.charts.colours import readable_on
from ccassess.report.charts.style import ChartStyle
from ccassess.report.charts.svg import SMALL, Svg, wrap


def heatmap(
    chart: ChartStyle,
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[float | None]],
    label: str,
    legend: tuple[str, str, str],
    row_labels: int = 1,
    total_row: bool = False,
    alt: str | None = None,
) -> Markup:
    """Rows × columns (e.g. raters × rated departments), cells coloured on the level scale.

    legend: (title of the colour scale, low end, high end). row_labels: lines per label.
    total_row: the last row is a total, set apart by a gap.
    """
    width = 680.0
    left = 150.0 if row_labels == 1 else 230.0
    header = 96.0 if max((len(c) for c in columns), default=0) <= 22 else 120.0
    # room on the right for the last column's slanted label
    cell_w = min(72.0, (width - left - 70) / max(1, len(columns)))
    cell_h = 30.0
    gap = 8.0 if total_row else 0.0
    grid_h = cell_h * len(rows) + gap
    height = header + grid_h + 58
    alt = alt or heatmap_alt(chart, label, rows, columns, values)
    svg = Svg(width, height, chart.font, alt, ident=chart.next_id())
    for index, name in enumerate(columns):
        x = left + index * cell_w + cell_w / 2
        svg.text(
            x + 3,
            header - 8,
            wrap(name, 30, 1)[0],
            10,
            "start",
            chart.p.text,
            transform=f"rotate(-40 {x + 3:.1f} {header - 8:.1f})",
        )
    for r, name in enumerate(rows):
        y = header + r * cell_h + (gap if total_row and r == len(rows) - 1 else 0.0)
        svg.lines(
            left - 8,
            y + cell_h / 2,
            wrap(name, 24 if row_labels == 1 else 40, row_labels),
            10 if row_labels == 1 else 9.5,
            "end",
            chart.p.text,
        )
        for c in range(len(columns)):
            value = values[r][c] if c < len(values[r]) else None
            x = left + c * cell_w
            if value is None:
                svg.add(
                    "rect",
                    x=x + 1,
                    y=y + 1,
                    width=cell_w - 2,
                    height=cell_h - 2,
                    fill=chart.p.background,
                )
                svg.text(x + cell_w / 2, y + cell_h / 2 + 4, "–", 10, "middle", chart.p.muted)
                continue
            fill = chart.score_colour(value)
            svg.add("rect", x=x + 1, y=y + 1, width=cell_w - 2, height=cell_h - 2, fill=fill, rx=2)
            svg.text(
                x + cell_w / 2,
                y + cell_h / 2 + 4,
                chart.num(value),
                10.5,
                "middle",
                readable_on(fill),
                "bold",
            )
    # colour scale
    y = header + grid_h + 22
    steps = 25
    scale_w = 300.0
    x0 = left
    svg.text(x0, y - 6, legend[0], SMALL, fill=chart.p.muted)
    for step in range(steps):
        svg.add(
            "rect",
            x=x0 + step * scale_w / steps,
            y=y,
            width=scale_w / steps + 0.5,
            height=10,
            fill=chart.score_colour((step + 0.5) * 100 / steps),
        )
    svg.text(x0, y + 23, f"0 · {legend[1]}", SMALL, fill=chart.p.muted)
    svg.text(x0 + scale_w, y + 23, f"{legend[2]} · 100", SMALL, "end", chart.p.muted)
    return svg.render()
