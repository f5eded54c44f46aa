"""Text for a terminal: control characters made visible, so that a name, id or answer cannot
drive the terminal.

Client names, respondent ids, department names, answers and plugin messages reach the
terminal in tables, notes, warnings, errors and the survey. An escape sequence inside one
(OSC: set the window title, write the clipboard; CSI: clear the screen, move the cursor) would
be obeyed by the terminal, and a carriage return or a bidi override could make a line read
differently from what it holds. `visible` writes every such character as an escape
(ESC → "\\x1b", U+202E → "\\u202e"); line feeds and tabs stay. `echo` is click.echo with it:
every human-readable line goes through it, machine output (JSON, CSV) does not, since those
formats keep the data intact and escape it their own way.
"""

from __future__ import annotations

import re
from typing import Any

#: C0 controls except tab and line feed, DEL, the C1 controls (U+0080–U+009F, where a
#: terminal may read U+009B as CSI) and the bidirectional overrides and isolates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with its control characters written as escapes (line feeds and tabs kept)."""
    return _CONTROL.sub(_escape, text)


def echo(message: Any = "", *, err: bool = False, nl: bool = True) -> None:
    """click.echo for text a person reads: control characters escaped first."""
    import click  # the CLI has it loaded; the core does not need it otherwise

    click.echo(visible(str(message)), err=err, nl=nl)
