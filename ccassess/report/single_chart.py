"""Single charts for other decks and documents (`ccassess chart NAME -o x.svg|png`).

The same chart functions and section data as the report, drawn alone in the theme's colours
and the report language. SVG is the chart as the report draws it; PNG is that SVG
rasterised by CairoSVG (an optional dependency: `pip install 'ccassess[png]'`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from markupsafe import Markup

from ccassess.catalogs import _
from ccassess.errors import CcassessError
from ccassess.report.charts import Charts, Palette
from ccassess.report.i18n import text
from ccassess.report.sections.perception_gap import perception_gap
from ccassess.report.sections.ranking import module_ranking
from ccassess.report.sections.summary import summary
from ccassess.report.sections.view import View
from ccassess.report.theme import load_theme

if TYPE_CHECKING:
    from pathlib import Path

    from ccassess.model.result import AssessmentResult

#: PNG pixels per SVG unit: charts are ~680 units wide, so about 2000 pixels.
PNG_SCALE = 3.0


def _ranking(view: View, chart: Charts) -> Markup | None:
    data = module_ranking(view)
    if data is None:
        return None
    title = text("ranking_title").get(view.lang)
    return chart.ranked_bars(data["rows"], data["thresholds"], data["names"], title)


def _gap(view: View, chart: Charts) -> Markup | None:
    data = perception_gap(view)
    if data is None or not data["dimensions"]:
        return None
    names = [text(k).get(view.lang) for k in ("series_internal", "series_customer", "gap")]
    return chart.gap_bars(data["dimensions"], names, text("gap_by_dimension").get(view.lang))


def _scale(view: View, chart: Charts) -> Markup | None:
    s = summary(view)
    if s["score"] is None:
        return None
    title = text("maturity_level").get(view.lang)
    return chart.level_scale(
        s["score_shown"], s["thresholds"], s["level_names"], title, s["score_label"]
    )


CHARTS: dict[str, Callable[[View, Charts], Markup | None]] = {
    "ranking": _ranking,
    "gap": _gap,
    "maturity-scale": _scale,
}


def chart_svg(result: AssessmentResult, name: str, lang: str, theme_dir: Path | None) -> str:
    """The named chart as a standalone SVG document."""
    if name not in CHARTS:
        raise CcassessError(
            _("unknown chart {chart}; charts: {charts}").format(
                chart=repr(name), charts=", ".join(CHARTS)
            )
        )
    theme = load_theme(theme_dir)
    chart = Charts(Palette.from_theme(theme), theme.font_stack("body"), lang)
    svg = CHARTS[name](View(result, lang), chart)
    if svg is None:
        raise CcassessError(
            _("chart {chart}: this assessment has no data for it").format(chart=repr(name))
        )
    body = str(svg)
    if "xmlns=" not in body.split(">", 1)[0]:
        body = body.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def svg_to_png(svg: str) -> bytes:
    """Rasterise with CairoSVG; it reads nothing but the SVG (no external resources)."""
    try:
        import cairosvg  # type: ignore[import-untyped]
    except ImportError:
        raise CcassessError(
            _("PNG needs CairoSVG: pip install 'ccassess[png]' (or write an .svg)")
        ) from None
    png: bytes = cairosvg.svg2png(
        bytestring=svg.encode("utf-8"), scale=PNG_SCALE, background_color="white", unsafe=False
    )
    return png
