"""The rendered demo reports speak one language each and no tool jargon.

The German and the English demo report (HTML, and the PDF's text) are scanned for the other
language's telltale words, for identifiers (snake_case ids, question-type and module ids, the
words "Plugin" and "ccassess"), for ASCII minus signs before numbers and for "%" spaced the
other language's way. What the client wrote (names, departments, activities) and the titles
of cited sources stay as written, so they are taken out of the text before it is scanned.
A failure names the word and the text around it.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from ccassess.model.result import AssessmentResult
from ccassess.plugin.registry import Registry


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


#: Words that give German away in an English report (case as written).
GERMAN = _words(
    "und der die das nicht mit für von ist sind auf bei oder wird werden Stufe Seite "
    "Wert Werte Befragte Befragten Kunden Mitarbeitende Abteilung Abteilungen Lücke "
    "Empfehlung Empfehlungen Befunde Frage Fragen Zusammenfassung Methodik Anteil "
    "Gewicht Bedeutung Reifegrad Vertraulich Quelle Kennzahl Kennzahlen Abdeckung hoch "
    "mittel niedrig kritisch Warnung Hinweis Selbstbild Fremdbild Gesamt Intervall weiß"
)
#: Words that give English away in a German report (case as written: "Customer Effort
#: Score" is a name in German too, "score" is not German).
ENGLISH = _words(
    "the and of with is are not for to from by Level Page score scores customers "
    "customer respondents internal gap findings recommendation recommendations interval "
    "staff overall Overall Self-image Confidential high medium low warning critical note "
    "Method Contents summary"
)
#: Ids that are also ordinary words of a language, not scanned in it ("number" in English).
ORDINARY = {
    "en": {"number", "text", "matrix", "leadership"},
    "de": set(),
}
SNAKE_CASE = re.compile(r"(?<![\w-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w-])")
#: Statistics keep their established names.
ALLOWED_IDS = {"r_wg"}
ASCII_MINUS = re.compile(r"(?<![\w.,])-\d")


def _context(text: str, start: int, end: int) -> str:
    return "…" + text[max(0, start - 50) : end + 50].replace("\n", " ") + "…"


def _client_strings(result: AssessmentResult, answers: Iterable[Any]) -> list[str]:
    """What the client and the sources wrote: kept in their own language."""
    found = {result.info.client, result.info.title, result.info.prepared_by}
    found.update(result.info.departments)
    for module in result.modules:
        for dimension in module.dimensions:
            found.update(q.source for q in dimension.questions if q.source)

    def walk(value: Any) -> None:
        if isinstance(value, str):
            if "_" not in value and (" " in value or value[:1].isupper()):
                found.add(value)  # free text: an activity, an open answer
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    for answer in answers:
        walk(answer)
    # longest first, so that a name inside a longer one does not break it apart
    return sorted((s for s in found if s and len(s) > 2), key=len, reverse=True)


def _spaces(text: str) -> str:
    """Whitespace collapsed, no-break spaces kept (they are what the '%' check looks at)."""
    return re.sub(r"[ \t\r\n]+", " ", text)


def _without(text: str, strings: Iterable[str]) -> str:
    text = _spaces(text)
    for value in strings:
        text = text.replace(_spaces(value), " ")
    return text


def _visible(markup: str) -> str:
    """The text a reader sees; charts (SVG) are left to the PDF test, which reads them. Tags
    right before a "%" go without a space ("49<span>%</span>" reads "49%")."""
    markup = re.sub(r"<(style|script|svg)\b.*?</\1>", " ", markup, flags=re.S)
    markup = re.sub(r"(?:<[^>]+>)+(?=%)", "", markup)
    return _spaces(html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def problems_in(text: str, lang: str, identifiers: Iterable[str], *, html: bool) -> list[str]:
    """Every offending word with its context."""
    found = []
    other = GERMAN if lang == "en" else ENGLISH
    for word in other:
        for match in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", text):
            kind = "German" if lang == "en" else "English"
            found.append(f"{kind} word {word!r}: {_context(text, *match.span())}")
    for match in SNAKE_CASE.finditer(text):
        if match.group(0) not in ALLOWED_IDS:
            found.append(f"identifier {match.group(0)!r}: {_context(text, *match.span())}")
    for name in identifiers:
        if "_" in name or name in ORDINARY[lang]:
            continue  # snake_case ids are found above; ordinary words are prose
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            found.append(f"identifier {name!r}: {_context(text, *match.span())}")
    for word in ("Plugin", "plugin", "ccassess"):
        for match in re.finditer(re.escape(word), text):
            found.append(f"tool jargon {word!r}: {_context(text, *match.span())}")
    for match in ASCII_MINUS.finditer(text):
        found.append(f"ASCII minus: {_context(text, *match.span())}")
    if lang == "en":
        spaced = re.compile(r"\d[ \u00a0\u202f]%")
    else:  # German: a space, and in HTML one that does not break
        spaced = re.compile(r"\d%" if not html else r"\d(?:%| %)")
    for match in spaced.finditer(text):
        found.append(f"'%' spaced the other way: {_context(text, *match.span())}")
    return found


@pytest.fixture(scope="module")
def client_strings(demo_result: AssessmentResult, demo_inputs: Any) -> list[str]:
    answers = [r.answers for r in demo_inputs.respondents]
    return _client_strings(demo_result, answers)


@pytest.fixture(scope="module")
def identifiers(demo_result: AssessmentResult, registry: Registry) -> list[str]:
    return sorted({*registry.question_types, *(m.id for m in demo_result.modules)})


def _render(run: Callable[..., Result], path: Path, lang: str) -> Path:
    result = run("demo", "--lang", lang, "--format", path.suffix[1:], "-o", path)
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize("lang", ["de", "en"])
def test_html_demo_report_speaks_one_language(
    lang: str,
    run: Callable[..., Result],
    tmp_path: Path,
    client_strings: list[str],
    identifiers: list[str],
) -> None:
    markup = _render(run, tmp_path / "report.html", lang).read_text("utf-8")
    text = _visible(markup)
    problems = problems_in(_without(text, client_strings), lang, identifiers, html=True)
    # a table cell that is nothing but an id, in any language ("number" as a question type)
    for cell in re.findall(r"<t[dh][^>]*>\s*([^<]*?)\s*</t[dh]>", markup):
        if cell in identifiers:
            problems.append(f"identifier {cell!r} as a table cell")
    assert not problems, "\n".join(problems)


def _pdf_text(path: Path) -> str:
    if shutil.which("pdftotext"):
        return subprocess.run(
            ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    pypdf = pytest.importorskip("pypdf")
    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["de", "en"])
def test_pdf_demo_report_speaks_one_language(
    lang: str,
    run: Callable[..., Result],
    tmp_path: Path,
    client_strings: list[str],
    identifiers: list[str],
) -> None:
    """The PDF's text, charts included (their labels are text in the PDF)."""
    text = _pdf_text(_render(run, tmp_path / "report.pdf", lang))
    text = re.sub(r"(\w)-\n(\w)", r"\1-\2", text)  # a word broken at a hyphen, joined
    problems = problems_in(_without(text, client_strings), lang, identifiers, html=False)
    assert not problems, "\n".join(problems)


def test_the_scan_finds_what_it_looks_for() -> None:
    """The scanner itself: each kind of problem is found, named and shown in context."""
    english = "Level 4 · the gap is 12 % of -18 · activity_list · Plugin ccassess kano"
    found = "\n".join(problems_in(english, "en", ["kano", "likert"], html=True))
    assert "German word" not in found
    expected_kinds = (
        "identifier 'activity_list'",
        "identifier 'kano'",
        "tool jargon 'Plugin'",
        "tool jargon 'ccassess'",
        "ASCII minus",
        "'%' spaced the other way",
    )
    for expected in expected_kinds:
        assert expected in found, found
    german = "Stufe 4 · the gap und 49% und 49 % · likert"
    found = "\n".join(problems_in(german, "de", ["likert"], html=True))
    assert "English word 'the'" in found and "English word 'gap'" in found
    assert found.count("'%' spaced the other way") == 2 and "identifier 'likert'" in found
    assert "…Stufe 4 · the gap und 49% und" in found  # the context around the word
    assert problems_in("Stufe 4 und 49\u00a0% (−18)", "de", [], html=True) == []
