"""Survey-tool exports as plain tables: rows of cells with the row numbers a user sees.

CSV: UTF-8 with or without byte-order mark, UTF-16, or Windows-1252 as Excel re-saves exports
(`encoding`), any line ends, line breaks inside quoted cells, `,` `;` or tab as delimiter
(told apart by the header record). XLSX:
opened only through ccassess's safe workbook reader (ZIP checks, defusedxml, read-only
streaming, formulas never evaluated: a formula cell counts with the value last saved).
The row number of a record is the one a spreadsheet program shows for it.
"""

from __future__ import annotations

import csv
import io
import stat
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ccassess import Location, Problem, ValidationError
from ccassess.readers import (
    MAX_CELL_CHARS,
    MAX_CSV_BYTES,
    cell_value,
    open_workbook,
    read_bytes,
)
from ccassess_survey_tools.encoding import decode_export
from ccassess_survey_tools.i18n import _

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
#: The largest export read: far more responses than an assessment needs.
MAX_ROWS = 100_000
MAX_COLUMNS = 5_000
#: How much of a file detection reads.
SNIFF_BYTES = 512 * 1024
SNIFF_ROWS = 4


@dataclass
class Table:
    """The records of an export: (row number, cells); cells are text (CSV) or values."""

    file: str
    kind: str  # "csv" | "xlsx"
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
    delimiter: str | None = None
    #: The text encoding of a CSV ("UTF-8", "UTF-16", "Windows-1252"), and a note when it was
    #: guessed.
    encoding: str | None = None
    encoding_note: str | None = None

    def texts(self, index: int) -> list[str]:
        """Row `index` (0-based among the records) as stripped texts."""
        if index >= len(self.rows):
            return []
        return [text(cell) for cell in self.rows[index][1]]


