"""Accessible reports (PDF side): the tagged PDF/UA-1 demo report, German and English, read
back with pypdf. Its structure tree must give every Figure an /Alt (the chart's text
alternative), every Table header cells, one H1 and no skipped heading level, a language and a
title, in page order; and the checker must fail a PDF that lacks them.
"""

from __future__ import annotations

import re

import pytest

from ccassess.report import ReportOptions, write_report
from tests.report.a11y import pdf_problems, pdf_structure

pytest.importorskip("pypdf")
pytestmark = pytest.mark.slow


@pytest.mark.parametrize("lang", ["de", "en"])
def test_tagged_demo_report_is_accessible(registry, demo_result, render, tmp_path, lang):
    path = tmp_path / f"demo-{lang}.pdf"
    options = ReportOptions(format="pdf", lang=lang, output=path, pdf_variant="pdf/ua-1")
    write_report(demo_result, registry.plugins, options)
    data = path.read_bytes()
    assert pdf_problems(data) == []
    structure = pdf_structure(data)
    # every chart is a Figure whose /Alt is the text alternative the HTML names it by
    html = render(demo_result, lang=lang)
    titles = [
        t.replace("&#39;", "'").replace("&amp;", "&").replace("&quot;", '"')
        for t in re.findall(r'<title id="chart-\d+">([^<]+)</title>', html)
    ]
    assert sorted(structure["alt"]) == sorted(titles)
    assert len(structure["alt"]) >= 10
    # the PDF's headings are the HTML's, in the same order
    assert structure["levels"] == [int(h) for h in re.findall(r"<h([1-6])[ >]", html)]


def test_pdf_checker_fails_on_each_problem(tmp_path):
    from weasyprint import HTML

    document = (
        "<html><body><h1>A</h1><h3>B</h3>"
        '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><rect width="9" '
        'height="9"/></svg>'
        "<table><tr><td>1</td></tr></table></body></html>"
    )
    data = HTML(string=document).write_pdf(pdf_variant="pdf/ua-1")
    problems = "\n".join(pdf_problems(data))
    assert "no /Lang" in problems
    assert "no /Title" in problems
    assert "figure 1 (page 1) has no /Alt" in problems
    assert "has no header cells" in problems
    assert "skips from H1 to H3" in problems
