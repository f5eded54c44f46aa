"""Every refused answer is reported at the cell that holds it (no row or column off by one),
a refused import says that nothing was imported, and the workspace stays as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from tests.hostile.conftest import assert_refused
from tests.hostile.kit import make_workspace, snapshot


@pytest.fixture
def workspace(run: Callable, tmp_path: Path) -> Path:
    return make_workspace(
        run,
        tmp_path,
        modules=["leadership", "silo_check", "customer_or_reporting"],
        departments=["Vertrieb", "Marketing", "IT"],
    )


def _sheet(run: Callable, workspace: Path, path: Path) -> openpyxl.Workbook:
    assert run("sheet", "-w", workspace, "-o", path, "--id", "I-1").exit_code == 0
    return openpyxl.load_workbook(path)


def _row(sheet: openpyxl.worksheet.worksheet.Worksheet, question: str, part: object = None) -> int:
    for row in sheet.iter_rows():
        if row[0].value == question and (part is None or row[1].value == part):
            return row[0].row
    raise AssertionError(question)


@pytest.mark.parametrize(
    ("cells", "place", "message"),
    [
        # the second activity's share: its own cell, not the first activity's answer (D5)
        ({2: ("Bericht", 150, "nur Reporting")}, "row 6, column 'E'", "share 150"),
        ({1: ("Bericht", 150, "nur Reporting")}, "row 5, column 'E'", "share 150"),
        ({1: ("Bericht", "viel", "nur Reporting")}, "row 5, column 'E'", "not a number"),
        (
            {1: ("A", 20, "nur Reporting"), 3: ("B", 10, "Kaffeekochen")},
            "row 7, column 'F'",
            "category 'Kaffeekochen'",
        ),
        (
            {1: ("A", 60, "nur Reporting"), 2: ("B", 30, "nur Reporting"), 3: ("C", 30, "x")},
            "row 7, column 'F'",
            "category 'x'",
        ),
        # fine alone, too much together: the share that goes over 100 %
        (
            {
                1: ("A", 60, "nur Reporting"),
                2: ("B", 30, "nur Reporting"),
                3: ("C", 30, "nur Reporting"),
            },
            "row 7, column 'E'",
            "add up to 120",
        ),
        ({2: (None, 30, "nur Reporting")}, "row 6, column 'D'", "activity is missing"),
    ],
)
def test_an_activity_row_is_reported_at_its_cell(
    workspace: Path, tmp_path: Path, run: Callable, cells: dict, place: str, message: str
) -> None:
    path = tmp_path / "bogen.xlsx"
    workbook = _sheet(run, workspace, path)
    sheet = workbook["customer_or_reporting"]
    for number, values in cells.items():
        row = _row(sheet, "activities", number)
        assert row == 4 + number  # the layout the expected places assume
        for column, value in zip("DEF", values, strict=True):
            sheet[f"{column}{row}"] = value
    workbook.save(path)
    before = snapshot(workspace)
    result = run("import", "-w", workspace, path)
    assert_refused(result, f"sheet 'customer_or_reporting', {place}:", message)
    assert result.stderr.splitlines()[-1].startswith("Nothing was imported")
    assert snapshot(workspace) == before


def test_scale_matrix_and_respondent_cells_are_reported_where_they_are(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    path = tmp_path / "bogen.xlsx"
    workbook = _sheet(run, workspace, path)
    details = workbook["Angaben"]
    department = _row(details, "department")
    details[f"C{department}"] = "Nirgendwo"
    leadership = workbook["leadership"]
    visible = _row(leadership, "lead_visible")
    leadership[f"D{visible}"] = "sehr gut"
    silo = workbook["silo_check"]
    it_row = _row(silo, "understanding_matrix", "IT")
    silo[f"D{it_row}"] = 9
    workbook.save(path)
    result = run("import", "-w", workspace, path)
    assert_refused(
        result,
        f"sheet 'Angaben', row {department}, column 'C':",
        f"sheet 'leadership', row {visible}, column 'D':",
        f"sheet 'silo_check', row {it_row}, column 'D':",
        lines=3,
    )
