"""One form for a response's time however the export wrote it, so that two exports of the
same responses derive the same respondent ids.

A tool's own download, its spreadsheet and Excel's re-save show one moment differently:
``2026/11/04 10:01:05 AM GMT+1``, a workbook date, ``04.11.2026 10:01:05``, ``11/4/2026
10:01`` (day and month order depends on the locale, the time zone is dropped). The canonical
form keeps the year, day and month as an unordered pair (a locale's order cannot be told
from one date) and the wall-clock time.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

_STAMP = re.compile(
    r"^\s*(?P<a>\d{1,4})[./-](?P<b>\d{1,2})[./-](?P<c>\d{1,4})(?:[ T,]+(?P<hour>\d{1,2}):"
    r"(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?\s*(?P<half>[ap]\.?\s?m\.?)?)?",
    re.IGNORECASE,
)


def canonical_time(value: Any, seconds: bool = True) -> str | None:
    """'2026-04|11 10:01:05' for any writing of 4 November 2026, 10:01:05; None when the
    value is no date and time. Without `seconds` the time is cut to the minute (Excel
    shows minutes only unless told otherwise)."""
    if isinstance(value, datetime):
        parts = (value.year, value.month, value.day, value.hour, value.minute, value.second)
    elif isinstance(value, date):
        parts = (value.year, value.month, value.day, 0, 0, 0)
    else:
        found = _STAMP.match(str(value or ""))
        if found is None:
            return None
        a, b, c = int(found["a"]), int(found["b"]), int(found["c"])
        if len(found["a"]) == 4:
            year, first, second = a, b, c
        elif len(found["c"]) in (2, 4):
            year, first, second = (c + 2000 if c < 100 else c), a, b
        else:
            return None
        hour = int(found["hour"] or 0)
        half = (found["half"] or "").casefold()
        if half.startswith("p") and hour < 12:
            hour += 12
        elif half.startswith("a") and hour == 12:
            hour = 0
        parts = (
            year,
            first,
            second,
            hour,
            int(found["minute"] or 0),
            int(found["second"] or 0),
        )
    year, first, second, hour, minute, sec = parts
    low, high = sorted((first, second))
    clock = f"{hour:02d}:{minute:02d}" + (f":{sec:02d}" if seconds else "")
    return f"{year:04d}-{low:02d}|{high:02d} {clock}"
