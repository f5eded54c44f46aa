"""Terminal escape sequences in names, ids, department names and answers (issue 24): every
text a person reads on the terminal shows them escaped; machine output keeps the data intact.

Control characters in names and ids (ESC, BEL, the C1 CSI) are refused where they come in
(issue 17, `test_control_characters.py`), in a line that shows them escaped; what still gets
in — a right-to-left override in a name, an escape sequence in an answer or a file name — is
escaped on the terminal.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from ccassess.terminal import visible
from tests.hostile.kit import make_workspace, people, write_assessment

OSC = "\x1b]0;pwned\x07"  # sets the window title
CSI = "\x1b[2J"  # clears the screen
C1_CSI = "\x9b2J"  # the same as one C1 character
BIDI = "\u202e"  # right-to-left override: a line reads differently from what it holds


def assert_clean(text: str) -> None:
    for bad in ("\x1b", "\x07", "\x9b", "\r", BIDI):
        assert bad not in text, repr(text)


def test_visible_escapes_controls_but_keeps_lines_and_text() -> None:
    assert visible(f"a{OSC}b") == "a\\x1b]0;pwned\\x07b"
    assert visible(f"{CSI}{C1_CSI}{BIDI}\r") == "\\x1b[2J\\x9b2J\\u202e\\x0d"
    assert visible("Größe\tÄnderung\nzweite Zeile – ok") == "Größe\tÄnderung\nzweite Zeile – ok"


def write_hostile(tmp_path: Path, sequence: str = BIDI) -> tuple[Path, Path]:
    department = f"Vertrieb{sequence}"
    settings = write_assessment(
        tmp_path / "a",
        client=f"Evil{sequence} AG",
        departments=[department, "Marketing"],
    )
    respondents = people(f"R{sequence}", 4, department=department)
    respondents += people(f"M{sequence}", 3, department="Marketing")
    responses = tmp_path / "responses.yaml"
    responses.write_text(yaml.safe_dump({"respondents": respondents}, allow_unicode=True))
    return settings, responses


def test_score_table_escapes_client_ids_and_departments(tmp_path: Path, run: Callable) -> None:
    settings, responses = write_hostile(tmp_path)
    result = run("score", "-a", settings, responses)
    assert result.exit_code == 0, result.output
    assert_clean(result.output)
    assert "Evil\\u202e AG" in result.stdout


@pytest.mark.parametrize("sequence", [OSC, CSI, C1_CSI])
def test_escape_sequences_in_names_are_refused_in_escaped_lines(
    tmp_path: Path, run: Callable, sequence: str
) -> None:
    settings, responses = write_hostile(tmp_path, sequence)
    result = run("score", "-a", settings, responses)
    assert result.exit_code == 2, result.output
    assert "contains a control character" in result.stderr
    assert_clean(result.output)


def test_json_keeps_the_data_intact(tmp_path: Path, run: Callable) -> None:
    settings, responses = write_hostile(tmp_path)
    result = run("score", "-a", settings, responses, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["info"]["client"] == f"Evil{BIDI} AG"
    assert f"Vertrieb{BIDI}" in data["info"]["departments"]


@pytest.mark.parametrize("where", ["id", "department", "answer"])
def test_errors_escape_what_they_quote(tmp_path: Path, run: Callable, where: str) -> None:
    settings = write_assessment(tmp_path / "a", departments=["Vertrieb"])
    person = people("R", 1, department="Vertrieb")[0]
    if where == "id":
        person["id"] = f"R{OSC}"
        person["answers"]["leadership"]["lead_visible"] = 9  # out of the scale
    elif where == "department":
        person["department"] = f"Vertrieb{CSI}"  # not a listed department
    else:
        person["answers"]["leadership"]["lead_visible"] = f"4{OSC}{BIDI}"
    responses = tmp_path / "responses.yaml"
    responses.write_text(yaml.safe_dump({"respondents": [person]}, allow_unicode=True))
    result = run("score", "-a", settings, responses)
    assert result.exit_code == 2, result.output
    assert "error:" in result.stderr
    assert "\\x1b" in result.stderr
    assert_clean(result.output)


def test_usage_errors_escape_a_hostile_argument(tmp_path: Path, run: Callable) -> None:
    result = run("score", "-a", tmp_path / f"missing{OSC}.yaml")
    assert result.exit_code == 2
    assert "missing\\x1b]0;pwned\\x07.yaml" in result.stderr
    assert_clean(result.output)


def test_survey_escapes_department_names_and_ids(tmp_path: Path, run: Callable) -> None:
    workspace = make_workspace(run, tmp_path, departments=[f"Vertrieb{BIDI}", f"Service{BIDI}"])
    result = run(
        "survey", "-w", workspace, "--id", f"T{BIDI}", "--perspective", "internal",
        "--module", "leadership", "--lang", "en", input="1\n4\nq\n",
    )  # fmt: skip
    assert_clean(result.output)
    assert "Vertrieb\\u202e" in result.stdout
    refused = run(
        "survey", "-w", workspace, "--id", f"T{C1_CSI}", "--perspective", "internal",
        input="q\n",
    )  # fmt: skip
    assert refused.exit_code == 2, refused.output
    assert "--id: 'T\\x9b2J' contains a control character" in refused.stderr
    assert_clean(refused.output)
