"""Strict, safe reading of YAML and JSON files into plain data that remembers line numbers.

Why not `yaml.safe_load`: it merges duplicate keys silently, expands aliases (billion laughs),
turns `no`/`on` into booleans and forgets where a value came from. Here the node tree is
composed, checked and converted by hand so every problem can name its line.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from ccassess.catalogs import N_, _
from ccassess.errors import Location, Problem, ValidationError, os_problem
from ccassess.format import counted

#: Files larger than this are refused before parsing (a module or response file is far smaller).
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Lists and mappings nested deeper than this are refused (a module file needs about ten).
MAX_NESTING = 64
#: Numbers written with more characters than this are refused (no answer needs them).
MAX_NUMBER_CHARS = 100

#: Said of a file whose lists and mappings nest too deep (`nested_too_deep` fills it in).
NESTED_TOO_DEEP = N_("lists and mappings nested more than {levels} levels deep")


def nested_too_deep() -> str:
    """What is wrong with a file nested deeper than MAX_NESTING, in the CLI's language."""
    return _(NESTED_TOO_DEEP).format(levels=MAX_NESTING)


IS_A_FOLDER = N_("is a folder, not a file")

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_ALLOWED_SCALARS = {
    _STR,
    _INT,
    _FLOAT,
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    _TIMESTAMP,
}


def _long_number(text: str) -> str:
    return _("a number of {length} characters; at most {limit} are read").format(
        length=counted(len(text)), limit=MAX_NUMBER_CHARS
    )


_YAML11_BOOL = "tag:ccassess:yaml11-bool"


class LocatedDict(dict):
    """A mapping that knows the line of itself and of each key (1-based)."""

    line: int | None = None
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int | None:
        return self.key_lines.get(key, self.line)


class LocatedList(list):
    """A sequence that knows the line of itself and of each item (1-based)."""

    line: int | None = None
    item_lines: list[int]

    def line_of(self, index: int) -> int | None:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class Yaml11Bool(str):
    """An unquoted yes/no/on/off: text to us, flagged so validators can refuse it with its line."""

    line: int | None = None


def line_of(container: Any, key: Any) -> int | None:
    """The line of `container[key]` where it is known (in what `read_structured` returned)."""
    finder = getattr(container, "line_of", None)
    return finder(key) if finder else None


class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2 style: only true/false are booleans; YAML 1.1's yes/no/on/off get a marker tag."""


for _first, _resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items():
    for _tag, _regexp in _resolvers:
        if _tag != "tag:yaml.org,2002:bool":
            _Resolver.add_implicit_resolver(_tag, _regexp, [_first])
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
_Resolver.add_implicit_resolver(
    _YAML11_BOOL,
    re.compile(r"^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$"),
    list("yYnNoO"),
)


_EVENT_LOADER = yaml.CBaseLoader if yaml.__with_libyaml__ else yaml.BaseLoader
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _line(event: yaml.Event | None) -> int:
    """The line (1-based) an event starts on: the parser gives every event a start mark, and
    raises at the end of a broken stream rather than return no event."""
    assert event is not None and event.start_mark is not None
    return event.start_mark.line + 1


