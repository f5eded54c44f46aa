"""The plugin manager: entry points, a local plugins folder, blocking, error labelling.

Every hook is called through pluggy (`Plugins.call`, used by the typed facade `Plugins.hooks`
of `ccassess.plugin.hooks`): pluggy orders the implementations and runs wrappers. Each
implementation runs inside a guard of ours, so that a failure names the plugin and the hook, a
slow one is warned about, every result is checked and attributed to its plugin, and a plugin
rejected half-way is unregistered completely.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter
from types import FunctionType, MethodType, ModuleType
from typing import TYPE_CHECKING, Any, cast

import pluggy

from ccassess import hookspecs
from ccassess.blame import catchable, one_line, plugin_output, roots_of
from ccassess.blame import origin as code_origin
from ccassess.catalogs import _
from ccassess.plugin.api_version import check_api_version
from ccassess.plugin.calls import Call as _Call
from ccassess.plugin.calls import setup as _setup
from ccassess.plugin.entry_points import EntryPointRecord, entry_points
from ccassess.plugin.hooks import Check, Hooks
from ccassess.plugin.locale import register_plugin_locale

if TYPE_CHECKING:
    from ccassess.errors import PluginError

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
    #: The error itself: its ``__cause__`` is what the plugin raised (``--debug`` shows it).
    error: BaseException | None = None
    #: The modules the plugin had registered (left out of the assessment with it).
    modules: tuple[str, ...] = ()


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
        #: Whether a plugin failing after loading ends the call (`PluginError`) even with
        #: `skip_broken`: the CLI then runs the command again without that plugin, so that
        #: nothing it contributed stays (`ccassess.cli.app`). Set once loading is done.
        self.exact_skip = False
        self.info: dict[str, PluginInfo] = {}
        self.failures: list[PluginFailure] = []
        self.warnings: list[str] = []
        #: The slow-hook threshold, read once (cross-field checks call a hook per respondent).
        self.slow_seconds = slow_hook_seconds()
        #: The hook calls under way, innermost last (what the guards report to).
        self._calls: list[_Call] = []
        #: One typed method per hook: the way the rest of ccassess calls plugins.
        self.hooks = Hooks(self)

    # -- registration ----------------------------------------------------------------------

    def register(self, plugin: Any, name: str, origin: str, version: str | None = None) -> bool:
        """Register one plugin; on any problem unregister it fully and fail (or record)."""
        if self.pm.is_blocked(name):
            return False
        try:
            check_api_version(plugin, name)
            self.pm.register(plugin, name=name)
        except Exception as exc:
            # late import: start-up time, used only when a plugin fails
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
            # late import: start-up time, used only when a plugin fails
            from ccassess.errors import PluginError

            self._drop(name)
            return self._fail(
                PluginError(
                    name,
                    unknown[0],
                    _(
                        "implements a hook that does not exist (misspelt?); hooks start with "
                        "'ccassess_'"
                    ),
                )
            )
        self.info[name] = PluginInfo(name, version, origin, sorted(c.name for c in callers))
        self._guard(plugin)
        register_plugin_locale(plugin)  # its catalogs (locale/ beside it), plugin API 1.3
        return True

    def finish_loading(self) -> None:
        """Check the registrations and settle the call order: the order plugins were loaded in.

        pluggy calls the implementation registered last first. ccassess calls plugins in the
        order they are loaded — the core, installed plugins by name, a plugins folder, extra
        (test) plugins — as the documentation says, so this registers them with pluggy once
        more, last first. ``tryfirst`` and ``trylast`` move an implementation to the front or
        the back, and wrappers wrap them all, as pluggy documents. Call it once, after the
        last `register`.
        """
        self.pm.check_pending()
        loaded = [(name, self.pm.get_plugin(name)) for name in self.info]
        for name, plugin in loaded:
            self.pm.unregister(plugin, name=name)
        for name, plugin in reversed(loaded):
            self.pm.register(plugin, name=name)
            self._guard(plugin)

    def loaded_before(self, plugin: str, other: str) -> bool:
        """Whether `plugin` was loaded before `other` (a name not loaded counts as last)."""
        order = list(self.info)
        rank = {name: index for index, name in enumerate(order)}
        return rank.get(plugin, len(order)) < rank.get(other, len(order))

    def _drop(self, name: str) -> None:
        plugin = self.pm.get_plugin(name)
        if plugin is not None:
            self.pm.unregister(plugin, name=name)
        self.info.pop(name, None)

    def skip(self, failures: Sequence[PluginFailure]) -> None:
        """Block plugins found broken in an earlier attempt of this command, before loading:
        they are left out with their modules, and named as skipped."""
        for failure in failures:
            self.pm.set_blocked(failure.plugin)
            self.failures.append(failure)

    def _fail(self, error: PluginError) -> bool:
        if not self.skip_broken or self.exact_skip:
            raise error
        self.failures.append(PluginFailure(error.plugin, error.message, error))
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
            with plugin_output():
                plugin = ep.load()
        except BaseException as exc:
            if not catchable(exc):
                raise
            # late import: start-up time, used only when a plugin fails
            from ccassess.errors import PluginError

            where = code_origin(exc)
            message = (
                _("failed to import: {error} (at {where})")
                if where
                else _("failed to import: {error}")
            ).format(error=_one_line(exc), where=where)
            error = PluginError(ep.name, None, message)
            error.__cause__ = exc
            self._fail(error)
            return
        self.register(plugin, ep.name, origin, ep.dist_version)

    def load_directory(self, directory: str | Path) -> list[Path]:
        """Load *.py plugins from a folder; return the *.yaml module files found there."""
        folder = Path(directory)
        if not folder.is_dir():
            # late import: start-up time, used only when a plugin fails
            from ccassess.errors import CcassessError

            raise CcassessError(_("{folder}: plugins folder not found").format(folder=folder))
        yaml_files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
        for path in sorted(folder.glob("*.py")):
            name = f"local:{path.stem}"
            if self.pm.is_blocked(name):
                continue
            try:
                _regular(path)  # importing a named pipe would wait for a writer forever
                with plugin_output():
                    plugin = _import_file(path)
            except BaseException as exc:
                if not catchable(exc):
                    raise
                # late import: start-up time, used only when a plugin fails
                from ccassess.errors import PluginError

                where = code_origin(exc, (str(path.resolve()),))
                message = (
                    _("{file}: failed to import: {error} (at line {line})")
                    if where and ":" in where
                    else _("{file}: failed to import: {error}")
                )
                line = where.rsplit(":", 1)[1] if where and ":" in where else ""
                error = PluginError(
                    name, None, message.format(file=path, error=_one_line(exc), line=line)
                )
                error.__cause__ = exc
                self._fail(error)
                continue
            self.register(plugin, name, f"plugins dir ({folder})")
        return yaml_files

    # -- calling ---------------------------------------------------------------------------

    def call(
        self, hook: str, check: Check, kwargs: dict[str, Any], watch: tuple[str, ...] = ()
    ) -> list[tuple[str, Any]]:
        """Call a hook through pluggy; return (plugin name, result) in the order pluggy called.

        `check` gives the problem with one plugin's result (None: fine). An implementation
        that raises or returns what fails the check is left out of this call and rejected
        after it (`reject`: the error names plugin and hook; with skip_broken the plugin is
        unregistered and the others' results stand). A plugin's `ValidationError` or
        `PluginError` goes on as it is. Results of None are left out, as pluggy does.

        The arguments named in `watch` are shared data the plugins get to read: one that an
        implementation changed fails it ("changed the 'result' it was given"). What plugins
        print goes to standard error.
        """
        call = _Call(hook, check)
        if watch:
            call.watch({name: kwargs[name] for name in watch})
        calls = self._calls
        calls.append(call)
        try:
            with plugin_output():
                results = getattr(self.pm.hook, hook)(**kwargs)
        finally:
            calls.pop()
            failed = self._settle(call) if call.failures else ()
        attributed = [(call.owner(result), result) for result in results if result is not None]
        return [pair for pair in attributed if pair[0] not in failed] if failed else attributed

    def _settle(self, call: _Call) -> set[str]:
        """Reject the plugins that failed in a call (raises the first unless skip_broken)."""
        failed: set[str] = set()
        for error in call.failures:
            if error.plugin not in failed:
                failed.add(error.plugin)
                self.reject(error.plugin, error)
        return failed

    def _timed(self, plugin: str, hook: str, elapsed: float) -> None:
        if elapsed > self.slow_seconds:
            self.warnings.append(
                _("plugin {plugin}, hook {hook}: took {seconds} s (hooks should be fast)").format(
                    plugin=repr(plugin), hook=hook, seconds=f"{elapsed:.1f}"
                )
            )

    def _current(self, hook: str) -> _Call | None:
        """The call of `hook` under way through `call`, if any (not for direct pluggy calls)."""
        calls = self._calls
        return calls[-1] if calls and calls[-1].hook == hook else None

    def _guard(self, plugin: Any) -> None:
        """Put a guard around each of the plugin's implementations (pluggy still orders and
        calls them): it names a failure, times the call, checks and attributes the result."""
        for caller in self.pm.get_hookcallers(plugin) or []:
            for impl in caller.get_hookimpls():
                if impl.plugin is plugin:
                    if impl.wrapper:
                        guard = self._wrapper_guard(impl, caller.name)
                    elif impl.hookwrapper:
                        guard = self._old_style_guard(impl, caller.name)
                    else:
                        guard = self._plain_guard(impl, caller.name)
                    # pluggy calls `impl.function`; it was checked against the hookspec above.
                    setattr(impl, "function", guard)  # noqa: B010 (pluggy types it Final)

    def _plain_guard(self, impl: pluggy.HookImpl, hook: str) -> Callable[..., Any]:
        function, plugin = impl.function, impl.plugin_name
        calls, slow = self._calls, self.slow_seconds  # (called per respondent: kept lean)
        roots = roots_of(function)

        def guarded(*args: Any, **kwargs: Any) -> Any:
            call = calls[-1] if calls else None
            if call is None or call.hook != hook:  # not through `call`: as pluggy would
                return function(*args, **kwargs)
            started = perf_counter()
            try:
                result = function(*args, **kwargs)
            except BaseException as exc:
                if not catchable(exc) or not call.raised(plugin, exc, roots):
                    raise
                return None
            elapsed = perf_counter() - started
            if elapsed > slow:
                self._timed(plugin, hook, elapsed)
            if call.watched is not None and call.changed(plugin):
                return None
            if result is None:
                return None
            problem = call.check(result)
            if problem is not None:
                call.fail(plugin, problem)
                return None
            call.owners[id(result)] = (result, plugin)
            return result

        return guarded

    def _wrapper_guard(self, impl: pluggy.HookImpl, hook: str) -> Callable[..., Any]:
        """A guard around a new-style wrapper (``wrapper=True``): the wrapper receives the
        results of the implementations inside it (or their exception) and returns results."""
        function, plugin = _generator_function(impl), impl.plugin_name
        roots = roots_of(function)

        def guarded(*args: Any, **kwargs: Any) -> Generator[None, Any, Any]:
            call = self._current(hook)
            if call is None:
                return (yield from function(*args, **kwargs))
            started = perf_counter()
            wrapper = _setup(function, args, kwargs, call, plugin)
            spent = perf_counter() - started
            if wrapper is None:  # it failed before its yield: the results pass unchanged
                return (yield)
            thrown: BaseException | None = None
            results: list[Any] = []
            try:
                results = yield
            except BaseException as exc:  # ccassess's own errors, interrupts: it sees them
                thrown = exc
            received = list(results)  # what passes on if the wrapper fails
            started = perf_counter()
            changed: Any = _FAILED
            try:
                if thrown is None:
                    wrapper.send(results)
                else:
                    wrapper.throw(thrown)
            except StopIteration as stop:
                changed = stop.value
            except BaseException as exc:
                if exc is thrown or not catchable(exc) or not call.raised(plugin, exc, roots):
                    raise
            else:
                wrapper.close()
                call.fail(plugin, _("is a wrapper that yields more than once"))
            self._timed(plugin, hook, spent + perf_counter() - started)
            if changed is not _FAILED and call.adopt(changed, plugin):
                return changed
            if thrown is not None:
                raise thrown
            return received

        return guarded

    def _old_style_guard(self, impl: pluggy.HookImpl, hook: str) -> Callable[..., Any]:
        """A guard around an old-style wrapper (``hookwrapper=True``): the wrapper receives a
        `pluggy.Result` and may force another result (or exception) on it."""
        function, plugin = _generator_function(impl), impl.plugin_name
        roots = roots_of(function)

        def guarded(*args: Any, **kwargs: Any) -> Generator[None, Any, None]:
            call = self._current(hook)
            if call is None:
                yield from function(*args, **kwargs)
                return
            started = perf_counter()
            wrapper = _setup(function, args, kwargs, call, plugin)
            spent = perf_counter() - started
            outcome: pluggy.Result[Any] = yield
            if wrapper is None:
                return
            thrown = outcome.exception
            received = None if thrown is not None else list(outcome.get_result())
            started = perf_counter()
            failed = True
            try:
                wrapper.send(outcome)
            except StopIteration:
                failed = False
            except BaseException as exc:
                if not catchable(exc) or not call.raised(plugin, exc, roots):
                    raise
            else:
                wrapper.close()
                call.fail(plugin, _("is a wrapper that yields more than once"))
            self._timed(plugin, hook, spent + perf_counter() - started)
            if not failed and (
                outcome.exception is not None or call.adopt(outcome.get_result(), plugin)
            ):
                return
            if thrown is not None:  # what passes on when the wrapper failed: what it received
                outcome.force_exception(thrown)
            else:
                outcome.force_result(received)

        return guarded


#: A wrapper that failed (it returned nothing usable).
_FAILED: Any = object()


def _generator_function(impl: pluggy.HookImpl) -> Callable[..., Generator[None, Any, Any]]:
    """A wrapper's function: pluggy accepts a wrapper only if it is a generator function."""
    return cast(Callable[..., Generator[None, Any, Any]], impl.function)


def _regular(path: Path) -> None:
    # late import: start-up time (the plugin manager loads before any reader is needed)
    from ccassess.io.structured import open_regular

    open_regular(path).close()


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
    # late import: start-up time, used only when a plugin fails
    from ccassess.errors import PluginError

    return " ".join(str(exc).split()) if isinstance(exc, PluginError) else one_line(exc)


Caller = Callable[..., Any]
