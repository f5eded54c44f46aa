"""Start-up caches: validated module definitions and the installed plugins' entry points.

Without them every command would parse and validate each module file (PyYAML, the strict
reader and the loader) and read every installed package's metadata to find the plugins
(`importlib.metadata`); together most of the time `ccassess modules` took.

- **Modules** built from files are stored by a hash (BLAKE2b) of the file's bytes and path,
  together with everything that decides how a file is built: the ccassess version and the
  source files of `ccassess/` and `ccassess/io/`, the Python version, and each question type
  (name, owning plugin and its version, the source files beside its classes, its settings).
  Only modules that validated are stored, so an invalid file reports its problems every time.
- **Entry points** of the `ccassess` group are stored with the exact `sys.path`, the
  modification times of its folders (installing, upgrading or removing a package changes the
  folder it lives in) and those of the entry-point files they came from.

On file systems with coarse timestamps (whole seconds) a change made in the same tick as the
last would not show, so nothing is stored while such a file changed in the last seconds.

The folder is `$CCASSESS_CACHE_DIR`, else `$XDG_CACHE_HOME/ccassess`, else
`~/.cache/ccassess`. It is created private (0o700) and used only while it belongs to the user
and nobody else can write to it, because cached modules are pickles. `CCASSESS_NO_CACHE=1`
turns the caches off. A cache that cannot be read or written is ignored (a damaged file is
replaced): ccassess then works exactly as without it, only slower.

This module imports almost nothing: on a hit, neither PyYAML nor the loader is imported.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import time
from typing import TYPE_CHECKING, Any

from ccassess import __version__

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from pathlib import Path

    from ccassess.errors import Problem
    from ccassess.model.questionnaire import Module
    from ccassess.plugin.manager import Plugins
    from ccassess.plugin.registry import ModuleSummary as Summary  # of, to_data, from_data
    from ccassess.questions.types import QuestionType

try:  # the C implementation alone: hashlib loads OpenSSL first (about 4 ms at start-up);
    # BLAKE2b hashes the module files three times faster than sha256 without OpenSSL
    from _blake2 import blake2b
except ImportError:  # pragma: no cover
    from hashlib import blake2b

ENV_DIR = "CCASSESS_CACHE_DIR"
ENV_OFF = "CCASSESS_NO_CACHE"
#: Changes whenever what a cache file holds changes shape.
FORMAT = 1
#: Cached modules not written for this long are removed when a new one is stored.
MAX_AGE_SECONDS = 30 * 24 * 3600
#: Files with whole-second timestamps changed more recently than this are "racy": what
#: depends on them is not stored.
SETTLED_NS = 2_000_000_000
_PACKAGE = os.path.dirname(os.path.abspath(__file__))
#: `ccassess.definitions.loading.MAX_MODULE_BYTES`, repeated so that a hit does not import
#: the loader
#: (larger files are left to the loader, which refuses them).
MAX_MODULE_BYTES = 2 * 1024 * 1024


def cache_dir() -> str | None:
    """The cache folder (created if need be), or None when caching is off or unsafe."""
    if os.environ.get(ENV_OFF, "") not in ("", "0"):
        return None
    folder = os.environ.get(ENV_DIR, "")
    if not folder:
        base = os.environ.get("XDG_CACHE_HOME", "")
        if not os.path.isabs(base):
            base = os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "ccassess")
    if not os.path.isabs(folder):
        folder = os.path.abspath(folder)
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        status = os.stat(folder)
    except (OSError, ValueError):
        return None
    getuid = getattr(os, "getuid", None)
    if getuid is not None and (status.st_uid != getuid() or status.st_mode & 0o022):
        return None  # someone else could plant pickles there
    return folder


def _write(path: str, data: bytes) -> None:
    """Write a cache file atomically; any failure leaves things as they were."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(temporary, flags, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _read(path: str | Path, limit: int | None = None) -> bytes | None:
    """A file's bytes, or None if it cannot be read (or is above the limit)."""
    try:
        with open(path, "rb", buffering=0) as stream:  # one read of the size fstat tells
            if limit is not None and os.fstat(stream.fileno()).st_size > limit:
                return None
            data = stream.readall()
    except (OSError, ValueError):
        return None
    return None if limit is not None and len(data) > limit else data


