"""A staff survey run in a survey tool: the department question, the staff wording of mirrored
statements, a checkbox question, and the mapping file ccassess proposes for it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tools_kit import errors, write_csv

Run = Callable[..., Any]

FEEDBACK = """\
id: feedback
version: 1.0.0
title: {de: Feedback, en: Feedback}
dimensions:
  - id: wege
    title: {de: Feedbackwege, en: Feedback channels}
    questions:
      - id: erhebung
        type: multiple_choice
        perspective: internal
        source: test
        text:
          de: Wie erheben Sie Kundenfeedback?
          en: How do you collect customer feedback?
        options:
          - {id: email, label: {de: E-Mail, en: E-mail}, score: 1}
          - {id: telefon, label: {de: Telefon, en: Phone}, score: 1}
          - {id: workshop, label: {de: Workshop, en: Workshop}, score: 1}
      - id: regelmaessig
        type: yes_partly_no
        perspective: internal
        source: test
        text:
          de: Werten wir das Feedback regelmäßig aus?
          en: Do we evaluate the feedback regularly?
"""
DEPARTMENTS = ("Vertrieb", "Kundenservice", "Produktion")
STATEMENTS = ("simp_find_information", "simp_buy", "svc_quick_response")
GRID = "Wie sehr treffen diese Aussagen zu?"
AGREE = [
    "trifft nicht zu",
    "trifft eher nicht zu",
    "teils/teils",
    "trifft eher zu",
    "trifft voll zu",
]
#: Three staff members: department, the three statements, the feedback channels.
STAFF: list[tuple[str, list[int], str]] = [
    ("Vertrieb", [4, 3, 2], "E-Mail-Umfrage;Telefon"),
    ("Kundenservice", [2, 2, 5], "Telefon"),
    ("Vertrieb", [5, 4, 4], "Workshop;E-Mail-Umfrage"),
]
CHANNELS = {"E-Mail-Umfrage": "email", "Telefon": "telefon", "Workshop": "workshop"}


@pytest.fixture
def staff_ws(tmp_path: Path, plugins_dir: Path, cc: Run) -> Path:
    (plugins_dir / "feedback.yaml").write_text(FEEDBACK, "utf-8")
    folder = tmp_path / "staff"
    departments = [arg for d in DEPARTMENTS for arg in ("--department", d)]
    modules = ("--module", "customer_perception", "--module", "feedback")
    result = cc("init", folder, *modules, *departments, "--round", "R1")
    assert result.exit_code == 0, result.output
    return folder


def staff_wording(question: str) -> str:
    from ccassess.actions.load_plugins import load_registry

    found = load_registry().modules["customer_perception"].question(question)
    return found.wording("internal", "de")


def google_staff_rows(department_heading: str, channels: bool = True) -> list[list[Any]]:
    header = ["Zeitstempel", department_heading]
    header += [f"{GRID} [{staff_wording(q)}]" for q in STATEMENTS]
    header += ["Wie erheben Sie Kundenfeedback?"] if channels else []
    rows = [header]
    for number, (department, points, used) in enumerate(STAFF, start=1):
        row = [f"2026/11/12 08:{number:02d}:00 AM GMT+1", department]
        row += [AGREE[p - 1] for p in points]
        row += [used] if channels else []
        rows.append(row)
    return rows


def stored_staff(folder: Path) -> list[tuple[str | None, str, dict[str, Any]]]:
    from ccassess.workspace import Workspace

    with Workspace.open(folder) as workspace:
        found = workspace.respondents(complete_only=False)
    return sorted(((r.department, r.perspective, r.answers) for r in found), key=json.dumps)


def expected_staff(with_channels: bool = True) -> list[tuple[str | None, str, dict[str, Any]]]:
    people = []
    for department, points, used in STAFF:
        cp = dict(zip(STATEMENTS, points, strict=True))
        answers: dict[str, Any] = {"customer_perception": cp}
        if with_channels:
            answers["feedback"] = {"erhebung": [CHANNELS[c] for c in used.split(";")]}
        people.append((department, "internal", answers))
    return sorted(people, key=json.dumps)


@pytest.mark.parametrize(
    "heading",
    [
        "In welchem Bereich arbeiten Sie?",
        "Abteilung",
        "Bereich",
        "Team",
        "Department",
        "In welcher Abteilung sind Sie tätig?",
        "Ihr Team:",
        "Which team are you in?",  # its answers are departments
    ],
)
def test_the_department_question_is_recognised(
    heading: str, staff_ws: Path, cc: Run, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "Mitarbeiterbefragung.csv", google_staff_rows(heading, False))
    result = cc("import", "-w", staff_ws, path)
    assert result.exit_code == 0, result.output
    assert "respondents: internal" in result.stderr
    assert stored_staff(staff_ws) == expected_staff(with_channels=False)


def test_a_column_without_a_plausible_question_gets_no_misleading_hint(
    staff_ws: Path, cc: Run, tmp_path: Path
) -> None:
    rows = google_staff_rows("In welchem Bereich arbeiten Sie?", False)
    rows[0] += [
        "Wie lange sind Sie schon im Unternehmen?",
        "In welchem Bereich sehen Sie den größten Verbesserungsbedarf?",  # not a department
        "Wie zufrieden sind Sie mit Ihrem Team?",  # neither
    ]
    for row in rows[1:]:
        row += ["3 Jahre", "Rechnungen", "sehr"]
    path = write_csv(tmp_path / "Mitarbeiterbefragung.csv", rows)
    result = cc("import", "-w", staff_ws, path)
    assert result.exit_code == 2
    for heading in ("Wie lange", "Verbesserungsbedarf", "mit Ihrem Team"):
        found = [line for line in errors(result.stderr) if heading in line]
        assert found and found[0].endswith("not matched with certainty: no question matches")


def test_suggested_mapping_for_a_staff_survey(staff_ws: Path, cc: Run, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "Mitarbeiterbefragung.csv", google_staff_rows("In welchem Bereich arbeiten Sie?")
    )
    proposal = cc("import", "-w", staff_ws, path, "--suggest-mapping")
    assert proposal.exit_code == 0, proposal.output
    text = proposal.stdout
    perspective = next(line for line in text.splitlines() if line.startswith("perspective:"))
    assert perspective.startswith("perspective: internal   # ")
    assert "…" not in text.split("columns:")[0]  # no comment cut off
    assert '"In welchem Bereich arbeiten Sie?": "department"' in text
    # every answer line can be filled in: one option each, never a combination
    assert "E-Mail-Umfrage;Telefon" not in text and "Workshop;E-Mail-Umfrage" not in text
    assert '"E-Mail-Umfrage": "email"   # check' in text
    assert '"Telefon": "telefon"   # sure' in text
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(text, "utf-8")
    result = cc("import", "-w", staff_ws, path, "--mapping", mapping)
    assert result.exit_code == 0, result.output
    assert stored_staff(staff_ws) == expected_staff()


def test_suggest_mapping_refines_a_given_mapping(staff_ws: Path, cc: Run, tmp_path: Path) -> None:
    rows = google_staff_rows("Wo arbeiten Sie?")  # a heading nobody could recognise
    path = write_csv(tmp_path / "Mitarbeiterbefragung.csv", rows)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "tool: google_forms\n"
        "perspective: internal\n"
        "columns:\n"
        '  "Wo arbeiten Sie?": department\n'
        "answers:\n"
        '  "E-Mail-Umfrage": email\n',
        "utf-8",
    )
    refused = cc("import", "-w", staff_ws, path, "--mapping", mapping)
    assert refused.exit_code == 2  # the grid and the checkbox columns are not in the mapping
    proposal = cc("import", "-w", staff_ws, path, "--mapping", mapping, "--suggest-mapping")
    assert proposal.exit_code == 0, proposal.output
    text = proposal.stdout
    assert f"--mapping {mapping}" in text or str(mapping) in text
    assert '"Wo arbeiten Sie?": "department"   # from the mapping' in text
    assert "perspective: internal   # as the mapping says" in text
    assert '"E-Mail-Umfrage": "email"   # from the mapping' in text
    assert f'"{GRID} [{staff_wording("simp_buy")}]": "customer_perception.simp_buy"' in text
    refined = tmp_path / "refined.yaml"
    refined.write_text(text, "utf-8")
    result = cc("import", "-w", staff_ws, path, "--mapping", refined)
    assert result.exit_code == 0, result.output
    assert stored_staff(staff_ws) == expected_staff()


def test_staff_wording_alone_says_staff(staff_ws: Path, cc: Run, tmp_path: Path) -> None:
    """No department question: the statements' staff wording decides the perspective."""
    rows = [row[:1] + row[2:] for row in google_staff_rows("Abteilung", False)]
    path = write_csv(tmp_path / "Mitarbeiterbefragung.csv", rows)
    proposal = cc("import", "-w", staff_ws, path, "--suggest-mapping")
    assert proposal.exit_code == 0, proposal.output
    assert "perspective: internal   # the statements are worded for staff" in proposal.stdout
    result = cc("import", "-w", staff_ws, path)
    assert result.exit_code == 0, result.output
    assert {(p, d) for d, p, _ in stored_staff(staff_ws)} == {("internal", None)}


