"""One number, one meaning: the demo report's figures agree on every page, read from the
rendered text (German and English), not from the result."""

from __future__ import annotations

import re

import pytest

from ccassess.format import number
from ccassess.model.levels import level_for
from ccassess.report import ReportOptions
from ccassess.report.html import render_html
from tests.report.conftest import section_html, text_of

SIGN = {"+": 1, "−": -1, "±": 0}


def signed(text: str) -> int:
    return SIGN[text[0]] * int(text[1:]) if text[0] in SIGN else int(text)


@pytest.fixture(scope="module", params=["de", "en"])
def page(request, registry, demo_result):
    lang = request.param
    html = render_html(demo_result, registry.plugins, ReportOptions(format="html", lang=lang))
    return lang, html.inline_html()


def test_summary_headline_matches_the_overview_total(page, demo_result):
    lang, html = page
    summary = text_of(section_html(html, "summary"))
    overview = text_of(section_html(html, "overview"))
    label, overall = ("Gesamt", "Stufe") if lang == "de" else ("Overall", "Level")
    total = re.search(
        rf"{label} (\d+) {overall} (\d) · [^\d]+ (\d+) {overall} (\d) (\d+) (\d+) ([+−±]\d+) ",
        overview,
    )
    assert total, overview[-400:]
    score, level, customers, customer_level, internal, mirrored, gap = total.groups()
    # the headline in the summary is the overview's total
    maturity = "Reifegrad der Praxis" if lang == "de" else "Practice maturity"
    assert f"{maturity} {score} " in summary
    # a level is the one of the number as displayed
    assert int(level) == level_for(int(score)) and int(customer_level) == level_for(int(customers))
    # the mirrored triple: internal − customers = gap, the same in the summary
    assert int(internal) - int(mirrored) == signed(gap)
    word = "intern" if lang == "de" else "internal"
    them = "Kunden" if lang == "de" else "customers"
    assert f"{word} {internal} · {them} {mirrored}" in summary
    assert demo_result.score is not None and score == number(demo_result.score, lang)


def test_every_module_row_and_chapter_agree(page, demo_result):
    lang, html = page
    overview = text_of(section_html(html, "overview"))
    level = "Stufe" if lang == "de" else "Level"
    for module in demo_result.modules:
        title = module.title.get(lang)
        row = re.search(
            rf"{re.escape(title)} (\d+) {level} (\d) · \S+(?: \S+)? (–|\d+)(?: {level} \d)? "
            r"(–|\d+) (–|\d+) (–|[+−±]\d+) ",
            overview,
        )
        assert row, title
        score, shown_level, _, internal, mirrored, gap = row.groups()
        assert int(shown_level) == level_for(int(score))
        if gap != "–":
            assert int(internal) - int(mirrored) == signed(gap), title
        chapter = text_of(section_html(html, f"module-{module.id}"))
        assert re.search(rf"\b{score} (von|out of) 100 {level} {shown_level}\b", chapter), title
        if gap != "–":
            word = "intern" if lang == "de" else "internal"
            them = "Kunden" if lang == "de" else "customers"
            assert f"{gap} {word} {internal} · {them} {mirrored}" in chapter, title


def test_module_score_is_explained_by_its_dimensions(demo_result):
    for module in demo_result.modules:
        pairs = [(d.weight, d.score) for d in module.dimensions if d.score is not None]
        assert module.score == pytest.approx(
            sum(w * s for w, s in pairs) / sum(w for w, _ in pairs)
        )


def test_dimension_mirror_triples_add_up_on_the_chapters(page, demo_result):
    lang, html = page
    gap_word, word, them = (
        ("Lücke", "intern", "Kunden") if lang == "de" else ("Gap", "internal", "customers")
    )
    for module in demo_result.modules:
        chapter = text_of(section_html(html, f"module-{module.id}"))
        for internal, mirrored, gap in [
            (int(i), int(c), signed(g))
            for g, i, c in re.findall(
                rf"{gap_word} ([+−±]\d+) \({word} (\d+) · {them} (\d+)\)", chapter
            )
        ]:
            assert internal - mirrored == gap
