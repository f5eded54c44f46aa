"""`--format pptx`: a slide deck with python-pptx whose charts are native PowerPoint charts.

A consultant pastes a slide into their own deck and edits it: bars, stacked bars and lines
are chart objects with their data inside (not pictures), in the theme's colours; every chart
and picture has alt text; every slide has speaker notes with the method and n. Only the
numbers of the result appear — never a respondent's name or answer.
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Inches, Pt

from ccassess.catalogs import label as catalog_label
from ccassess.format import day, number
from ccassess.model.drivers import QUADRANTS
from ccassess.report.resources import image_data_url
from ccassess.report.sections.board import initiatives, key_messages, response_rates
from ccassess.report.sections.summary import summary
from ccassess.report.sections.view import View
from ccassess.report.theme import load_theme

if TYPE_CHECKING:
    from ccassess.model.result import AssessmentResult
    from ccassess.report import ReportOptions

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)


@dataclass
class Deck:
    """The presentation being built, the language and the theme's colours."""

    prs: Any
    view: View
    colours: dict[str, str]
    levels: list[str]

    def t(self, key: str, **values: object) -> str:
        return catalog_label(self.view.lang, "deck_" + key).format(**values)

    def num(self, value: float | None, digits: int = 0) -> str:
        return number(value, self.view.lang, digits)

    def slide(self, title: str, notes: str) -> Any:
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])  # title only
        slide.shapes.title.text = title
        _style_title(slide.shapes.title, self.colours["primary"])
        slide.notes_slide.notes_text_frame.text = notes
        return slide

    def described(
        self, alt: str, categories: list[str], series: list[tuple[str, list[float | None], str]]
    ) -> str:
        """A chart's alt text: what it shows, then its values per category, written from the
        data it draws (as the report's charts do), so a screen reader hears the numbers."""
        rows = []
        for index, category in enumerate(categories):
            values = [
                f"{name} {self.num(values[index])}"
                for name, values, _ in series
                if index < len(values) and values[index] is not None
            ]
            rows.append(f"{category}: {', '.join(values)}" if values else category)
        return f"{alt}. " + "; ".join(rows) + "." if rows else alt

    def chart(
        self,
        slide: Any,
        kind: Any,
        categories: list[str],
        series: list[tuple[str, list[float | None], str]],
        alt: str,
        top: int = Inches(1.4),
        height: int = Inches(5.6),
    ) -> Any:
        data = CategoryChartData(number_format="0")
        data.categories = categories
        for name, values, _ in series:
            # full precision: the labels round ("0"); a value rounded first would round twice
            data.add_series(name, [None if v is None else round(v, 6) for v in values])
        frame = slide.shapes.add_chart(kind, MARGIN, top, WIDTH - 2 * MARGIN, height, data)
        frame._element.nvGraphicFramePr.cNvPr.set("descr", self.described(alt, categories, series))
        chart = frame.chart
        chart.has_legend = len(series) > 1
        if chart.has_legend:
            chart.legend.position = XL_LEGEND_POSITION.BOTTOM
            chart.legend.include_in_layout = False
        chart.font.size = Pt(12)
        for plot_series, (_, _, colour) in zip(chart.plots[0].series, series, strict=True):
            fill = plot_series.format.fill if kind != XL_CHART_TYPE.LINE_MARKERS else None
            if fill is not None:
                fill.solid()
                fill.fore_color.rgb = _rgb(colour)
            else:
                plot_series.format.line.color.rgb = _rgb(colour)
                plot_series.format.line.width = Pt(2.5)
        plot = chart.plots[0]
        if kind != XL_CHART_TYPE.LINE_MARKERS:
            plot.has_data_labels = True
            plot.data_labels.number_format = "0"
            plot.data_labels.number_format_is_linked = False
            plot.data_labels.font.size = Pt(10)
        return chart

    def text(self, slide: Any, lines: list[str], top: int, size: int = 16) -> None:
        box = slide.shapes.add_textbox(MARGIN, top, WIDTH - 2 * MARGIN, Inches(0.5))
        frame = box.text_frame
        frame.word_wrap = True
        for index, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.text = line
            paragraph.font.size = Pt(size)
            paragraph.font.color.rgb = _rgb(self.colours["text"])


