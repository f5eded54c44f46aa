"""Bad input speaks the user's language (#21): broken files through the real CLI, in German and
in the pseudo language.

Each file here is really broken (YAML that does not parse, a module definition with errors, a
response file with an unknown key, a file over the size limit, lists nested too deep, bad
settings, a text file named .xlsx) and goes through `ccassess validate`. In German every
problem is one German line naming the file and the place, exit status 2. In the pseudo
language ``qps`` every message is wrapped in [[…]] while the place (file, line, key path)
stays outside: it is data, not a message.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import Result

from ccassess.actions.load_plugins import load_registry
from ccassess.catalogs import using_language
from ccassess.definitions.narrative import parse_narrative
from ccassess.errors import CcassessError
from ccassess.io.structured import MAX_NESTING
from ccassess.model.result import RESULT_FORMAT
from ccassess.model.serial import result_from_json

GERMAN = {"CCASSESS_LANG": "de"}
PSEUDO = {"CCASSESS_LANG": "qps"}
#: Words that give English away in a German message (whole words).
ENGLISH = re.compile(
    r"\b(the|is|are|not|of|with|got|expected|must|missing|unknown|allowed|invalid|file|"
    r"bytes; the|limit|nested|deep|levels|duplicate|key|folder|sheet|workbook)\b"
)

MODULE = """\
id: hostile
version: one
title: {de: Test, en: Test}
dimensions:
  - id: d1
    title: {de: Eins, en: One}
    colour: red
    questions:
      - id: q1
        type: likert
        weight: -1
        dont_know: "ja"
        text: {de: Frage, en: Question}
        source: test
"""
RESPONSE = """\
respondent:
  id: R1
  perspective: internal
  colour: blau
  answers:
    leadership: {lead_visible: 4}
