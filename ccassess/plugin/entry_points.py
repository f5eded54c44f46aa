"""The `ccassess` entry points, cached: reading every installed package's metadata
(`importlib.metadata`) at each start took much of the time `ccassess modules` took.

The group's entry points are stored (ccassess.io.cache_files) with the exact `sys.path`, the
modification times of its folders (installing, upgrading or removing a package changes the
folder it lives in) and those of the entry-point files they came from; any change and they
are read from the metadata again. This module imports almost nothing.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from typing import Any

from ccassess.catalogs import _
from ccassess.io.cache_files import blake2b, cache_dir, read_bytes, settled, write_private

#: Changes whenever what a cache file holds changes shape.
FORMAT = 1
#: `importlib.metadata.EntryPoint.pattern`: module, then optionally `:attr` and `[extras]`.
_ENTRY_POINT_VALUE = r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$"


class EntryPointRecord:
    """What ccassess needs of an entry point, without `importlib.metadata`."""

    __slots__ = ("dist_name", "dist_version", "name", "value")

    def __init__(
        self, name: str, value: str, dist_name: str | None, dist_version: str | None
    ) -> None:
        self.name = name
        self.value = value
        self.dist_name = dist_name
        self.dist_version = dist_version

    def load(self) -> Any:
        """Import the object the entry point names, as `EntryPoint.load` does."""
        import importlib

        if all(part.isidentifier() for part in self.value.split(".")):
            module_name, attributes = self.value, ""  # the common case: a module
        else:
            import re

            match = re.match(_ENTRY_POINT_VALUE, self.value)
            if match is None:
                raise ValueError(
                    _("malformed entry point value {value}").format(value=repr(self.value))
                )
            module_name, attributes = match.group("module"), match.group("attr") or ""
        value = importlib.import_module(module_name)
        for attribute in filter(None, attributes.split(".")):
            value = getattr(value, attribute)
        return value

    def __repr__(self) -> str:
        return f"EntryPointRecord({self.name!r}, {self.value!r}, {self.dist_name!r})"


def entry_points(group: str) -> list[EntryPointRecord]:
    """The group's entry points in `importlib.metadata` order, cached (see the docstring)."""
    folder = cache_dir()
    if folder is None:
        return [_record(ep) for ep in _discover(group)]
    paths = tuple(sys.path)
    where = blake2b(repr((FORMAT, sys.version, sys.prefix, paths, group)).encode()).hexdigest()
    file = os.path.join(folder, f"entry-points-{where[:32]}")
    stamps = tuple(_stamp(path or ".") for path in paths)
    found = _load_entry_points(file, paths, stamps, group)
    if found is not None:
        return found
    eps = list(_discover(group))
    records = [_record(ep) for ep in eps]
    files = tuple((f, _stamp(f)) for f in sorted({f for f in map(_entry_point_file, eps) if f}))
    if not settled(stamp and stamp[0] for stamp in (*stamps, *(s for _, s in files))):
        return records
    data = (
        FORMAT,
        sys.version,
        paths,
        stamps,
        group,
        files,
        tuple((r.name, r.value, r.dist_name, r.dist_version) for r in records),
    )
    with contextlib.suppress(ValueError):  # something marshal cannot store
        write_private(file, marshal.dumps(data))
    return records


def _load_entry_points(
    file: str, paths: tuple[str, ...], stamps: tuple[Any, ...], group: str
) -> list[EntryPointRecord] | None:
    data = read_bytes(file)
    if data is None:
        return None
    try:
        stored = marshal.loads(data)
        if stored[:5] != (FORMAT, sys.version, paths, stamps, group):
            return None
        files, records = stored[5:]
        if any(_stamp(f) != stamp for f, stamp in files):
            return None
        return [EntryPointRecord(*record) for record in records]
    except Exception:  # damaged: discovered again and replaced
        return None


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return status.st_mtime_ns, status.st_size


def _discover(group: str) -> Any:
    from importlib.metadata import entry_points as discover

    return discover(group=group)


def _record(ep: Any) -> EntryPointRecord:
    dist = ep.dist
    return EntryPointRecord(
        ep.name, ep.value, dist.name if dist else None, dist.version if dist else None
    )


def _entry_point_file(ep: Any) -> str | None:
    """The entry_points.txt an entry point came from (edited in place by some installers)."""
    folder = getattr(ep.dist, "_path", None)  # PathDistribution's folder
    return None if folder is None else os.path.join(str(folder), "entry_points.txt")