class _Composer:
    """Builds located values straight from parser events (libyaml's C parser when present).

    Working on events lets us refuse anchors and aliases before anything is expanded, and is
    several times faster than PyYAML's pure-Python composer.
    """

    def __init__(self, text: str) -> None:
        self.loader = _EVENT_LOADER(text)
        self.resolver = _Resolver()
        self.constructor = yaml.constructor.SafeConstructor()
        self.depth = 0

    def document(self) -> Any:
        loader = self.loader
        loader.get_event()  # StreamStart
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # DocumentStart
        value = self.value()
        loader.get_event()  # DocumentEnd
        if not loader.check_event(yaml.StreamEndEvent):
            raise _Refused(
                _line(loader.get_event()), _("only one YAML document per file is allowed")
            )
        return value

    def value(self) -> Any:
        event = self.loader.get_event()
        line = _line(event)
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(line, _("alias {alias} is not allowed").format(alias=f"*{event.anchor}"))
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Refused(line, _("anchor {anchor} is not allowed").format(anchor=f"&{anchor}"))
        if isinstance(event, yaml.MappingStartEvent):
            if event.tag not in (None, "!", _MAP):
                raise _Refused(line, _("YAML tag {tag} is not allowed").format(tag=event.tag))
            self.enter(line)
            found = self.mapping(line)
            self.depth -= 1
            return found
        if isinstance(event, yaml.SequenceStartEvent):
            if event.tag not in (None, "!", _SEQ):
                raise _Refused(line, _("YAML tag {tag} is not allowed").format(tag=event.tag))
            self.enter(line)
            items = LocatedList()
            items.line = line
            items.item_lines = []
            while not self.loader.check_event(yaml.SequenceEndEvent):
                items.item_lines.append(_line(self.loader.peek_event()))
                items.append(self.value())
            self.loader.get_event()
            self.depth -= 1
            return items
        return self.scalar(event)

    def enter(self, line: int) -> None:
        """One level deeper; refused past MAX_NESTING (before the parser's own limit, and
        before Python's recursion limit)."""
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise _Refused(line, nested_too_deep())

    def mapping(self, line: int) -> LocatedDict:
        result = LocatedDict()
        result.line = line
        result.key_lines = {}
        while not self.loader.check_event(yaml.MappingEndEvent):
            key_event = self.loader.peek_event()
            key_line = _line(key_event)
            if (
                isinstance(key_event, yaml.ScalarEvent)
                and key_event.value == "<<"
                and key_event.implicit[0]
            ):
                raise _Refused(key_line, _("merge keys (<<) are not allowed"))
            key = self.value()
            if isinstance(key, dict | list):
                raise _Refused(key_line, _("a key must be a plain value"))
            if isinstance(key, Yaml11Bool):
                key = str(key)
            if key in result:
                raise _Refused(
                    key_line,
                    _("duplicate key {key} (first at line {line})").format(
                        key=repr(key), line=result.key_lines[key]
                    ),
                )
            result.key_lines[key] = key_line
            result[key] = self.value()
        self.loader.get_event()
        return result

    def scalar(self, event: Any) -> Any:
        tag = event.tag
        if tag in (None, "!"):
            tag = (
                _STR
                if tag == "!"
                else self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
            )
        if tag == _STR:
            return event.value
        if tag == _YAML11_BOOL:
            marker = Yaml11Bool(event.value)
            marker.line = event.start_mark.line + 1
            return marker
        if tag not in _ALLOWED_SCALARS:
            raise _Refused(_line(event), _("YAML tag {tag} is not allowed").format(tag=tag))
        if tag in (_INT, _FLOAT) and len(event.value) > MAX_NUMBER_CHARS:
            raise _Refused(_line(event), _long_number(event.value))
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = self.constructor.construct_object(node, deep=False)
        except (ValueError, OverflowError):  # 2026-13-45, say
            raise _Refused(_line(event), _invalid_scalar(event.value, tag)) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise _Refused(_line(event), _not_finite(event.value))
        return value

    def dispose(self) -> None:
        self.loader.dispose()
        self.constructor.constructed_objects.clear()


def _invalid_scalar(value: str, tag: str) -> str:
    """Why a date or number written in YAML cannot be read (2026-13-45, say)."""
    if tag == _TIMESTAMP:
        return _("{value} is not a valid date").format(value=repr(value))
    if tag == _INT:
        return _("{value} is not a valid whole number").format(value=repr(value))
    return _("{value} is not a valid number").format(value=repr(value))


def _not_finite(value: str) -> str:
    return _("{value} is not a finite number").format(value=repr(value))


