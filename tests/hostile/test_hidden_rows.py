"""Answers in hidden rows and columns of an answer workbook are refused, like hidden sheets:
what the file holds there is not what the respondent (or you) saw.

A row or column counts as hidden when Excel hides it (`hidden`, also what collapsed groups
and filters write) or shows it with no height or width. Hidden rows and columns without
answers are only layout and are read as usual.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.conftest import assert_refused
from tests.hostile.kit import (
    answer_cell,
    make_workspace,
    part_with,
    put_cell,
    read_parts,
    row_of,
    snapshot,
    write_parts,
)

Edit = Callable[[bytes], bytes]


@pytest.fixture
def workspace(run: Callable, tmp_path: Path) -> Path:
    return make_workspace(run, tmp_path)


@pytest.fixture
def blank(workspace: Path, run: Callable, tmp_path: Path) -> Path:
    path = tmp_path / "blank.xlsx"
    assert run("sheet", "-w", workspace, "-o", path, "--id", "I-1").exit_code == 0
    return path


def answered(blank: Path, name: str, edit: Edit, sheet_marker: bytes = b"lead_visible") -> Path:
    """The blank workbook with lead_visible answered (4), one sheet's XML edited."""
    parts = read_parts(blank)
    module = part_with(parts, b"lead_visible")
    parts[module] = answer_cell(parts[module], "lead_visible", b"<v>4</v>")
    sheet = part_with(parts, sheet_marker)
    parts[sheet] = edit(parts[sheet])
    return write_parts(blank.with_name(name), parts)


def row_attributes(number: int, attributes: bytes) -> Edit:
    def edit(xml: bytes) -> bytes:
        changed, count = re.subn(
            rb'<row r="' + str(number).encode() + rb'"', rb'<row r="%d" ' % number + attributes, xml
        )
        assert count == 1
        return changed

    return edit


def column(attributes: bytes, first: int = 4, last: int = 4) -> Edit:
    """Column `first`..`last` (D by default, the answers) given `attributes`."""

    def edit(xml: bytes) -> bytes:
        changed, count = re.subn(
            rb'<col ([^>]*)min="%d" max="%d" */>' % (first, first),
            rb'<col min="%d" max="%d" ' % (first, last) + attributes + b" />",
            xml,
        )
        assert count == 1
        return changed

    return edit


def lead_row(blank: Path) -> int:
    parts = read_parts(blank)
    return row_of(parts[part_with(parts, b"lead_visible")], b"lead_visible")


@pytest.mark.parametrize(
    "attributes", [b'hidden="1"', b'hidden="true"', b'ht="0" customHeight="1"']
)
def test_an_answer_in_a_hidden_row(
    workspace: Path, blank: Path, run: Callable, attributes: bytes
) -> None:
    row = lead_row(blank)
    path = answered(blank, "hidden-row.xlsx", row_attributes(row, attributes))
    before = snapshot(workspace)
    assert_refused(
        run("import", "-w", workspace, path),
        f"error: {path}, sheet 'leadership', row {row}: the row is hidden but holds an "
        "answer; unhide it in Excel, check it and import again",
    )
    assert snapshot(workspace) == before


@pytest.mark.parametrize("attributes", [b'hidden="1"', b'width="0" customWidth="1"'])
def test_answers_in_a_hidden_column(
    workspace: Path, blank: Path, run: Callable, attributes: bytes
) -> None:
    path = answered(blank, "hidden-column.xlsx", column(attributes))
    before = snapshot(workspace)
    assert_refused(
        run("import", "-w", workspace, path),
        f"error: {path}, sheet 'leadership', column 'D': the column is hidden but holds "
        "answers; unhide it in Excel, check them and import again",
    )
    assert snapshot(workspace) == before
    # a range of hidden columns over the answer column (C to E)
    wide = answered(blank, "hidden-columns.xlsx", column(b'hidden="1"', 3, 5))
    assert_refused(run("import", "-w", workspace, wide), "column 'D': the column is hidden")


def test_the_respondent_sheet(workspace: Path, blank: Path, run: Callable) -> None:
    parts = read_parts(blank)
    sheet = part_with(parts, b"Befragten-ID")
    row = row_of(parts[sheet], b"id")
    path = answered(blank, "hidden-id.xlsx", row_attributes(row, b'hidden="1"'), b"Befragten-ID")
    assert_refused(
        run("import", "-w", workspace, path),
        f"error: {path}, sheet 'Angaben', row {row}: the row is hidden but holds an answer",
    )


def test_hidden_rows_and_columns_without_answers_are_layout(
    workspace: Path, blank: Path, run: Callable
) -> None:
    row = lead_row(blank)

    def hide_others(xml: bytes) -> bytes:
        xml = row_attributes(row + 1, b'hidden="1"')(xml)  # the next question, not answered
        xml = column(b'hidden="1"', 5, 6)(xml)  # the allowed answers and the hints
        return column(b'width="0" customWidth="1"', 3, 3)(xml)  # the question texts

    path = answered(blank, "layout.xlsx", hide_others)
    result = run("import", "-w", workspace, path)
    assert result.exit_code == 0, result.output
    assert "imported 1 respondent(s)" in result.stdout


def test_an_answer_under_a_hidden_row_in_another_column(
    workspace: Path, blank: Path, run: Callable
) -> None:
    """A value put beside a hidden row's question, in the answer column: still refused."""
    row = lead_row(blank)

    def edit(xml: bytes) -> bytes:
        xml = put_cell(xml, f"D{row + 1}", b"<v>2</v>")
        return row_attributes(row + 1, b'hidden="1"')(xml)

    path = answered(blank, "hidden-next.xlsx", edit)
    assert_refused(
        run("import", "-w", workspace, path),
        f"error: {path}, sheet 'leadership', row {row + 1}: the row is hidden but holds an answer",
    )