# -- modules ---------------------------------------------------------------------------------


class ModuleCache:
    """Validated modules built from files, by content; see the module docstring for the key.

    An entry holds the module's summary and warnings, read at once, and the module itself,
    unpickled only when it is used: `ccassess modules` needs only the summaries, stored as
    plain data (marshal), so it does not even import pickle."""

    def __init__(self, folder: str | None, context: bytes | None, summary: type[Summary]) -> None:
        self.folder = None if folder is None or context is None else os.path.join(folder, "modules")
        self._base = blake2b(context or b"", digest_size=32)
        self.summary = summary

    @classmethod
    def for_types(
        cls,
        plugins: Plugins,
        types: Mapping[str, QuestionType],
        owners: Mapping[str, str],
        summary: type[Summary],
    ) -> ModuleCache:
        """The cache for modules built with these question types (off if caching is off)."""
        folder = cache_dir()
        context = None if folder is None else _context(plugins, types, owners)
        return cls(folder, context, summary)

    def load(
        self, path: str | Path, question_types: Mapping[str, QuestionType]
    ) -> tuple[Module | Callable[[], Module], list[Problem], Summary | None]:
        """The module in a file, its warnings and its summary (None when not cached).

        From the cache the module comes as a function that loads it; otherwise the file is
        loaded (and stored). Raises the loader's ValidationError for an invalid file, which
        is never stored, so it reports its problems every time."""
        raw = None if self.folder is None else _read(path, MAX_MODULE_BYTES)
        if raw is None:  # off, or unreadable / too large: the loader says what is wrong
            module, warnings = _build(path, question_types)
            return module, warnings, None
        assert self.folder is not None
        digest = self._base.copy()
        digest.update(b"%d\0%s\0" % (len(raw), os.fsencode(str(path))))
        digest.update(raw)
        entry = os.path.join(self.folder, digest.hexdigest() + ".pickle")
        found = self._load_entry(entry)
        if found is not None:
            summary, warnings, body = found
            return _loader(entry, body, path, dict(question_types)), warnings, summary
        module, warnings = _build(path, question_types)
        summary = self.summary.of(module)
        if _read(path, MAX_MODULE_BYTES) == raw:  # unchanged while it was being parsed
            self._store(entry, module, warnings, summary)
        return module, warnings, summary

    def _load_entry(self, entry: str) -> tuple[Summary, list[Problem], bytes] | None:
        """Summary, warnings and the pickled module; None if missing or damaged (then the
        module is built again and the entry replaced)."""
        data = _read(entry)
        if data is None:
            return None
        try:
            form, summary, warnings, body = marshal.loads(data)
            if form != FORMAT or not isinstance(body, bytes):
                return None
            problems = _unpickle(warnings) if warnings else []
            if not isinstance(problems, list):
                return None
            return self.summary.from_data(summary), problems, body
        except Exception:
            return None

    def _store(self, entry: str, module: Module, warnings: list[Problem], summary: Summary) -> None:
        try:
            body = _pickle(module)
            data = marshal.dumps(
                (FORMAT, summary.to_data(), _pickle(warnings) if warnings else b"", body)
            )
        except Exception:  # a plugin's question type put something unpicklable in `extra`
            return
        assert self.folder is not None
        try:
            os.makedirs(self.folder, mode=0o700, exist_ok=True)
        except OSError:
            return
        _write(entry, data)
        _remove_old(self.folder)


def _loader(
    entry: str, body: bytes, path: str | Path, question_types: Mapping[str, QuestionType]
) -> Callable[[], Module]:
    """A function that unpickles a cached module (or builds it, if the cache was damaged)."""

    def load() -> Module:
        from ccassess.model.questionnaire import Module

        module = _unpickle(body)
        if isinstance(module, Module):
            return module
        with contextlib.suppress(OSError):
            os.unlink(entry)  # built again and stored next time
        return _build(path, question_types)[0]

    return load


def _pickle(value: Any) -> bytes:
    import copyreg
    import io
    import pickle

    from ccassess.text import Text

    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    # Texts (hundreds per module) load faster through their constructor than through the
    # __setstate__ that dataclasses give classes with slots.
    pickler.dispatch_table = {**copyreg.dispatch_table, Text: _reduce_record}
    pickler.dump(value)
    return buffer.getvalue()


