"""The maturity scale: the levels as coloured segments with a marker at a score."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from ccassess.report.charts.alt import scale_alt
from ccassess.report.charts.style import ChartStyle
from ccassess.report.charts.svg import Svg


def level_scale(
    chart: ChartStyle,
    score: float | None,
    thresholds: Sequence[float],
    names: Sequence[str],
    label: str,
    marker: str = "",
    alt: str | None = None,
) -> Markup:
    """The five levels as coloured segments with a marker at the score."""
    width, height = 680.0, 84.0
    alt = alt or scale_alt(chart, label, score, thresholds, names, marker)
    svg = Svg(width, height, chart.font, alt, ident=chart.next_id())
    top, bar_h = 30.0, 18.0
    bounds = [*thresholds, 100.0]
    for index in range(len(thresholds)):
        x0, x1 = bounds[index] * width / 100, bounds[index + 1] * width / 100
        colour = chart.level_colour(index + 1)
        svg.add("rect", x=x0 + 1, y=top, width=x1 - x0 - 2, height=bar_h, fill=colour)
        svg.text(
            (x0 + x1) / 2,
            top + bar_h + 16,
            f"{index + 1} · {names[index]}" if index < len(names) else str(index + 1),
            9.5,
            "middle",
            chart.p.text,
        )
    if score is not None:
        x = max(6.0, min(width - 6.0, score * width / 100))
        svg.add(
            "polygon",
            points=f"{x - 7:.1f},{top - 13:.1f} {x + 7:.1f},{top - 13:.1f} {x:.1f},{top - 2:.1f}",
            fill=chart.p.text,
        )
        anchor = "middle" if 40 < x < width - 40 else ("start" if x <= 40 else "end")
        svg.text(x, top - 17, marker or chart.num(score, 1), 11, anchor, chart.p.text, "bold")
    return svg.render()
