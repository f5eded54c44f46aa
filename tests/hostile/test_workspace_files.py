"""A workspace database that is not ours, or damaged, is left exactly as it was; a workspace
that cannot be created completely is not created at all.

`score` on another application's SQLite database switched it to WAL mode before refusing it,
and `forget` on a damaged workspace deleted and checkpointed before the damage stopped it:
the file is now opened read-only first, and nothing is changed until it is known to be a
ccassess workspace of a schema this ccassess knows (and, before `forget` rewrites it, an
undamaged one). Every case compares the files byte for byte.

`init` on a full disk left a database behind: the workspace is built in temporary files
beside the target and moved into place at the end. A full disk is a file-size limit
(RLIMIT_FSIZE) on the ccassess process, which works for root too.
"""

from __future__ import annotations

import resource
import signal
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.conftest import assert_refused
from tests.hostile.kit import CLI, make_workspace, people, write_assessment, write_responses


def files(folder: Path) -> dict[str, bytes]:
    """Every file in the folder, by name, with its bytes."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def foreign_database(path: Path, kind: str) -> None:
    """An SQLite database another application made."""
    connection = sqlite3.connect(path)
    if kind == "wal":
        connection.execute("PRAGMA journal_mode = WAL")
    if kind == "application id":
        connection.execute("PRAGMA application_id = 1296388936")  # 'MPBH'
    if kind == "user version":
        connection.execute("PRAGMA user_version = 2")  # a schema version like ours
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    connection.execute("INSERT INTO notes (text) VALUES ('do not touch')")
    connection.commit()
    connection.close()


WORKSPACE_COMMANDS = [
    ("score",),
    ("report", "--format", "html", "-o", "{out}/r.html"),
    ("import", "{answers}"),
    ("forget", "--yes", "R-001"),
    ("round", "list"),
    ("round", "new", "second"),
    ("export", "-o", "{out}/e.csv"),
    ("sheet", "-o", "{out}/s.xlsx"),
]


def run_each(run: Callable, workspace: Path, tmp_path: Path, expected: str) -> None:
    answers = write_responses(tmp_path / "answers.yaml", people("R", 3))
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    for command in WORKSPACE_COMMANDS:
        args = [a.format(out=out, answers=answers) for a in command]
        result = run(*args[:1], "-w", workspace, *args[1:])
        assert_refused(result, expected)
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("kind", ["rollback journal", "wal", "application id", "user version"])
def test_another_applications_database_is_not_changed(
    run: Callable, tmp_path: Path, kind: str
) -> None:
    workspace = make_workspace(run, tmp_path)
    database = workspace / "ccassess.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    foreign_database(database, kind)
    before = files(workspace)
    run_each(
        run,
        workspace,
        tmp_path,
        f"error: {database}: an SQLite database, but not a ccassess workspace",
    )
    assert files(workspace) == before  # byte for byte, and no -wal or -shm beside it


def test_an_empty_sqlite_database_is_not_made_into_a_workspace(
    run: Callable, tmp_path: Path
) -> None:
    workspace = make_workspace(run, tmp_path)
    database = workspace / "ccassess.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA page_size = 4096")
    connection.execute("VACUUM")  # writes the header: an SQLite file without tables
    connection.close()
    assert database.read_bytes().startswith(b"SQLite format 3\0")
    before = files(workspace)
    run_each(
        run,
        workspace,
        tmp_path,
        f"error: {database}: an SQLite database, but not a ccassess workspace",
    )
    assert files(workspace) == before


def damaged_workspace(run: Callable, tmp_path: Path) -> Path:
    """A workspace with 60 respondents, checkpointed (one file), its last page overwritten."""
    workspace = make_workspace(run, tmp_path)
    answers = write_responses(tmp_path / "many.yaml", people("R", 60))
    assert run("import", "-w", workspace, answers).exit_code == 0
    database = workspace / "ccassess.db"
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = connection.execute("PRAGMA page_size").fetchone()[0]
    connection.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    data = bytearray(database.read_bytes())
    data[-page:] = b"\xaa" * page
    database.write_bytes(bytes(data))
    return workspace


def test_forget_on_a_damaged_database_changes_nothing(run: Callable, tmp_path: Path) -> None:
    workspace = damaged_workspace(run, tmp_path)
    database = workspace / "ccassess.db"
    before = files(workspace)
    result = run("forget", "-w", workspace, "--yes", "R-001")
    assert_refused(
        result,
        f"error: {database}: the workspace database is damaged (",
        "); nothing was changed; restore it from a backup",
    )
    assert files(workspace) == before


def test_damaged_stored_answers_are_a_damaged_database(run: Callable, tmp_path: Path) -> None:
    workspace = make_workspace(run, tmp_path)
    answers = write_responses(tmp_path / "a.yaml", people("R", 3))
    assert run("import", "-w", workspace, answers).exit_code == 0
    database = workspace / "ccassess.db"
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    data = database.read_bytes()
    stored = b'{"lead_role_model":3'
    assert data.count(stored) == 3
    database.write_bytes(data.replace(stored, b'{"lead_role_model"?3'))  # same length
    before = files(workspace)
    assert_refused(
        run("score", "-w", workspace),
        f"error: {database}: the workspace database is damaged (a stored value is not "
        "valid JSON); restore it from a backup",
    )
    assert files(workspace) == before


# -- init on a full disk ---------------------------------------------------------------------


def _file_size_limit(limit: int) -> Callable[[], None]:
    def apply() -> None:  # in the child, before exec: writes past `limit` fail with EFBIG
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def init_with_limit(limit: int, *args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, "init", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_file_size_limit(limit),
    )


@pytest.mark.parametrize("limit", [2_048, 4_096, 16_384, 40_000])
def test_init_on_a_full_disk_leaves_nothing_behind(tmp_path: Path, limit: int) -> None:
    settings = write_assessment(tmp_path / "in")
    target = tmp_path / "new" / "ws"
    done = init_with_limit(limit, target, "--from", settings)
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith("error: ") and "no workspace was created" in line, line
    assert not (tmp_path / "new").exists()  # not even the folders init made

    # a folder that held the assessment file before: exactly as it was
    folder = tmp_path / "here"
    folder.mkdir()
    (folder / "assessment.yaml").write_bytes(settings.read_bytes())
    (folder / "notes.txt").write_text("mine")
    before = files(folder)
    done = init_with_limit(limit, folder, "--from", folder / "assessment.yaml")
    assert done.returncode == 2, done.stderr
    assert files(folder) == before
    assert sorted(p.name for p in folder.iterdir()) == ["assessment.yaml", "notes.txt"]


def test_init_without_a_limit_still_works(run: Callable, tmp_path: Path) -> None:
    settings = write_assessment(tmp_path / "in")
    folder = tmp_path / "here"
    folder.mkdir()
    (folder / "assessment.yaml").write_bytes(settings.read_bytes())
    result = run("init", folder, "--from", folder / "assessment.yaml")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["assessment.yaml", "ccassess.db"]
    assert "workspace:" in (folder / "assessment.yaml").read_text()
    assert run("score", "-w", folder).exit_code == 0
