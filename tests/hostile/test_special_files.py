"""Inputs that are not regular files, and paths too long for the file system.

A named pipe called `answers.yaml` made `import` wait forever for a writer, and a device
never ends: only regular files are read, everything else is refused in one line before it
is opened for reading. A path of thousands of characters is bad input (exit 2), not an
"unexpected OSError".

The pipes are run in a child process with a timeout, so that a regression fails instead of
hanging the test run.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.conftest import assert_refused
from tests.hostile.kit import CLI, make_workspace, people, snapshot, write_responses

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")

PIPE = "is a named pipe, not a regular file; ccassess reads only regular files"


def cli(*args: object, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [*CLI, *map(str, args)], capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"ccassess {' '.join(map(str, args))} hangs (waiting on a named pipe?)")


def refused(done: subprocess.CompletedProcess[str], line: str) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert [text for text in done.stderr.splitlines() if text.startswith("error: ")] == [line]


def pipe(folder: Path, name: str) -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("name", ["answers.yaml", "answers.json", "answers.csv", "sheet.xlsx"])
def test_named_pipes_are_refused_not_waited_for(run: Callable, tmp_path: Path, name: str) -> None:
    workspace = make_workspace(run, tmp_path)
    fifo = pipe(tmp_path, name)
    before = snapshot(workspace)
    refused(cli("import", "-w", workspace, fifo), f"error: {fifo}: {PIPE}")
    assert snapshot(workspace) == before
    refused(cli("validate", fifo), f"error: {fifo}: {PIPE}")
    if name.endswith((".yaml", ".json")):
        refused(cli("score", fifo), f"error: {fifo}: {PIPE}")
    # in a folder: left out like any other file that is not an answer file
    folder = tmp_path / "in"
    folder.mkdir()
    pipe(folder, name)
    write_responses(folder / "real.yaml", people("R", 3))
    done = cli("import", "-w", workspace, folder)
    assert done.returncode == 0, done.stderr
    assert "imported 3 respondent(s)" in done.stdout


def test_named_pipes_as_settings_modules_mappings_and_workspace_files(
    run: Callable, tmp_path: Path
) -> None:
    settings = pipe(tmp_path, "assessment.yaml")
    refused(cli("init", tmp_path / "new", "--from", settings), f"error: {settings}: {PIPE}")
    assert not (tmp_path / "new").exists()
    refused(cli("validate", "-a", settings), f"error: {settings}: {PIPE}")
    module = pipe(tmp_path, "module.yaml")
    refused(cli("validate", "--module", module), f"error: {module}: {PIPE}")

    workspace = make_workspace(run, tmp_path)
    export = tmp_path / "export.csv"
    export.write_text("Respondent,Sichtbare Führung\nA,4\n", "utf-8")
    mapping = pipe(tmp_path, "mapping.yaml")
    refused(
        cli("import", "-w", workspace, export, "--from", "generic", "--mapping", mapping),
        f"error: {mapping}: {PIPE}",
    )

    plugins = tmp_path / "plugins"
    plugins.mkdir()
    pipe(plugins, "module.yaml")
    done = cli("--plugins-dir", plugins, "modules")
    assert done.returncode == 2, done.stderr
    assert f"error: {plugins / 'module.yaml'}: {PIPE}" in done.stderr.splitlines()
    (plugins / "module.yaml").unlink()
    pipe(plugins, "plugin.py")
    done = cli("--plugins-dir", plugins, "modules")
    assert done.returncode == 2, done.stderr
    assert f"{plugins / 'plugin.py'}: {PIPE}" in done.stderr

    database = workspace / "ccassess.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.mkfifo(database)
    refused(
        cli("score", "-w", workspace),
        f"error: {database}: the workspace database {PIPE}",
    )


# -- paths too long -------------------------------------------------------------------------

LONG_NAME = "a" * 5_000
DEEP_PATH = "/".join(["b" * 200] * 25)


@pytest.mark.parametrize("long", [LONG_NAME, DEEP_PATH], ids=["long name", "long path"])
def test_paths_too_long_are_bad_input(run: Callable, tmp_path: Path, long: str) -> None:
    workspace = make_workspace(run, tmp_path)
    answers = write_responses(tmp_path / "answers.yaml", people("R", 3))
    assert run("import", "-w", workspace, answers).exit_code == 0
    first = tmp_path / "out" / "first.xlsx"
    first.parent.mkdir()
    assert run("sheet", "-w", workspace, "-o", first).exit_code == 0  # gives it its id
    before = snapshot(workspace)
    path = tmp_path / long
    for args in [
        ("import", "-w", workspace, f"{path}.yaml"),
        ("import", "-w", workspace, f"{path}.xlsx"),
        ("validate", f"{path}.csv"),
        ("score", f"{path}.json"),
        ("score", "-a", f"{path}.yaml", answers),
        ("score", "-w", path),
        ("init", path),
        ("sheet", "-w", workspace, "-o", f"{path}.xlsx"),
        ("export", "-w", workspace, "-o", f"{path}.csv"),
        ("report", "-w", workspace, "--format", "html", "-o", f"{path}.html"),
        ("--plugins-dir", path, "modules"),
    ]:
        result = run(*args)
        assert_refused(result, "error: ", "the name is too long for the file system")
        assert result.stdout == "", args
    assert snapshot(workspace) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "answers.yaml",
        "out",
        "ws",
        "ws-settings",
    ]
    assert [p.name for p in first.parent.iterdir()] == ["first.xlsx"]


def test_a_long_but_valid_file_name_is_written(run: Callable, tmp_path: Path) -> None:
    """255 bytes is the usual limit of one name: the temporary file beside it must fit too."""
    workspace = make_workspace(run, tmp_path)
    target = tmp_path / ("r" * 250 + ".csv")
    result = run("export", "-w", workspace, "-o", target)
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"\xef\xbb\xbfid,")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([target.name, "ws", "ws-settings"])