def decode_text(raw: bytes, file: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is refused."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ValidationError(
                [
                    Problem(
                        Location(file),
                        _("invalid UTF-16 text ({reason})").format(reason=exc.reason),
                    )
                ]
            ) from None
    if b"\x00" in raw[:4096]:
        raise ValidationError(
            [Problem(Location(file), _("not a text file (it contains binary data)"))]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ValidationError(
            [
                Problem(
                    Location(file, line),
                    _("not valid UTF-8 (byte {byte}); save the file as UTF-8").format(
                        byte=f"0x{raw[exc.start]:02x}"
                    ),
                )
            ]
        ) from None
    return text


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """A file's bytes, refused when there are more than `limit` (even if it grows while read),
    when it is missing, a folder, not a regular file or not readable."""
    file = str(path)
    with open_regular(path) as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > limit:
            raise ValidationError([Problem(Location(file), too_large(size, limit))])
        try:  # never more than the limit, even if the file grows
            data = stream.read(limit + 1)
        except OSError as exc:
            raise ValidationError([Problem(Location(file), os_problem(exc))]) from None
    if len(data) > limit:
        raise ValidationError(
            [
                Problem(
                    Location(file),
                    _("file is larger than the limit of {limit} bytes").format(
                        limit=counted(limit)
                    ),
                )
            ]
        )
    return data


def too_large(size: int, limit: int) -> str:
    """Why a file of `size` bytes is refused."""
    return _("file is {size} bytes; the limit is {limit}").format(
        size=counted(size), limit=counted(limit)
    )


def open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading when it is a regular file; anything else is refused without
    waiting: opening a named pipe blocks until someone writes to it, and a device never ends.

    The file is opened without blocking and checked through the open descriptor, so it
    cannot be swapped for a pipe between the check and the read.
    """
    file = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise ValidationError([Problem(Location(file), _("file not found"))]) from None
    except IsADirectoryError:
        raise ValidationError([Problem(Location(file), _(IS_A_FOLDER))]) from None
    except PermissionError:
        raise ValidationError([Problem(Location(file), _("permission denied"))]) from None
    except OSError as exc:  # a name too long, a loop of links, …
        raise ValidationError([Problem(Location(file), os_problem(exc))]) from None
    stream = os.fdopen(descriptor, "rb")
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        stream.close()
        if stat.S_ISDIR(mode):
            raise ValidationError([Problem(Location(file), _(IS_A_FOLDER))])
        raise ValidationError([Problem(Location(file), not_regular(mode))])
    if flags & getattr(os, "O_NONBLOCK", 0):
        os.set_blocking(descriptor, True)
    return stream


def not_regular(mode: int) -> str:
    """Why a file of this mode (not a regular file, not a folder) is not read."""
    if stat.S_ISFIFO(mode):
        return _("is a named pipe, not a regular file; ccassess reads only regular files")
    if stat.S_ISSOCK(mode):
        return _("is a socket, not a regular file; ccassess reads only regular files")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("is a device, not a regular file; ccassess reads only regular files")
    return _("is a special file, not a regular file; ccassess reads only regular files")


def parse_yaml(text: str, file: str) -> Any:
    """Parse YAML text strictly into Located containers and plain scalars."""
    composer = _Composer(text)
    try:
        return composer.document()
    except _Refused as exc:
        raise ValidationError([Problem(Location(file, exc.line), exc.message)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = (exc.problem or exc.context or "").strip()
        if "nesting depth" in what:  # libyaml's own limit, met while it reads ahead
            raise ValidationError([Problem(Location(file, line), nested_too_deep())]) from None
        raise ValidationError([Problem(Location(file, line), invalid_yaml(what))]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, with its place
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else None
        code = (
            exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        )
        what = _("unacceptable character {code}: {reason}").format(
            code=f"#x{code:04x}", reason=exc.reason
        )
        raise ValidationError([Problem(Location(file, line), invalid_yaml(what))]) from None
    except yaml.YAMLError as exc:
        what = " ".join(str(exc).split())
        raise ValidationError([Problem(Location(file), invalid_yaml(what))]) from None
    except RecursionError:  # MAX_NESTING comes first; this is the last line of defence
        raise ValidationError([Problem(Location(file), nested_too_deep())]) from None
    finally:
        composer.dispose()


def invalid_yaml(reason: str) -> str:
    """The frame around what the YAML parser says (its own words, in English)."""
    if not reason:
        return _("invalid YAML")
    # TRANSLATORS: {reason} is the YAML parser's own text, in English
    return _("invalid YAML: {reason}").format(reason=reason)


def parse_json(text: str, file: str) -> Any:
    """Parse JSON refusing duplicate keys, NaN and Infinity, numbers too large to be finite
    or longer than MAX_NUMBER_CHARS, and nesting deeper than MAX_NESTING.

    The depth and the integers are checked on the parsed value (a walk costs less than
    scanning the text, or a Python call per number); the text is searched only to name the
    line of a problem found."""

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                raise _JsonRefused(_("duplicate key {key}").format(key=repr(key)))
            result[key] = value
        return result

    def constant(name: str) -> Any:
        raise _JsonRefused(_("{value} is not a finite number").format(value=name), name)

    def real(number: str) -> float:
        if len(number) > MAX_NUMBER_CHARS:
            raise _JsonRefused(_long_number(number), number)
        value = float(number)
        if not math.isfinite(value):
            raise _JsonRefused(_not_finite(number), number)
        return value

    try:
        value = json.loads(text, object_pairs_hook=pairs, parse_constant=constant, parse_float=real)
    except _JsonRefused as exc:
        line = _line_of_token(text, exc.token) if exc.token else None
        raise ValidationError([Problem(Location(file, line), str(exc))]) from None
    except json.JSONDecodeError as exc:
        raise ValidationError(
            [
                Problem(
                    Location(file, exc.lineno),
                    # TRANSLATORS: {reason} is the JSON parser's own text, in English
                    _("invalid JSON: {reason}").format(reason=exc.msg),
                )
            ]
        ) from None
    except ValueError:  # an integer with more digits than Python converts
        found = _LONG_INTEGER.search(text)
        token = found.group() if found else ""
        raise ValidationError(
            [Problem(Location(file, _line_at(text, found)), _long_number(token))]
        ) from None
    except RecursionError:  # deeper than the parser goes: thousands of levels
        raise ValidationError(
            [Problem(Location(file, _json_too_deep(text)), nested_too_deep())]
        ) from None
    refused = _refused_json_value(value)
    if refused is None:
        return value
    if refused is _TOO_DEEP:
        raise ValidationError([Problem(Location(file, _json_too_deep(text)), nested_too_deep())])
    number = str(refused)
    line = _line_of_token(text, number)
    raise ValidationError([Problem(Location(file, line), _long_number(number))])


_TOO_DEEP = object()
_LONG_INTEGER = re.compile(rf"-?[0-9]{{{MAX_NUMBER_CHARS + 1},}}")
#: Integers below this have at most MAX_NUMBER_CHARS digits.
_LONGEST_INTEGER = 10 ** (MAX_NUMBER_CHARS - 1)


def _refused_json_value(value: Any) -> Any:
    """_TOO_DEEP when parsed JSON nests deeper than MAX_NESTING, the first integer longer
    than MAX_NUMBER_CHARS, or None. Iterative: no recursion on hostile depths."""
    if type(value) is not dict and type(value) is not list:
        return None
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if level > MAX_NESTING:
            return _TOO_DEEP
        for child in item.values() if isinstance(item, dict) else item:
            kind = type(child)
            if kind is dict or kind is list:
                stack.append((child, level + 1))
            elif kind is int and not -_LONGEST_INTEGER < child < 10 * _LONGEST_INTEGER:
                return child
    return None


def _line_at(text: str, found: re.Match[str] | None) -> int | None:
    return text.count("\n", 0, found.start()) + 1 if found else None


_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def _json_too_deep(text: str) -> int | None:
    """The line where JSON text goes deeper than MAX_NESTING (counting the brackets outside
    strings), or None."""
    level = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            level += 1
            if level > MAX_NESTING:
                return text.count("\n", 0, match.start()) + 1
        elif token in "]}":
            level -= 1
    return None


def _line_of_token(text: str, token: str) -> int | None:
    """The line of the first `token` standing alone (not inside a longer number)."""
    match = re.search(r"(?<![\w.+-])" + re.escape(token) + r"(?![\w.])", text)
    return text.count("\n", 0, match.start()) + 1 if match else None


class _JsonRefused(ValueError):
    def __init__(self, message: str, token: str | None = None) -> None:
        super().__init__(message)
        self.token = token


def read_structured(path: Path, limit: int = MAX_FILE_BYTES) -> Any:
    """Read a .yaml/.yml/.json file strictly; JSON is told apart by its suffix.

    Mappings and lists remember the lines they came from: ask `line_of`.
    """
    text = decode_text(read_bytes(path, limit), str(path))
    if path.suffix.lower() == ".json":
        return parse_json(text, str(path))
    return parse_yaml(text, str(path))
