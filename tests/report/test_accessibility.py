"""Accessible reports (HTML side): every chart has a text alternative written from its data,
tables have header cells, headings nest, the document declares its language and title, a
decorative logo is no image, and theme colours keep WCAG AA contrast (`validate --theme`).

The tagged PDF's structure tree is checked in test_accessibility_pdf.py (slow).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from ccassess.report.charts import Charts, Palette
from ccassess.report.charts.colours import contrast, readable_on
from ccassess.report.theme import load_theme
from ccassess.report.theme_check import contrast_problems
from tests.report.a11y import html_problems
from tests.report.conftest import EXAMPLE_THEME, with_info

SVG = "{http://www.w3.org/2000/svg}"
THRESHOLDS = [0, 20, 40, 60, 80]
LEVELS = ["Unbewusst", "Reaktiv", "Im Aufbau", "Etabliert", "Kundengeführt"]


def chart(lang: str) -> Charts:
    theme = load_theme(None)
    return Charts(Palette.from_theme(theme), theme.font_stack("body"), lang)


def alt_of(markup: str) -> str:
    """The chart's accessible name: the <title> its aria-labelledby points to."""
    root = ET.fromstring(str(markup))
    title = root.find(f"{SVG}title")
    assert root.get("role") == "img" and title is not None and title.text
    assert root.get("aria-labelledby") == title.get("id")
    assert next(iter(root)) is title  # the first child, where WeasyPrint looks for /Alt
    return title.text


# --- the demo report, both languages ------------------------------------------------------


@pytest.mark.parametrize("lang", ["de", "en"])
def test_demo_report_html_is_accessible(render, demo_result, lang):
    document = render(demo_result, lang=lang)
    assert html_problems(document) == []
    assert f'<html lang="{lang}">' in document
    # every chart is named, and the names are unique ids within the document
    ids = re.findall(r'<svg [^>]*aria-labelledby="([^"]+)"', document)
    assert len(ids) >= 10 and len(set(ids)) == len(ids)


def test_demo_chart_texts_carry_key_values(render, demo_result):
    de = render(demo_result, lang="de")
    en = render(demo_result, lang="en")
    titles_de = re.findall(r'<title id="chart-\d+">([^<]+)</title>', de)
    titles_en = re.findall(r'<title id="chart-\d+">([^<]+)</title>', en)
    assert len(titles_de) == len(titles_en) >= 10
    gap_de = next(t for t in titles_de if "Größte Lücke" in t)
    assert re.search(r"Größte Lücke „[^“]+“ \+\d+ Punkte", gap_de)
    gap_en = next(t for t in titles_en if "Largest gap" in t)
    assert re.search(r"Largest gap “[^”]+” \+\d+ points", gap_en)
    for title in titles_de + titles_en:
        assert re.search(r"\d", title), title  # a value, not just a caption


def test_decorative_logo_is_a_background_a_named_one_an_image(render, small_result):
    default = render(small_result)
    assert "<img" not in default.split('class="cover-band"')[0]
    assert 'class="cover-logo cover-mark"' in default
    themed = render(small_result, theme=EXAMPLE_THEME)
    assert re.search(r'<img class="cover-logo" src="data:[^"]+" alt="Nordlicht Beratung">', themed)
    assert html_problems(themed) == []


def test_client_logo_has_the_client_as_alt(render, small_result, tmp_path):
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')
    document = render(with_info(small_result, logo=str(logo), client="Beispiel AG"))
    assert 'alt="Beispiel AG"' in document
    assert html_problems(document) == []


# --- the checker finds what it looks for --------------------------------------------------

GOOD = (
    '<!DOCTYPE html><html lang="de"><head><title>T</title></head><body><h1>T</h1><h2>A</h2>'
    '<svg role="img" aria-labelledby="c1"><title id="c1">Werte: A 50</title></svg>'
    '<section data-section="s"><h2>S</h2><h3>U</h3></section>'
    "<table><thead><tr><th>X</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"
    '<img src="x.png" alt="Logo"></body></html>'
)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (('<html lang="de">', "<html>"), "declares no lang"),
        (("<title>T</title>", ""), "no <title>"),
        (("<h2>A</h2>", "<h3>A</h3>"), "skips from H1 to H3"),
        (("<h2>A</h2>", "<h1>A</h1>"), "one H1"),
        (("<h3>U</h3>", "<h2>U</h2>"), "section s has 2 h2 headings"),
        (('<title id="c1">Werte: A 50</title>', ""), "chart 1 has no text alternative"),
        ((' alt="Logo"', ""), "has no alt text"),
        (("<thead><tr><th>X</th></tr></thead>", ""), "has no header cells"),
        (("<td>1</td>", "<th>1</th>"), "without a scope"),
    ],
)
def test_html_checker_fails_on_each_problem(change, problem):
    assert html_problems(GOOD) == []
    problems = html_problems(GOOD.replace(*change))
    assert any(problem in p for p in problems), problems


