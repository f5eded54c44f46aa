"""Two imports and a report at the same time on one workspace: nothing lost, nothing half-seen,
nobody stopped by a lock."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.hostile.kit import make_workspace, people, write_responses
from tests.workspace.ws_kit import query, respondent_ids, run_cli, start_cli


def test_two_imports_and_a_report_at_the_same_time(run: Callable, tmp_path: Path) -> None:
    workspace = make_workspace(run, tmp_path)
    assert (
        run(
            "import", "-w", workspace, write_responses(tmp_path / "base.yaml", people("BASE", 5))
        ).exit_code
        == 0
    )
    first = write_responses(tmp_path / "first.yaml", people("A", 60))
    second = write_responses(tmp_path / "second.yaml", people("B", 60))
    resume = tmp_path / "resume"
    # The first import stops inside its transaction, every row written but not committed.
    importing = start_cli(
        "import",
        "-w",
        workspace,
        first,
        env={"CCASSESS_TEST_PAUSE": "import", "CCASSESS_TEST_RESUME": str(resume)},
    )
    assert importing.stderr is not None
    assert importing.stderr.readline().strip() == "ccassess: paused at import"
    try:
        waiting = start_cli("import", "-w", workspace, second)  # queues for the write lock
        report = tmp_path / "report.json"
        # The report reads while both imports are under way: it sees the workspace as it was.
        reporting = run_cli("report", "-w", workspace, "--format", "json", "-o", report)
        assert reporting.returncode == 0, reporting.stderr
        assert json.loads(report.read_text())["respondents"]["internal"] == 5
        assert waiting.poll() is None  # still waiting, not failed
    finally:
        resume.touch()
    for process in (importing, waiting):
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        assert "imported 60 respondent(s)" in out
    assert len(respondent_ids(workspace)) == 125
    assert query(workspace, "PRAGMA integrity_check") == [("ok",)]
    again = run_cli("report", "-w", workspace, "--format", "json", "-o", report)
    assert again.returncode == 0, again.stderr
    assert json.loads(report.read_text())["respondents"]["internal"] == 125
