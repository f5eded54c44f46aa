"""A hook call under way (`Plugins.call`): what its results must be, whose they are, who
failed, and whether a plugin changed the shared data it was given."""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any

from ccassess.blame import catchable, roots_of
from ccassess.catalogs import _
from ccassess.plugin.hooks import Check, describe

if TYPE_CHECKING:
    from ccassess.errors import PluginError


def _fingerprint(value: Any) -> bytes | None:
    """The whole content of shared data, to tell whether a plugin changed it (None: cannot
    be told, not watched)."""
    import pickle

    try:
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return None


class Call:
    """A hook call under way: what its results must be, whose they are, who failed."""

    __slots__ = ("check", "failures", "hook", "owners", "watched")

    def __init__(self, hook: str, check: Check) -> None:
        self.hook = hook
        self.check = check
        #: The shared data the implementations get to read: name → (value, its fingerprint).
        self.watched: dict[str, tuple[Any, bytes | None]] | None = None
        #: id(result) → (result, plugin); holding the result keeps its id unique meanwhile.
        self.owners: dict[int, tuple[Any, str]] = {}
        self.failures: list[PluginError] = []

    def watch(self, values: dict[str, Any]) -> None:
        self.watched = {name: (value, _fingerprint(value)) for name, value in values.items()}

    def changed(self, plugin: str) -> bool:
        """Whether `plugin` changed shared data it was given (then it fails, named)."""
        assert self.watched is not None
        for name, (value, before) in self.watched.items():
            if before is not None and _fingerprint(value) != before:
                self.fail(
                    plugin,
                    _(
                        "changed the {name} it was given; plugins get shared data to read, "
                        "never to change (return what you add instead)"
                    ).format(name=repr(name)),
                )
                return True
        return False

    def own(self, result: Any, plugin: str) -> None:
        self.owners[id(result)] = (result, plugin)

    def owner(self, result: Any) -> str:
        result_and_owner = self.owners.get(id(result))
        assert result_and_owner is not None and result_and_owner[0] is result, result
        return result_and_owner[1]

    def adopt(self, results: Any, wrapper: str) -> bool:
        """Check what a wrapper returned; results new to this call are the wrapper's."""
        if not isinstance(results, list):
            got = describe(results)
            self.fail(
                wrapper, _("as a wrapper, must return a list of results, got {got}").format(got=got)
            )
            return False
        for result in results:
            problem = None if result is None else self.check(result)
            if problem is not None:
                # TRANSLATORS: {problem} is a hook result check's message, e.g. "must be a
                # ccassess.Finding, got str"
                self.fail(
                    wrapper,
                    _("as a wrapper, returned a result that does not pass: {problem}").format(
                        problem=problem
                    ),
                )
                return False
        for result in results:
            if result is not None and id(result) not in self.owners:
                self.own(result, wrapper)
        return True

    def fail(self, plugin: str, message: str) -> None:
        # late import: start-up time, used only when a plugin fails
        from ccassess.errors import PluginError

        self.failures.append(PluginError(plugin, self.hook, message))

    def raised(self, plugin: str, exc: BaseException, roots: tuple[str, ...] = ()) -> bool:
        """Record what a plugin raised (named, with its file and line); False for ccassess's
        own `ValidationError` and `PluginError`, which go on as they are."""
        # late import: start-up time, used only when a plugin fails
        from ccassess.blame import failure
        from ccassess.errors import CcassessError, PluginError, ValidationError

        if isinstance(exc, ValidationError | PluginError):
            return False
        if isinstance(exc, CcassessError):
            error = PluginError(plugin, self.hook, exc.message)
            error.__cause__ = exc
        else:
            error = failure(plugin, self.hook, exc, roots)
        self.failures.append(error)
        return True


def setup(
    function: Callable[..., Any], args: tuple, kwargs: dict[str, Any], call: Call, plugin: str
) -> Generator[None, Any, Any] | None:
    """Run a wrapper up to its yield; None if it failed (named) or never yields."""
    try:
        wrapper = function(*args, **kwargs)
        next(wrapper)
    except StopIteration:
        call.fail(plugin, _("is a wrapper that does not yield"))

        return None
    except BaseException as exc:
        if not catchable(exc) or not call.raised(plugin, exc, roots_of(function)):
            raise
        return None
    return wrapper
