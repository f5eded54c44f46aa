"""Everything the plugins contribute, collected once: question types and modules.

`load_registry` (`ccassess.actions.load_plugins`) is the one place that turns installed
plugins (entry points), a local plugins folder and module YAML files into validated objects,
with every failure naming its plugin. Modules built from files come from the cache of
validated modules (`ccassess/definitions/cache.py`) when nothing that decides them changed;
the loader (and PyYAML) is imported only when a file has to be parsed, and a cached module is
unpickled only when it is used (its `ModuleSummary`, all that `ccassess modules` lists, is
read at once).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccassess.blame import guarded
from ccassess.catalogs import _, ngettext
from ccassess.definitions.cache import ModuleCache
from ccassess.definitions.summary import ModuleSummary
from ccassess.plugin.manager import Plugins
from ccassess.questions.types import QuestionType

if TYPE_CHECKING:
    from ccassess.errors import Problem
    from ccassess.model.questionnaire import Module
    from ccassess.plugin.hooks import Contribution


class ModuleEntry:
    """A module, the plugin that registered it and the warnings of its definition.

    A module from the cache of validated modules arrives as a function that loads it, called
    when `module` is first used; `summary` is known without it.
    """

    def __init__(
        self,
        module: Module | Callable[[], Module],
        plugin: str,
        warnings: list[Problem] | None = None,
        summary: ModuleSummary | None = None,
    ) -> None:
        self._module = None if callable(module) else module
        self._load = module if callable(module) else None
        self.plugin = plugin
        self.warnings = [] if warnings is None else warnings
        self._summary = summary

    @property
    def module(self) -> Module:
        if self._module is None:
            assert self._load is not None
            self._module = self._load()
            self._load = None
        return self._module

    @property
    def summary(self) -> ModuleSummary:
        if self._summary is None:
            self._summary = ModuleSummary.of(self.module)
        return self._summary

    def __repr__(self) -> str:
        loaded = "" if self._module is not None else ", not loaded yet"
        return f"ModuleEntry({self.summary.id!r}, plugin={self.plugin!r}{loaded})"


@dataclass
class Registry:
    """The loaded plugins, the question types and the modules they contribute."""

    plugins: Plugins
    question_types: dict[str, QuestionType]
    entries: dict[str, ModuleEntry]
    #: Every question type contributed, those of plugins rejected later included (a plugin
    #: rejected for an invalid module): `validate --module` checks a file with them, so that
    #: the file's own problems are listed, not its types' absence.
    contributed_types: dict[str, QuestionType] = field(default_factory=dict)

    @property
    def skipped_modules(self) -> frozenset[str]:
        """The modules of plugins skipped as broken (`--skip-broken-plugins`): left out of
        an assessment that names them, their answers ignored."""
        return frozenset(m for failure in self.plugins.failures for m in failure.modules)

    @property
    def modules(self) -> dict[str, Module]:
        return {module_id: entry.module for module_id, entry in self.entries.items()}

    def select(self, module_ids: Sequence[str] | None) -> list[Module]:
        """The modules an assessment uses, in the order given (all loaded ones by default)."""
        if not module_ids:
            return [entry.module for entry in self.entries.values()]
        skipped = self.skipped_modules
        module_ids = [m for m in module_ids if m in self.entries or m not in skipped]
        missing = [m for m in module_ids if m not in self.entries]
        if missing:
            # late import: start-up time (`ccassess modules` must not load it)
            from ccassess.errors import CcassessError

            known = ", ".join(self.entries) or _("none")
            raise CcassessError(
                _("module {module} is not loaded; loaded modules: {known}").format(
                    module=repr(missing[0]), known=known
                )
            )
        return [self.entries[m].module for m in module_ids]


def collect_contributions(plugins: Plugins, local_yaml: Sequence[Path] = ()) -> Registry:
    """Question types first, then modules; nothing of a rejected plugin stays.

    Where two plugins claim the same question type name or module id, the plugin loaded first
    keeps it, whichever of them pluggy called first (``tryfirst``), and the other is rejected.
    """
    types, owners = _question_types(plugins)
    contributed = dict(types)
    entries, sources = _modules(plugins, types, owners, list(local_yaml))
    _prune_rejected(plugins, types, owners, entries, sources)
    return Registry(plugins, types, entries, contributed)


def _prune_rejected(
    plugins: Plugins,
    types: dict[str, QuestionType],
    owners: dict[str, str],
    entries: dict[str, ModuleEntry],
    sources: dict[str, Contribution[Any]],
) -> None:
    """Nothing of a rejected plugin stays active: drop its question types, and modules
    (of other plugins) that can no longer work without them."""
    for name in [n for n, owner in owners.items() if plugins.pm.get_plugin(owner) is None]:
        del types[name]
    for module_id, entry in list(entries.items()):
        missing = entry.summary.question_types - set(types)
        if missing and entry.plugin in plugins.info:
            plugins.reject(
                entry.plugin,
                sources[entry.plugin].error(
                    _("module {module} uses question type {type} whose plugin was rejected").format(
                        module=repr(module_id), type=repr(sorted(missing)[0])
                    )
                ),
            )
        if missing or (entry.plugin not in plugins.info and entry.plugin != "local"):
            del entries[module_id]


def _question_types(plugins: Plugins) -> tuple[dict[str, QuestionType], dict[str, str]]:
    types: dict[str, QuestionType] = {}
    owners: dict[str, str] = {}
    sources: dict[str, Contribution[QuestionType]] = {}
    for contribution in plugins.hooks.question_types():
        name = contribution.plugin
        sources[name] = contribution
        for qtype in contribution.items:
            if not qtype.name:
                plugins.reject(
                    name,
                    contribution.error(_("{type} has no name").format(type=type(qtype).__name__)),
                )
                break
            other = owners.get(qtype.name)
            if other is not None and other in plugins.info:
                first, second = _first_loaded(plugins, other, name)
                message = _("question type {type} is already defined by plugin {plugin}").format(
                    type=repr(qtype.name), plugin=repr(first)
                )
                plugins.reject(second, sources[second].error(message))
                if second == name:
                    break
            if name != "core":
                guard_question_type(qtype, name)
            types[qtype.name] = qtype
            owners[qtype.name] = name
    return types, owners


#: The methods of a question type that run plugin code while modules, answers, sheets,
#: forms and reports are made.
QUESTION_TYPE_METHODS = (
    "configure",
    "check",
    "score",
    "is_scored",
    "describe",
    "allowed",
    "choices",
    "parts",
    "items",
)


def guard_question_type(qtype: QuestionType, plugin: str) -> None:
    """Make a plugin's question type name its plugin, type and method when a method fails,
    and check what `score` returns (None or a number in 0..1)."""
    # late import: start-up time, used only for plugins' own question types
    from ccassess.questions.types import AnswerProblem

    if "check" in getattr(qtype, "__dict__", {}):
        return  # the same object, contributed again (a plugin's module-level instance)
    for method in QUESTION_TYPE_METHODS:
        what = _("question type {type}, {method}()").format(type=repr(qtype.name), method=method)
        function = getattr(qtype, method)
        if method == "score":
            function = _checked_score(function, plugin, what)
        try:
            setattr(qtype, method, guarded(function, plugin, what, (AnswerProblem,)))
        except AttributeError:  # __slots__ without __dict__: left as it is
            return


def _checked_score(
    function: Callable[..., float | None], plugin: str, what: str
) -> Callable[..., float | None]:
    import math

    def score(question: Any, value: Any) -> float | None:
        result = function(question, value)
        if result is None or (
            isinstance(result, int | float)
            and not isinstance(result, bool)
            and math.isfinite(result)
            and 0 <= result <= 1
        ):
            return result
        # late import: start-up time, used only when a plugin fails
        from ccassess.errors import PluginError

        raise PluginError(
            plugin,
            None,
            _(
                "{what}: returned {value} for question {question}; a score is None or a "
                "number from 0 to 1"
            ).format(what=what, value=repr(result), question=repr(question.id)),
        )

    score.__wrapped__ = function  # type: ignore[attr-defined]
    return score


def _modules(
    plugins: Plugins,
    types: dict[str, QuestionType],
    owners: dict[str, str],
    local_yaml: list[Path],
) -> tuple[dict[str, ModuleEntry], dict[str, Contribution[Any]]]:
    entries: dict[str, ModuleEntry] = {}
    cache: ModuleCache | None = None
    contributions: list[tuple[Contribution[Any], Any]] = []
    sources: dict[str, Contribution[Any]] = {}
    contributed: list[Contribution[Any]] = [
        *plugins.hooks.modules(),
        plugins.hooks.local_modules(local_yaml),
    ]
    for contribution in contributed:
        sources[contribution.plugin] = contribution
        contributions.extend((contribution, item) for item in contribution.items)
    for contribution, item in contributions:
        plugin = contribution.plugin
        if plugins.pm.get_plugin(plugin) is None and plugin != "local":
            continue  # rejected while loading an earlier module
        try:
            if isinstance(item, dict):
                # late import: start-up time (`ccassess modules` must not load it)
                from ccassess.definitions.loading import build_module

                loaded = build_module(item, types, file=f"<{plugin}>")
                entry = ModuleEntry(loaded.module, plugin, loaded.warnings)
            elif isinstance(item, str | Path):
                if cache is None:
                    cache = ModuleCache.for_types(plugins, types, owners)
                module, warnings, summary = cache.load(item, types)
                entry = ModuleEntry(module, plugin, warnings, summary)
            else:  # a built Module
                entry = ModuleEntry(item, plugin)
        except Exception as exc:
            # late import: start-up time (`ccassess modules` must not load it)
            from ccassess.errors import ValidationError

            if not isinstance(exc, ValidationError):
                raise
            first = exc.problems[0]
            others = len(exc.problems) - 1
            message = (
                ngettext(
                    "invalid module: {problem} (and {n} more problem)",
                    "invalid module: {problem} (and {n} more problems)",
                    others,
                )
                if others
                else _("invalid module: {problem}")
            ).format(problem=first, n=others)
            error = contribution.error(message)
            if plugin == "local":
                if not plugins.skip_broken:
                    raise exc from None
                _skip_local(plugins, item, message)
                continue
            plugins.reject(plugin, error)
            _drop_modules_of(entries, plugin)
            continue
        module_id = entry.summary.id
        if module_id in entries:
            kept, dropped = _first_loaded(plugins, entries[module_id].plugin, plugin)
            error = sources[dropped].error(
                _("module id {module} is already registered by plugin {plugin}").format(
                    module=repr(module_id), plugin=repr(kept)
                )
            )
            if dropped == "local":
                if not plugins.skip_broken:
                    raise error
                _skip_local(plugins, item, error.message)
                continue
            plugins.reject(dropped, error)
            _drop_modules_of(entries, dropped)
            if dropped == plugin:
                continue
        entries[module_id] = entry
    return entries, sources


def _skip_local(plugins: Plugins, file: Any, message: str) -> None:
    """Skip a module file of the plugins folder (--skip-broken-plugins), named by its file."""
    # late import: start-up time, used only when a module file is broken
    from ccassess.plugin.manager import PluginFailure

    plugins.failures.append(PluginFailure(f"local:{Path(str(file)).name}", message))


def _first_loaded(plugins: Plugins, one: str, other: str) -> tuple[str, str]:
    """(the plugin loaded first, the other): the first keeps a name both claim."""
    return (one, other) if plugins.loaded_before(one, other) else (other, one)


def _drop_modules_of(entries: dict[str, ModuleEntry], plugin: str) -> None:
    for module_id in [m for m, e in entries.items() if e.plugin == plugin]:
        del entries[module_id]
