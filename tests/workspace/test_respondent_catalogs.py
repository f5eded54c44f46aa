"""What a respondent reads comes from the catalogs, in the respondent's language (#21).

A German terminal survey, a German web questionnaire and a German answer sheet contain no
English sentence, and their validation messages are German. In the pseudo language `qps`
every catalog text is wrapped in [[…]], so a web page or an answer sheet whose every text is
either wrapped, module content (which falls back to English) or data proves that none of
its texts bypasses the catalogs.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from serve_kit import MODULES, answers_for, client, hidden, invite

from ccassess.forms.sheet_layout import META_SHEET, RESPONDENT_FIELDS
from ccassess.plugin.registry import Registry
from ccassess.questions.builtin import CORE_TYPES
from ccassess.text import Text
from ccassess.workspace import Workspace

GERMAN = {"CCASSESS_LANG": "de"}
#: Words that give English away in German text (whole words, case as written).
ENGLISH = re.compile(
    r"(?<![\w'./-])(the|and|of|with|is|are|not|for|to|from|by|this|that|please|Please|your|"
    r"Your|answer|answers|Answer|question|questions|Question|page|Page|save|Save|continue|"
    r"back|submit|Submit|skip|pause|module|part|Part|valid|allowed|respondent|Respondent|"
    r"don't|know|Thank|Help|Instructions|Department|Welcome|Start)(?![\w'/-])"
)
LETTERS = re.compile(r"[^\W\d_]")


def english_in(text: str) -> list[str]:
    return [
        "…" + text[max(0, m.start() - 40) : m.end() + 40].replace("\n", " ") + "…"
        for m in ENGLISH.finditer(text)
    ]


def unwrapped(texts: list[str], content: set[str]) -> list[str]:
    """The texts with letters left once the catalog texts ([[…]], innermost first), module
    content and data are taken out."""
    known = sorted((c for c in content if len(c) > 1), key=len, reverse=True)
    left = []
    for text in texts:
        rest = text
        while "[[" in rest:
            shorter = re.sub(r"\[\[(?:(?!\[\[)[^\]]|\](?!\]))*\]\]", " ", rest)
            if shorter == rest:
                break
            rest = shorter
        for item in known:
            rest = rest.replace(item, " ")
        if LETTERS.search(rest):
            left.append(f"{text!r} → {rest.strip()!r}")
    return left


def module_content(registry: Registry, module_ids: list[str]) -> set[str]:
    """Every text and id of the modules (their content, in English as a pseudo language
    shows it), found by walking the module objects."""
    found: set[str] = set()

    def walk(value: Any) -> Iterator[str]:
        if isinstance(value, Text):
            yield value.get("en")
        elif isinstance(value, str):
            yield value
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for item in dataclasses.fields(value):
                yield from walk(getattr(value, item.name))
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(key)
                yield from walk(item)
        elif isinstance(value, list | tuple | set | frozenset):
            for item in value:
                yield from walk(item)

    for module_id in module_ids:
        found.update(text for text in walk(registry.modules[module_id]) if text)
    return found


class _Visible(HTMLParser):
    """The text a person reads on a page (text nodes, labels for screen readers)."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._skip += 1
        self.texts.extend(v for k, v in attrs if k in ("aria-label", "title", "alt") and v)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.texts.append(data.strip())


def visible(html: str) -> list[str]:
    parser = _Visible()
    parser.feed(html)
    return parser.texts


# -- the terminal survey ---------------------------------------------------------------------


def test_a_german_terminal_survey_speaks_german(workspace: Path, run: Callable) -> None:
    """Every line of a German survey, a refused answer's message too, is German."""
    answers = ["9", "1.2.3"] + ["4"] * 28  # two refused answers, then every question
    result = run(
        "survey",
        "-w",
        workspace,
        "--id",
        "T-DE",
        "--perspective",
        "internal",
        "--department",
        "Vertrieb",
        "--module",
        "leadership",
        "--lang",
        "de",
        input="\n".join(answers) + "\n",
        env=GERMAN,
    )
    assert result.exit_code == 0, result.output
    shown = result.stdout
    assert "Ungültig: „9“ liegt nicht auf der Skala; bitte eine Zahl von 1 bis 5" in shown
    assert "Ungültig: „1.2.3“ liegt nicht auf der Skala" in shown
    assert "Fragebogen Kundenzentrierung 2026: 28 Fragen in 1 Modul." in shown
    assert "Vielen Dank! Ihre Antworten sind gespeichert (Befragten-ID T-DE)." in shown
    assert not english_in(shown.replace("T-DE", " ")), english_in(shown)[:5]


