"""Real PDFs from WeasyPrint, read back with pypdf and looked at as images with pdftoppm.

The demo PDF is rendered once for the module; the other checks use a one-module result,
which renders in a fraction of the time.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ccassess.format import number
from ccassess.report import ReportOptions, write_report
from ccassess.report.theme import default_templates_dir, load_theme
from tests.report.conftest import EXAMPLE_THEME

pypdf = pytest.importorskip("pypdf")
pytestmark = pytest.mark.slow


class Pdf:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.reader = pypdf.PdfReader(str(path))
        self.pages = [page.extract_text() or "" for page in self.reader.pages]

    def outline(self) -> list[tuple[str, int]]:
        """Top-level bookmarks as (title, 1-based page)."""
        entries = []
        for item in self.reader.outline:
            if isinstance(item, list):
                continue
            entries.append((item.title, self.reader.get_destination_page_number(item) + 1))
        return entries

    def page_of(self, title: str) -> int:
        return dict(self.outline())[title]


@pytest.fixture(scope="module")
def demo_pdf(registry, demo_result, tmp_path_factory) -> Pdf:
    path = tmp_path_factory.mktemp("pdf") / "demo.pdf"
    write_report(demo_result, registry.plugins, ReportOptions(format="pdf", lang="de", output=path))
    return Pdf(path)


@pytest.fixture(scope="module")
def themed_pdf(registry, tmp_path_factory) -> tuple[Pdf, object]:
    """A one-module report in English with the example theme and hostile strings."""
    from tests.report.synthetic import synthetic_result

    result = synthetic_result(registry, modules=("leadership",))
    result.info.client = '<img src="file:///etc/passwd">'
    result.info.title = "{{ 7*7 }} Report"
    path = tmp_path_factory.mktemp("pdf") / "themed.pdf"
    write_report(
        result,
        registry.plugins,
        ReportOptions(format="pdf", lang="en", output=path, theme=EXAMPLE_THEME),
    )
    return Pdf(path), result


def test_sections_in_order_with_bookmarks(demo_pdf, demo_result):
    titles = [title for title, _ in demo_pdf.outline()]
    expected = [
        "Inhalt",
        "Zusammenfassung",
        "Reifegrad im Überblick",
        *(m.title.get("de") for m in demo_result.modules),
        "Wahrnehmungslücke",
        "Wichtigkeit und Leistung",
        "Silo-Heatmap",
        "Tätigkeitsanalyse",
        "Kundenkennzahlen",
        "Abteilungen",
        "Offene Antworten",
        "Maßnahmenplan",
        "Rücklauf",
        "Methodik",
    ]
    assert titles == expected
    pages = [page for _, page in demo_pdf.outline()]
    assert pages == sorted(pages) and pages[0] == 2


def test_importance_and_open_questions_in_the_pdf(demo_pdf, demo_result):
    text = "\n".join(demo_pdf.pages)
    page = demo_pdf.pages[demo_pdf.page_of("Wichtigkeit und Leistung") - 1]
    assert "Martilla & James 1977" in page and "Hier ansetzen" in page
    view = demo_result.importance
    assert view is not None and view.importance_mean is not None
    assert f"Bereiche ({round(view.importance_mean)})" in " ".join(page.split())
    # open answers are counted in the chapter; their wording is nowhere without the appendix
    assert "Offene Fragen" in text and "haben geantwortet" in text
    assert "Schneller auf Reklamationen" not in text


def test_contents_lists_the_right_page_numbers(demo_pdf):
    contents = demo_pdf.pages[1]
    for title, page in demo_pdf.outline()[1:]:
        assert re.search(rf"{re.escape(title)}\s*{page}\b", contents), (title, page)


def test_metadata(demo_pdf, demo_result):
    info = demo_pdf.reader.metadata
    assert info.title == "Kundenzentrierung 2026 – Muster Handels GmbH"
    assert info.author == demo_result.info.prepared_by
    assert info.subject and "Reifegrad" in info.subject
    assert demo_pdf.reader.trailer["/Root"]["/Lang"] == "de"


def test_running_header_footer_and_page_numbers(demo_pdf):
    total = len(demo_pdf.pages)
    assert "Seite" not in demo_pdf.pages[0]  # no header or footer on the cover
    third = demo_pdf.pages[2]
    assert "Muster Handels GmbH" in third and f"Seite 3 von {total}" in third
    assert "Zusammenfassung" in third


def test_numbers_match_the_result(demo_pdf, demo_result):
    summary = demo_pdf.pages[demo_pdf.page_of("Zusammenfassung") - 1]
    assert f"{number(demo_result.score, 'de')}von 100" in summary  # whole number, as classified
    assert demo_result.mirror is not None
    assert f"bei {number(demo_result.mirror.internal, 'de')} Punkten" in " ".join(summary.split())
    overview = demo_pdf.pages[demo_pdf.page_of("Reifegrad im Überblick")]
    overview += demo_pdf.pages[demo_pdf.page_of("Reifegrad im Überblick") - 1]
    for module in demo_result.modules:
        assert number(module.score, "de") in overview


def test_small_department_is_not_in_the_department_breakdown(demo_pdf, demo_inputs, demo_result):
    page = demo_pdf.pages[demo_pdf.page_of("Abteilungen") - 1]
    internal = [r for r in demo_inputs.respondents if r.perspective == "internal"]
    threshold = demo_result.info.anonymity_threshold
    small = {
        r.department
        for r in internal
        if sum(1 for o in internal if o.department == r.department) < threshold
    }
    assert small
    rows = [line.split() for line in page.splitlines()]
    groups = {row[0] for row in rows if len(row) >= 3 and row[1].isdigit()}
    assert "Sonstige" in groups and "Marketing" in groups
    assert not small & groups
    assert not [name for name in small if name in page]


def _pixels(pdf: Path, page: int, dpi: int = 80) -> tuple[int, int, bytes]:
    """Render one page with pdftoppm (PPM) and return width, height, RGB bytes."""
    output = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)],
        check=True,
        capture_output=True,
    ).stdout
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", output)
    assert header, "pdftoppm did not write a PPM image"
    width, height = int(header.group(1)), int(header.group(2))
    return width, height, output[header.end() :]


def _count(
    image: tuple[int, int, bytes],
    colour: str,
    box: tuple[float, float, float, float],
    tolerance: int = 30,
) -> int:
    width, height, data = image
    target = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    left, top, right, bottom = (
        int(box[0] * width),
        int(box[1] * height),
        int(box[2] * width),
        int(box[3] * height),
    )
    found = 0
    for y in range(top, bottom):
        row = data[(y * width + left) * 3 : (y * width + right) * 3]
        for x in range(0, len(row), 3):
            if all(abs(row[x + i] - target[i]) <= tolerance for i in range(3)):
                found += 1
    return found


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) missing")
def test_charts_are_drawn(demo_pdf):
    theme = load_theme(None)
    colours = theme.colours
    # the ranked bars: below the heading, in the upper part of the overview page
    radar = _pixels(demo_pdf.path, demo_pdf.page_of("Reifegrad im Überblick"))
    area = (0.15, 0.08, 0.85, 0.6)
    assert _count(radar, colours["internal"], area) > 400
    assert _count(radar, colours["customer"], area) > 400
    outside = (0.0, 0.9, 1.0, 1.0)  # the footer area has no chart colours
    assert _count(radar, colours["customer"], outside) == 0
    # the silo heatmap: cells in level colours, the weakest link in level 1's red
    silo = _pixels(demo_pdf.path, demo_pdf.page_of("Silo-Heatmap"))
    grid = (0.2, 0.15, 0.95, 0.6)
    assert _count(silo, theme.levels[0], grid, 40) > 100
    assert sum(_count(silo, level, grid, 40) for level in theme.levels) > 2000
    # a module page: dimension bars coloured by level
    module = _pixels(demo_pdf.path, demo_pdf.page_of("Führung und Verpflichtung"))
    bars = (0.3, 0.3, 0.95, 0.75)
    assert sum(_count(module, level, bars, 25) for level in theme.levels) > 1500


def test_theme_language_and_hostile_strings(themed_pdf):
    pdf, result = themed_pdf
    text = "\n".join(pdf.pages)
    assert pdf.pages[2].count("Nordlicht Beratung · Confidential") == 1  # the theme's footer
    assert "Executive summary" in text and "Page 3 of" in pdf.pages[2]
    assert f"PRACTICE MATURITY\n{number(result.score, 'en')}out of 100" in pdf.pages[2]
    assert '<img src="file:///etc/passwd">' in text
    assert "{{ 7*7 }} Report" in text and "49 Report" not in text
    assert pdf.reader.trailer["/Root"]["/Lang"] == "en"


@pytest.mark.parametrize("variant", ["pdf/a-3b", "pdf/ua-1"])
def test_pdf_variants(registry, small_result, tmp_path, variant):
    path = tmp_path / "variant.pdf"
    write_report(
        small_result,
        registry.plugins,
        ReportOptions(format="pdf", output=path, pdf_variant=variant),
    )
    reader = pypdf.PdfReader(str(path))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8", "replace")
    if variant == "pdf/a-3b":
        assert re.search(r"pdfaid:part(=\"|>)3", xmp)
        assert "/OutputIntents" in root
    else:
        assert re.search(r"pdfuaid:part(=\"|>)1", xmp)
        assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root


def test_default_templates_ship_with_the_package():
    folder = default_templates_dir()
    assert (folder / "base.html").is_file() and (folder / "report.css").is_file()
