"""Everything the plugins contribute, collected once: question types and modules.

`load_registry` (`ccassess.actions.load_plugins`) is the one place that turns installed plugins
(entry points), a local plugins
folder and module YAML files into validated objects, with every failure naming its plugin.
Modules built from files come from the cache of validated modules
(`ccassess/definitions/cache.py`) when nothing that decides them changed; the loader (and PyYAML)
is imported only when a file has to
be parsed, and a cached module is unpickled only when it is used (its `ModuleSummary`, all
that `ccassess modules` lists, is read at once).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccassess.definitions.cache import ModuleCache
from ccassess.plugin.manager import Plugins
from ccassess.questions.types import QuestionType
from ccassess.text import Text

if TYPE_CHECKING:
    from ccassess.errors import PluginError, Problem
    from ccassess.model.questionnaire import Module


@dataclass(frozen=True)
class ModuleSummary:
    """What listing a module shows (`ccassess modules`) and what the registry checks."""

    id: str
    version: str
    title: Text
    dimensions: int
    questions: int
    #: The languages its questions are worded in.
    languages: tuple[str, ...]
    #: The question types it uses.
    question_types: frozenset[str]

    @classmethod
    def of(cls, module: Module) -> ModuleSummary:
        questions = [question for _, question in module.questions()]
        languages = {lang for q in questions for lang in ("de", "en") if getattr(q.text, lang)}
        return cls(module.id, module.version, module.title, len(module.dimensions),
                   len(questions), tuple(sorted(languages)),
                   frozenset(q.type for q in questions))  # fmt: skip

    def to_data(self) -> tuple[Any, ...]:
        """As plain data, for the cache of validated modules."""
        return (self.id, self.version, (self.title.de, self.title.en), self.dimensions,
                self.questions, self.languages, tuple(sorted(self.question_types)))  # fmt: skip

    @classmethod
    def from_data(cls, data: Any) -> ModuleSummary:
        module_id, version, (de, en), dimensions, questions, languages, types = data
        return cls(module_id, version, Text(de, en), dimensions, questions, tuple(languages),
                   frozenset(types))  # fmt: skip


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

    @property
    def modules(self) -> dict[str, Module]:
        return {module_id: entry.module for module_id, entry in self.entries.items()}

    def select(self, module_ids: Sequence[str] | None) -> list[Module]:
        """The modules an assessment uses, in the order given (all loaded ones by default)."""
        if not module_ids:
            return [entry.module for entry in self.entries.values()]
        missing = [m for m in module_ids if m not in self.entries]
        if missing:
            from ccassess.errors import CcassessError

            known = ", ".join(self.entries) or "none"
            raise CcassessError(f"module {missing[0]!r} is not loaded; loaded modules: {known}")
        return [self.entries[m].module for m in module_ids]


def collect_contributions(plugins: Plugins, local_yaml: Sequence[Path] = ()) -> Registry:
    """Question types first, then modules; nothing of a rejected plugin stays."""
    types, owners = _question_types(plugins)
    entries = _modules(plugins, types, owners, list(local_yaml))
    _prune_rejected(plugins, types, owners, entries)
    return Registry(plugins, types, entries)


def _prune_rejected(
    plugins: Plugins, types: dict[str, QuestionType], owners: dict[str, str],
    entries: dict[str, ModuleEntry],
) -> None:  # fmt: skip
    """Nothing of a rejected plugin stays active: drop its question types, and modules
    (of other plugins) that can no longer work without them."""
    for name in [n for n, owner in owners.items() if plugins.pm.get_plugin(owner) is None]:
        del types[name]
    for module_id, entry in list(entries.items()):
        missing = entry.summary.question_types - set(types)
        if missing and entry.plugin in plugins.info:
            plugins.reject(entry.plugin, _plugin_error(
                entry.plugin, "ccassess_modules",
                f"module {module_id!r} uses question type {sorted(missing)[0]!r} whose plugin "
                "was rejected"))  # fmt: skip
        if missing or (entry.plugin not in plugins.info and entry.plugin != "local"):
            del entries[module_id]


def _question_types(plugins: Plugins) -> tuple[dict[str, QuestionType], dict[str, str]]:
    types: dict[str, QuestionType] = {}
    owners: dict[str, str] = {}
    for name, result in plugins.call_each("ccassess_question_types"):
        for qtype in plugins.expect_list(name, "ccassess_question_types", result, QuestionType):
            if not qtype.name:
                message = f"{type(qtype).__name__} has no name"
                plugins.reject(name, _plugin_error(name, "ccassess_question_types", message))
                break
            if qtype.name in types:
                plugins.reject(name, _plugin_error(name, "ccassess_question_types",
                               f"question type {qtype.name!r} is already defined by plugin "
                               f"{owners[qtype.name]!r}"))  # fmt: skip
                break
            types[qtype.name] = qtype
            owners[qtype.name] = name
    return types, owners


def _modules(
    plugins: Plugins, types: dict[str, QuestionType], owners: dict[str, str],
    local_yaml: list[Path],
) -> dict[str, ModuleEntry]:  # fmt: skip
    entries: dict[str, ModuleEntry] = {}
    cache: ModuleCache | None = None
    contributions: list[tuple[str, Any]] = []
    for name, result in plugins.call_each("ccassess_modules"):
        items = plugins.expect_list(name, "ccassess_modules", result, _contributed(result))
        contributions.extend((name, item) for item in items)
    contributions.extend(("local", path) for path in local_yaml)
    for plugin, item in contributions:
        if plugins.pm.get_plugin(plugin) is None and plugin != "local":
            continue  # rejected while loading an earlier module
        try:
            if isinstance(item, dict):
                from ccassess.definitions.loading import build_module

                loaded = build_module(item, types, file=f"<{plugin}>")
                entry = ModuleEntry(loaded.module, plugin, loaded.warnings)
            elif isinstance(item, str | Path):
                if cache is None:
                    cache = ModuleCache.for_types(plugins, types, owners, ModuleSummary)
                module, warnings, summary = cache.load(item, types)
                entry = ModuleEntry(module, plugin, warnings, summary)
            else:  # a Module (`_contributed`)
                entry = ModuleEntry(item, plugin)
        except Exception as exc:
            from ccassess.errors import ValidationError

            if not isinstance(exc, ValidationError):
                raise
            first = exc.problems[0]
            more = f" (and {len(exc.problems) - 1} more problems)" if len(exc.problems) > 1 else ""
            error = _plugin_error(plugin, "ccassess_modules", f"invalid module: {first}{more}")
            if plugin == "local":
                raise exc from None
            plugins.reject(plugin, error)
            _drop_modules_of(entries, plugin)
            continue
        module_id = entry.summary.id
        if module_id in entries:
            other = entries[module_id].plugin
            error = _plugin_error(
                plugin,
                "ccassess_modules",
                f"module id {module_id!r} is already registered by plugin {other!r}",
            )
            if plugin == "local":
                raise error
            plugins.reject(plugin, error)
            _drop_modules_of(entries, plugin)
            continue
        entries[module_id] = entry
    return entries


def _plugin_error(plugin: str, hook: str, message: str) -> PluginError:
    from ccassess.errors import PluginError  # not imported at start-up

    return PluginError(plugin, hook, message)


def _drop_modules_of(entries: dict[str, ModuleEntry], plugin: str) -> None:
    for module_id in [m for m, e in entries.items() if e.plugin == plugin]:
        del entries[module_id]


def _contributed(result: Any) -> tuple[type, ...]:
    """What a `ccassess_modules` result may hold: files, definitions as dicts, or modules.

    The model is imported only for a result that is not all files and dicts (those of the
    built-in plugins are files), so that listing cached modules does not import it."""
    if isinstance(result, list | tuple) and all(isinstance(i, str | Path | dict) for i in result):
        return (str, Path, dict)
    from ccassess.model.questionnaire import Module

    return (Module, str, Path, dict)
