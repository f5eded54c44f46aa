"""A report killed while writing leaves its hidden `.part` file; the next successful run of the
same output removes it (issue 22) — but never the file of a write still under way."""

from __future__ import annotations

import fcntl
from collections.abc import Callable
from pathlib import Path

from tests.workspace.ws_kit import DEMO


def _report(run: Callable, out: Path) -> None:
    result = run(
        "report", "-a", DEMO / "assessment.yaml", DEMO / "responses", "--format", "json", "-o", out
    )
    assert result.exit_code == 0, result.output


def test_leftover_part_file_is_swept_by_the_next_run(run: Callable, tmp_path: Path) -> None:
    out = tmp_path / "bericht.json"
    leftover = tmp_path / ".bericht.json.k1ll3d_x.part"
    leftover.write_bytes(b'{"half": ')  # what a killed render leaves
    other = tmp_path / ".anderer.json.abcdefgh.part"  # another output's: not ours to sweep
    other.write_bytes(b"x")
    _report(run, out)
    assert out.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".anderer.json.abcdefgh.part", out.name]


def test_a_write_under_way_is_left_alone(run: Callable, tmp_path: Path) -> None:
    out = tmp_path / "bericht.json"
    busy = tmp_path / ".bericht.json.busy1234.part"
    busy.write_bytes(b"")
    with open(busy, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # as a concurrent writer holds it
        _report(run, out)
        assert busy.exists()
    _report(run, out)
    assert not busy.exists()
