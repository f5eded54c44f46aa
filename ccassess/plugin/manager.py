"""The plugin manager: entry points, a local plugins folder, blocking, error labelling.

Every hook call goes through `Plugins.call_each`, so a failure names the plugin and the hook
and a plugin rejected half-way is unregistered completely.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FunctionType, MethodType, ModuleType
from typing import TYPE_CHECKING, Any

import pluggy

from ccassess import hookspecs
from ccassess.plugin.entry_points import EntryPointRecord, entry_points

if TYPE_CHECKING:
    from ccassess.errors import PluginError, Problem, ValidationError

# ccassess.errors is imported where an error is raised or caught, not at start-up.

PROJECT = "ccassess"
ENTRY_POINT_GROUP = "ccassess"
ENV_LOAD = "CCASSESS_LOAD_PLUGINS"
ENV_DIR = "CCASSESS_PLUGINS_DIR"
#: A hook slower than this gets a warning naming the plugin (they should be pure and fast).
SLOW_HOOK_SECONDS = 2.0
#: Overrides SLOW_HOOK_SECONDS (seconds, a decimal number), e.g. to find slow hooks in tests.
ENV_SLOW_HOOK = "CCASSESS_SLOW_HOOK_SECONDS"


def slow_hook_seconds() -> float:
    """The warning threshold for hook calls: $CCASSESS_SLOW_HOOK_SECONDS or the default."""
    try:
        value = float(os.environ.get(ENV_SLOW_HOOK, ""))
    except ValueError:
        return SLOW_HOOK_SECONDS
    return value if value >= 0 else SLOW_HOOK_SECONDS


@dataclass
class PluginInfo:
    """A loaded plugin: its name, version, where it came from and the hooks it implements."""

    name: str
    version: str | None
    origin: str  # "entry point <dist>", "plugins dir <path>", "core", "test"
    hooks: list[str] = field(default_factory=list)


@dataclass
class PluginFailure:
    """A plugin that was skipped (with `skip_broken`) and why."""

    plugin: str
    message: str


_HOOKABLE = (FunctionType, MethodType, staticmethod, classmethod)


class _PluginManager(pluggy.PluginManager):
    """pluggy's manager, with a shortcut when it looks for hooks in a module.

    pluggy inspects every name of a plugin with `inspect.getattr_static`; a module's global
    that is no function can be no hook, which the module's namespace tells at once (this
    saves a few hundred lookups at every start-up). Anything else goes to pluggy unchanged.
    """

    def parse_hookimpl_opts(self, plugin: Any, name: str) -> Any:
        if _plain_global(plugin, name):
            return None
        return super().parse_hookimpl_opts(plugin, name)

    def parse_hookspec_opts(self, module_or_class: Any, name: str) -> Any:
        if _plain_global(module_or_class, name):
            return None
        return super().parse_hookspec_opts(module_or_class, name)


def _plain_global(namespace: Any, name: str) -> bool:
    """Whether `name` is a global of the module `namespace` that cannot be a hook (pluggy
    takes only functions, methods, staticmethods and classmethods)."""
    if type(namespace) is not ModuleType or name not in namespace.__dict__:
        return False
    return not isinstance(namespace.__dict__[name], _HOOKABLE)


class Plugins:
    """A pluggy PluginManager plus what ccassess needs around it."""

    def __init__(self, skip_broken: bool = False) -> None:
        self.pm = _PluginManager(PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self.skip_broken = skip_broken
        self.info: dict[str, PluginInfo] = {}
        self.failures: list[PluginFailure] = []
        self.warnings: list[str] = []
        #: The slow-hook threshold, read once (cross-field checks call a hook per respondent).
        self.slow_seconds = slow_hook_seconds()

    # -- registration ----------------------------------------------------------------------

    def register(self, plugin: Any, name: str, origin: str, version: str | None = None) -> bool:
        """Register one plugin; on any problem unregister it fully and fail (or record)."""
        try:
            check_api_version(plugin, name)
            self.pm.register(plugin, name=name)
        except Exception as exc:
            from ccassess.errors import PluginError

            if isinstance(exc, pluggy.PluginValidationError):
                self._drop(name)
                return self._fail(PluginError(name, None, _one_line(exc)))
            if isinstance(exc, PluginError):
                self._drop(name)
                return self._fail(exc)
            if isinstance(exc, ValueError):  # pluggy: name already registered
                return self._fail(PluginError(name, None, _one_line(exc)))
            raise
        callers = self.pm.get_hookcallers(plugin) or []
        unknown = [c.name for c in callers if not c.has_spec()]
        if unknown:
            from ccassess.errors import PluginError

            self._drop(name)
            return self._fail(
                PluginError(
                    name,
                    unknown[0],
                    "implements a hook that does not exist "
                    "(misspelt?); hooks start with 'ccassess_'",
                )
            )
        self.info[name] = PluginInfo(name, version, origin, sorted(c.name for c in callers))
        return True

    def _drop(self, name: str) -> None:
        plugin = self.pm.get_plugin(name)
        if plugin is not None:
            self.pm.unregister(plugin, name=name)
        self.info.pop(name, None)

    def _fail(self, error: PluginError) -> bool:
        if not self.skip_broken:
            raise error
        self.failures.append(PluginFailure(error.plugin, error.message))
        return False

    def reject(self, name: str, error: PluginError) -> None:
        """Unregister a plugin that failed after registration (bad hook result, exception)."""
        self._drop(name)
        self.pm.set_blocked(name)
        self._fail(error)

    def load_entry_points(self, only: list[str] | None = None) -> None:
        """Load the `ccassess` entry-point group; `only` (or $CCASSESS_LOAD_PLUGINS) restricts.

        The group is read through the entry-point cache
        (`ccassess.plugin.entry_points`), which asks `importlib.metadata` only when the
        installed packages may have changed."""
        if only is None and ENV_LOAD in os.environ:
            only = [n.strip() for n in os.environ[ENV_LOAD].split(",") if n.strip()]
        seen: set[str] = set()
        for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            if ep.name in seen:
                continue
            seen.add(ep.name)
            if only is not None and ep.name not in only:
                self.pm.set_blocked(ep.name)
                continue
            if self.pm.is_blocked(ep.name):
                continue
            self._load_entry_point(ep)

    def _load_entry_point(self, ep: EntryPointRecord) -> None:
        origin = f"entry point ({ep.dist_name or '?'})"
        try:
            plugin = ep.load()
        except Exception as exc:
            from ccassess.errors import PluginError

            self._fail(PluginError(ep.name, None, f"failed to import: {_one_line(exc)}"))
            return
        self.register(plugin, ep.name, origin, ep.dist_version)

    def load_directory(self, directory: str | Path) -> list[Path]:
        """Load *.py plugins from a folder; return the *.yaml module files found there."""
        folder = Path(directory)
        if not folder.is_dir():
            from ccassess.errors import CcassessError

            raise CcassessError(f"{folder}: plugins folder not found")
        yaml_files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
        for path in sorted(folder.glob("*.py")):
            name = f"local:{path.stem}"
            try:
                plugin = _import_file(path)
            except Exception as exc:
                from ccassess.errors import PluginError

                self._fail(PluginError(name, None, f"{path}: failed to import: {_one_line(exc)}"))
                continue
            self.register(plugin, name, f"plugins dir ({folder})")
        return yaml_files

    # -- calling ---------------------------------------------------------------------------

    def call_each(self, hook: str, **kwargs: Any) -> Iterator[tuple[str, Any]]:
        """Call every implementation of a hook, yielding (plugin name, result).

        Exceptions are wrapped in a PluginError naming plugin and hook; with skip_broken the
        plugin is unregistered and the call goes on with the others.
        """
        caller = getattr(self.pm.hook, hook)
        slow = self.slow_seconds
        for impl in caller.get_hookimpls():  # registration order: built-ins first
            name = impl.plugin_name
            if self.pm.get_plugin(name) is None:
                continue  # rejected earlier in this call
            args = {arg: kwargs[arg] for arg in impl.argnames}
            started = time.perf_counter()
            try:
                result = impl.function(**args)
            except Exception as exc:
                from ccassess.errors import CcassessError, PluginError, ValidationError

                if isinstance(exc, ValidationError | PluginError):
                    raise
                if isinstance(exc, CcassessError):
                    message = exc.message
                else:
                    message = f"raised {_one_line(exc)}"
                self.reject(name, PluginError(name, hook, message))
                continue
            elapsed = time.perf_counter() - started
            if elapsed > slow:
                self.warnings.append(
                    f"plugin {name!r}, hook {hook}: took {elapsed:.1f} s (hooks should be fast)"
                )
            if result is not None:
                yield name, result

    def expect_list(self, name: str, hook: str, value: Any, of: type | tuple) -> list:
        """Check a hook returned a list of the right things; reject the plugin otherwise."""
        if not isinstance(value, list | tuple) or not all(isinstance(v, of) for v in value):
            from ccassess.errors import PluginError

            what = of.__name__ if isinstance(of, type) else " or ".join(t.__name__ for t in of)
            self.reject(
                name,
                PluginError(name, hook, f"must return a list of {what}, got {_describe(value)}"),
            )
            return []
        return list(value)


def check_api_version(plugin: Any, name: str) -> None:
    """A plugin may declare CCASSESS_PLUGIN_API = "1.0"; same major and no newer minor."""
    declared = getattr(plugin, "CCASSESS_PLUGIN_API", None)
    if declared is None:
        return
    try:
        major, minor = (int(part) for part in str(declared).split(".")[:2])
    except ValueError:
        from ccassess.errors import PluginError

        raise PluginError(
            name, None, f"CCASSESS_PLUGIN_API {declared!r} is not like '1.0'"
        ) from None
    from ccassess import PLUGIN_API_VERSION

    our_major, our_minor = (int(part) for part in PLUGIN_API_VERSION.split("."))
    if major != our_major or minor > our_minor:
        from ccassess.errors import PluginError

        raise PluginError(
            name,
            None,
            f"needs plugin API {declared}, this ccassess provides {PLUGIN_API_VERSION}; "
            "skipped (upgrade ccassess or the plugin)",
        )


def _import_file(path: Path) -> ModuleType:
    import importlib.util

    module_name = f"ccassess_local_{path.stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(module_name, None)
        raise
    return module


def _one_line(exc: BaseException) -> str:
    from ccassess.errors import PluginError

    text = " ".join(str(exc).split()) or type(exc).__name__
    name = type(exc).__name__
    return text if text.startswith(name) or isinstance(exc, PluginError) else f"{name}: {text}"


def _describe(value: Any) -> str:
    if isinstance(value, list | tuple):
        kinds = sorted({type(v).__name__ for v in value})
        return f"a list of {', '.join(kinds)}"
    return type(value).__name__


def problems_from(error: ValidationError, plugin: str) -> list[Problem]:
    from ccassess.errors import Problem

    return [
        Problem(p.location, f"plugin {plugin!r}: {p.message}", p.severity) for p in error.problems
    ]


Caller = Callable[..., Any]
