"""Privacy in the workspace (issue 22, 17): time stamps to the day, the migration to schema 4,
export → import into the same workspace, one respondent however their id is spelled."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from ws_kit import DEMO, query, respondent_ids, write_responses

from ccassess.workspace import Workspace
from ccassess.workspace.schema import SCHEMA_VERSION, TIME_STAMPS, migrate

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PEOPLE = [
    {
        "id": f"P-{n}",
        "perspective": "internal",
        "department": "Vertrieb",
        "role": "Team",
        "name": f"Person {n}",
        "answers": {"leadership": {"lead_visible": 1 + n % 5, "lead_role_model": "dont_know"}},
    }
    for n in range(4)
]


def every_time_stamp(folder: Path) -> list[str]:
    found = []
    for table, column in TIME_STAMPS:
        where = " WHERE key = 'created'" if table == "meta" else ""
        found.extend(row[0] for row in query(folder, f"SELECT {column} FROM {table}{where}"))
    return found


def test_time_stamps_are_kept_to_the_day(workspace: Path, tmp_path: Path, run: Callable) -> None:
    answers = write_responses(tmp_path / "a.yaml", PEOPLE)
    assert run("import", "-w", workspace, answers).exit_code == 0
    stamps = every_time_stamp(workspace)
    assert stamps and all(DAY.match(stamp) for stamp in stamps), stamps


@pytest.mark.parametrize("fmt", ["csv", "json", "csv;"])
def test_export_imports_again_into_the_same_workspace(
    workspace: Path, tmp_path: Path, run: Callable, fmt: str
) -> None:
    """Names are left out of the export; the same respondents are skipped, nothing changes."""
    answers = write_responses(tmp_path / "a.yaml", PEOPLE)
    assert run("import", "-w", workspace, answers).exit_code == 0
    before = query(workspace, "SELECT respondent_id, name, content_hash FROM respondents")
    kind, delimiter = fmt.rstrip(";"), ";" if fmt.endswith(";") else ","
    exported = tmp_path / f"export.{kind}"
    args = ["export", "-w", workspace, "--format", kind, "-o", exported]
    result = run(*args, *(["--delimiter", delimiter] if kind == "csv" else []))
    assert result.exit_code == 0, result.output
    again = run("import", "-w", workspace, exported)
    assert again.exit_code == 0, again.output
    assert "skipped 4 already imported" in again.stdout
    assert query(workspace, "SELECT respondent_id, name, content_hash FROM respondents") == before


@pytest.mark.parametrize(
    "spelling",
    ["P-1".lower(), "P\u200b-1", "\ufeffP-1", "P-1\u2060"],
)
def test_ids_spelled_differently_are_one_respondent(
    workspace: Path, tmp_path: Path, run: Callable, spelling: str
) -> None:
    answers = write_responses(tmp_path / "a.yaml", PEOPLE[:2])
    assert run("import", "-w", workspace, answers).exit_code == 0
    same = dict(PEOPLE[1], id=spelling)
    again = run("import", "-w", workspace, write_responses(tmp_path / "b.yaml", [same]))
    assert again.exit_code == 0, again.output
    assert "skipped 1 already imported" in again.stdout
    assert respondent_ids(workspace) == ["P-0", "P-1"]


def test_unicode_forms_of_one_id_are_one_respondent(tmp_path: Path, run: Callable) -> None:
    """NFC "Müller" and NFD "Mu\u0308ller" in one file: the same respondent twice."""
    folder = tmp_path / "ws"
    assert run("init", folder, "--from", DEMO / "assessment.yaml").exit_code == 0
    first = dict(PEOPLE[0], id="M\u00fcller")
    second = dict(PEOPLE[1], id="Mu\u0308ller")
    result = run("import", "-w", folder, write_responses(tmp_path / "a.yaml", [first, second]))
    assert result.exit_code == 2
    assert "appears twice" in result.stderr


def _version_3_workspace(folder: Path) -> None:
    """A workspace as schema version 3 wrote it: time stamps to the second, names hashed."""
    from ccassess.importers.batch import content_digest
    from ccassess.io.canonical import encode_respondent
    from ccassess.workspace.db import connect

    folder.mkdir()
    config = (DEMO / "assessment.yaml").read_text("utf-8")
    (folder / "assessment.yaml").write_text(config + "workspace:\n  format: 1\n", "utf-8")
    database = folder / "ccassess.db"
    connection = connect(database, create=True)
    migrate(connection, database, target=3)
    answers = {"leadership": {"lead_visible": 4, "lead_role_model": 3}}
    old_hash = content_digest(
        "internal", "Vertrieb", None, "Erika Muster", encode_respondent(answers)
    )
    connection.execute(
        "INSERT INTO rounds (id, name, created) VALUES (1, 'alt', '2025-05-01T10:17:43+00:00')"
    )
    connection.execute(
        "INSERT INTO respondents (id, round_id, respondent_id, perspective, department, name,"
        " source, created, updated, content_hash) VALUES (1, 1, 'A-001', 'internal', 'Vertrieb',"
        " 'Erika Muster', 'import', '2025-05-01T10:17:43+00:00', '2025-05-01T10:17:43+00:00', ?)",
        (old_hash,),
    )
    connection.execute(
        "INSERT INTO answers VALUES (1, 'leadership', ?, '2025-05-01T10:17:43+00:00')",
        (json.dumps(answers["leadership"]),),
    )
    connection.close()


def test_migration_to_schema_4(tmp_path: Path, run: Callable) -> None:
    folder = tmp_path / "old"
    _version_3_workspace(folder)
    assert query(folder, "PRAGMA user_version") == [(3,)]
    exported = tmp_path / "export.json"
    result = run("export", "-w", folder, "--format", "json", "-o", exported)
    assert result.exit_code == 0, result.output
    assert query(folder, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    stamps = every_time_stamp(folder)
    assert "2025-05-01" in stamps and all(DAY.match(s) for s in stamps), stamps
    assert query(folder, "SELECT count(*) FROM releases") == [(0,)]
    assert query(folder, "SELECT count(*) FROM meta WHERE key = 'release_salt'") == [(1,)]
    # the stored hash no longer holds the name: the export (no names) imports as the same
    again = run("import", "-w", folder, exported, "--round", "alt")
    assert again.exit_code == 0, again.output
    assert "skipped 1 already imported" in again.stdout
    assert query(folder, "SELECT name FROM respondents") == [("Erika Muster",)]


def test_report_records_groups_as_fingerprints_only(
    tmp_path: Path, run: Callable, registry
) -> None:
    """What a shared report leaves in the workspace: salted fingerprints, no respondent id."""
    folder = tmp_path / "ws"
    assert run("init", folder, "--from", DEMO / "assessment.yaml").exit_code == 0
    people = json.loads(json.dumps(PEOPLE * 2))  # copies: YAML anchors are refused
    for n, person in enumerate(people):
        person.update(id=f"Person-{n}", name=f"Name {n}")
    assert run("import", "-w", folder, write_responses(tmp_path / "a.yaml", people)).exit_code == 0
    out = tmp_path / "r.json"
    assert run("report", "-w", folder, "--format", "json", "-o", out).exit_code == 0
    (text,) = [row[0] for row in query(folder, "SELECT groups FROM releases")]
    assert "Person" not in text
    data = json.loads(text)
    assert ["perspective", "internal", "leadership"] in [g[:3] for g in data["groups"]]
    # each distinct set of people once: here the staff of every module are the same eight
    assert len(data["sets"]) == 1 and len(data["sets"][0]) == 8
    with Workspace.open(folder) as ws:
        salt, releases = ws.releases(ws.round())
    assert salt and len(releases) == 1
    connection = sqlite3.connect(folder / "ccassess.db")
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        connection.close()


def test_a_survey_id_spelled_differently_is_taken(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    assert (
        run("import", "-w", workspace, write_responses(tmp_path / "a.yaml", PEOPLE)).exit_code == 0
    )
    args = ["--perspective", "internal", "--department", "Vertrieb", "--module", "leadership"]
    started = run("survey", "-w", workspace, "--id", "p\u200b-1", *args, input="q\n")
    assert started.exit_code == 2
    assert "already in round" in started.stderr
    assert respondent_ids(workspace) == ["P-0", "P-1", "P-2", "P-3"]


def test_every_schema_version_names_its_tables() -> None:
    """A workspace of the newest schema must pass the read-only check that opens it."""
    from ccassess.workspace.schema import SCHEMA_VERSION, TABLES

    assert set(TABLES) == set(range(1, SCHEMA_VERSION + 1))
