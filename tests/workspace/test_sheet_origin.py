"""Sheets carry their workspace and round: a sheet made elsewhere, or for another round, is
refused with one clear line (an option overrides it), and a refused import says that nothing
was imported."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from ws_kit import fill_workbook, respondent_ids, snapshot

LEADERSHIP = {"lead_visible": "4 – trifft eher zu", "lead_role_model": 3}


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


def _filled_xlsx(run: Callable, workspace: Path, path: Path, respondent: str) -> Path:
    result = run("sheet", "-w", workspace, "-o", path, "--id", respondent, "--module", "leadership")
    assert result.exit_code == 0, result.output
    fill_workbook(path, {"leadership": LEADERSHIP}, respondent={"department": "Vertrieb"})
    return path


def _filled_csv(run: Callable, workspace: Path, path: Path, respondent: str) -> Path:
    result = run(
        "sheet", "-w", workspace, "-o", path, "--id", respondent, "--module", "leadership",
        "--format", "csv",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    for row in rows:
        if row[0] == "leadership" and row[1] in LEADERSHIP:
            row[4] = str(LEADERSHIP[row[1]])
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    return path


FILLERS = {"xlsx": _filled_xlsx, "csv": _filled_csv}


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_sheet_from_another_workspace_is_refused(
    make_workspace: Callable, tmp_path: Path, run: Callable, kind: str
) -> None:
    mine, theirs = make_workspace("a"), make_workspace("b")
    assert run("sheet", "-w", mine, "-o", tmp_path / "own.xlsx").exit_code == 0  # mine has an id
    sheet = FILLERS[kind](run, theirs, tmp_path / f"fremd.{kind}", "I-1")
    before = snapshot(mine)
    result = run("import", "-w", mine, sheet)
    assert result.exit_code == 2, result.output
    (error,) = _errors(result.stderr)
    assert f"fremd.{kind}" in error
    assert "this sheet was made in another workspace" in error
    assert "--ignore-origin" in error
    assert "Nothing was imported" in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(mine) == before
    # the same sheet goes into its own workspace, and into mine only when asked to
    assert run("import", "-w", theirs, sheet).exit_code == 0
    forced = run("import", "-w", mine, sheet, "--ignore-origin")
    assert forced.exit_code == 0, forced.output
    assert "imported anyway (--ignore-origin)" in forced.stderr
    assert respondent_ids(mine) == ["I-1"]


def test_a_workspace_that_never_wrote_a_sheet_refuses_stamped_ones(
    make_workspace: Callable, tmp_path: Path, run: Callable
) -> None:
    mine, theirs = make_workspace("a"), make_workspace("b")
    sheet = _filled_xlsx(run, theirs, tmp_path / "fremd.xlsx", "I-1")
    result = run("import", "-w", mine, sheet)
    assert result.exit_code == 2
    assert "this sheet was made in another workspace" in result.stderr


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_last_rounds_sheet_is_refused_without_suggesting_to_overwrite(
    workspace: Path, tmp_path: Path, run: Callable, kind: str
) -> None:
    old = FILLERS[kind](run, workspace, tmp_path / f"r1.{kind}", "I-1")
    assert run("import", "-w", workspace, old).exit_code == 0
    assert run("round", "new", "R2", "-w", workspace).exit_code == 0
    before = snapshot(workspace)
    result = run("import", "-w", workspace, old)
    assert result.exit_code == 2, result.output
    (error,) = _errors(result.stderr)
    assert "made for round 'R1', not for round 'R2'" in error
    assert "--round R1" in error
    assert "--replace" not in result.stderr
    assert snapshot(workspace) == before
    # into its own round, it is recognised as imported already
    again = run("import", "-w", workspace, old, "--round", "R1")
    assert again.exit_code == 0, again.output
    assert "skipped 1 already imported" in again.stdout


def test_last_rounds_unstamped_file_does_not_suggest_replace(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    table = tmp_path / "r1.csv"
    table.write_text(
        "id,perspective,department,leadership.lead_visible\nI-1,internal,Vertrieb,4\n", "utf-8"
    )
    assert run("import", "-w", workspace, table).exit_code == 0
    assert run("round", "new", "R2", "-w", workspace).exit_code == 0
    new = tmp_path / "r2.csv"
    new.write_text(
        "id,perspective,department,leadership.lead_visible\nI-1,internal,Vertrieb,2\n", "utf-8"
    )
    assert run("import", "-w", workspace, new).exit_code == 0
    result = run("import", "-w", workspace, table)
    assert result.exit_code == 2
    (error,) = _errors(result.stderr)
    assert "gave exactly these answers in round 'R1'" in error
    assert "--replace" not in error
    assert "Nothing was imported" in result.stderr


def test_last_rounds_unstamped_file_into_an_empty_round_is_imported_with_a_warning(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    table = tmp_path / "r1.csv"
    table.write_text(
        "id,perspective,department,leadership.lead_visible\nI-1,internal,Vertrieb,4\n", "utf-8"
    )
    assert run("import", "-w", workspace, table).exit_code == 0
    assert run("round", "new", "R2", "-w", workspace).exit_code == 0
    result = run("import", "-w", workspace, table)
    assert result.exit_code == 0, result.output
    assert (
        "warning: respondent 'I-1' gave exactly these answers in round 'R1'; imported into "
        "round 'R2' as well: check that the file is not the one of round 'R1'"
    ) in result.stderr
