"""Imports: validate everything first, write all files in one transaction or nothing;
duplicates recognised; concurrent imports lose nothing; a killed import changes nothing."""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ws_kit import (
    DEMO,
    query,
    respondent_ids,
    run_cli,
    snapshot,
    start_cli,
    stored_answers,
    write_responses,
)

from ccassess.workspace import Workspace

#: The last line of every refused import.
NOTHING_IMPORTED = (
    "Nothing was imported: the workspace is unchanged. Fix the problems above and run the "
    "same command again."
)


def people(prefix: str, count: int, value: int = 4) -> list[dict[str, Any]]:
    return [
        {
            "id": f"{prefix}-{n:03d}",
            "perspective": "internal",
            "department": "Vertrieb",
            "answers": {"leadership": {"lead_visible": value, "lead_role_model": 3}},
        }
        for n in range(1, count + 1)
    ]


def test_yaml_import_all_or_nothing(workspace: Path, tmp_path: Path, run: Callable) -> None:
    good = write_responses(tmp_path / "good.yaml", people("A", 3))
    bad = write_responses(
        tmp_path / "bad.yaml",
        [
            {
                "id": "B-1",
                "perspective": "internal",
                "answers": {"leadership": {"lead_visible": 7}},
            },
            {"id": "B-2", "perspective": "partner", "answers": {}},
        ],
    )
    before = snapshot(workspace)
    result = run("import", "-w", workspace, good, bad)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {bad}:6: respondents[B-1].answers.leadership.lead_visible: 7 is not on the "
        "scale; allowed: 1–5",
        f"error: {bad}:8: respondents[B-2].perspective: 'partner' is not a perspective; "
        "allowed: internal, customer, key_figures",
        NOTHING_IMPORTED,
    ]
    assert snapshot(workspace) == before
    result = run("import", "-w", workspace, good)
    assert result.exit_code == 0, result.output
    assert respondent_ids(workspace) == ["A-001", "A-002", "A-003"]