def test_a_german_survey_refuses_an_unclear_number_in_german(
    workspace: Path, run: Callable
) -> None:
    result = run(
        "survey",
        "-w",
        workspace,
        "--id",
        "T-KZ",
        "--perspective",
        "internal",
        "--department",
        "Vertrieb",
        "--module",
        "customer_metrics",
        "--lang",
        "de",
        input="1,240.5\nq\n",
        env=GERMAN,
    )
    assert result.exit_code == 0, result.output
    refused = [line for line in result.stdout.splitlines() if line.startswith("Ungültig")]
    assert refused, result.stdout
    assert not english_in("\n".join(refused)), refused


def test_the_terminal_survey_in_the_pseudo_language(
    workspace: Path, run: Callable, registry: Registry
) -> None:
    """Every line is wrapped apart from module content (question, scale) and data."""
    result = run(
        "survey",
        "-w",
        workspace,
        "--id",
        "T-Q",
        "--perspective",
        "internal",
        "--department",
        "Vertrieb",
        "--module",
        "leadership",
        "--lang",
        "qps",
        input="9\n4\nq\n",
    )
    assert result.exit_code == 0, result.output
    with Workspace.open(workspace) as ws:
        title = ws.settings.title or ws.settings.client or ""
    content = module_content(registry, ["leadership"]) | {"T-Q", title}
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert not unwrapped(lines, content)
    assert "[[Answer]]:" in result.stdout


# -- the web questionnaire -------------------------------------------------------------------


@pytest.fixture
def folder(make_workspace: Callable[..., Path]) -> Path:
    return make_workspace("web", MODULES)


def _started(http: Any, link: str, lang: str) -> str:
    welcome = http.get(f"{link}?lang={lang}")
    assert welcome.status_code == 200, welcome.text
    started = http.post(link + "/start", data={"csrf": hidden(welcome.text, "csrf"), "lang": lang})
    assert started.status_code == 303
    return started.headers["location"]


def _refused_pick(http: Any, path: str) -> Any:
    """Send the page with one radio button's value replaced by one the page did not offer."""
    page = http.get(path)
    form = answers_for(page.text)
    name = re.findall(r'type="radio" name="([^"]+)"', page.text)[0]
    form[name] = "99"
    return http.post(path, data=form)


def test_a_german_web_page_speaks_german(folder: Path, registry: Registry, run: Callable) -> None:
    [link] = invite(run, folder, "--department", "Vertrieb")
    http, _ = client(folder, registry)
    welcome = http.get(f"{link}?lang=de")
    path = _started(http, link, "de")
    page = http.get(path)
    refused = _refused_pick(http, path)
    assert refused.status_code == 422
    assert "Diese Antwort wird nicht angenommen: keine der angebotenen Antworten" in refused.text
    for html in (welcome.text, page.text, refused.text):
        texts = [t for t in visible(html) if t != "English"]  # the language switch
        assert not english_in("\n".join(texts)), english_in("\n".join(texts))[:5]
    assert "Speichern und weiter" in page.text and "Seite 1 von" in page.text


def test_a_german_refusal_in_plain_text(folder: Path, registry: Registry, run: Callable) -> None:
    [link] = invite(run, folder, "--department", "Vertrieb")
    http, _ = client(folder, registry)
    refused = http.post(link + "/start?lang=de", data={"lang": "de"})
    assert refused.status_code == 403
    assert refused.text == "Das Formular-Token fehlt oder ist falsch."