def render_pptx(result: AssessmentResult, options: ReportOptions) -> bytes:
    theme = load_theme(options.theme)
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    deck = Deck(prs, View(result, options.lang), dict(theme.colours), list(theme.levels))
    _title_slide(deck, theme.logo, result.info.logo)
    _messages_slide(deck)
    _headline_slide(deck)
    _modules_slide(deck)
    _gap_slide(deck)
    _drivers_slide(deck)
    _trend_slide(deck)
    _rates_slide(deck)
    _initiatives_slide(deck)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _method_note(deck: Deck) -> str:
    r = deck.view.result
    return deck.t(
        "method_note",
        internal=r.respondents.internal,
        customer=r.respondents.customer,
        version=r.method_version,
    )


def _title_slide(deck: Deck, theme_logo: str | None, client_logo: str | None) -> None:
    r = deck.view.result
    slide = deck.prs.slides.add_slide(deck.prs.slide_layouts[0])
    slide.shapes.title.text = r.info.title or deck.t("deck_title")
    _style_title(slide.shapes.title, deck.colours["primary"])
    subtitle = [r.info.client, day(r.info.date, deck.view.lang) if r.info.date else ""]
    if r.info.prepared_by:
        subtitle.append(deck.t("prepared_by", who=r.info.prepared_by))
    slide.placeholders[1].text = "\n".join(line for line in subtitle if line)
    for index, (logo, name) in enumerate(
        ((theme_logo, deck.t("logo_consultancy")), (_logo_data(client_logo), r.info.client))
    ):
        picture = _picture(logo)
        if picture is None:
            continue
        left = MARGIN if index == 0 else WIDTH - MARGIN - Inches(2.2)
        shape = slide.shapes.add_picture(picture, left, Inches(0.4), height=Inches(0.9))
        shape._element.nvPicPr.cNvPr.set("descr", f"{deck.t('logo')}: {name}")
    slide.notes_slide.notes_text_frame.text = _method_note(deck)


def _messages_slide(deck: Deck) -> None:
    messages = key_messages(deck.view)
    narrative = deck.view.result.narrative
    if not messages or narrative is None:
        return
    slide = deck.slide(deck.t("key_messages"), deck.t("messages_note") + "\n" + _method_note(deck))
    plain = [f"{i}. {_plain(m)}" for i, m in enumerate(narrative.key_messages, start=1)]
    deck.text(slide, plain, Inches(1.5), size=22)


def _headline_slide(deck: Deck) -> None:
    s = summary(deck.view)
    staff, customers = s["staff"], s["customers"]
    categories = [deck.t("maturity")]
    values: list[float | None] = [s["score"]]
    if customers:
        categories.append(deck.t("customers"))
        values.append(customers["score"])
    lines = []
    for label, part in ((deck.t("maturity"), staff), (deck.t("customers"), customers)):
        if part:
            interval = (
                deck.t("interval", low=deck.num(part["low"]), high=deck.num(part["high"]))
                if part["low"] is not None
                else ""
            )
            lines.append(f"{label}: {deck.num(part['score'])} {interval} · n = {part['n']}")
    for kpi in s["outcomes"][:4]:
        interval = f" ({kpi['low']} – {kpi['high']})" if kpi["low"] is not None else ""
        n = f" · n = {kpi['n']}" if kpi["n"] is not None else ""
        unit = f" {kpi['unit']}" if kpi["unit"] else ""
        lines.append(f"{kpi['label']}: {kpi['value']}{unit}{interval}{n}")
    slide = deck.slide(deck.t("headline"), _method_note(deck) + "\n" + "\n".join(lines))
    deck.chart(
        slide,
        XL_CHART_TYPE.COLUMN_CLUSTERED,
        categories,
        [(deck.t("score"), values, deck.colours["primary"])],
        deck.t(
            "alt_headline",
            values=", ".join(f"{c} {deck.num(v)}" for c, v in zip(categories, values, strict=True)),
        ),
        top=Inches(1.3),
        height=Inches(3.6),
    )
    deck.text(slide, lines, Inches(5.0), size=14)


def _modules_slide(deck: Deck) -> None:
    r = deck.view.result
    modules = sorted((m for m in r.modules if m.score is not None), key=lambda m: m.score or 0)
    if not modules:
        return
    categories = [deck.view.tr(m.title) for m in modules]
    internal = [m.score for m in modules]
    customer = [
        m.by_perspective["customer"].score if "customer" in m.by_perspective else None
        for m in modules
    ]
    series = [(deck.t("self_image"), internal, deck.colours["internal"])]
    if any(v is not None for v in customer):
        series.append((deck.t("customers"), customer, deck.colours["customer"]))
    slide = deck.slide(deck.t("modules"), _method_note(deck) + "\n" + deck.t("modules_note"))
    deck.chart(slide, XL_CHART_TYPE.BAR_CLUSTERED, categories, series, deck.t("alt_modules"))


