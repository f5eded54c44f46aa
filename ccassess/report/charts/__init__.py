"""Charts as inline SVG, written by small functions (no plotting library, no JavaScript).

Each chart kind takes plain data that is already computed (scores 0–100, shares 0–1, labels
in the report's language) and returns the SVG as Markup; every label is escaped. Geometry is
computed here so that templates only place the chart. The kinds are generic — radar, bars,
heatmap, shares, the level scale — and know no module: a plugin's template draws its own data
with them and names its items' colours by the theme's colour names.

`Charts` is what templates call as `chart`: every kind, bound to the theme and the language.
"""

from __future__ import annotations

from ccassess.report.charts.bars import dimension_bars as _dimension_bars
from ccassess.report.charts.bars import gap_bars as _gap_bars
from ccassess.report.charts.colours import COLOUR_NAMES, Palette, mix, readable_on, tint
from ccassess.report.charts.heatmap import heatmap as _heatmap
from ccassess.report.charts.quadrant import quadrant as _quadrant
from ccassess.report.charts.radar import radar as _radar
from ccassess.report.charts.ranking import ranked_bars as _ranked_bars
from ccassess.report.charts.scale import level_scale as _level_scale
from ccassess.report.charts.shares import share_bar as _share_bar
from ccassess.report.charts.shares import stacked_rows as _stacked_rows
from ccassess.report.charts.style import ChartStyle
from ccassess.report.charts.svg import Svg, wrap
from ccassess.report.charts.trend import trend_panels as _trend_panels

__all__ = ["COLOUR_NAMES", "Charts", "Palette", "Svg", "mix", "readable_on", "tint", "wrap"]


class Charts(ChartStyle):
    """The chart kinds, bound to a theme's palette and font and the report language."""

    radar = _radar
    quadrant = _quadrant
    ranked_bars = _ranked_bars
    dimension_bars = _dimension_bars
    gap_bars = _gap_bars
    heatmap = _heatmap
    share_bar = _share_bar
    stacked_rows = _stacked_rows
    level_scale = _level_scale
    trend_panels = _trend_panels
