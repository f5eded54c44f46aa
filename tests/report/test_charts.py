"""The SVG chart functions: well-formed, escaped, robust with missing values."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ccassess import CcassessError
from ccassess.report.charts import Charts, Palette, tint, wrap
from ccassess.report.charts.radar import _runs
from ccassess.report.theme import load_theme

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def chart() -> Charts:
    theme = load_theme(None)
    return Charts(Palette.from_theme(theme), theme.font_stack("body"), "de")


def parse(markup: str) -> ET.Element:
    root = ET.fromstring(str(markup))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    return root


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("count", [1, 2, 3, 8, 40])
def test_radar_any_number_of_axes(chart, count):
    values = [float(10 * (i % 10)) for i in range(count)]
    gaps = [None if i % 3 == 0 else v for i, v in enumerate(values)]
    root = parse(
        chart.radar(
            [f"Achse {i}" for i in range(count)],
            [
                {"name": "Gesamt", "role": "overall", "values": values},
                {"name": "Kunden", "role": "customer", "values": gaps},
                {"name": "leer", "role": "internal", "values": [None] * count},
            ],
            "Radar",
            numbered=count > 12,
        )
    )
    assert "Gesamt" in texts(root)


def test_labels_are_escaped(chart):
    hostile = '<img src="file:///etc/passwd"> & {{ 7*7 }}'
    markup = str(
        chart.dimension_bars(
            [{"title": hostile, "score": 50.0, "level": 3, "internal": 60.0, "customer": None}],
            [0, 20, 40, 60, 80],
            hostile,
        )
    )
    assert "<img" not in markup
    root = parse(markup)
    title = root.find(f"{SVG}title")
    assert title is not None and title.text is not None and hostile in title.text
    assert root.get("aria-labelledby") == title.get("id")
    assert any("&" in t for t in texts(root))


def test_heatmap_colours_follow_the_levels(chart):
    root = parse(
        chart.heatmap(
            ["A", "B"], ["X", "Y"], [[5.0, None], [95.0, 50.0]], "H", ("Skala", "schwach", "stark")
        )
    )
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect")]
    levels = chart.p.levels
    assert levels[0] in fills and levels[-1] in fills
    assert "–" in texts(root)  # a missing cell is marked, not coloured


def test_share_bar_and_stacked_rows(chart):
    root = parse(
        chart.share_bar(
            [
                {"id": "customer", "label": "Kunde", "share": 0.5},
                {"id": "reporting", "label": "Reporting", "share": 0.5},
            ],
            "S",
        )
    )
    assert "50\u00a0%" in texts(root)
    rows = [{"label": "Merkmal", "shares": {"must_be": 0.6, "attractive": 0.4}}]
    categories = [{"id": "must_be", "label": "Basis"}, {"id": "attractive", "label": "Begeist."}]
    assert "60\u00a0%" in texts(parse(chart.stacked_rows(rows, categories, "K")))


def test_gap_bars_and_level_scale(chart):
    root = parse(
        chart.gap_bars(
            [{"label": "D", "internal": 72.0, "customer": 41.0, "gap": 31.0}],
            ["intern", "Kunden", "Lücke"],
            "G",
        )
    )
    assert "+31" in texts(root)
    scale = parse(chart.level_scale(72.5, [0, 20, 40, 60, 80], ["a", "b", "c", "d", "e"], "L"))
    assert "72,5" in texts(scale)


def test_runs_and_wrap():
    assert _runs([1, 2, 3]) == [[0, 1, 2]]
    assert _runs([None, 1, 2, None, 3]) == [[1, 2], [4]]
    assert _runs([None, None]) == []
    assert wrap("Gegenseitiges Verständnis der Abteilungen", 20, 2) == [
        "Gegenseitiges",
        "Verständnis der…",
    ]
    assert len(wrap("ein sehr langer Text " * 5, 12, 2)) == 2


def test_items_name_their_colours_by_the_theme(chart):
    segments = [
        {"id": "a", "label": "A", "share": 0.5, "colour": "level-1"},
        {"id": "b", "label": "B", "share": 0.3, "colour": "muted", "tint": 0.45},
        {"id": "c", "label": "C", "share": 0.2},  # no colour: the third of the cycle
    ]
    fills = [r.get("fill") for r in parse(chart.share_bar(segments, "S")).iter(f"{SVG}rect")]
    assert chart.p.levels[0] in fills and tint(chart.p.muted, 0.45) in fills
    assert chart.p.internal in fills
    assert chart.colour("level-5") == chart.p.levels[-1] and chart.colour("primary") == "#16365c"
    with pytest.raises(CcassessError, match="unknown colour 'purple'; known: primary, accent"):
        chart.share_bar([{"id": "x", "label": "X", "share": 1.0, "colour": "purple"}], "S")