def _gap_slide(deck: Deck) -> None:
    rows = [
        (deck.view.tr(d.title), d.mirror)
        for m in deck.view.result.modules
        for d in m.dimensions
        if d.mirror is not None
    ]
    if not rows:
        return
    rows.sort(key=lambda row: row[1].gap)
    mirror = deck.view.result.mirror
    note = _method_note(deck) + "\n" + deck.t("gap_note")
    if mirror is not None:
        note += "\n" + deck.t(
            "gap_overall",
            internal=deck.num(mirror.internal),
            customer=deck.num(mirror.customer),
            gap=deck.num(mirror.gap),
        )
    slide = deck.slide(deck.t("gap"), note)
    deck.chart(
        slide,
        XL_CHART_TYPE.BAR_CLUSTERED,
        [title for title, _ in rows],
        [
            (deck.t("self_image"), [m.internal for _, m in rows], deck.colours["internal"]),
            (deck.t("customers"), [m.customer for _, m in rows], deck.colours["customer"]),
        ],
        deck.t("alt_gap"),
    )


def _drivers_slide(deck: Deck) -> None:
    """Importance × performance as a native XY scatter: one series per quadrant, so that
    each quadrant has its colour and its name in the legend. The customers' own importance
    ratings where they gave them; otherwise importance derived from correlations."""
    result = deck.view.result
    rated = [
        row
        for row in (result.importance.rows if result.importance else [])
        if row.quadrant and row.importance is not None and row.performance is not None
    ]
    analysis = result.drivers
    if not rated and (analysis is None or not analysis.drivers):
        return
    data = XyChartData()
    colours = {
        "fix_first": deck.levels[0],
        "keep_up": deck.levels[-1],
        "possible_overkill": deck.colours["muted"],
        "low_priority": deck.colours["rule"],
    }
    # (quadrant, performance, importance) per dimension; the rated view calls "fix first"
    # "concentrate here"
    if rated:
        points = [
            (
                "fix_first" if r.quadrant == "concentrate" else str(r.quadrant),
                r.performance,
                r.importance,
            )
            for r in rated
        ]
        digits = 1
    else:
        assert analysis is not None
        points = [(d.quadrant, d.performance, d.importance) for d in analysis.drivers]
        digits = 2
    used = []
    for quadrant in QUADRANTS:
        members = [(x, y) for q, x, y in points if q == quadrant]
        if not members:
            continue
        series = data.add_series(deck.t(quadrant))
        for x, y in members:
            series.add_data_point(round(float(x or 0), 1), round(float(y or 0), digits))
        used.append(quadrant)
    if rated:
        note = "\n".join(
            [
                _method_note(deck),
                deck.t("rated_note"),
                *(
                    f"{deck.view.tr(r.title)}: {deck.t('importance')} {deck.num(r.importance)} "
                    f"(n = {r.importance_n}), {deck.t('customers')} {deck.num(r.performance)}"
                    for r in rated
                ),
            ]
        )
    else:
        assert analysis is not None
        note = "\n".join(
            [
                _method_note(deck),
                deck.t("drivers_note", outcome=deck.view.tr(analysis.outcome), n=analysis.n),
                *(
                    f"{deck.view.tr(d.title)}: r = {deck.num(d.importance, 2)}, "
                    f"{deck.t('customers')} {deck.num(d.performance)}, n = {d.n}"
                    for d in analysis.drivers[:5]
                ),
            ]
        )
    slide = deck.slide(deck.t("drivers"), note)
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.XY_SCATTER, MARGIN, Inches(1.4), WIDTH - 2 * MARGIN, Inches(5.6), data
    )
    frame._element.nvGraphicFramePr.cNvPr.set(
        "descr", deck.t("alt_rated" if rated else "alt_drivers")
    )
    chart = frame.chart
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    for plot_series, quadrant in zip(chart.plots[0].series, used, strict=True):
        plot_series.marker.format.fill.solid()
        plot_series.marker.format.fill.fore_color.rgb = _rgb(colours[quadrant])
        plot_series.format.line.fill.background()  # points only, no connecting line


