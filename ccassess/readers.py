"""Safe readers for importer plugins: files users bring, read the way ccassess reads them.

An importer for another survey tool reads exports that come from outside, so it reads them
as ccassess's own importers do: the size checked before anything is read, text decoded
strictly (UTF-8 with or without byte-order mark, UTF-16 with one), YAML and JSON parsed
without surprises (no duplicate keys, aliases or NaN) and with line numbers, workbooks
opened only after their ZIP and XML checks, formulas never evaluated. A reader raises
`ValidationError` naming the file (and the line, where there is one), which ccassess prints
in one line.

Part of the public API (see docs/plugins/api.md). Like the names of `ccassess`, these are
imported on first use, so importing this module costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ccassess.lazy import lazy_names

_PUBLIC = {
    "MAX_CELL_CHARS": "ccassess.io.csvfile",
    "MAX_CSV_BYTES": "ccassess.io.csvfile",
    "MAX_FILE_BYTES": "ccassess.io.structured",
    "cell_value": "ccassess.io.xlsx",
    "decode_text": "ccassess.io.structured",
    "line_of": "ccassess.io.structured",
    "open_workbook": "ccassess.io.xlsx",
    "read_bytes": "ccassess.io.structured",
    "read_structured": "ccassess.io.structured",
}

if TYPE_CHECKING:  # pragma: no cover
    from ccassess.io.csvfile import MAX_CELL_CHARS, MAX_CSV_BYTES
    from ccassess.io.structured import (
        MAX_FILE_BYTES,
        decode_text,
        line_of,
        read_bytes,
        read_structured,
    )
    from ccassess.io.xlsx import cell_value, open_workbook


__getattr__, __dir__ = lazy_names(__name__, _PUBLIC, globals())


__all__ = [
    "MAX_CELL_CHARS",
    "MAX_CSV_BYTES",
    "MAX_FILE_BYTES",
    "cell_value",
    "decode_text",
    "line_of",
    "open_workbook",
    "read_bytes",
    "read_structured",
]