def test_a_mapping_to_refine_may_hold_only_the_perspective(
    staff_ws: Path, cc: Run, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "Mitarbeiterbefragung.csv", google_staff_rows("Wo arbeiten Sie?"))
    mapping = tmp_path / "start.yaml"
    mapping.write_text("perspective: internal\n", "utf-8")
    proposal = cc("import", "-w", staff_ws, path, "--mapping", mapping, "--suggest-mapping")
    assert proposal.exit_code == 0, proposal.output
    assert "perspective: internal   # as the mapping says" in proposal.stdout
    # answered with the assessment's departments: proposed, to be checked
    assert '"Wo arbeiten Sie?": "department"   # check (90 %)' in proposal.stdout


def test_qualtrics_codes_of_yes_partly_no_need_a_direction(
    staff_ws: Path, cc: Run, tmp_path: Path
) -> None:
    """The survey listed 'Nein' first: recode 1 is 'no'. Read as they are, 'no' is 'yes'."""
    tags = ["StartDate", "EndDate", "Status", "Progress", "Finished", "RecordedDate"]
    tags += ["ResponseId", "UserLanguage", "Q1", "Q2"]
    texts = [*tags[:8], "Abteilung", "Werten wir das Feedback regelmäßig aus?"]
    imports = [json.dumps({"ImportId": tag}) for tag in tags]
    rows: list[list[Any]] = [tags, texts, imports]
    for number, (department, code) in enumerate((("Vertrieb", 1), ("Kundenservice", 3)), 1):
        times = ["2026-11-12 09:00:00", "2026-11-12 09:03:00", 0, 100, 1, "2026-11-12 09:03:01"]
        rows.append([*times, f"R_staff{number}", "DE", department, code])
    path = write_csv(tmp_path / "Mitarbeiter.csv", rows, bom=True)
    refused = cc("import", "-w", staff_ws, path)
    assert refused.exit_code == 2
    assert "column 'Q2': not matched with certainty: numeric codes ('1', '3')" in refused.stderr
    proposal = cc("import", "-w", staff_ws, path, "--suggest-mapping").stdout
    assert "write ascending if 1 = 'ja', descending if 1 = 'nein'" in proposal
    assert '"1":' not in proposal and '"3":' not in proposal  # codes: one line for all
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(proposal.replace("codes: null", "codes: descending"), "utf-8")
    result = cc("import", "-w", staff_ws, path, "--mapping", mapping)
    assert result.exit_code == 0, result.output
    answers = {d: a["feedback"]["regelmaessig"] for d, _, a in stored_staff(staff_ws)}
    assert answers == {"Vertrieb": "no", "Kundenservice": "yes"}
