"""Answers that do not fit their question are refused in the user's language: the core's
question types (a likert value off the scale) through the ccassess catalog, the Kano and
activity-list types through their plugins' own catalogs (`ccassess.plugin_messages`).

Driven through the real `init` and `import`; the pseudo language shows that every one of these
messages comes from a catalog, the plugins' as well as the core's.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from ccassess import AnswerProblem
from ccassess.catalogs import using_language
from ccassess.plugin.registry import Registry

GERMAN = {"CCASSESS_LANG": "de"}
PSEUDO = {"CCASSESS_LANG": "qps"}
ROOT = Path(__file__).resolve().parent.parent
#: The key paths of the three bad answers in `bad_answers`, each on its line of the file.
PLACES = {
    6: "respondents[R1].answers.leadership.lead_visible: ",
    8: "respondents[R1].answers.customer_or_reporting.activities: ",
    13: "respondents[K1].answers.customer_understanding.kano_same_day_answer: ",
}


@pytest.fixture
def workspace(tmp_path: Path, run: Callable[..., Result]) -> Path:
    folder = tmp_path / "kunde"
    made = run(
        "init", folder, "--client", "Beispiel AG", "--language", "de", "--round", "R1", env=GERMAN
    )
    assert made.exit_code == 0, made.output
    return folder


def bad_answers(tmp_path: Path) -> Path:
    """A response file with a likert value off the scale, an activity whose share is over 100
    and a Kano answer that is none of the five reactions."""
    path = tmp_path / "antworten.yaml"
    path.write_text(
        "respondents:\n"
        "  - id: R1\n"
        "    perspective: internal\n"
        "    answers:\n"
        "      leadership:\n"
        "        lead_visible: 9\n"
        "      customer_or_reporting:\n"
        "        activities: [{activity: Wochenbericht, share: 150, category: reporting}]\n"
        "  - id: K1\n"
        "    perspective: customer\n"
        "    answers:\n"
        "      customer_understanding:\n"
        "        kano_same_day_answer: {functional: vielleicht, dysfunctional: like}\n",
        "utf-8",
    )
    return path


def problems(shown: Result, path: Path) -> dict[int, str]:
    """The refused import's problem per line of the file: each one line with the file, the line
    and the key path, exit status 2, no traceback."""
    assert shown.exit_code == 2, shown.output
    assert "Traceback" not in shown.output
    found: dict[int, str] = {}
    for line in shown.stderr.splitlines():
        if f"{path}:" not in line:
            continue
        number = int(line.split(f"{path}:", 1)[1].split(":", 1)[0])
        place = PLACES[number]
        assert place in line, line
        message = line.split(place, 1)[1]
        if line.startswith("[["):  # the pseudo language wraps the frame "error: …" as well
            message = message.removesuffix("]]")
        found[number] = message
    assert sorted(found) == sorted(PLACES), shown.stderr
    return found


def test_bad_answers_are_refused_in_german(
    workspace: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    path = bad_answers(tmp_path)
    found = problems(run("import", "-w", workspace, path, env=GERMAN), path)
    assert found[6] == "9 liegt nicht auf der Skala; erlaubt: 1–5"
    assert found[8] == "Tätigkeit 1: der Anteil 150 muss über 0 und höchstens 100 sein (Prozent)"
    assert found[13].startswith(
        "functional: 'vielleicht' ist keine Kano-Antwort; erlaubt: like, expect, neutral, "
        "tolerate, dislike oder 1–5 (gefällt mir / "
    )
    shown = "\n".join(found.values())
    for english in ("not on the scale", "allowed", "activity 1", "share", "not a Kano answer"):
        assert english not in shown


def test_bad_answers_in_the_pseudo_language_come_from_catalogs(
    workspace: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    """The core's message and each plugin's (the activity's number and its problem are two
    messages of the plugin's catalog) are wrapped; only the file, the place and the Kano key
    ("functional", a key of the file) are data."""
    path = bad_answers(tmp_path)
    found = problems(run("import", "-w", workspace, path, env=PSEUDO), path)
    assert found[6] == "[[9 is not on the scale; allowed: 1–5]]"
    assert found[8] == (
        "[[activity 1: [[share 150 must be more than 0 and at most 100 (percent)]]]]"
    )
    assert found[13].startswith("functional: [['vielleicht' is not a Kano answer; allowed: ")
    assert found[13].endswith("]]")


@pytest.mark.parametrize(
    ("module", "question", "value", "german"),
    [
        ("leadership", "lead_visible", "viel", "'viel' liegt nicht auf der Skala; erlaubt: 1–5"),
        ("customer_metrics", "csat_satisfied", -5, "-5 liegt unter dem Minimum 0"),
        ("customer_metrics", "csat_satisfied", "viele", "'viele' ist keine Zahl"),
        ("customer_metrics", "csat_satisfied", float("nan"), "nan ist keine endliche Zahl"),
        ("customer_perception", "svc_contact", "fax", "'fax' ist keine der Optionen; erlaubt: "),
        (
            "customer_perception",
            "open_improve_first",
            "x" * 12_345,
            "der Text hat 12.345 Zeichen; erlaubt sind höchstens 10.000",
        ),
        ("silo_check", "understanding_matrix", [3], "erwartet wird eine Zuordnung Zeile → "),
        ("silo_check", "understanding_matrix", {"Lager": 3}, "unbekannte Zeile 'Lager'; Zeilen: "),
        ("silo_check", "understanding_matrix", {"Vertrieb": 9}, "Zeile 'Vertrieb': 9 liegt nicht"),
    ],
)
def test_core_question_types_speak_the_cli_language(
    registry: Registry, module: str, question: str, value: object, german: str
) -> None:
    """What a person importing a file reads: the CLI's language, whatever the assessment's."""
    asked = next(q for _, q in registry.modules[module].questions() if q.id == question)
    kind = registry.question_types[asked.type]
    with using_language("de"), pytest.raises(AnswerProblem) as caught:
        kind.check(asked, value, ("Vertrieb",))
    assert str(caught.value).startswith(german), caught.value
    with pytest.raises(AnswerProblem) as english:
        kind.check(asked, value, ("Vertrieb",))
    assert str(english.value) != str(caught.value)


def test_scaffold_and_survey_refusals_in_german(
    workspace: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    named = run("plugin", "new", "ccassess-acme", "--dir", tmp_path, env=GERMAN)
    assert named.exit_code == 2, named.output
    assert "Plugin-Name 'ccassess-acme': bitte ohne das Präfix „ccassess-“ angeben" in named.stderr
    asked = run("survey", "-w", workspace, "--module", "nope", env=GERMAN, input="")
    assert asked.exit_code == 2, asked.output
    assert "Modul 'nope' gehört nicht zu diesem Arbeitsbereich; Module: " in asked.stderr
    assert "is not part of" not in asked.stderr


@pytest.mark.parametrize(
    "plugin", ["ccassess_customer_or_reporting", "ccassess_customer_understanding"]
)
def test_the_plugins_message_catalogs_are_complete_and_compiled(plugin: str) -> None:
    """Each plugin's messages have their German translations beside its label catalog, and
    its .pot, .po and .mo are what `scripts/update_catalogs.py` makes of the code."""
    spec = importlib.util.spec_from_file_location(
        "update_catalogs", ROOT / "scripts" / "update_catalogs.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    files, missing = script.planned_files()
    folder = ROOT / "plugins" / plugin / "locale"
    ours = {path: data for path, data in files.items() if folder in path.parents}
    assert folder / f"{plugin}.pot" in ours
    assert folder / "de" / "LC_MESSAGES" / f"{plugin}.mo" in ours
    assert [path for path, data in ours.items() if path.read_bytes() != data] == []
    assert [line for line in missing if plugin in line] == []
