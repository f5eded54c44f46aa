"""The module cache: validated module definitions, so a start does not parse and validate
every module file again (PyYAML, the strict reader and the loader).

Modules built from files are stored by a hash (BLAKE2b) of the file's bytes and path and
the CLI's language (the warnings stored are worded in it), together with everything that
decides how a file is built: the ccassess version and the source files of `ccassess/` and its
`definitions/`, `io/` and `model/` (`SOURCE_FOLDERS`), the Python version, and each question
type (name, owning plugin and its version, the source files beside its classes, its settings).
Only modules that validated are stored, so an invalid file reports its problems every time.
A damaged entry is replaced. The folder and its rules are those of ccassess.io.cache_files.

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
from ccassess.blame import GUARD_MARK
from ccassess.catalogs import LOCALE_DIR, MESSAGES, cli_language
from ccassess.definitions.summary import ModuleSummary
from ccassess.io.cache_files import blake2b, cache_dir, read_bytes, settled, write_private

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path

    from ccassess.errors import Problem
    from ccassess.model.questionnaire import Module
    from ccassess.plugin.manager import Plugins
    from ccassess.questions.types import QuestionType

#: Changes whenever what a cache file holds changes shape.
FORMAT = 1
#: Cached modules not written for this long are removed when a new one is stored.
MAX_AGE_SECONDS = 30 * 24 * 3600
_CCASSESS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
#: The folders whose source files decide how a module file is built: the loader, the strict
#: reader and checker, and the model classes that are pickled (with the top-level modules).
SOURCE_FOLDERS = (
    _CCASSESS,
    *(os.path.join(_CCASSESS, sub) for sub in ("definitions", "io", "model")),
)
#: `ccassess.definitions.loading.MAX_MODULE_BYTES`, repeated so that a hit does not import
#: the loader
#: (larger files are left to the loader, which refuses them).
MAX_MODULE_BYTES = 2 * 1024 * 1024


class ModuleCache:
    """Validated modules built from files, by content; see the module docstring for the key.

    An entry holds the module's summary and warnings, read at once, and the module itself,
    unpickled only when it is used: `ccassess modules` needs only the summaries, stored as
    plain data (marshal), so it does not even import pickle."""

    def __init__(self, folder: str | None, context: bytes | None) -> None:
        self.folder = None if folder is None or context is None else os.path.join(folder, "modules")
        self._base = blake2b(context or b"", digest_size=32)

    @classmethod
    def for_types(
        cls,
        plugins: Plugins,
        types: Mapping[str, QuestionType],
        owners: Mapping[str, str],
    ) -> ModuleCache:
        """The cache for modules built with these question types (off if caching is off)."""
        folder = cache_dir()
        context = None if folder is None else _context(plugins, types, owners)
        return cls(folder, context)

    def load(
        self, path: str | Path, question_types: Mapping[str, QuestionType]
    ) -> tuple[Module | Callable[[], Module], list[Problem], ModuleSummary | None]:
        """The module in a file, its warnings and its summary (None when not cached).

        From the cache the module comes as a function that loads it; otherwise the file is
        loaded (and stored). Raises the loader's ValidationError for an invalid file, which
        is never stored, so it reports its problems every time."""
        raw = None if self.folder is None else read_bytes(path, MAX_MODULE_BYTES)
        if raw is None:  # off, or unreadable / too large: the loader says what is wrong
            module, warnings = _build(path, question_types)
            return module, warnings, None
        assert self.folder is not None
        digest = self._base.copy()
        digest.update(b"%d\0%s\0%s\0" % (len(raw), os.fsencode(str(path)), _messages_key()))
        digest.update(raw)
        entry = os.path.join(self.folder, digest.hexdigest() + ".pickle")
        found = self._load_entry(entry)
        if found is not None:
            summary, warnings, body = found
            return _loader(entry, body, path, dict(question_types)), warnings, summary
        module, warnings = _build(path, question_types)
        summary = ModuleSummary.of(module)
        if read_bytes(path, MAX_MODULE_BYTES) == raw:  # unchanged while it was being parsed
            self._store(entry, module, warnings, summary)
        return module, warnings, summary

    def _load_entry(self, entry: str) -> tuple[ModuleSummary, list[Problem], bytes] | None:
        """Summary, warnings and the pickled module; None if missing or damaged (then the
        module is built again and the entry replaced)."""
        data = read_bytes(entry)
        if data is None:
            return None
        try:
            form, summary, warnings, body = marshal.loads(data)
            if form != FORMAT or not isinstance(body, bytes):
                return None
            problems = _unpickle(warnings) if warnings else []
            if not isinstance(problems, list):
                return None
            return ModuleSummary.from_data(summary), problems, body
        except Exception:
            return None

    def _store(
        self, entry: str, module: Module, warnings: list[Problem], summary: ModuleSummary
    ) -> None:
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
        write_private(entry, data)
        _remove_old(self.folder)


def _messages_key() -> bytes:
    """The CLI's language and the stamp of its catalog: the warnings stored with a module
    are worded in that language, so each language has its own entries."""
    lang = cli_language()
    try:
        status = os.stat(os.path.join(LOCALE_DIR, lang, "LC_MESSAGES", MESSAGES + ".mo"))
        stamp = (status.st_size, status.st_mtime_ns)
    except OSError:
        stamp = None
    return repr((lang, stamp)).encode()


def _loader(
    entry: str, body: bytes, path: str | Path, question_types: Mapping[str, QuestionType]
) -> Callable[[], Module]:
    """A function that unpickles a cached module (or builds it, if the cache was damaged)."""

    def load() -> Module:
        # late import: start-up time (a cache hit needs neither loader nor model)
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

    # late import: start-up time (a cache hit needs neither loader nor model)
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
    # late import: start-up time (a cache hit needs neither loader nor model)
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
    folders = set(SOURCE_FOLDERS)
    described: list[Any] = []
    for name, qtype in types.items():
        kind = type(qtype)
        owner = owners.get(name)
        info = plugins.info.get(owner) if owner is not None else None
        try:
            reduced: Any = qtype.__reduce_ex__(2)
            arguments, state = reduced[1:3]  # the instance's own attributes
        except Exception:
            return None
        if isinstance(state, dict):  # without the guards around a plugin's methods
            state = {k: v for k, v in state.items() if not getattr(v, GUARD_MARK, False)}
        settings = repr((arguments, state))
        described.append(
            (
                name,
                owner,
                info and (info.version, info.origin),
                kind.__module__,
                kind.__qualname__,
                settings,
            )
        )
        for klass in kind.__mro__:
            top = klass.__module__.partition(".")[0]
            if top == "builtins" or top in sys.stdlib_module_names:
                continue
            file = getattr(sys.modules.get(klass.__module__), "__file__", None)
            if not file:
                return None  # defined in __main__ or generated: nothing to compare
            folders.add(os.path.dirname(os.path.abspath(file)))
    sources = [(folder, _sources(folder)) for folder in sorted(folders)]
    if not settled(mtime for _, stamps in sources for _, _, mtime in stamps):
        return None
    return repr((FORMAT, __version__, sys.version, sources, described)).encode()


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