def _unpickle(data: bytes) -> Any:
    """The unpickled value, or None if it cannot be read."""
    import pickle

    try:
        return pickle.loads(data)
    except Exception:
        return None


def _reduce_record(value: Any) -> tuple[Any, tuple[Any, ...]]:
    from dataclasses import fields

    return type(value), tuple(getattr(value, f.name) for f in fields(value))


def _build(
    path: str | Path, question_types: Mapping[str, QuestionType]
) -> tuple[Module, list[Problem]]:
    from ccassess.definitions.loading import load_module_file

    loaded = load_module_file(path, question_types)
    return loaded.module, loaded.warnings


def _remove_old(folder: str) -> None:
    """Forget modules not stored for a long time (old versions of edited files)."""
    limit = time.time() - MAX_AGE_SECONDS
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith((".pickle", ".tmp")) and entry.stat().st_mtime < limit:
                    os.unlink(entry.path)
    except OSError:
        pass


def _context(
    plugins: Plugins, types: Mapping[str, QuestionType], owners: Mapping[str, str]
) -> bytes | None:
    """Everything besides the file that decides how a module file is built; None if some of
    it cannot be pinned down (then modules are not cached)."""
    folders = {_PACKAGE, os.path.join(_PACKAGE, "io")}
    described: list[Any] = []
    for name, qtype in types.items():
        kind = type(qtype)
        owner = owners.get(name)
        info = plugins.info.get(owner) if owner is not None else None
        try:
            settings = repr(qtype.__reduce_ex__(2)[1:3])  # the instance's own attributes
        except Exception:
            return None
        described.append((name, owner, info and (info.version, info.origin),
                          kind.__module__, kind.__qualname__, settings))  # fmt: skip
        for klass in kind.__mro__:
            top = klass.__module__.partition(".")[0]
            if top == "builtins" or top in sys.stdlib_module_names:
                continue
            file = getattr(sys.modules.get(klass.__module__), "__file__", None)
            if not file:
                return None  # defined in __main__ or generated: nothing to compare
            folders.add(os.path.dirname(os.path.abspath(file)))
    sources = [(folder, _sources(folder)) for folder in sorted(folders)]
    if not _settled(mtime for _, stamps in sources for _, _, mtime in stamps):
        return None
    return repr((FORMAT, __version__, sys.version, sources, described)).encode()


def _settled(mtimes_ns: Iterable[int | None]) -> bool:
    """Whether a change made now to any of these files would show in its timestamp: it has
    finer timestamps than whole seconds, or it last changed long enough ago."""
    recent = time.time_ns() - SETTLED_NS
    return all(m is None or m % 1_000_000_000 or m < recent for m in mtimes_ns)


def _sources(folder: str) -> list[tuple[str, int, int]]:
    """The Python files in a folder with their sizes and modification times."""
    stamps = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(".py"):
                    status = entry.stat()
                    stamps.append((entry.name, status.st_size, status.st_mtime_ns))
    except OSError:
        return []
    return sorted(stamps)


# -- entry points ----------------------------------------------------------------------------


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
                raise ValueError(f"malformed entry point value {self.value!r}")
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
    if not _settled(stamp and stamp[0] for stamp in (*stamps, *(s for _, s in files))):
        return records
    data = (FORMAT, sys.version, paths, stamps, group, files,
            tuple((r.name, r.value, r.dist_name, r.dist_version) for r in records))  # fmt: skip
    with contextlib.suppress(ValueError):  # something marshal cannot store
        _write(file, marshal.dumps(data))
    return records


def _load_entry_points(
    file: str, paths: tuple[str, ...], stamps: tuple[Any, ...], group: str
) -> list[EntryPointRecord] | None:
    data = _read(file)
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
    return EntryPointRecord(ep.name, ep.value, dist.name if dist else None,
                            dist.version if dist else None)  # fmt: skip


def _entry_point_file(ep: Any) -> str | None:
    """The entry_points.txt an entry point came from (edited in place by some installers)."""
    folder = getattr(ep.dist, "_path", None)  # PathDistribution's folder
    return None if folder is None else os.path.join(str(folder), "entry_points.txt")