# --- text alternatives from the chart layer ------------------------------------------------


def test_gap_bars_name_the_largest_gap_with_both_scores():
    rows = [
        {"label": "Einfachheit", "internal": 62.0, "customer": 55.0, "gap": 7.0},
        {"label": "Gehört werden", "internal": 74.0, "customer": 35.0, "gap": 39.0},
        {"label": "Fairness", "internal": 40.0, "customer": 44.0, "gap": -4.0},
    ]
    names = ["Selbstbild", "Kundensicht", "Lücke"]
    text = alt_of(chart("de").gap_bars(rows, names, "Wahrnehmungslücke je Dimension"))
    assert text.startswith("Wahrnehmungslücke je Dimension: ")
    assert "Größte Lücke „Gehört werden“ +39 Punkte (Selbstbild 74, Kundensicht 35)" in text
    assert "„Einfachheit“ +7" in text and "„Fairness“ −4" in text
    english = alt_of(chart("en").gap_bars(rows, ["Self-image", "Customers", "Gap"], "Gap"))
    assert "Largest gap “Gehört werden” +39 points (Self-image 74, Customers 35)" in english


def test_every_chart_kind_writes_its_values_in_the_language():
    de, en = chart("de"), chart("en")
    bars = [{"label": "Führung", "score": 72.4, "level": 4, "internal": 72.4, "customer": 41.0}]
    legend = ["Wert", "Selbstbild", "Kunden"]
    assert "„Führung“ 72 (Stufe 4; Kunden 41)" in alt_of(
        de.dimension_bars(bars, THRESHOLDS, "W", legend)
    )
    assert "“Führung” 72 (level 4; Kunden 41)" in alt_of(
        en.dimension_bars(bars, THRESHOLDS, "W", legend)
    )
    radar = alt_of(
        de.radar(
            ["A", "B", "C"],
            [{"name": "Selbstbild", "role": "internal", "values": [80.0, 20.0, None]}],
            "Radar",
        )
    )
    assert "höchster Wert „A“ 80, niedrigster Wert „B“ 20 (1 ohne Wert)" in radar
    heat = alt_of(
        de.heatmap(
            ["Vertrieb", "Service"],
            ["X", "Y"],
            [[8.0, None], [90.0, 50.0]],
            "Silos",
            ("S", "a", "b"),
        )
    )
    assert "2 Zeilen × 2 Spalten" in heat and "„Vertrieb“ / „X“ 8" in heat
    assert "Höchster Wert „Service“ / „X“ 90" in heat and "1 ohne Wert" in heat
    share = alt_of(de.share_bar([{"id": "a", "label": "Kunde", "share": 0.384}], "Zeit"))
    assert share == "Zeit: „Kunde“ 38\u00a0%."
    assert "“Kunde” 38%" in alt_of(
        en.share_bar([{"id": "a", "label": "Kunde", "share": 0.384}], "T")
    )
    stacked = alt_of(
        de.stacked_rows(
            [{"label": "Tempo", "shares": {"m": 0.2, "o": 0.6, "a": 0.0}}],
            [
                {"id": "m", "label": "Basis"},
                {"id": "o", "label": "Leistung"},
                {"id": "a", "label": "Begeisterung"},
            ],
            "Kano",
        )
    )
    assert (
        "„Tempo“: Leistung 60\u00a0%, Basis 20\u00a0%" in stacked and "Begeisterung" not in stacked
    )
    scale = alt_of(de.level_scale(57.0, THRESHOLDS, LEVELS, "Reifegrad"))
    assert scale.startswith("Reifegrad: 57,0 von 100, Stufe 3 „Im Aufbau“.")
    assert "5 „Kundengeführt“ ab 80" in scale


def test_a_template_may_give_its_own_alt_and_labels_are_escaped():
    text = alt_of(
        chart("de").share_bar([{"id": "a", "label": "A", "share": 1.0}], "T", alt="Eigene")
    )
    assert text == "Eigene"
    hostile = '<img src="x"> & {{ 7*7 }}'
    markup = str(chart("de").share_bar([{"id": "a", "label": hostile, "share": 1.0}], hostile))
    assert "<img" not in markup and hostile in alt_of(markup)


# --- colours: contrast and more than colour ------------------------------------------------


