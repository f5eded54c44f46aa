"""Report injection: markup, CSS and template syntax in every text that reaches a report — the
client's details, department names, free-text answers and plugin texts — appear as plain text,
and rendering fetches nothing.

Theme files that reference outside files are in tests/report/test_safety.py (README.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from ccassess.report.markdown import escape_md
from tests.hostile.kit import listening_socket, was_contacted, write_assessment
from tests.report.conftest import text_of

#: Filled in with the address of a local port that must never be contacted.
PAYLOADS = [
    '<img src="file:///etc/passwd">',
    "<script>alert(1)</script>",
    '<style>@import "{url}/a.css";</style>',
    "b{{background:url({url}/b.png)}}",
    "@import url({url}/c.css);",
    '<b style="background:url({url}/d.png)">fett</b>',
    "{{{{ 7*7 }}}}",
    "{{% include 'base.html' %}}",
]
FIELDS = [
    "Client",
    "Title",
    "Author",
    "Dept-A",
    "Dept-B",
    "Activity",
    "Remark",
    "Module",
    "Finding",
    "Advice",
    "Section",
    "Context",
]


@pytest.fixture(scope="module")
def port_url() -> Iterator[tuple[Any, str]]:
    with listening_socket() as pair:
        yield pair


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, port_url: tuple[Any, str]) -> dict:
    """An assessment whose every text field carries all payloads; returns the CLI inputs."""
    _, url = port_url
    payload = " ".join(p.format(url=url) for p in PAYLOADS)
    text = {field: f"{field} {payload}" for field in FIELDS}
    # An activity is at most 200 characters: one per payload.
    activities = [f"Activity {p.format(url=url)}" for p in PAYLOADS]
    root = tmp_path_factory.mktemp("injection")
    plugins = root / "plugins"
    (plugins / "templates").mkdir(parents=True)
    (plugins / "templates" / "hostile.html").write_text(
        "<h2>{{ section.title }}</h2><p>{{ context.message }}</p>"
    )
    (plugins / "hostile.py").write_text(
        "from pathlib import Path\n"
        "from ccassess import Finding, Recommendation, ReportSection, Text, hookimpl\n\n"
        f"TEXT = {text!r}\n\n"
        "@hookimpl\ndef ccassess_findings(module):\n"
        "    return [Finding('hostile', 'warning', Text.both(TEXT['Finding']))]\n\n"
        "@hookimpl\ndef ccassess_recommendations(module):\n"
        "    return [Recommendation(Text.both(TEXT['Advice']), priority=99.0)]\n\n"
        "@hookimpl\ndef ccassess_report_sections(result, lang):\n"
        "    return [ReportSection('hostile', Text.both(TEXT['Section']), 'hostile.html',\n"
        "                          order=750, context={'message': TEXT['Context']})]\n\n"
        "@hookimpl\ndef ccassess_template_dirs():\n"
        "    return [Path(__file__).parent / 'templates']\n"
    )
    notes = {
        "id": "notes",
        "version": "1.0.0",
        "title": {"de": text["Module"], "en": text["Module"]},
        "dimensions": [
            {
                "id": "n",
                "title": {"de": "Notizen", "en": "Notes"},
                "questions": [
                    {
                        "id": "remark",
                        "type": "text",
                        "source": "test",
                        "text": {"de": "Anmerkung", "en": "Remark"},
                    }
                ],
            }
        ],
    }
    (plugins / "notes.yaml").write_text(yaml.safe_dump(notes, allow_unicode=True))
    departments = [text["Dept-A"], text["Dept-B"]]
    assessment = write_assessment(
        root,
        client=text["Client"],
        title=text["Title"],
        prepared_by=text["Author"],
        departments=departments,
        modules=["leadership", "silo_check", "customer_or_reporting", "notes"],
        free_text_threshold=3,  # all six give the same texts: shown, and so must be escaped
    )
    respondents = []
    for number in range(6):
        department = departments[number % 2]
        respondents.append(
            {
                "id": f"R{number}",
                "perspective": "internal",
                "department": department,
                "answers": {
                    "leadership": {"lead_visible": 1 + number % 5},
                    "silo_check": {
                        "understanding_matrix": {d: 3 for d in departments if d != department}
                    },
                    "customer_or_reporting": {
                        "activities": [
                            {"activity": activity, "share": 10, "category": "reporting"}
                            for activity in activities
                        ]
                    },
                    "notes": {"remark": text["Remark"]},
                },
            }
        )
    answers = root / "answers.yaml"
    answers.write_text(yaml.safe_dump({"respondents": respondents}, allow_unicode=True))
    del text["Activity"]
    text.update((f"Activity {n}", activity) for n, activity in enumerate(activities))
    return {"root": root, "plugins": plugins, "inputs": ["-a", assessment, answers], "text": text}


def render(run: Callable, hostile: dict, fmt: str) -> Path:
    path = hostile["root"] / f"report.{fmt}"
    result = run(
        "--plugins-dir",
        hostile["plugins"],
        "report",
        *hostile["inputs"],
        "--appendix",
        "--format",
        fmt,
        "-o",
        path,
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return path


def styles(document: str) -> str:
    """Everything a browser or WeasyPrint reads as CSS: <style> blocks, style attributes."""
    blocks = re.findall(r"<style\b[^>]*>(.*?)</style\s*>", document, re.DOTALL | re.IGNORECASE)
    attributes = re.findall(r"""\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", document)
    return "\n".join([*blocks, *(a or b for a, b in attributes)])


