"""Strict, safe reading of YAML and JSON files into plain data that remembers line numbers.

Why not `yaml.safe_load`: it merges duplicate keys silently, expands aliases (billion laughs),
turns `no`/`on` into booleans and forgets where a value came from. Here the node tree is
composed, checked and converted by hand so every problem can name its line.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import yaml

from ccassess.errors import Location, Problem, ValidationError

#: Files larger than this are refused before parsing (a module or response file is far smaller).
MAX_FILE_BYTES = 20 * 1024 * 1024

_STR = "tag:yaml.org,2002:str"
_ALLOWED_SCALARS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
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
    """The line of `container[key]` where it is known."""
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


class _Loader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    yaml.constructor.SafeConstructor,
    _Resolver,
):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _Resolver.__init__(self)

    def compose_node(self, parent: Any, index: Any) -> Any:
        # Refuse aliases and anchors before anything is expanded: no alias bombs, no merging.
        event = self.peek_event()
        if isinstance(event, yaml.events.AliasEvent):
            raise _Refused(event.start_mark, f"alias *{event.anchor} is not allowed")
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Refused(event.start_mark, f"anchor &{anchor} is not allowed")
        return super().compose_node(parent, index)


class _Refused(Exception):
    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


def decode_text(raw: bytes, file: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is refused."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ValidationError(
                [Problem(Location(file), f"invalid UTF-16 text ({exc.reason})")]
            ) from None
    if b"\x00" in raw[:4096]:
        raise ValidationError(
            [Problem(Location(file), "not a text file (it contains binary data)")]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ValidationError(
            [
                Problem(
                    Location(file, line),
                    f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
                )
            ]
        ) from None
    return text


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    file = str(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise ValidationError(
                [Problem(Location(file), f"file is {size:,} bytes; the limit is {limit:,}")]
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise ValidationError([Problem(Location(file), "file not found")]) from None
    except IsADirectoryError:
        raise ValidationError([Problem(Location(file), "is a folder, not a file")]) from None
    except PermissionError:
        raise ValidationError([Problem(Location(file), "permission denied")]) from None


def parse_yaml(text: str, file: str) -> Any:
    """Parse YAML text strictly into Located containers and plain scalars."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _convert(node, loader, file)
    except _Refused as exc:
        raise ValidationError(
            [Problem(Location(file, exc.mark.line + 1), exc.message)]
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = (exc.problem or exc.context or "invalid YAML").strip()
        raise ValidationError([Problem(Location(file, line), f"invalid YAML: {what}")]) from None
    except yaml.YAMLError as exc:
        raise ValidationError([Problem(Location(file), f"invalid YAML: {exc}")]) from None
    finally:
        loader.dispose()


def _convert(node: Any, loader: _Loader, file: str) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            raise _Refused(node.start_mark, f"YAML tag {node.tag} is not allowed")
        result = LocatedDict()
        result.line = line
        result.key_lines = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(key_node.start_mark, "merge keys (<<) are not allowed")
            key = _convert(key_node, loader, file)
            if isinstance(key, dict | list):
                raise _Refused(key_node.start_mark, "a key must be a plain value")
            if isinstance(key, Yaml11Bool):
                key = str(key)
            if key in result:
                raise _Refused(
                    key_node.start_mark,
                    f"duplicate key {key!r} (first at line {result.key_lines[key]})",
                )
            result.key_lines[key] = key_node.start_mark.line + 1
            result[key] = _convert(value_node, loader, file)
        return result
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            raise _Refused(node.start_mark, f"YAML tag {node.tag} is not allowed")
        items = LocatedList(_convert(child, loader, file) for child in node.value)
        items.line = line
        items.item_lines = [child.start_mark.line + 1 for child in node.value]
        return items
    if node.tag == _YAML11_BOOL:
        marker = Yaml11Bool(node.value)
        marker.line = line
        return marker
    if node.tag not in _ALLOWED_SCALARS:
        raise _Refused(node.start_mark, f"YAML tag {node.tag} is not allowed")
    value = loader.construct_object(node, deep=False)
    if isinstance(value, float) and not math.isfinite(value):
        raise _Refused(node.start_mark, f"{node.value!r} is not a finite number")
    return value


def parse_json(text: str, file: str) -> Any:
    """Parse JSON refusing duplicate keys, NaN and Infinity."""

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                raise _JsonRefused(f"duplicate key {key!r}")
            result[key] = value
        return result

    def constant(name: str) -> Any:
        raise _JsonRefused(f"{name} is not a finite number")

    try:
        return json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except _JsonRefused as exc:
        raise ValidationError([Problem(Location(file), str(exc))]) from None
    except json.JSONDecodeError as exc:
        raise ValidationError(
            [Problem(Location(file, exc.lineno), f"invalid JSON: {exc.msg}")]
        ) from None
    except RecursionError:
        raise ValidationError([Problem(Location(file), "invalid JSON: nested too deeply")]) from None


class _JsonRefused(ValueError):
    pass


def read_structured(path: Path, limit: int = MAX_FILE_BYTES) -> Any:
    """Read a .yaml/.yml/.json file strictly; JSON is told apart by its suffix."""
    text = decode_text(read_bytes(path, limit), str(path))
    if path.suffix.lower() == ".json":
        return parse_json(text, str(path))
    return parse_yaml(text, str(path))