def test_web_pages_in_the_pseudo_language(folder: Path, registry: Registry, run: Callable) -> None:
    """Welcome, a questionnaire page, the page with an error and the review: every text is
    wrapped apart from module content and data (the title, the department, the language
    names of the switch)."""
    [link] = invite(run, folder, "--department", "Vertrieb")
    http, ctx = client(folder, registry)
    welcome = http.get(f"{link}?lang=qps")
    path = _started(http, link, "qps")
    page = http.get(path)
    refused = _refused_pick(http, path)
    assert refused.status_code == 422
    settings = ctx.workspace.settings
    data = {
        "Deutsch",
        "English",
        settings.title or "",
        settings.client or "",
        *settings.departments,
    }
    content = module_content(registry, MODULES) | data
    for html in (welcome.text, page.text, refused.text):
        texts = visible(html)
        assert texts and not unwrapped(texts, content), unwrapped(texts, content)[:5]
    assert "[[Save and continue]]" in page.text
    neutral = http.get("/r/no-such-token?lang=qps")
    assert not unwrapped(visible(neutral.text), data)


# -- answer sheets ---------------------------------------------------------------------------


def _cells(path: Path, skip: tuple[str, ...] = ()) -> dict[str, list[str]]:
    book = load_workbook(path)
    found = {
        sheet.title: [
            str(cell)
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if isinstance(cell, str)
        ]
        for sheet in book.worksheets
        if sheet.title not in skip
    }
    book.close()
    return found


def test_a_german_answer_sheet_has_german_instructions(
    workspace: Path, run: Callable, tmp_path: Path
) -> None:
    path = tmp_path / "bogen.xlsx"
    made = run("sheet", "-w", workspace, "--lang", "de", "-o", path, env=GERMAN)
    assert made.exit_code == 0, made.output
    cells = _cells(path, skip=(META_SHEET,))
    assert "Anleitung" in cells and "Angaben" in cells
    instructions = cells["Anleitung"]
    assert "So füllen Sie diesen Fragebogen aus" in instructions
    assert any(line.startswith("5. Speichern Sie die Datei") for line in instructions)
    texts = "\n".join(text for sheet in cells.values() for text in sheet)
    assert not english_in(texts), english_in(texts)[:5]
    # and it imports: the headers and sheet names are recognised
    book = load_workbook(path)
    sheet = book["leadership"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "lead_visible":
            row[3].value = "4 – trifft eher zu"
    book.save(path)
    answered = run("import", "-w", workspace, path)
    assert answered.exit_code == 0, answered.output
    assert "imported 1 respondent(s)" in answered.output


@pytest.mark.parametrize("perspective", ["internal", "customer"])
def test_an_answer_sheet_in_the_pseudo_language(
    workspace: Path, run: Callable, tmp_path: Path, registry: Registry, perspective: str
) -> None:
    """The modules whose questions are of the core's types (a plugin's question type has
    texts of its own, which that plugin translates)."""
    with Workspace.open(workspace) as ws:
        settings = ws.settings
    core = {qtype.name for qtype in CORE_TYPES}
    modules = [
        m
        for m in settings.modules
        if all(
            q.type in core for _, q in registry.modules[m].questions() if q.asked_of(perspective)
        )
        and any(q.asked_of(perspective) for _, q in registry.modules[m].questions())
    ]
    assert len(modules) >= 2, modules
    path = tmp_path / f"{perspective}.xlsx"
    chosen = [f"--module={m}" for m in modules]
    made = run(
        "sheet", "-w", workspace, "--lang", "qps", "--perspective", perspective, *chosen, "-o", path
    )
    assert made.exit_code == 0, made.output
    data = {settings.title or "", settings.client or "", *settings.departments}
    data |= set(RESPONDENT_FIELDS)  # the keys of the respondent's details, read back
    content = module_content(registry, modules) | data
    cells = _cells(path, skip=(META_SHEET,))
    texts = [text for sheet in cells.values() for text in sheet]
    assert not unwrapped(texts, content), unwrapped(texts, content)[:5]
    titles = [title for title in cells if title != "_lists"]
    assert "((Instructions))" in titles  # Excel refuses brackets in a sheet's title
    if perspective == "customer":
        assert "((Part 1))" in titles
