"""The board profile and the consultant's narrative: real CLI, real PDFs read back.

The demo assessment is copied into a temporary folder with a `narrative.md` beside its
assessment file (hostile Markdown included), and reports are rendered through the CLI.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from ccassess.definitions.narrative import parse_narrative
from ccassess.errors import CcassessError
from tests.conftest import DEMO

pypdf = pytest.importorskip("pypdf")

NARRATIVE = """\
# Key messages
- Customers feel **unheard**: fix complaint handling first.
- Staff rate themselves 20 points above customers <script>alert(1)</script>.

# Next steps
1. Board workshop on 12 January
2. Name an owner per initiative

# Owners
- 3: Head of Service (Q1 2027)
- leadership: COO

# Section perception-gap
The gap is largest where customers *wait*. [Details](javascript:alert(1))
<img src=x onerror=alert(1)>

# Section summary
Summary comment here.
"""


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("board") / "demo"
    shutil.copytree(DEMO, folder)
    (folder / "narrative.md").write_text(NARRATIVE, "utf-8")
    return folder


def _report(run, folder: Path, out: Path, *extra: str):
    result = run(
        "report", "-a", folder / "assessment.yaml", folder / "responses", "-o", out, *extra
    )
    assert result.exit_code == 0, result.output
    return out


def _pdf_pages(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in pypdf.PdfReader(path).pages]


# -- narrative.md ---------------------------------------------------------------------------


def test_narrative_is_split_by_heading():
    narrative = parse_narrative(NARRATIVE)
    assert narrative.key_messages[0].startswith("Customers feel **unheard**")
    assert narrative.next_steps == ["Board workshop on 12 January", "Name an owner per initiative"]
    assert [(o.initiative, o.owner, o.due) for o in narrative.owners] == [
        ("3", "Head of Service", "Q1 2027"),
        ("leadership", "COO", ""),
    ]
    assert set(narrative.comments) == {"perception-gap", "summary"}


def test_narrative_headings_in_german():
    narrative = parse_narrative("## Kernbotschaften\n- Eins\n## Abschnitt: summary\nText\n")
    assert narrative.key_messages == ["Eins"]
    assert narrative.comments == {"summary": "Text"}


@pytest.mark.parametrize(
    ("source", "where"),
    [
        ("# Key mesages\n- x\n", "1: unknown heading 'Key mesages'"),
        ("intro\n# Key messages\n", "1: text before the first heading"),
        ("# Owners\n- no colon here\n", "2: an owner is"),
        ("# Next steps\nnot a list\n", "2: expected a list item"),
        ("# Section a b\ntext\n", "1: 'a b' is not a section id"),
    ],
)
def test_bad_narrative_names_file_and_line(source, where):
    with pytest.raises(CcassessError, match=re.escape(f"narrative.md:{where}")):
        parse_narrative(source, "narrative.md")


def test_bad_narrative_stops_the_report_with_exit_2(run, tmp_path):
    folder = tmp_path / "demo"
    shutil.copytree(DEMO, folder)
    (folder / "narrative.md").write_text("# Kernbotschaft\n- x\n", "utf-8")
    out = tmp_path / "r.pdf"
    result = run("report", "-a", folder / "assessment.yaml", folder / "responses", "-o", out)
    assert result.exit_code == 2
    assert "narrative.md:1: unknown heading" in result.output
    assert "Traceback" not in result.output and not out.exists()


# -- every format carries the narrative, sanitised ------------------------------------------


@pytest.fixture(scope="module")
def full_html(demo_copy, tmp_path_factory) -> str:
    from click.testing import CliRunner

    from ccassess.cli import cli

    out = tmp_path_factory.mktemp("html") / "full.html"
    args = ["report", "-a", str(demo_copy / "assessment.yaml"), str(demo_copy / "responses")]
    result = CliRunner().invoke(cli, [*args, "--lang", "en", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text("utf-8")


def test_html_renders_markdown_and_drops_anything_active(full_html):
    assert "<strong>unheard</strong>" in full_html
    assert "<em>wait</em>" in full_html
    assert "<script>alert" not in full_html
    assert not re.search(r"<[^>]*onerror", full_html)  # the <img> is text, not a tag
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in full_html  # shown as text
    assert 'href="javascript' not in full_html


def test_full_report_has_key_messages_and_comments_but_no_board_pages(full_html):
    assert 'data-section="key-messages"' in full_html
    assert 'data-section="next-steps"' in full_html
    assert 'data-section="board-summary"' not in full_html
    assert 'data-section="initiatives"' not in full_html
    # the response rates stand before the method in the full report too
    assert full_html.index('data-section="response-rates"') < full_html.index(
        'data-section="method"'
    )
    gap = full_html.split('data-section="perception-gap"')[1].split("</section>")[0]
    assert "Consultant&#39;s comment" in gap or "Consultant's comment" in gap
    assert "customers <em>wait</em>" in gap


def test_json_and_markdown_carry_the_narrative(run, demo_copy, tmp_path):
    data = json.loads(_report(run, demo_copy, tmp_path / "r.json").read_text("utf-8"))
    assert data["narrative"]["owners"][0] == {
        "initiative": "3",
        "owner": "Head of Service",
        "due": "Q1 2027",
    }
    md = _report(run, demo_copy, tmp_path / "r.md", "--lang", "en").read_text("utf-8")
    assert "## Key messages" in md and "1. Customers feel **unheard**" in md
    assert "&lt;script&gt;" in md and "<script>" not in md
    assert "## Next steps" in md and "Head of Service (due Q1 2027)" in md


# -- the board profile -------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["de", "en"])
def test_board_pdf_is_short_and_says_what_a_board_needs(run, demo_copy, tmp_path, lang):
    pages = _pdf_pages(
        _report(run, demo_copy, tmp_path / "b.pdf", "--profile", "board", "--lang", lang)
    )
    assert 6 <= len(pages) <= 8, len(pages)
    summary = pages[1]
    words = {
        "en": ("At a glance", "Practice maturity", "95% interval", "Key messages"),
        "de": (
            "Das Wichtigste auf einer Seite",
            "Reifegrad der Praxis",
            "95-%-Intervall",
            "Kernbotschaften",
        ),
    }[lang]
    for word in words:
        assert word.lower() in summary.lower(), (word, summary[:400])
    assert "unheard" in summary
    text = " ".join(pages)
    assert "Head of Service" in text and "COO" in text
    assert "Board workshop on 12 January" in text
    assert "alert(1)" in text  # the script tag shown as text, never run
    label = "Consultant's comment" if lang == "en" else "Kommentar der Beratung"
    assert label.upper() in text  # set in capitals
    # no module chapters, no method appendix in the board report
    assert "Cronbach" not in text


def test_board_response_rates_flag_a_low_department(run, tmp_path):
    folder = tmp_path / "demo"
    shutil.copytree(DEMO, folder)
    settings = (folder / "assessment.yaml").read_text("utf-8")
    settings = settings.replace("  Kundenservice: 16\n", "  Kundenservice: 60\n")
    (folder / "assessment.yaml").write_text(settings, "utf-8")
    out = _report(run, folder, tmp_path / "b.html", "--profile", "board", "--lang", "en")
    html = out.read_text("utf-8")
    rates = html.split('data-section="response-rates"')[1].split("</section>")[0]
    row = re.search(r'<tr class="low-rate ?[^"]*">\s*<td>Kundenservice</td>.*?</tr>', rates, re.S)
    assert row is not None, rates
    assert "18%" in row.group(0) and "low" in row.group(0)
    # small departments are never shown on their own (anonymity threshold)
    assert "<td>Personal</td>" not in rates and "<td>Finanzen</td>" not in rates
    assert "All customers" in rates


def test_unknown_profile_is_a_usage_error(run, tmp_path):
    result = run("demo", "--profile", "bored", "-o", tmp_path / "x.pdf")
    assert result.exit_code == 2 and "bored" in result.output


def test_importance_performance_is_derived_labelled_and_needs_30_customers(run, tmp_path):
    # with the customers' own importance ratings the rated section stands alone
    rated = _report(run, _demo_copy_with(tmp_path / "rated", None), tmp_path / "r.html")
    assert 'data-section="importance"' in rated.read_text("utf-8")
    assert 'data-section="drivers"' not in rated.read_text("utf-8")
    # without them, importance is derived from the correlation with the overall rating
    html = _report(
        run, _demo_copy_with(tmp_path, None, rated=False), tmp_path / "a.html", "--lang", "en"
    )
    page = html.read_text("utf-8").split('data-section="drivers"')[1].split("</section>")[0]
    assert "Importance here is derived, not asked" in page
    assert re.search(r"across the same \d\d customers", page)
    assert "Fix first" in page and "Key drivers" in page and "not what causes it" in page
    few = _demo_copy_with(tmp_path / "few", 29, rated=False)
    html = _report(run, few, tmp_path / "b.html", "--lang", "en").read_text("utf-8")
    assert 'data-section="drivers"' not in html


def _demo_copy_with(folder: Path, customers: int | None, rated: bool = True) -> Path:
    """The demo in `folder`; with `customers`, only that many customers kept; without
    `rated`, the customers' importance ratings (imp_*) left out."""
    import yaml

    target = folder / "demo"
    shutil.copytree(DEMO, target)
    if customers is not None:
        path = target / "responses" / "customers.yaml"
        data = yaml.safe_load(path.read_text("utf-8"))
        data["respondents"] = data["respondents"][:customers]
        path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    if not rated:
        path = target / "responses" / "customers.yaml"
        data = yaml.safe_load(path.read_text("utf-8"))
        for respondent in data["respondents"]:
            for answers in respondent["answers"].values():
                for key in [k for k in answers if k.startswith("imp_")]:
                    del answers[key]
        path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return target