def test_every_text_is_plain_text_in_html_and_markdown(
    run: Callable, hostile: dict, port_url: tuple[Any, str]
) -> None:
    server, url = port_url
    document = render(run, hostile, "html").read_text("utf-8")
    assert "<script" not in document.lower()
    assert "<style" not in document.lower().replace("<style>", "", 1)  # only the report's own
    sources = re.findall(r"""\s(?:src|href|xlink:href)\s*=\s*["']([^"']*)["']""", document)
    assert sources and all(s.startswith(("data:", "#")) for s in sources), sources
    css = styles(document)
    assert url not in css and "@import" not in css
    assert not [
        u for u in re.findall(r"url\(\s*['\"]?([^'\")]*)", css) if not u.startswith("data:")
    ]
    visible = text_of(document)
    for field, value in hostile["text"].items():
        assert value in visible, field
        if "{{ 7*7 }}" in value:
            assert value.replace("{{ 7*7 }}", "49") not in visible, field
    markdown = render(run, hostile, "md").read_text("utf-8")
    assert "<script" not in markdown and "<img" not in markdown and "<style" not in markdown
    assert escape_md(hostile["text"]["Client"]) in markdown
    assert not was_contacted(server)


@pytest.mark.slow
def test_every_text_is_plain_text_in_the_pdf_and_nothing_is_fetched(
    run: Callable, hostile: dict, port_url: tuple[Any, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pypdf = pytest.importorskip("pypdf")
    from ccassess.report import fetcher

    requested: list[str] = []
    fetch = fetcher.SafeFetcher.fetch

    def recording(self: Any, url: str, headers: Any = None) -> Any:
        requested.append(url)
        return fetch(self, url, headers)

    monkeypatch.setattr(fetcher.SafeFetcher, "fetch", recording)
    server, _ = port_url
    path = render(run, hostile, "pdf")
    assert not was_contacted(server)
    assert all(url.startswith("data:") for url in requested), requested
    pages = pypdf.PdfReader(path).pages
    text = "".join("".join(page.extract_text().split()) for page in pages)
    for field, value in hostile["text"].items():
        if field in ("Title", "Section"):  # headings: checked through the bookmarks below
            continue
        assert "".join(value.split()) in text, field
    outline = [item.title for item in pypdf.PdfReader(path).outline if not isinstance(item, list)]
    assert hostile["text"]["Section"] in outline