"""


@dataclass(frozen=True)
class Expected:
    """One problem: where it is (data), and its message in German and in English."""

    place: str
    german: str
    english: str
    #: What follows the German text is data or a library's own words (allowed keys, the
    #: YAML parser's reason), not ours to translate.
    data_follows: bool = False


@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]
    problems: tuple[Expected, ...]


def _cases(folder: Path) -> dict[str, Case]:
    folder.mkdir(exist_ok=True)

    def write(name: str, text: str) -> str:
        path = folder / name
        path.write_text(text, "utf-8")
        return str(path)

    broken = write("broken.yaml", "id: x\nversion: 1.0.0\ntitle: {de: T, en: T\n")
    module = write("module.yaml", MODULE)
    response = write("response.yaml", RESPONSE)
    big = folder / "big.yaml"
    with big.open("wb") as stream:  # sparse: one byte over the module limit, cheaply
        stream.truncate(2 * 1024 * 1024 + 1)
    deep_yaml = write("deep.yaml", "client: x\nkey: " + "[" * 200 + "]" * 200 + "\n")
    deep_json = write("deep.json", '{"key":\n' + "[\n" * 100 + "]\n" * 100 + "}\n")
    settings = write(
        "assessment.yaml",
        "client: X\nlanguage: de\nanonymity_threshold: 2\ndepartments: [Vertrieb, Vertrieb]\n",
    )
    workbook = write("bogen.xlsx", "hello\n")
    nested = f"{MAX_NESTING} Ebenen"
    return {
        "broken YAML": Case(
            ("--module", broken),
            (Expected(f"{broken}:4", "ungültiges YAML: ", "invalid YAML: ", data_follows=True),),
        ),
        "module with errors": Case(
            ("--module", module),
            (
                Expected(
                    f"{module}:2: version",
                    "'one' ist keine semantische Version wie 1.0.0",
                    "'one' is not a semantic version like 1.0.0",
                ),
                Expected(
                    f"{module}:7: dimensions[0].colour",
                    "unbekannter Schlüssel; erlaubt: ",
                    "unknown key; allowed: ",
                    data_follows=True,
                ),
                Expected(
                    f"{module}:11: dimensions[d1].questions[q1].weight",
                    "muss größer als 0 sein, angegeben ist -1",
                    "must be greater than 0, got -1",
                ),
                Expected(
                    f"{module}:12: dimensions[d1].questions[q1].dont_know",
                    "erwartet wird true oder false, gefunden: Text ('ja')",
                    "expected true or false, got ",
                ),
            ),
        ),
        "response file with an unknown key": Case(
            (response,),
            (
                Expected(
                    f"{response}:4: respondent.colour",
                    "unbekannter Schlüssel; erlaubt: answers",
                    "unknown key; allowed: answers",
                    data_follows=True,
                ),
            ),
        ),
        "file too large": Case(
            ("--module", str(big)),
            (
                Expected(
                    str(big),
                    "die Datei hat 2.097.153 Bytes; die Grenze liegt bei 2.097.152",
                    "file is 2,097,153 bytes; the limit is 2,097,152",
                ),
            ),
        ),
        "nested too deep": Case(
            (deep_yaml, deep_json),
            (
                Expected(
                    f"{deep_yaml}:2",
                    f"Listen und Zuordnungen sind tiefer als {nested} verschachtelt",
                    "lists and mappings nested more than",
                ),
                Expected(
                    f"{deep_json}:{MAX_NESTING + 1}",
                    f"Listen und Zuordnungen sind tiefer als {nested} verschachtelt",
                    "lists and mappings nested more than",
                ),
            ),
        ),
        "bad settings": Case(
            ("-a", settings),
            (
                Expected(
                    f"{settings}:3: anonymity_threshold",
                    "muss zum Schutz der Befragten mindestens 3 sein, angegeben ist 2",
                    "must be at least 3 to protect respondents, got 2",
                ),
                Expected(
                    f"{settings}:4: departments[1]",
                    "die Abteilung 'Vertrieb' ist doppelt aufgeführt",
                    "duplicate department 'Vertrieb'",
                ),
            ),
        ),
        "text file named .xlsx": Case(
            (workbook,),
            (
                Expected(
                    workbook,
                    "keine Excel-Arbeitsmappe (.xlsx): die Datei ist kein ZIP-Archiv",
                    "not an Excel workbook (.xlsx): the file is not a ZIP archive",
                ),
            ),
        ),
    }


CASE_NAMES = [
    "broken YAML",
    "module with errors",
    "response file with an unknown key",
    "file too large",
    "nested too deep",
    "bad settings",
    "text file named .xlsx",
]


def _lines_with(result: Result, place: str) -> list[str]:
    return [line for line in result.output.splitlines() if f"{place}: " in line]


def _named_lines(result: Result, tmp_path: Path) -> int:
    """How many lines name an input file: one per problem, nothing else."""
    folder = str(tmp_path / "input")
    return sum(folder in line for line in result.output.splitlines())


def _message(line: str, place: str) -> str:
    """What follows the place in an output line."""
    return line.split(f"{place}: ", 1)[1]


@pytest.mark.parametrize("name", CASE_NAMES)
def test_bad_input_is_refused_in_german(
    name: str, tmp_path: Path, run: Callable[..., Result]
) -> None:
    case = _cases(tmp_path / "input")[name]
    result = run("validate", *case.args, env=GERMAN)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for expected in case.problems:
        lines = _lines_with(result, expected.place)
        assert len(lines) == 1, (expected.place, result.output)
        message = _message(lines[0], expected.place)
        assert message.startswith(expected.german), (message, result.output)
        assert expected.english not in result.output
        ours = message[: len(expected.german)] if expected.data_follows else message
        english = ENGLISH.findall(ours)
        assert not english, (english, message)
    assert _named_lines(result, tmp_path) == len(case.problems), result.output


@pytest.mark.parametrize("name", CASE_NAMES)
def test_bad_input_in_the_pseudo_language_wraps_every_message(
    name: str, tmp_path: Path, run: Callable[..., Result]
) -> None:
    case = _cases(tmp_path / "input")[name]
    result = run("validate", *case.args, env=PSEUDO)
    assert result.exit_code == 2, result.output
    for expected in case.problems:
        lines = _lines_with(result, expected.place)
        assert len(lines) == 1, (expected.place, result.output)
        # the place is data, outside the brackets; the message is wrapped, all of it
        message = _message(lines[0], expected.place)
        assert message.startswith("[[" + expected.english), (message, result.output)
        assert message.endswith("]]"), message
    assert _named_lines(result, tmp_path) == len(case.problems), result.output


def test_a_warning_of_a_module_is_german(tmp_path: Path, run: Callable[..., Result]) -> None:
    path = tmp_path / "module.yaml"
    path.write_text(
        MODULE.replace("version: one", "version: 1.0.0")
        .replace("    colour: red\n", "")
        .replace("weight: -1", "weight: 1")
        .replace('dont_know: "ja"', "dont_know: true")
        .replace("title: {de: Eins, en: One}", "title: Eins"),
        "utf-8",
    )
    result = run("validate", "--module", path, env=GERMAN)
    assert result.exit_code == 0, result.output
    assert f"{path}:6: dimensions[d1].title" in result.output
    assert "der Text ist nicht übersetzt; schreiben Sie {de: …, en: …}" in result.output
    assert "text is not translated" not in result.output
    strict = run("validate", "--strict", "--module", path, env=GERMAN)
    assert strict.exit_code == 2, strict.output


def test_a_narrative_error_names_file_and_line_in_german() -> None:
    with using_language("de"), pytest.raises(CcassessError) as raised:
        parse_narrative("# Kernbotschaft\n- x\n", "narrative.md")
    assert str(raised.value).startswith(
        "narrative.md:1: unbekannte Überschrift 'Kernbotschaft'; verwenden Sie „Kernbotschaften“"
    )
    with using_language("qps"), pytest.raises(CcassessError) as raised:
        parse_narrative("intro\n# Key messages\n", "narrative.md")
    assert str(raised.value).startswith("narrative.md:1: [[text before the first heading")


def test_a_result_file_of_another_format_is_refused_in_german() -> None:
    with using_language("de"), pytest.raises(CcassessError) as raised:
        result_from_json(json.dumps({"format": 999}), "ergebnis.json")
    assert str(raised.value) == (
        f"ergebnis.json: das Ergebnisformat 999 wird nicht unterstützt (dieses ccassess liest "
        f"Format {RESULT_FORMAT}); werten Sie die Antworten neu aus"
    )


PLAIN_TITLE = """\
id: mine
version: 0.1.0
title: Meins
dimensions:
  - id: d
    title: {de: D, en: D}
    questions:
      - {id: q, type: likert, source: own, text: {de: F, en: Q}}
"""


def test_cached_module_warnings_follow_the_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The module cache stores a module's warnings as worded: each language has its own
    entries, so a German run never shows the English warnings of an earlier run."""
    monkeypatch.setenv("CCASSESS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CCASSESS_NO_CACHE", raising=False)
    folder = tmp_path / "own"
    folder.mkdir()
    (folder / "mine.yaml").write_text(PLAIN_TITLE, "utf-8")
    seen = []
    for lang in ("en", "de", "en", "de"):
        with using_language(lang):
            entry = load_registry(folder).entries["mine"]
            seen.append([problem.message for problem in entry.warnings])
    english = ["text is not translated; write {de: …, en: …}"]
    german = ["der Text ist nicht übersetzt; schreiben Sie {de: …, en: …}"]
    assert seen == [english, german, english, german]
    assert list((tmp_path / "cache" / "modules").glob("*.pickle"))  # the cache was used
