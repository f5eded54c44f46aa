"""Blame: what plugin code raised becomes an error that names the plugin and, where one can be
found, the file and line in the plugin's own code — never a line of the core.

The error keeps what the plugin raised as its ``__cause__``, so that ``--debug`` prints the
plugin's traceback. Everything a plugin can raise is caught here except `KeyboardInterrupt`
(the user's, which ends the command as usual): ``sys.exit()`` in a plugin or a
``BaseException`` of its own is a plugin failure like any other.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from ccassess.catalogs import _

if TYPE_CHECKING:
    from ccassess.errors import PluginError


#: The attribute that marks a guard around plugin code (the module cache's key leaves such
#: guards out of a question type's own attributes).
GUARD_MARK = "_ccassess_guard"


class plugin_output:
    """While plugin code runs, what it prints goes to standard error: standard output belongs to
    ccassess (``score --format json`` must stay valid JSON)."""

    __slots__ = ("saved",)

    def __enter__(self) -> None:
        self.saved = sys.stdout
        sys.stdout = sys.stderr

    def __exit__(self, *exc: object) -> None:
        sys.stdout = self.saved


def catchable(exc: BaseException) -> bool:
    """Whether plugin code's exception is the plugin's failure (all but the user's Ctrl-C,
    and a generator being closed)."""
    return not isinstance(exc, KeyboardInterrupt | GeneratorExit)


def one_line(exc: BaseException) -> str:
    """What was raised, in one line: ``RuntimeError: database down``."""
    if isinstance(exc, SystemExit):
        return f"SystemExit (sys.exit({exc.code!r}))"
    text = " ".join(str(exc).split()) or type(exc).__name__
    name = type(exc).__name__
    return text if text.startswith(name) else f"{name}: {text}"


@cache
def _core_folders() -> tuple[str, ...]:
    """Folders whose frames are never the plugin's line: ccassess's package and the
    libraries it calls plugins through."""
    import jinja2
    import pluggy

    libraries = [os.path.dirname(os.path.abspath(m.__file__ or "")) for m in (pluggy, jinja2)]
    ours = os.path.dirname(os.path.abspath(__file__))
    return tuple(folder + os.sep for folder in (ours, *libraries))


def origin(exc: BaseException, roots: Iterable[str] = ()) -> str | None:
    """``file:line`` of the innermost frame in the plugin's own code (under one of `roots`,
    else the innermost that is no frame of ccassess, pluggy or Jinja's machinery)."""
    import traceback  # only when a plugin failed: start-up time

    frames = traceback.extract_tb(exc.__traceback__)
    roots = tuple(root for root in roots if root)
    core = _core_folders()
    fallback = None
    for frame in reversed(frames):
        path = os.path.abspath(frame.filename) if not frame.filename.startswith("<") else ""
        if roots and path.startswith(roots):
            return f"{frame.filename}:{frame.lineno}"
        if fallback is None and path and not path.startswith(core):
            fallback = f"{frame.filename}:{frame.lineno}"
    return fallback


def roots_of(obj: Any) -> tuple[str, ...]:
    """The folder (or file) an object of plugin code comes from: its function's file, its
    class's or module's."""
    while hasattr(obj, "__wrapped__"):
        obj = obj.__wrapped__
    code = getattr(getattr(obj, "__func__", obj), "__code__", None)
    if code is not None:
        return (os.path.abspath(code.co_filename),)
    module = getattr(obj, "__module__", None)
    if not isinstance(module, str):
        module = getattr(type(obj), "__module__", None)
    file = getattr(sys.modules.get(module or ""), "__file__", None)
    return (os.path.abspath(file),) if file else ()


def failure(
    plugin: str, hook: str | None, exc: BaseException, roots: Iterable[str] = (), what: str = ""
) -> PluginError:
    """The error for `exc` raised by plugin code: ``[what: ]raised X: message (at file:line)``."""
    # late import: start-up time, used only when a plugin fails
    from ccassess.errors import PluginError

    where = origin(exc, roots)
    if what:
        text = _("{what}: raised {error} (at {where})") if where else _("{what}: raised {error}")
    else:
        text = _("raised {error} (at {where})") if where else _("raised {error}")
    message = text.format(what=what, error=one_line(exc), where=where)

    error = PluginError(plugin, hook, message)
    error.__cause__ = exc
    return error


def guarded(
    function: Callable[..., Any],
    plugin: str,
    what: str,
    passes: tuple[type[BaseException], ...] = (),
) -> Callable[..., Any]:
    """`function` (plugin code) made to name its plugin when it fails; exceptions of the
    types in `passes` (a question type's `AnswerProblem`, ccassess's errors) go on as they
    are."""
    roots = roots_of(function)

    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            with plugin_output():
                return function(*args, **kwargs)
        except BaseException as exc:
            # late import: start-up time (guards are made at every start, rarely used)
            from ccassess.errors import CcassessError

            if isinstance(exc, (*passes, CcassessError)) or not catchable(exc):
                raise
            raise failure(plugin, None, exc, roots, what) from exc

    call.__wrapped__ = function  # type: ignore[attr-defined]
    setattr(call, GUARD_MARK, True)
    return call


def guarded_iteration(items: Iterable[Any], plugin: str, what: str, owner: Any) -> Iterator[Any]:
    """Iterate over what plugin code returned (a generator runs the plugin's code while it is
    iterated), naming the plugin when that fails."""
    # late import: start-up time, used only when plugin code is guarded
    from ccassess.errors import CcassessError

    roots = roots_of(owner)
    iterator: Iterator[Any] | None = None
    while True:
        try:
            with plugin_output():
                if iterator is None:
                    iterator = iter(items)
                item = next(iterator)
        except StopIteration:
            return
        except CcassessError:
            raise
        except BaseException as exc:
            if not catchable(exc):
                raise
            raise failure(plugin, None, exc, roots, what) from exc
        yield item
