"""A small toolkit for validating plain data with key paths and line numbers.

`Checker` walks nested data, remembers where it is (file, key path, line) and records every
problem instead of stopping at the first, so users can fix a file in one go.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ccassess.catalogs import N_, _
from ccassess.errors import Location, Problems
from ccassess.format import counted
from ccassess.io.structured import Yaml11Bool, line_of
from ccassess.text import LANGUAGE_TAG, LANGUAGES, Text

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
MAX_TEXT = 20_000
#: Control characters other than tab and line breaks (C0, DEL and C1): no worksheet can hold
#: most of them, and a terminal runs them as commands.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: The problem of a value that is not there (also used by the readers of answers).
MISSING = N_("missing")
#: The warning about a text written in one of the two languages only.
MISSING_TRANSLATION = N_("missing translation")


def control_character_problem(text: str) -> str | None:
    """Why `text` cannot be a name or text (it holds a control character), or None."""
    found = CONTROL_CHARACTER.search(text)
    if found is None:
        return None
    return _("{text} contains a control character ({code}); remove it").format(
        text=repr(text), code=f"U+{ord(found.group()):04X}"
    )


class Checker:
    """Records problems at key paths inside one file."""

    def __init__(self, file: str | None, problems: Problems | None = None) -> None:
        self.file = file
        self.problems = problems if problems is not None else Problems()

    def at(self, path: str, container: Any = None, key: Any = None) -> Location:
        line = line_of(container, key) if container is not None else None
        return Location(self.file, line, path or None)

    def error(self, path: str, message: str, container: Any = None, key: Any = None) -> None:
        self.problems.error(self.at(path, container, key), message)

    def warning(self, path: str, message: str, container: Any = None, key: Any = None) -> None:
        self.problems.warning(self.at(path, container, key), message)

    # -- typed readers: each returns the value, or a default after recording a problem --

    def mapping(self, data: Any, path: str, parent: Any = None, key: Any = None) -> Mapping:
        if not isinstance(data, Mapping):
            self.error(
                path, _("expected a mapping, got {kind}").format(kind=_kind(data)), parent, key
            )
            return {}
        return data

    def known_keys(self, data: Mapping, path: str, allowed: set[str] | frozenset[str]) -> None:
        for key in data:
            if key not in allowed:
                hint = ", ".join(sorted(allowed))
                self.error(
                    _join(path, str(key)),
                    _("unknown key; allowed: {keys}").format(keys=hint),
                    data,
                    key,
                )

    def string(
        self,
        data: Mapping,
        key: str | int,
        path: str,
        *,
        required: bool = True,
        default: str = "",
    ) -> str:
        value = data.get(key)
        if (
            value.__class__ is str
            and len(value) <= MAX_TEXT
            and not CONTROL_CHARACTER.search(value)
        ):
            return value  # the common case, first (imports check five per respondent)
        if key not in data or data[key] is None:
            if required:
                self.error(_join(path, key), _(MISSING), data, key)
            return default
        value = data[key]
        if isinstance(value, Yaml11Bool):
            self.error(
                _join(path, key),
                _('{value} is a boolean in YAML 1.1; quote it ("{value}") if you mean text').format(
                    value=str(value)
                ),
                data,
                key,
            )
            return str(value)
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.error(
                _join(path, key),
                _("expected text, got {kind}").format(kind=_kind(value)),
                data,
                key,
            )
            return default
        value = str(value)
        if len(value) > MAX_TEXT:
            self.error(
                _join(path, key),
                _("text is {length} characters; limit {limit}").format(
                    length=counted(len(value)), limit=counted(MAX_TEXT)
                ),
                data,
                key,
            )
            return value[:MAX_TEXT]
        problem = control_character_problem(value)
        if problem:
            self.error(_join(path, key), problem, data, key)
            return default
        return value

    def item(self, items: Sequence, index: int, path: str) -> str:
        """Item `index` of a list of texts (a department, a scale label), checked like
        `string`; its place is `path[index]`, on the item's own line."""
        return self.string(_Item(items, index), index, path)

    def identifier(self, data: Mapping, key: str, path: str) -> str:
        value = self.string(data, key, path)
        if value and not ID_PATTERN.match(value):
            self.error(
                _join(path, key),
                _("{value} is not a valid id; use lower case letters, digits and _").format(
                    value=repr(value)
                ),
                data,
                key,
            )
        return value

    def text(
        self, data: Mapping, key: str | int, path: str, *, required: bool = True
    ) -> Text | None:
        """A bilingual text {de, en}; a plain string counts for both languages, with a warning."""
        if key not in data or data[key] is None:
            if required:
                self.error(_join(path, key), _(MISSING), data, key)
            return None
        value = data[key]
        where = _join(path, key)
        if isinstance(value, str) and not isinstance(value, Yaml11Bool):
            self.warning(
                where,
                _("text is not translated; write {example}").format(example="{de: …, en: …}"),
                data,
                key,
            )
            return Text(value, value)
        if not isinstance(value, Mapping):
            self.string(data, key, path)  # reports the type problem
            return None
        others = sorted(
            k
            for k in value
            if isinstance(k, str) and k not in LANGUAGES and LANGUAGE_TAG.fullmatch(k)
        )
        self.known_keys(value, where, set(LANGUAGES) | set(others))
        parts = {lang: self.string(value, lang, where, required=False) for lang in LANGUAGES}
        more = tuple((lang, self.string(value, lang, where, required=False)) for lang in others)
        if not any(parts.values()):
            self.error(where, _("needs a text in de or en"), data, key)
            return None
        for lang in LANGUAGES:
            if not parts[lang]:
                self.warning(_join(where, lang), _(MISSING_TRANSLATION), data, key)
        return Text(parts["de"] or None, parts["en"] or None, tuple(m for m in more if m[1]))

    def number(
        self,
        data: Mapping,
        key: str,
        path: str,
        *,
        default: float | None = None,
        positive: bool = False,
    ) -> float | None:
        if key not in data or data[key] is None:
            return default
        value = data[key]
        if not isinstance(value, int | float) or isinstance(value, bool):
            self.error(
                _join(path, key),
                _("expected a number, got {kind}").format(kind=_kind(value)),
                data,
                key,
            )
            return default
        if not math.isfinite(value):
            self.error(_join(path, key), _("must be a finite number"), data, key)
            return default
        if positive and value <= 0:
            self.error(
                _join(path, key),
                _("must be greater than 0, got {value}").format(value=counted(value, False)),
                data,
                key,
            )
            return default
        return float(value)

    def integer(self, data: Mapping, key: str, path: str, default: int | None = None) -> int | None:
        if key not in data or data[key] is None:
            return default
        value = data[key]
        if not isinstance(value, int) or isinstance(value, bool):
            self.error(
                _join(path, key),
                _("expected a whole number, got {kind}").format(kind=_kind(value)),
                data,
                key,
            )
            return default
        return value

    def boolean(self, data: Mapping, key: str, path: str, default: bool) -> bool:
        if key not in data or data[key] is None:
            return default
        value = data[key]
        if isinstance(value, Yaml11Bool):
            self.error(
                _join(path, key),
                _("write true or false, not {value}").format(value=str(value)),
                data,
                key,
            )
            return default
        if not isinstance(value, bool):
            self.error(
                _join(path, key),
                _("expected true or false, got {kind}").format(kind=_kind(value)),
                data,
                key,
            )
            return default
        return value

    def sequence(self, data: Mapping, key: str, path: str, *, required: bool = True) -> list:
        if key not in data or data[key] is None:
            if required:
                self.error(_join(path, key), _(MISSING), data, key)
            return []
        value = data[key]
        if not isinstance(value, list):
            self.error(
                _join(path, key),
                _("expected a list, got {kind}").format(kind=_kind(value)),
                data,
                key,
            )
            return []
        return value


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


class _Item(Mapping):
    """One item of a list, seen as the mapping {index: item} that `Checker.string` reads,
    with the item's line."""

    def __init__(self, items: Sequence, index: int) -> None:
        self.sequence = items
        self.index = index

    def __getitem__(self, key: Any) -> Any:
        if key != self.index:
            raise KeyError(key)
        return self.sequence[key]

    def __iter__(self) -> Iterator[int]:
        return iter((self.index,))

    def __len__(self) -> int:
        return 1

    def line_of(self, key: Any) -> int | None:
        return line_of(self.sequence, key)


def _kind(value: Any) -> str:
    """What a value is, for "expected …, got {kind}" (a noun phrase in the CLI's language)."""
    if value is None:
        return _("nothing")
    if isinstance(value, bool):
        return _("a boolean ({value})").format(value=str(value).lower())
    if isinstance(value, Mapping):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, int | float):
        return _("a number ({value})").format(value=value)
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return _("text ({value})").format(value=repr(shown))
    return type(value).__name__


join = _join
kind = _kind