def test_default_and_example_themes_meet_wcag_aa():
    assert contrast_problems(load_theme(None)) == []
    assert contrast_problems(load_theme(EXAMPLE_THEME)) == []
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_text_on_level_colours_takes_the_better_contrast():
    for level in load_theme(None).levels:
        assert contrast(readable_on(level), level) >= 4.5, level
    assert readable_on("#2e8b62") == "#ffffff" and readable_on("#e3b93c") == "#1b1f23"


def bad_theme(tmp_path: Path) -> Path:
    folder = tmp_path / "pale"
    folder.mkdir()
    (folder / "theme.yaml").write_text(
        'colours:\n  muted: "#aaaaaa"\n  customer: "#ffdd55"\n'
        '  levels: ["#c8423b", "#e8863a", "#e3b93c", "#7db356", "#808080"]\n'
    )
    return folder


def test_a_pale_theme_is_warned_about(tmp_path):
    folder = bad_theme(tmp_path)
    problems = contrast_problems(load_theme(folder))
    places = {p.location.path for p in problems}
    assert places == {"colours.muted", "colours.customer", "colours.levels[4]"}
    assert all(p.severity == "warning" and str(folder / "theme.yaml") in str(p) for p in problems)
    assert any("below WCAG AA 4.5:1" in str(p) for p in problems)


def test_validate_checks_the_theme(run: Callable, write: Callable, tmp_path):
    folder = bad_theme(tmp_path)
    result = run("validate", "--theme", folder)
    assert result.exit_code == 0, result.output
    assert "colours.muted: warning: contrast 2.32:1" in result.output
    assert "4 warning(s)" in result.output
    assert run("validate", "--theme", folder, "--strict").exit_code == 2
    # the assessment's theme is checked without --theme
    settings = write("assessment.yaml", f"client: X\ntheme: {folder}\n")
    assert "colours.customer: warning" in run("validate", "-a", settings).output
    assert run("validate", "--theme", EXAMPLE_THEME).output.count("warning:") == 0
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "theme.yaml").write_text("colours:\n  text: red\n")
    failed = run("validate", "--theme", broken)
    assert (
        failed.exit_code == 2 and "theme.yaml" in failed.output and "Traceback" not in failed.output
    )


def test_heatmap_cells_and_gaps_carry_numbers_not_only_colour():
    root = ET.fromstring(
        str(chart("de").heatmap(["A"], ["X", "Y"], [[12.0, 88.0]], "H", ("S", "a", "b")))
    )
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "12" in texts and "88" in texts
    gaps = ET.fromstring(
        str(
            chart("de").gap_bars(
                [{"label": "A", "internal": 70.0, "customer": 40.0, "gap": 30.0}],
                ["I", "K", "L"],
                "G",
            )
        )
    )
    assert "+30" in [t.text for t in gaps.iter(f"{SVG}text")]


def test_board_chart_kinds_write_their_values():
    """The ranking, trend and quadrant charts describe their data, not only their title."""
    de = chart("de")
    rows = [
        {"label": "Führung", "internal": 72.0, "customer": 41.0},
        {"label": "Silos", "internal": 55.0, "customer": None},
    ]
    ranking = alt_of(de.ranked_bars(rows, THRESHOLDS, ["Selbstbild", "Kunden"], "Module"))
    assert "2 Module, bester zuerst" in ranking
    assert "„Führung“ (Selbstbild 72, Kunden 41); „Silos“ (Selbstbild 55)" in ranking
    panels = [
        {"title": "Gesamt", "values": [48.0, None, 61.0], "kind": "score", "beyond_noise": True},
        {"title": "Lücke", "values": [30.0, 28.0, 29.0], "kind": "gap", "beyond_noise": False},
    ]
    trend = alt_of(de.trend_panels(["2024", "2025", "2026"], panels, "Verlauf"))
    assert "Runden 2024 bis 2026" in trend
    assert "„Gesamt“ von 48 auf 61 (jenseits des Rauschens)" in trend
    assert "„Lücke“ von 30 auf 29 (im Rahmen des Rauschens)" in trend
    points = [
        {
            "number": 1,
            "title": "Tempo",
            "importance": 80.0,
            "performance": 35.0,
            "quadrant": "fix_first",
        },
        {
            "number": 2,
            "title": "Preis",
            "importance": 60.0,
            "performance": 70.0,
            "quadrant": "possible_overkill",
        },
    ]
    corners = ("Hier ansetzen", "Halten", "Evtl. zu viel", "Geringere Priorität")
    quadrant = alt_of(de.quadrant(points, (70.0, 50.0), ("Leistung", "Wichtigkeit"), corners, "Q"))
    assert "Wichtigkeit gegen Leistung" in quadrant
    assert "Hier ansetzen: „Tempo“ (80/35)" in quadrant and "Evtl. zu viel: „Preis“" in quadrant
