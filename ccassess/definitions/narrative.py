"""`narrative.md`: the consultant's own words for the report, read from the workspace.

The file is Markdown with a few level-1 or level-2 headings that say what follows (German or
English, any case):

- ``# Key messages`` / ``# Kernbotschaften``: a list, one message per item;
- ``# Next steps`` / ``# Nächste Schritte``: a list, one step per item;
- ``# Owners`` / ``# Verantwortliche``: ``- <initiative id>: <owner> (<due>)`` per item;
- ``# Section <id>`` / ``# Abschnitt <id>``: a comment shown under that report section.

Anything else at that level is an error naming the file and line, so that a typo never
silently drops a message. Texts stay Markdown here; the report renders and sanitises them.
"""

from __future__ import annotations

import re
from pathlib import Path

from ccassess.catalogs import _
from ccassess.errors import CcassessError, Location
from ccassess.model.narrative import Narrative, Owner

NARRATIVE_FILE = "narrative.md"
#: The largest narrative read (a narrative is a few pages of prose, not data).
MAX_BYTES = 256 * 1024

_HEADING = re.compile(r"^(#{1,2})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+(.*)$")
_OWNER = re.compile(r"^([A-Za-z0-9_.-]+)\s*:\s*(.+?)(?:\s*\(([^()]*)\))?\s*$")
_SECTION_ID = re.compile(r"^[A-Za-z0-9_-]+$")
_KINDS = {
    "key messages": "key_messages",
    "kernbotschaften": "key_messages",
    "next steps": "next_steps",
    "nächste schritte": "next_steps",
    "owners": "owners",
    "verantwortliche": "owners",
}


def load_narrative(path: Path) -> Narrative | None:
    """The narrative in `path`, or None when there is no such file."""
    if not path.is_file():
        return None
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise CcassessError(
            _("larger than {size} KiB; is it a narrative?").format(size=MAX_BYTES // 1024),
            Location(str(path)),
        )
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CcassessError(
            _("not UTF-8 (byte {offset}); save it as UTF-8").format(offset=exc.start),
            Location(str(path)),
        ) from None
    return parse_narrative(source, str(path))


def parse_narrative(source: str, name: str = NARRATIVE_FILE) -> Narrative:
    """Split the Markdown into its parts by heading; a list part into its items."""
    narrative = Narrative()
    kind: str | None = None
    section = ""
    lines: list[tuple[int, str]] = []

    def close() -> None:
        if kind is not None:
            _store(narrative, kind, section, lines, name)

    fenced = False
    for number, line in enumerate(source.splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        heading = None if fenced else _HEADING.match(line)
        if heading:
            close()
            kind, section = _kind(heading.group(2), name, number)
            lines = []
        elif kind is None:
            if line.strip():
                raise CcassessError(
                    _(
                        "text before the first heading; start with '# Key messages', "
                        "'# Next steps', '# Owners' or '# Section <id>'"
                    ),
                    Location(name, number),
                )
        else:
            lines.append((number, line))
    close()
    return narrative


def _kind(title: str, name: str, number: int) -> tuple[str, str]:
    key = title.strip().casefold()
    if key in _KINDS:
        return _KINDS[key], ""
    for word in ("section", "abschnitt"):
        if key.startswith(word + " ") or key.startswith(word + ":"):
            section = title.strip()[len(word) + 1 :].strip(" :")
            if not _SECTION_ID.match(section):
                raise CcassessError(
                    _(
                        "{section} is not a section id (letters, digits, - and _, e.g. "
                        "'perception-gap' or 'module-leadership')"
                    ).format(section=repr(section)),
                    Location(name, number),
                )
            return "comment", section
    raise CcassessError(
        _(
            "unknown heading {title}; use 'Key messages', 'Next steps', 'Owners' or "
            "'Section <id>' (German: Kernbotschaften, Nächste Schritte, Verantwortliche, "
            "Abschnitt <id>)"
        ).format(title=repr(title)),
        Location(name, number),
    )


def _store(
    narrative: Narrative, kind: str, section: str, lines: list[tuple[int, str]], name: str
) -> None:
    if kind == "comment":
        text = "\n".join(line for _, line in lines).strip()
        if text:
            narrative.comments[section] = text
        return
    items = _items(lines, name)
    if kind == "owners":
        for number, item in items:
            match = _OWNER.match(item)
            if not match:
                raise CcassessError(
                    _("an owner is '- <initiative id>: <owner> (<due>)', not {item}").format(
                        item=repr(item)
                    ),
                    Location(name, number),
                )
            narrative.owners.append(Owner(match.group(1), match.group(2), match.group(3) or ""))
    else:
        getattr(narrative, kind).extend(item for _, item in items)


def _items(lines: list[tuple[int, str]], name: str) -> list[tuple[int, str]]:
    """List items; an indented line continues the item above it."""
    items: list[tuple[int, str]] = []
    for number, line in lines:
        if not line.strip():
            continue
        match = _ITEM.match(line)
        if match:
            items.append((number, match.group(1).strip()))
        elif items and line.startswith((" ", "\t")):
            items[-1] = (items[-1][0], items[-1][1] + " " + line.strip())
        else:
            raise CcassessError(
                _("expected a list item ('- …') under this heading"), Location(name, number)
            )
    return items
