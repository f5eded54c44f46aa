"""`--format pptx`: the deck opened with python-pptx; charts are native chart objects whose
series hold the result's numbers (recomputed here from the JSON result), every chart has
alt text, every slide speaker notes, and no respondent's name appears anywhere."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from ccassess.actions.inputs import load_demo
from ccassess.report.theme import load_theme
from tests.conftest import DEMO


@pytest.fixture(scope="module")
def deck_and_result(tmp_path_factory) -> tuple[object, dict, Path]:
    from click.testing import CliRunner

    from ccassess.cli import cli

    folder = tmp_path_factory.mktemp("deck") / "demo"
    shutil.copytree(DEMO, folder)
    (folder / "narrative.md").write_text(
        "# Key messages\n- Fix **complaints** first\n# Owners\n- 1: Head of Service\n", "utf-8"
    )
    base = ["report", "-a", str(folder / "assessment.yaml"), str(folder / "responses")]
    out = folder / "deck.pptx"
    for target in (out, folder / "result.json"):
        result = CliRunner().invoke(cli, [*base, "--lang", "en", "-o", str(target)])
        assert result.exit_code == 0, result.output
    data = json.loads((folder / "result.json").read_text("utf-8"))
    return Presentation(str(out)), data, out


def _charts(prs) -> dict[str, object]:
    found = {}
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                found[slide.shapes.title.text] = (shape, shape.chart)
    return found


def test_charts_are_native_with_the_results_numbers(deck_and_result):
    prs, data, _ = deck_and_result
    charts = _charts(prs)
    _, modules = charts["Modules: self-image and customers' view"]
    assert modules.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    scored = sorted(
        (m for m in data["modules"] if m["score"] is not None), key=lambda m: m["score"]
    )
    self_image, customers = modules.plots[0].series
    assert list(self_image.values) == [round(m["score"], 6) for m in scored]
    expected = [
        round(m["by_perspective"]["customer"]["score"], 6)
        if m["by_perspective"].get("customer")
        and m["by_perspective"]["customer"]["score"] is not None
        else None
        for m in scored
    ]
    assert list(customers.values) == expected
    assert list(modules.plots[0].categories) == [m["title"]["en"] for m in scored]
    _, headline = charts["Three headline numbers, never blended"]
    assert list(headline.plots[0].series[0].values) == [
        round(data["score"], 6),
        round(data["by_perspective"]["customer"]["score"], 6),
    ]
    _, rates = charts["Response rate by department"]
    assert rates.chart_type == XL_CHART_TYPE.BAR_STACKED
    answered, missing = rates.plots[0].series
    groups = [g for g in data["departments"]["groups"] if g["invited"]]
    assert list(answered.values) == [g["n"] for g in groups]
    assert list(missing.values) == [g["invited"] - g["n"] for g in groups]


def test_theme_colours_alt_text_and_notes(deck_and_result):
    prs, data, _ = deck_and_result
    for shape, _chart in _charts(prs).values():
        assert shape._element.nvGraphicFramePr.cNvPr.get("descr")
    # alt text written from the data: the modules chart names each module with its score
    shape, _ = _charts(prs)["Modules: self-image and customers' view"]
    alt = shape._element.nvGraphicFramePr.cNvPr.get("descr")
    for module in data["modules"]:
        if module["score"] is not None:
            assert f"{module['title']['en']}: Self-image (internal) " in alt, alt
            assert f" {int(module['score'] + 0.5)}" in alt, alt
    _, modules = _charts(prs)["Modules: self-image and customers' view"]
    fill = modules.plots[0].series[0].format.fill.fore_color.rgb
    # the default theme's self-image colour
    assert str(fill) == load_theme(None).colours["internal"].lstrip("#").upper()
    for slide in prs.slides:
        notes = slide.notes_slide.notes_text_frame.text
        assert "n = " in notes and "Method" in notes, slide.shapes.title.text
    assert (
        f"n = {data['respondents']['internal']} staff"
        in prs.slides[0].notes_slide.notes_text_frame.text
    )


def test_narrative_and_owners_on_slides_and_no_names(registry, deck_and_result):
    prs, _, path = deck_and_result
    texts = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts.extend(c.text for row in shape.table.rows for c in row.cells)
        texts.append(slide.notes_slide.notes_text_frame.text)
    everything = "\n".join(texts)
    assert "1. Fix complaints first" in everything
    assert "Head of Service" in everything
    names = [r.name for r in load_demo(registry).respondents if r.name]
    assert names
    raw = path.read_bytes()
    import zipfile

    with zipfile.ZipFile(path) as archive:
        xml = "".join(
            archive.read(n).decode("utf-8", "replace")
            for n in archive.namelist()
            if n.endswith(".xml")
        )
    assert not [n for n in names if n in everything or n in xml]
    assert raw[:2] == b"PK"


def test_german_deck(run, tmp_path):
    out = tmp_path / "d.pptx"
    result = run("demo", "--lang", "de", "-o", out)
    assert result.exit_code == 0, result.output
    titles = [s.shapes.title.text for s in Presentation(str(out)).slides]
    assert "Drei Kennzahlen, nie vermischt" in titles and "Rücklauf je Abteilung" in titles


def test_importance_performance_is_a_native_scatter(deck_and_result):
    """The demo's customers rated importance: the deck plots their ratings (not the derived
    correlations), one series per quadrant, with the numbers of the result."""
    prs, data, _ = deck_and_result
    shape, chart = _charts(prs)["Importance × performance"]
    assert chart.chart_type == XL_CHART_TYPE.XY_SCATTER
    rows = [r for r in data["importance"]["rows"] if r["quadrant"]]
    assert rows
    names = {"Fix first": "concentrate", "Keep up": "keep_up"}
    names |= {"Possible overkill": "possible_overkill", "Low priority": "low_priority"}
    for series in chart.plots[0].series:
        members = [r for r in rows if r["quadrant"] == names[series.name]]
        assert list(series.values) == [round(r["importance"], 1) for r in members]
    assert sum(len(list(s.values)) for s in chart.plots[0].series) == len(rows)
    assert "importance customers gave it" in shape._element.nvGraphicFramePr.cNvPr.get("descr")