def test_duplicates_conflicts_and_replace(workspace: Path, tmp_path: Path, run: Callable) -> None:
    first = write_responses(tmp_path / "first.yaml", people("A", 2))
    copy = write_responses(tmp_path / "copy.yaml", people("A", 2))
    changed = write_responses(tmp_path / "changed.yaml", people("A", 1, value=2))
    result = run("import", "-w", workspace, first, copy)  # the same people twice in one batch
    assert result.exit_code == 0, result.output
    assert "imported 2 respondent(s), skipped 2 already imported from 2 file(s)" in result.stdout
    assert (
        f"note: {copy}:2: respondents[A-001]: respondent 'A-001' is the same as in {first}:2"
        in result.stderr
    )
    conflict = run("import", "-w", workspace, changed)
    assert conflict.exit_code == 2
    assert "respondent 'A-001' is already in round 'R1'" in conflict.stderr
    assert "with different answers; import with --replace to overwrite" in conflict.stderr
    replaced = run("import", "-w", workspace, changed, "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert "replaced 1" in replaced.stdout
    assert stored_answers(workspace, "A-001")["leadership"]["lead_visible"] == 2
    assert respondent_ids(workspace) == ["A-001", "A-002"]


def test_export_and_reimport_give_the_same_scores(
    workspace: Path, tmp_path: Path, run: Callable, make_workspace: Callable
) -> None:
    assert run("import", "-w", workspace, DEMO / "responses").exit_code == 0
    original = run("score", "-w", workspace, "--format", "json")
    csv_file, json_file = tmp_path / "export.csv", tmp_path / "export.json"
    assert run("export", "-w", workspace, "-o", csv_file).exit_code == 0
    assert run("export", "-w", workspace, "--format", "json", "-o", json_file).exit_code == 0
    assert "Henrike" not in csv_file.read_text("utf-8-sig")  # names only with --names
    for source in (csv_file, json_file):
        copy = make_workspace(f"copy-{source.suffix[1:]}")
        result = run("import", "-w", copy, source)
        assert result.exit_code == 0, result.output
        again = run("score", "-w", copy, "--format", "json")
        assert json.loads(again.stdout)["modules"] == json.loads(original.stdout)["modules"]


def test_export_neutralises_formulas(workspace: Path, tmp_path: Path, run: Callable) -> None:
    answers = write_responses(
        tmp_path / "a.yaml",
        [
            {
                "id": "=1+1",
                "perspective": "internal",
                "role": "@SUM(A1)",
                "name": "-Erika",
                "answers": {"leadership": {"lead_visible": 4}},
            },
            {
                "id": "X-1",
                "perspective": "customer",
                "role": "+49 30 1234",
                "answers": {"leadership": {"emp_customer_feels": 3}},
            },
        ],
    )
    assert run("import", "-w", workspace, answers).exit_code == 0
    result = run("export", "-w", workspace, "--names")
    assert result.exit_code == 0, result.output
    text = result.stdout_bytes.decode("utf-8-sig")
    assert "'=1+1" in text and "'@SUM(A1)" in text and "'-Erika" in text and "'+49 30 1234" in text
    for line in text.splitlines():
        for cell in line.split(","):
            assert not cell.startswith(("=", "+", "-", "@")), cell
    # Re-imported, the values are the original text again.
    export = tmp_path / "export.csv"
    export.write_bytes(result.stdout_bytes)
    with Workspace.open(workspace) as ws:
        ws.forget("=1+1")
        ws.forget("X-1")
    assert run("import", "-w", workspace, export).exit_code == 0
    assert respondent_ids(workspace) == ["=1+1", "X-1"]
    assert query(workspace, "SELECT role, name FROM respondents ORDER BY respondent_id") == [
        ("@SUM(A1)", "-Erika"),
        ("+49 30 1234", None),
    ]


def test_two_processes_importing_at_once_lose_nothing(workspace: Path, tmp_path: Path) -> None:
    files = [write_responses(tmp_path / f"batch{n}.yaml", people(f"P{n}", 40)) for n in range(3)]
    processes = [start_cli("import", "-w", workspace, path) for path in files]
    outputs = [process.communicate(timeout=60) for process in processes]
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
        assert "imported 40 respondent(s)" in out
    assert len(respondent_ids(workspace)) == 120
    assert query(workspace, "PRAGMA integrity_check") == [("ok",)]
    assert query(workspace, "SELECT count(*) FROM answers") == [(120,)]
    stored = [stored_answers(workspace, person) for person in respondent_ids(workspace)]
    assert all(len(answers["leadership"]) == 2 for answers in stored)


def test_killed_import_leaves_the_workspace_as_before(workspace: Path, tmp_path: Path) -> None:
    first = write_responses(tmp_path / "first.yaml", people("A", 5))
    assert run_cli("import", "-w", workspace, first).returncode == 0
    before = snapshot(workspace)
    batch = write_responses(tmp_path / "batch.yaml", people("K", 200))
    # Killed inside the import's transaction, after every row was written.
    process = start_cli("import", "-w", workspace, batch, env={"CCASSESS_TEST_PAUSE": "import"})
    assert process.stderr is not None
    assert process.stderr.readline().strip() == "ccassess: paused at import"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert snapshot(workspace) == before
    # Killed at moments in between: the workspace is as before, or the import is complete.
    for delay in (0.3, 0.6, 0.9):
        process = start_cli("import", "-w", workspace, batch)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        ids = respondent_ids(workspace)
        assert len(ids) in (5, 205)
        assert query(workspace, "PRAGMA integrity_check") == [("ok",)]
        if len(ids) == 205:
            break
    result = run_cli("import", "-w", workspace, batch)  # the lock is gone; it completes
    assert result.returncode == 0, result.stderr
    assert len(respondent_ids(workspace)) == 205


def test_broken_databases_give_one_clear_line(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    database = workspace / "ccassess.db"
    good = database.read_bytes()
    for content, expected in [
        (b"", "the workspace database is empty; restore it from a backup"),
        (b"hello, not a database" * 10, "the workspace database is not an SQLite database"),
        (good[:100] + b"\0" * 3000, "the workspace database is damaged"),
    ]:
        database.write_bytes(content)
        result = run("score", "-w", workspace)
        assert result.exit_code == 2, result.output
        assert result.stderr.splitlines() == [f"error: {database}: {expected}"] or (
            len(result.stderr.splitlines()) == 1 and expected in result.stderr
        ), result.stderr
    database.write_bytes(good)
    (workspace / "ccassess.db-wal").unlink(missing_ok=True)
    (workspace / "ccassess.db-shm").unlink(missing_ok=True)
    assert run("score", "-w", workspace).exit_code == 0


def test_locked_database(workspace: Path, tmp_path: Path, run: Callable) -> None:
    answers = write_responses(tmp_path / "a.yaml", people("A", 1))
    holder = sqlite3.connect(workspace / "ccassess.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = run("import", "-w", workspace, answers, env={"CCASSESS_BUSY_TIMEOUT": "200"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {workspace / 'ccassess.db'}: the workspace database is locked by another "
        "process (an import or survey still running?); try again when it has finished",
        NOTHING_IMPORTED,
    ]
    assert run("import", "-w", workspace, answers).exit_code == 0


def test_not_a_workspace(tmp_path: Path, run: Callable) -> None:
    result = run("import", "-w", tmp_path, tmp_path / "x.yaml")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: {tmp_path}: not a ccassess workspace (no "
        "assessment.yaml and ccassess.db); create one with "
        "`ccassess init`"
    )
