"""File-system faults: outputs that cannot be written, a disk that fills up, workspace
databases that are read-only or damaged — one line naming the file, nothing half-written,
nothing that was there before lost.

The test machines run as root, where permission bits prove nothing: a full disk is a file-size
limit (RLIMIT_FSIZE) on the ccassess process, and a folder root cannot write to is simulated by
making the operating system's `open` refuse in that process (what the kernel answers anyone
else); a read-only database is made immutable (chattr +i). A locked, empty or foreign database
is in tests/workspace/test_import.py (README.md).
"""

from __future__ import annotations

import base64
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.hostile.conftest import assert_refused
from tests.hostile.kit import make_workspace, people, snapshot, write_assessment, write_responses

#: Run the CLI with os.open refusing to create files in one folder (EACCES), as the kernel
#: does for a user without write permission there. argv: folder, then the CLI's arguments.
DENY_CREATE = """
import errno, os, sys
folder = os.path.realpath(sys.argv.pop(1))
real_open = os.open
def guarded_open(path, flags, *args, **kwargs):
    parent = os.path.realpath(os.path.dirname(os.path.abspath(os.fspath(path))))
    if flags & os.O_CREAT and parent == folder:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
    return real_open(path, flags, *args, **kwargs)
os.open = guarded_open
from ccassess.cli import main
main()
"""
CLI = [sys.executable, "-c", "from ccassess.cli import main; main()"]


@pytest.fixture
def inputs(tmp_path: Path) -> list[str | Path]:
    """A one-module assessment with a few answers: `report` renders it quickly."""
    assessment = write_assessment(tmp_path / "in")
    answers = write_responses(tmp_path / "in" / "answers.yaml", people("R", 4))
    return ["-a", assessment, answers]


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_output_folder_missing(run: Callable, inputs: list, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "report.html"
    result = run("report", *inputs, "--format", "html", "-o", target)
    assert_refused(result, f"error: {target}: the folder {target.parent} does not exist")
    assert result.stdout == ""
    assert not target.parent.exists()


def test_output_folder_not_writable(inputs: list, tmp_path: Path) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    target = folder / "report.html"
    folder.chmod(0o555)
    args = [str(a) for a in ("report", *inputs, "--format", "html", "-o", target)]
    command = [*CLI, *args]
    if os.geteuid() == 0:  # root writes anywhere: let the process's open() refuse instead
        command = [sys.executable, "-c", DENY_CREATE, str(folder), *args]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    finally:
        folder.chmod(0o755)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [f"error: {target}: cannot write here (Permission denied)"]
    assert listing(folder) == []


def _file_size_limit(limit: int) -> Callable[[], None]:
    def apply() -> None:  # in the child, before exec: writes past `limit` fail with EFBIG
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.slow
def test_disk_full_during_the_pdf_write(inputs: list, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "report.pdf"
    target.write_bytes(b"%PDF-1.7 the previous report")
    # Fontconfig writes its font cache on first use; on a fresh machine that first use would
    # otherwise be this child, under the size limit, and it prints "write cache" errors.
    if shutil.which("fc-list"):
        subprocess.run(["fc-list"], capture_output=True, check=False)
    done = subprocess.run(
        [*CLI, *map(str, ("report", *inputs, "-o", target))],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_file_size_limit(16 * 1024),
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        f"error: {target}: writing failed (File too large); the previous file, if any, is unchanged"
    ]
    assert target.read_bytes() == b"%PDF-1.7 the previous report"
    assert listing(folder) == ["report.pdf"]  # no temporary file left behind


@pytest.mark.slow
def test_an_existing_report_survives_a_failed_rerender(
    run: Callable, inputs: list, tmp_path: Path
) -> None:
    # The render fails inside WeasyPrint, after the HTML was made: an image in the section of
    # a plugin embeds an SVG that points at /etc/passwd, which the PDF fetcher refuses.
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd" '
        'width="10" height="10"/></svg>'
    )
    image = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    plugins = tmp_path / "plugins"
    (plugins / "templates").mkdir(parents=True)
    (plugins / "templates" / "extra.html").write_text(f'<h1>Extra</h1><img src="{image}">')
    (plugins / "extra.py").write_text(
        "from pathlib import Path\nfrom ccassess import ReportSection, Text, hookimpl\n\n"
        "@hookimpl\ndef ccassess_report_sections():\n"
        "    return [ReportSection('extra', Text.both('Extra'), 'extra.html', order=750)]\n\n"
        "@hookimpl\ndef ccassess_template_dirs():\n"
        "    return [Path(__file__).parent / 'templates']\n"
    )
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "report.pdf"
    target.write_bytes(b"%PDF-1.7 the previous report")
    result = run("--plugins-dir", plugins, "report", *inputs, "-o", target)
    assert_refused(
        result,
        "error: report: refused resource file:///etc/passwd (the file lies "
        "outside the theme and template folders)",
    )
    assert result.stdout == ""
    assert target.read_bytes() == b"%PDF-1.7 the previous report"
    assert listing(folder) == ["report.pdf"]


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """The file cannot be written, not even by root (immutable), for the block's duration."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o644)
        return
    chattr = shutil.which("chattr")
    if (
        chattr is None
        or subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode != 0
    ):
        pytest.skip("running as root without chattr +i here: cannot make a read-only file")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


def test_workspace_database_read_only(run: Callable, tmp_path: Path) -> None:
    workspace = make_workspace(run, tmp_path)
    assert (
        run(
            "import", "-w", workspace, write_responses(tmp_path / "a.yaml", people("A", 3))
        ).exit_code
        == 0
    )
    more = write_responses(tmp_path / "b.yaml", people("B", 2))
    database = workspace / "ccassess.db"
    before = snapshot(workspace)
    with read_only(database):
        score = run("score", "-w", workspace)  # reading still works
        assert score.exit_code == 0, score.output
        assert_refused(
            run("import", "-w", workspace, more),
            f"error: {database}: the workspace database is read-only; ccassess "
            "needs to write to it and to its folder",
        )
    assert snapshot(workspace) == before


def test_workspace_database_truncated(run: Callable, tmp_path: Path) -> None:
    workspace = make_workspace(run, tmp_path)
    assert (
        run(
            "import", "-w", workspace, write_responses(tmp_path / "a.yaml", people("A", 40))
        ).exit_code
        == 0
    )
    database = workspace / "ccassess.db"
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    whole = database.read_bytes()
    database.write_bytes(whole[: len(whole) // 2])  # a copy cut off half-way
    message = (
        f"error: {database}: the workspace database is damaged (database disk image is "
        "malformed); restore it from a backup"
    )
    assert_refused(run("score", "-w", workspace), message)
    assert_refused(
        run("import", "-w", workspace, write_responses(tmp_path / "b.yaml", people("B", 1))),
        message,
    )
    assert database.read_bytes() == whole[: len(whole) // 2]  # not "repaired" into data loss
