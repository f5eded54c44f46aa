"""`ccassess chart NAME -o x.svg|png`: the report's charts alone, through the real CLI."""

from __future__ import annotations

import struct
from xml.etree import ElementTree

import pytest

from ccassess.report.theme import load_theme
from tests.conftest import DEMO

ARGS = ("-a", DEMO / "assessment.yaml", DEMO / "responses")


@pytest.mark.parametrize("name", ["ranking", "gap", "maturity-scale"])
def test_svg_is_a_standalone_document_with_words(run, tmp_path, name):
    out = tmp_path / f"{name}.svg"
    result = run("chart", name, *ARGS, "--lang", "en", "-o", out)
    assert result.exit_code == 0, result.output
    root = ElementTree.fromstring(out.read_bytes())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    words = " ".join(root.itertext())
    if name == "ranking":
        assert "Customer understanding" in words and "Self-image (internal)" in words


def test_ranking_uses_the_theme_colours(run, tmp_path):
    out = tmp_path / "r.svg"
    assert run("chart", "ranking", *ARGS, "-o", out).exit_code == 0
    svg = out.read_text("utf-8").lower()
    colours = load_theme(None).colours
    assert colours["internal"].lower() in svg and colours["customer"].lower() in svg
    assert "fremdbild (kunden)" in svg  # German by the assessment


def test_png_is_a_real_image(run, tmp_path):
    pytest.importorskip("cairosvg")
    out = tmp_path / "g.png"
    result = run("chart", "gap", *ARGS, "-o", out)
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width > 1500 and height > 500


def test_other_extension_is_refused(run, tmp_path):
    out = tmp_path / "x.jpg"
    result = run("chart", "gap", *ARGS, "-o", out)
    assert result.exit_code == 2 and "x.jpg" in result.output and ".svg or .png" in result.output
    assert not out.exists()
