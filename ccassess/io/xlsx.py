"""Excel workbooks read safely: size, zip and XML checks before openpyxl parses anything."""

from __future__ import annotations

import contextlib
import os
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccassess.catalogs import N_, _
from ccassess.errors import CcassessError, Location, Problem, ValidationError, os_problem
from ccassess.format import counted
from ccassess.io.csvfile import unneutralise
from ccassess.io.structured import open_regular, too_large

if TYPE_CHECKING:
    pass


#: Limits for reading workbooks (answer sheets are small; these stop hostile files early).
MAX_WORKBOOK_BYTES = 50 * 1024 * 1024

MAX_ZIP_ENTRIES = 2_000

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024

MAX_COMPRESSION_RATIO = 200

RATIO_CHECK_ABOVE = 1024 * 1024

#: One part of the workbook (openpyxl reads shared strings and styles into memory whole).
MAX_PART_BYTES = 32 * 1024 * 1024

#: One worksheet's XML: a 10,000-row answer sheet is far smaller. Bigger sheets are refused
#: before parsing (openpyxl scans a sheet without size information completely on opening).
MAX_WORKSHEET_BYTES = 16 * 1024 * 1024

MAX_SHEET_ROWS = 10_000
MAX_COLUMNS = 30
MAX_SHEETS = 200

DAMAGED_ZIP = N_("not an Excel workbook (.xlsx): damaged ZIP archive ({reason})")


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_value(value: Any) -> Any:
    """A spreadsheet value as an answer: trimmed text (un-neutralised), numbers, or None."""
    if value is None:
        return None
    if isinstance(value, str):
        text = unneutralise(value.strip())
        return text or None
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def _refuse(file: str, message: str) -> ValidationError:
    return ValidationError([Problem(Location(file), message)])


def check_workbook_file(path: Path) -> None:
    """Refuse what is not a plain, reasonably sized .xlsx before any XML is parsed."""
    file = str(path)
    with open_regular(path) as stream:  # a named pipe is refused, not waited for
        size = os.fstat(stream.fileno()).st_size
        try:
            head = stream.read(8)
        except OSError as exc:
            raise _refuse(file, os_problem(exc)) from None
    if size == 0:
        raise _refuse(file, _("the file is empty; expected an Excel workbook (.xlsx)"))
    if size > MAX_WORKBOOK_BYTES:
        raise _refuse(file, too_large(size, MAX_WORKBOOK_BYTES))
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _refuse(
            file,
            _(
                "an old Excel (.xls) or encrypted workbook; save it as an Excel "
                "workbook (.xlsx) without a password"
            ),
        )
    if not head.startswith(b"PK"):
        raise _refuse(
            file,
            _(
                "not an Excel workbook (.xlsx): the file is not a ZIP archive "
                "(was another file renamed to .xlsx?)"
            ),
        )
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refuse(file, _(DAMAGED_ZIP).format(reason=exc)) from None
    if len(entries) > MAX_ZIP_ENTRIES:
        raise _refuse(
            file,
            _("the workbook has {count} parts; at most {limit} are accepted").format(
                count=counted(len(entries)), limit=counted(MAX_ZIP_ENTRIES)
            ),
        )
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise _refuse(file, _("not an Excel workbook (.xlsx): a ZIP archive without a workbook"))
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise _refuse(file, _("the workbook is encrypted; remove the password and save again"))
        total += entry.file_size
        limit = (
            MAX_WORKSHEET_BYTES if entry.filename.startswith("xl/worksheets/") else MAX_PART_BYTES
        )
        if entry.file_size > limit:
            raise _refuse(
                file,
                _(
                    "part {part} is {size} bytes; an answer sheet's parts are at most {limit}"
                ).format(
                    part=repr(entry.filename), size=counted(entry.file_size), limit=counted(limit)
                ),
            )
        ratio = entry.file_size / entry.compress_size if entry.compress_size else float("inf")
        if entry.file_size > RATIO_CHECK_ABOVE and ratio > MAX_COMPRESSION_RATIO:
            raise _refuse(
                file,
                _(
                    "part {part} expands {size} bytes from {compressed} (a ZIP bomb?); refused"
                ).format(
                    part=repr(entry.filename),
                    size=counted(entry.file_size),
                    compressed=counted(entry.compress_size),
                ),
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise _refuse(
            file,
            _("the workbook expands to {size} bytes; the limit is {limit}").format(
                size=counted(total), limit=counted(MAX_UNCOMPRESSED_BYTES)
            ),
        )
    _refuse_xml_declarations(path, entries)


#: How much of each XML part is searched for a DTD (it can only come before the root element).
XML_PROLOG_BYTES = 64 * 1024

_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def _refuse_xml_declarations(path: Path, entries: Sequence[zipfile.ZipInfo]) -> None:
    """Refuse a part with a DTD or entity declarations (XML bombs, external entities).

    Excel never writes them. defusedxml refuses them as well when openpyxl parses; this check
    comes first so the message can name the part.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            for entry in entries:
                if not entry.filename.lower().endswith((".xml", ".rels", ".vml")):
                    continue
                with archive.open(entry) as stream:
                    prolog = stream.read(XML_PROLOG_BYTES)
                if _DECLARATION.search(prolog):
                    raise _refuse(
                        str(path),
                        _(
                            "part {part} declares a DTD or XML entities, which workbooks "
                            "never need (an XML bomb?); refused"
                        ).format(part=repr(entry.filename)),
                    )
    except (
        zipfile.BadZipFile,
        OSError,
        ValueError,
        EOFError,
        zlib.error,
        NotImplementedError,
        RuntimeError,
    ) as exc:
        raise _refuse(str(path), _(DAMAGED_ZIP).format(reason=exc)) from None


def open_workbook(path: Path) -> Any:
    """openpyxl's read-only workbook, after the file checks; values only, no links."""
    check_workbook_file(path)
    import openpyxl
    from openpyxl import xml as openpyxl_xml

    if not openpyxl_xml.DEFUSEDXML:
        raise CcassessError(
            _(
                "defusedxml is not installed; ccassess does not read spreadsheets "
                "without it (pip install defusedxml)"
            )
        )
    # openpyxl warns about what it does not support (data validation extensions, dates out of
    # range) while it reads, lazily: notes for developers that would break the one-line
    # output. What matters is checked and reported by ccassess itself.
    warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl\.")
    try:
        return openpyxl.load_workbook(
            path, read_only=True, data_only=True, keep_links=False, keep_vba=False
        )
    except Exception as exc:  # openpyxl raises many types for broken files
        raise _refuse(
            str(path), _("cannot read the workbook: {reason}").format(reason=_reason(exc))
        ) from None


def _reason(exc: Exception) -> str:
    cause: BaseException | None = exc
    while cause is not None:  # openpyxl wraps defusedxml's refusal in a ValueError
        kind = type(cause).__name__
        if "Entities" in kind or "DTD" in kind or "ExternalReference" in kind:
            return _("it contains XML entity or DTD declarations, which are refused")
        cause = cause.__cause__ or cause.__context__
    name = type(exc).__name__
    text = " ".join(str(exc).split())[:200]
    return f"{text} ({name})" if text else name


def iter_sheet_rows(
    sheet: Any, file: str, max_rows: int = MAX_SHEET_ROWS, max_columns: int = MAX_COLUMNS
) -> Iterable[tuple[int, tuple[Any, ...]]]:
    """(row number, values) for every row with content; streamed, capped."""
    declared = getattr(sheet, "max_row", None)
    if isinstance(declared, int) and declared > max_rows:
        raise ValidationError(
            [
                Problem(
                    Location(file, sheet=sheet.title),
                    _("the sheet has {count} rows; an answer sheet has at most {limit}").format(
                        count=counted(declared), limit=counted(max_rows)
                    ),
                )
            ]
        )
    for number, values in enumerate(
        sheet.iter_rows(max_row=max_rows + 1, max_col=max_columns, values_only=True), start=1
    ):
        if not any(v not in (None, "") for v in values):
            continue
        if number > max_rows:
            raise ValidationError(
                [
                    Problem(
                        Location(file, sheet=sheet.title, row=number),
                        _("the sheet has more than {limit} rows").format(limit=counted(max_rows)),
                    )
                ]
            )
        yield number, tuple(values)


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_TRUE = ("1", "true")


@dataclass
class SheetLayout:
    """What a sheet's XML says besides its cells: merged ranges ("D3:D5") and the rows and
    columns (1-based numbers) Excel does not show — hidden (also by a collapsed group or a
    filter), or given no height or width."""

    merged: list[str] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)


