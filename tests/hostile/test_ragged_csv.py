"""Ragged rows: a row with more cells than the header has headings.

The cells beyond the header belong to no question, so reading the row would drop them
without a word; the import is refused instead, naming the row (nothing is imported). Empty
cells beyond the header (a trailing delimiter, as some programs write) lose nothing and are
read as usual.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from tests.hostile.conftest import assert_refused
from tests.hostile.kit import make_workspace, snapshot

HEADER = "id,perspective,leadership.lead_visible,leadership.lead_role_model\n"


def test_a_table_row_with_cells_beyond_the_header(run: Callable, tmp_path: Path) -> None:
    workspace = make_workspace(run, tmp_path)
    path = tmp_path / "answers.csv"
    path.write_text(HEADER + "R1,internal,3,4\nR2,internal,2,3,5\nR3,internal,4,4\n")
    before = snapshot(workspace)
    assert_refused(
        run("import", "-w", workspace, path),
        f"error: {path}:3: the row has 5 cells but the header 4; the cells beyond the "
        "header belong to no question (first: '5'); remove them or give them a heading",
    )
    assert snapshot(workspace) == before
    assert_refused(run("score", "-a", tmp_path / "ws-settings" / "assessment.yaml", path))


def test_empty_cells_beyond_the_header_lose_nothing(run: Callable, tmp_path: Path) -> None:
    workspace = make_workspace(run, tmp_path)
    path = tmp_path / "answers.csv"
    path.write_text(HEADER + "R1,internal,3,4,,\nR2,internal,2,3, \nR3,internal,4,4\n")
    result = run("import", "-w", workspace, path)
    assert result.exit_code == 0, result.output
    assert "imported 3 respondent(s)" in result.stdout


def test_an_answer_sheet_csv_row_with_cells_beyond_the_header(
    run: Callable, tmp_path: Path
) -> None:
    workspace = make_workspace(run, tmp_path)
    sheet = tmp_path / "sheet.csv"
    assert (
        run("sheet", "-w", workspace, "--format", "csv", "-o", sheet, "--id", "I-1").exit_code == 0
    )
    rows = list(csv.reader(io.StringIO(sheet.read_text("utf-8-sig"), newline="")))
    header = rows[0]
    index = next(n for n, row in enumerate(rows) if "lead_visible" in row)
    number = index + 1  # one line per row: the sheet's texts have no line breaks
    row = rows[index]
    row[header.index("answer")] = "4"
    rows[index] = [*row, *[""] * (len(header) - len(row)), "5"]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    sheet.write_text(buffer.getvalue(), "utf-8")
    before = snapshot(workspace)
    result = run("import", "-w", workspace, sheet)
    assert_refused(
        result,
        f"error: {sheet}:{number}: the row has {len(header) + 1} cells but the header "
        f"{len(header)}; the cells beyond the header belong to no question (first: '5')",
    )
    assert snapshot(workspace) == before


def test_a_survey_tool_export_row_with_cells_beyond_the_headings(
    run: Callable, tmp_path: Path
) -> None:
    workspace = make_workspace(run, tmp_path)
    export = tmp_path / "export.csv"
    export.write_text("Respondent,Sichtbare Führung\nA,4\nB,5,2\nC,3,,\n", "utf-8")
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "tool: generic\nperspective: internal\ncolumns:\n"
        '  "Respondent": ignore\n  "Sichtbare Führung": leadership.lead_visible\n',
        "utf-8",
    )
    before = snapshot(workspace)
    args = ("import", "-w", workspace, export, "--from", "generic", "--mapping", mapping)
    assert_refused(
        run(*args),
        f"error: {export}, row 3: the row has 3 cells but the header 2; the cells beyond "
        "the header belong to no question (first: '2'); remove them or give them a heading",
    )
    assert snapshot(workspace) == before
    export.write_text("Respondent,Sichtbare Führung\nA,4\nB,5,\nC,3,,\n", "utf-8")
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert "imported 3 respondent(s)" in result.stdout
