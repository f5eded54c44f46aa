"""docs/security.md states the limits ccassess enforces: its table must match the constants."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"
ROW = re.compile(r"^\| [^|]+ \| (?P<shown>[^|]+) \| `(?P<name>ccassess\.[\w.]+)` \|$", re.M)


def value_of(dotted: str) -> object:
    module_name, _, attribute = dotted.rpartition(".")
    try:
        return getattr(importlib.import_module(module_name), attribute)
    except ModuleNotFoundError:  # a class attribute: module.Class.attribute
        module_name, _, owner = module_name.rpartition(".")
        return getattr(getattr(importlib.import_module(module_name), owner), attribute)


def shown(name: str, value: object) -> str:
    assert isinstance(value, int | float), name
    if name.endswith("_BYTES"):
        assert value % 2**20 == 0, name
        return f"{int(value) // 2**20} MiB"
    if name.endswith("_SECONDS"):
        return f"{value:g} seconds"
    if name.endswith("_MS"):
        return f"{int(value) // 1000} seconds"
    if name.endswith(("MAX_TEXT", "max_length", "MAX_CELL_CHARS")):
        return f"{int(value):,} characters"
    return f"{int(value):,}"


def test_the_documented_limits_are_the_enforced_ones() -> None:
    rows = list(ROW.finditer(DOC.read_text("utf-8")))
    assert len(rows) >= 20
    for row in rows:
        name = row["name"]
        assert row["shown"].strip() == shown(name, value_of(name)), name