def _trend_slide(deck: Deck) -> None:
    r = deck.view.result
    if not r.trend:
        return
    rounds = [p.round for p in r.trend] + [deck.t("this_round")]
    series = [
        (
            deck.view.tr(m.title),
            [p.modules.get(m.id) for p in r.trend] + [m.score],
            ([*deck.levels, deck.colours["primary"]])[i % (len(deck.levels) + 1)],
        )
        for i, m in enumerate(r.modules)
    ]
    series.append(
        (deck.t("overall"), [p.score for p in r.trend] + [r.score], deck.colours["primary"])
    )
    if r.mirror is not None and any(p.gap is not None for p in r.trend):
        gaps = [p.gap for p in r.trend] + [r.mirror.gap]
        series.append((deck.t("gap_series"), gaps, deck.colours["customer"]))
    slide = deck.slide(deck.t("trend"), _method_note(deck) + "\n" + deck.t("trend_note"))
    deck.chart(slide, XL_CHART_TYPE.LINE_MARKERS, rounds, series, deck.t("alt_trend"))


def _rates_slide(deck: Deck) -> None:
    rates = response_rates(deck.view)
    groups = [
        row for row in rates["groups"] if row["invited"] is not None and row["rate"] is not None
    ]
    if not groups:
        return
    answered: list[float | None] = [float(row["n"]) for row in groups]
    missing: list[float | None] = [float(row["invited"] - row["n"]) for row in groups]
    note = _method_note(deck) + "\n" + deck.t("rates_note", threshold=rates["threshold"])
    if rates["low"]:
        note += "\n" + deck.t("rates_low", groups=", ".join(rates["low"]))
    slide = deck.slide(deck.t("rates"), note)
    deck.chart(
        slide,
        XL_CHART_TYPE.BAR_STACKED,
        [f"{row['name']} ({row['rate_label']})" for row in groups],
        [
            (deck.t("answered"), answered, deck.colours["internal"]),
            (deck.t("not_answered"), missing, deck.colours["rule"]),
        ],
        deck.t("alt_rates"),
    )


def _initiatives_slide(deck: Deck) -> None:
    plan = initiatives(deck.view)
    if not plan:
        return
    slide = deck.slide(
        deck.t("initiatives"), _method_note(deck) + "\n" + deck.t("initiatives_note")
    )
    rows = plan["initiatives"]
    table = slide.shapes.add_table(
        len(rows) + 1, 3, MARGIN, Inches(1.4), WIDTH - 2 * MARGIN, Inches(0.5)
    ).table
    table.columns[0].width = Inches(8.3)
    table.columns[1].width = Inches(1.6)
    table.columns[2].width = WIDTH - 2 * MARGIN - Inches(9.9)
    for col, key in enumerate(("initiative", "priority", "owner")):
        table.cell(0, col).text = deck.t(key)
    for index, row in enumerate(rows, start=1):
        table.cell(index, 0).text = f"{row['number']}. {row['title']}"
        table.cell(index, 1).text = deck.t(f"priority_{row['priority_label']}")
        owner = row["owner"] or deck.t("owner_open")
        table.cell(index, 2).text = owner + (f" ({row['due']})" if row["due"] else "")
        for col in range(3):
            for paragraph in table.cell(index, col).text_frame.paragraphs:
                paragraph.font.size = Pt(14)


def _style_title(shape: Any, colour: str) -> None:
    for paragraph in shape.text_frame.paragraphs:
        paragraph.font.color.rgb = _rgb(colour)
        paragraph.font.bold = True
        paragraph.font.size = Pt(30)


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#")[:6].upper())


def _logo_data(path: str | None) -> str | None:
    """The assessment's logo setting as a data: URL (only PNG and JPEG go into a deck)."""
    if not path:
        return None
    return image_data_url(Path(path), "the assessment's logo setting")


def _picture(data_url: str | None) -> io.BytesIO | None:
    """PNG or JPEG bytes from a data: URL; SVG (which PowerPoint files cannot hold as a
    picture portably) is left out."""
    if not data_url:
        return None
    match = re.match(r"data:image/(png|jpeg);base64,(.*)", data_url, re.S)
    return io.BytesIO(base64.b64decode(match.group(2))) if match else None


def _plain(markdown: str) -> str:
    """A Markdown line as plain slide text: emphasis and link syntax dropped."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"(\*\*|__|\*|_|`)", "", text)
    return " ".join(text.split())
