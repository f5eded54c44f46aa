"""The terminal questionnaire driven through standard input: answers stored one by one,
back/skip/don't know, interrupted and resumed, German and English, every question type."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ws_kit
from ws_kit import CLI, query

from ccassess.plugin.registry import Registry
from ccassess.survey.session import survey_items
from ccassess.workspace import Workspace


def stored_answers(folder: Path, respondent: str) -> dict[str, Any]:
    return ws_kit.stored_answers(folder, respondent).get("leadership", {})


def test_survey_interrupted_and_resumed(workspace: Path, run: Callable) -> None:
    start = [
        "survey",
        "-w",
        workspace,
        "--id",
        "T-1",
        "--perspective",
        "internal",
        "--department",
        "Vertrieb",
        "--module",
        "leadership",
        "--lang",
        "en",
    ]
    # 4, 5, don't know, skip, back (to question 4), 3 — then the input ends.
    result = run(*start, input="4\n5\n?\n\nb\n3\n")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "Question 1 of 28 · module 1/1: Leadership commitment" in lines
    assert [line for line in lines if line.startswith("Question ")][-3:] == [
        "Question 5 of 28 · module 1/1: Leadership commitment",
        "Question 4 of 28 · module 1/1: Leadership commitment",
        "Question 5 of 28 · module 1/1: Leadership commitment",
    ]
    assert (
        "Paused – every answer so far is saved. Continue with: ccassess survey --resume T-1"
        in result.stdout
    )
    assert stored_answers(workspace, "T-1") == {
        "lead_visible": 4,
        "lead_customer_contact": 5,
        "lead_role_model": "dont_know",
        "lead_models_behaviour": 3,
    }
    assert query(workspace, "SELECT complete FROM respondents") == [(0,)]
    assert "1 unfinished survey(s)" in run("round", "-w", workspace).stdout
    assert run("score", "-w", workspace).stderr.startswith("note: 1 unfinished survey(s)")

    again = run(*start, input="")
    assert again.exit_code == 2 and "--resume T-1" in again.stderr

    # Resumed in German: a wrong answer is refused with the validator's message.
    resumed = run("survey", "-w", workspace, "--resume", "--lang", "de", input="9\n" + "4\n" * 24)
    assert resumed.exit_code == 0, resumed.output
    assert "Fortsetzung bei Frage 5 von 28 (Befragten-ID T-1)." in resumed.stdout
    assert "Ungültig: „9“ liegt nicht auf der Skala; bitte eine Zahl von 1 bis 5" in resumed.stdout
    assert "Vielen Dank! Ihre Antworten sind gespeichert (Befragten-ID T-1)." in resumed.stdout
    assert len(stored_answers(workspace, "T-1")) == 28
    assert query(workspace, "SELECT complete, content_hash IS NOT NULL FROM respondents") == [
        (1, 1)
    ]
    scored = run("score", "-w", workspace, "--lang", "en")
    assert "Respondents: 1 internal, 0 customers" in scored.stdout
    finished = run("survey", "-w", workspace, "--resume", "T-1")
    assert finished.exit_code == 2
    assert "error: the survey of respondent 'T-1' is already finished" in finished.stderr


def test_survey_asks_perspective_and_department(workspace: Path, run: Callable) -> None:
    result = run(
        "survey", "-w", workspace, "--module", "leadership", "--id", "T-2", input="1\n3\nq\n"
    )
    assert result.exit_code == 0, result.output
    assert "Sie antworten als: 1) intern (Mitarbeitende)  2) Kunde" in result.stdout
    assert "Frage 1 von 28 · Modul 1/1: Führung und Verpflichtung" in result.stdout
    assert query(workspace, "SELECT perspective, department FROM respondents") == [
        ("internal", "Vertrieb")
    ]  # the third department


def _script(
    registry: Registry,
    modules: list[str],
    perspective: str,
    department: str,
    departments: tuple[str, ...],
) -> str:
    """Input lines answering every question of the modules, by question type."""
    lines: list[str] = []
    chosen = [registry.modules[m] for m in modules]
    for item in survey_items(chosen, perspective):
        question = item.question
        if question.type == "matrix":
            lines += ["4" for d in departments if d != department]
        elif question.type == "kano":
            lines += ["1", "5"]
        elif question.type == "activity_list":
            lines += ["Wochenbericht; 10; 3", "Kundenbesuche; 40; 1", ""]
        elif question.type == "number":
            lines.append("10")
        elif question.type == "yes_partly_no":
            lines.append("1")
        else:
            lines.append("4")
    return "\n".join(lines) + "\n"


def test_every_question_type(workspace: Path, run: Callable, registry: Registry) -> None:
    with Workspace.open(workspace) as ws:
        departments = ws.settings.departments
    internal = ["silo_check", "customer_or_reporting"]
    script = _script(registry, internal, "internal", "Marketing", departments)
    result = run(
        "survey",
        "-w",
        workspace,
        "--id",
        "T-3",
        "--perspective",
        "internal",
        "--department",
        "Marketing",
        *[f"--module={m}" for m in internal],
        "--lang",
        "en",
        input=script,
    )
    assert result.exit_code == 0, result.output
    assert "Thank you!" in result.stdout
    customer = ["customer_understanding"]
    script = _script(registry, customer, "customer", "", departments)
    result = run(
        "survey",
        "-w",
        workspace,
        "--id",
        "T-4",
        "--perspective",
        "customer",
        "--module",
        "customer_understanding",
        input=script,
    )
    assert result.exit_code == 0, result.output
    with Workspace.open(workspace) as ws:
        stored = {r.id: r for r in ws.respondents(ws.round())}
    matrix = stored["T-3"].answers["silo_check"]["understanding_matrix"]
    assert "Marketing" not in matrix and set(matrix.values()) == {4} and len(matrix) == 7
    assert stored["T-3"].answers["customer_or_reporting"]["activities"] == [
        {"activity": "Wochenbericht", "share": 10, "category": "reporting"},
        {"activity": "Kundenbesuche", "share": 40, "category": "customer"},
    ]
    assert stored["T-4"].answers["customer_understanding"]["kano_same_day_answer"] == {
        "functional": "like",
        "dysfunctional": "dislike",
    }
    assert run("score", "-w", workspace).exit_code == 0


def test_killed_survey_keeps_every_answer(workspace: Path) -> None:
    command = [
        *CLI,
        "survey",
        "-w",
        str(workspace),
        "--id",
        "T-6",
        "--perspective",
        "internal",
        "--department",
        "Vertrieb",
        "--module",
        "leadership",
    ]
    survey = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert survey.stdin is not None and survey.stdout is not None
    survey.stdin.write("2\n3\n4\n")
    survey.stdin.flush()
    seen = ""
    while "Frage 4 von 28" not in seen:
        line = survey.stdout.readline()
        assert line, survey.stderr.read() if survey.stderr else ""
        seen += line
    survey.send_signal(signal.SIGKILL)
    survey.wait(timeout=10)
    first = {"lead_visible": 2, "lead_customer_contact": 3, "lead_role_model": 4}
    assert stored_answers(workspace, "T-6") == first
    resumed = subprocess.run(
        [*CLI, "survey", "-w", str(workspace), "--resume", "T-6"],
        input="5\nq\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Fortsetzung bei Frage 4 von 28" in resumed.stdout
    assert stored_answers(workspace, "T-6") == {**first, "lead_models_behaviour": 5}