def text(value: Any) -> str:
    """A cell as text: numbers without a trailing .0, dates in ISO form, nothing as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    return str(value).strip()


def _refuse(file: str, message: str, row: int | None = None) -> ValidationError:
    return ValidationError([Problem(Location(file, row=row), message)])


# -- CSV ------------------------------------------------------------------------------------


def _delimiter(text: str) -> str:
    """The delimiter that splits the first record into the most cells (quotes respected)."""
    best, cells = ",", 0
    for candidate in (",", ";", "\t"):
        try:
            first = next(
                csv.reader(io.StringIO(text[:SNIFF_BYTES], newline=""), delimiter=candidate), []
            )
        except csv.Error:
            continue
        if len(first) > cells:
            best, cells = candidate, len(first)
    return best


def _csv_records(text: str, file: str, limit: int) -> tuple[str, list[tuple[int, list[Any]]]]:
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows: list[tuple[int, list[Any]]] = []
    number = 0
    try:
        for cells in reader:
            number += 1
            if len(rows) >= limit:
                break
            if len(cells) > MAX_COLUMNS:
                raise _refuse(
                    file,
                    _("{n} columns; at most {limit} are read").format(
                        n=len(cells), limit=MAX_COLUMNS
                    ),
                    number,
                )
            if any(cell.strip() for cell in cells):
                rows.append((number, cells))
    except csv.Error as exc:
        raise _refuse(file, _("invalid CSV: {reason}").format(reason=exc), number + 1) from None
    return delimiter, rows


def read_csv(path: Path) -> Table:
    file = str(path)
    raw = read_bytes(path, MAX_CSV_BYTES)
    if not raw.strip():
        raise _refuse(file, _("the file is empty"))
    decoded = decode_export(raw, file)
    delimiter, rows = _csv_records(decoded.text, file, MAX_ROWS + 4)
    if len(rows) > MAX_ROWS + 3:
        raise _refuse(file, _("more than {limit} responses").format(limit=MAX_ROWS))
    for number, cells in rows:
        if any(len(cell) > MAX_CELL_CHARS for cell in cells):
            raise _refuse(
                file,
                _("a cell is longer than {limit} characters").format(limit=MAX_CELL_CHARS),
                number,
            )
    return Table(
        file,
        "csv",
        rows,
        delimiter=delimiter,
        encoding=decoded.encoding,
        encoding_note=decoded.note,
    )


def _sniff_csv(path: Path) -> Table | None:
    with open(path, "rb") as stream:
        raw = stream.read(SNIFF_BYTES)
    try:
        decoded = decode_export(raw, str(path), partial=True)
    except ValidationError:
        return None
    delimiter, rows = _csv_records(decoded.text, str(path), SNIFF_ROWS)
    return Table(str(path), "csv", rows, delimiter=delimiter, encoding=decoded.encoding)


# -- XLSX -----------------------------------------------------------------------------------


def _xlsx_rows(path: Path, limit: int, whole: bool = True) -> Table:
    """The first sheet's rows with content (streamed); more than `limit` is an error when
    the `whole` sheet is wanted, else the first `limit` rows are enough."""
    file = str(path)
    workbook = open_workbook(path)  # the file checks, defusedxml, read-only, values only
    try:
        sheets = tuple(sheet.title for sheet in workbook.worksheets)
        if not sheets:
            raise _refuse(file, _("the workbook has no sheets"))
        sheet = workbook.worksheets[0]
        declared = getattr(sheet, "max_column", None)
        if isinstance(declared, int) and declared > MAX_COLUMNS:
            raise _refuse(
                file,
                _("the sheet has {n} columns; at most {limit} are read").format(
                    n=declared, limit=MAX_COLUMNS
                ),
            )
        columns = declared if isinstance(declared, int) and declared > 0 else 1_000
        declared_rows = getattr(sheet, "max_row", None)
        if whole and isinstance(declared_rows, int) and declared_rows > 2 * limit:
            raise _refuse(
                file,
                _("the sheet has {n} rows; at most {limit} responses are read").format(
                    n=declared_rows, limit=limit - 3
                ),
            )
        rows: list[tuple[int, list[Any]]] = []
        scan = None if whole else 50 + limit  # detection: the first rows are enough
        for number, values in enumerate(
            sheet.iter_rows(max_row=scan, max_col=columns, values_only=True), start=1
        ):
            if whole and number > 2 * limit:
                raise _refuse(
                    file, _("the sheet has more than {limit} rows").format(limit=2 * limit)
                )
            if not any(value not in (None, "") for value in values):
                continue
            if len(rows) >= limit:
                if whole:
                    raise _refuse(file, _("more than {limit} responses").format(limit=limit - 3))
                break
            cells = [cell_value(value) for value in values]
            while cells and cells[-1] is None:
                cells.pop()
            rows.append((number, cells))
        return Table(file, "xlsx", rows, sheet=sheet.title, sheets=sheets)
    except ValidationError:
        raise
    except Exception as exc:  # read-only parsing is lazy: broken parts surface here
        raise _refuse(
            file, _("cannot read the workbook: {reason}").format(reason=type(exc).__name__)
        ) from None
    finally:
        workbook.close()


def read_xlsx(path: Path) -> Table:
    return _xlsx_rows(path, MAX_ROWS + 3)


# -- either ---------------------------------------------------------------------------------


def read_table(path: Path) -> Table:
    """The whole export (CSV or XLSX, by its suffix)."""
    if path.suffix.lower() in XLSX_SUFFIXES:
        return read_xlsx(path)
    return read_csv(path)


_SNIFFED: dict[tuple[str, int, int], Table | None] = {}


def sniff(path: Path) -> Table | None:
    """The first few records of a file, for detection; None when it cannot be read.

    Every importer asks for the same file, so the answer is kept (by path, size and time).
    """
    try:
        status = path.stat()
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):  # a named pipe would wait; the reader refuses it
        return None
    key = (str(path.resolve()), status.st_mtime_ns, status.st_size)
    if key in _SNIFFED:
        return _SNIFFED[key]
    try:
        if path.suffix.lower() in XLSX_SUFFIXES:
            found: Table | None = _xlsx_rows(path, SNIFF_ROWS, whole=False)
        elif path.suffix.lower() in CSV_SUFFIXES:
            found = _sniff_csv(path)
        else:
            found = None
    except Exception:  # detection never fails: the reader reports the problem properly
        found = None
    if len(_SNIFFED) > 64:
        _SNIFFED.clear()
    _SNIFFED[key] = found
    return found