def sheet_layout(sheet: Any) -> SheetLayout:
    """The layout of a sheet; read-only worksheets do not parse it, so their XML is read
    (streamed, with defusedxml's parser) for it."""
    layout = SheetLayout()
    merged = getattr(sheet, "merged_cells", None)
    if merged is not None:  # a normal (not read-only) worksheet
        layout.merged = [str(cell_range) for cell_range in merged.ranges]
        for number, row in sheet.row_dimensions.items():
            if row.hidden or (row.customHeight and row.ht == 0):
                layout.hidden_rows.add(number)
        for dimension in sheet.column_dimensions.values():
            if dimension.hidden or (dimension.customWidth and dimension.width == 0):
                layout.hidden_columns.update(range(dimension.min, dimension.max + 1))
        return layout
    source = getattr(sheet, "_get_source", None)
    if source is None:
        return layout
    from openpyxl.xml.functions import iterparse  # defusedxml's, when it is installed

    with source() as stream:
        for _, element in iterparse(stream):
            tag = element.tag
            if tag == _MAIN + "row":
                if _not_shown(element, "ht", "customHeight"):
                    with contextlib.suppress(TypeError, ValueError):
                        layout.hidden_rows.add(int(element.get("r")))
            elif tag == _MAIN + "col":
                if _not_shown(element, "width", "customWidth"):
                    with contextlib.suppress(TypeError, ValueError):
                        first, last = int(element.get("min")), int(element.get("max"))
                        layout.hidden_columns.update(range(first, min(last, MAX_COLUMNS) + 1))
            elif tag == _MAIN + "mergeCell" and element.get("ref"):
                layout.merged.append(str(element.get("ref")))
            element.clear()
    return layout


def _not_shown(element: Any, size: str, custom: str) -> bool:
    """Whether a row or col element is hidden, or has a custom size of 0."""
    if str(element.get("hidden", "")).lower() in _TRUE:
        return True
    if str(element.get(custom, "")).lower() not in _TRUE:
        return False
    try:
        return float(element.get(size, "1")) == 0
    except ValueError:
        return False
