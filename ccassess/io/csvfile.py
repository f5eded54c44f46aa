"""CSV: the answer sheet's CSV variant, survey-tool style tables, and safe CSV output.

Two layouts are read (told apart by their header):

- the **answer sheet** (`ccassess sheet --format csv`), one respondent per file, one answer
  per row: ``section,id,part,question,answer,allowed``; section is ``respondent`` for the
  metadata rows and the module id for answers;
- a **table**, one respondent per row, as survey tools and `ccassess export` write it:
  ``id,perspective,department,role,name,<module>.<question>,<module>.<question>[<part>],…``
  (a part is a matrix row or a Kano side; an activity list is one cell with JSON or
  ``activity; share; category`` items on separate lines).

Text is UTF-8 (with or without BOM) or UTF-16 with BOM; the delimiter is `,`, `;` or a tab.
Cells ccassess writes that start with ``= + - @``, a tab or a carriage return are prefixed
with an apostrophe so spreadsheet programs never run them as formulas; reading removes
that prefix again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccassess.catalogs import N_, _
from ccassess.errors import Location, Problem, ValidationError
from ccassess.format import counted
from ccassess.io.structured import decode_text, read_bytes

if TYPE_CHECKING:
    pass


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

#: CSV files larger than this (in bytes) are refused before they are read.
MAX_CSV_BYTES = 20 * 1024 * 1024

MAX_CSV_ROWS = 100_000

MAX_CSV_COLUMNS = 5_000

#: The longest cell read, in characters.
MAX_CELL_CHARS = 100_000

EMPTY_FILE = N_("the file is empty")


def neutralise(text: str) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def unneutralise(text: str) -> str:
    """Undo `neutralise` (only an apostrophe followed by a formula character is removed)."""
    if text.startswith("'") and text[1:2] and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


def csv_cell(value: Any) -> str:
    """A value for a CSV cell: text neutralised, numbers as written, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return neutralise(str(value))


def write_csv(rows: Iterable[Sequence[Any]], delimiter: str = ",") -> bytes:
    """Rows to CSV bytes (UTF-8 with BOM, so spreadsheet programs detect the encoding)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def read_csv_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """Header and (line number, cells) of a CSV file; size and shape limits enforced.

    The header is read at once; the rows as they are consumed (a problem further down is
    raised as ValidationError when its row is reached), so no list of all rows is built."""
    file = str(path)
    raw = read_bytes(path, MAX_CSV_BYTES)
    if not raw.strip():
        raise ValidationError([Problem(Location(file), _(EMPTY_FILE))])
    text = decode_text(raw, file)
    del raw
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise ValidationError(
            [Problem(Location(file, reader.line_num), invalid_csv(exc))]
        ) from None
    if header is None:
        raise ValidationError([Problem(Location(file), _(EMPTY_FILE))])
    if len(header) > MAX_CSV_COLUMNS:
        raise ValidationError(
            [
                Problem(
                    Location(file, 1),
                    _("{count} columns; at most {limit} are read").format(
                        count=counted(len(header)), limit=counted(MAX_CSV_COLUMNS)
                    ),
                )
            ]
        )
    return [cell.strip().lstrip("\ufeff") for cell in header], _rows(reader, file, len(header))


def invalid_csv(exc: csv.Error) -> str:
    # TRANSLATORS: {reason} is the CSV reader's own text, in English
    return _("invalid CSV: {reason}").format(reason=exc)


def beyond_header(cells: Sequence[Any], width: int) -> str | None:
    """Why a row with cells beyond the header's `width` cannot be read, or None when those
    cells are empty (a trailing delimiter loses nothing).

    A cell beyond the header belongs to no question: reading the row would drop it without
    a word, so the file is refused instead."""
    extra = next((cell for cell in cells[width:] if str(cell).strip()), None)
    if extra is None:
        return None
    return _(
        "the row has {cells} cells but the header {width}; the cells beyond the header "
        "belong to no question (first: {first}); remove them or give them a heading"
    ).format(cells=len(cells), width=width, first=repr(str(extra).strip()[:40]))


def _rows(reader: Any, file: str, width: int) -> Iterator[tuple[int, list[str]]]:
    count = 0
    try:
        for cells in reader:
            line = reader.line_num
            if len(cells) > width and (problem := beyond_header(cells, width)):
                raise ValidationError([Problem(Location(file, line), problem)])
            if count >= MAX_CSV_ROWS:
                raise ValidationError(
                    [
                        Problem(
                            Location(file, line),
                            _("more than {limit} rows").format(limit=counted(MAX_CSV_ROWS)),
                        )
                    ]
                )
            if cells and max(map(len, cells)) > MAX_CELL_CHARS:
                raise ValidationError(
                    [
                        Problem(
                            Location(file, line),
                            _("a cell is longer than {limit} characters").format(
                                limit=counted(MAX_CELL_CHARS)
                            ),
                        )
                    ]
                )
            if "".join(cells).strip():  # skip blank rows
                count += 1
                yield line, cells
    except csv.Error as exc:
        raise ValidationError(
            [Problem(Location(file, reader.line_num), invalid_csv(exc))]
        ) from None


def cell_text(cell: str) -> str | None:
    """A CSV cell as read: trimmed, un-neutralised, None when empty."""
    text = unneutralise(cell.strip())
    return text or None
