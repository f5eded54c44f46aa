"""Everything the plugins contribute, collected once: question types and modules.

`load_registry` is the one place that turns installed plugins (entry points), a local plugins
folder and module YAML files into validated objects, with every failure naming its plugin.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ccassess.errors import PluginError, Problem, ValidationError
from ccassess.loading import build_module, load_module_file
from ccassess.model import Module
from ccassess.plugins import Plugins
from ccassess.qtypes import QuestionType


@dataclass
class ModuleEntry:
    module: Module
    plugin: str
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class Registry:
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


def load_registry(
    plugins_dir: str | Path | None = None,
    *,
    skip_broken: bool = False,
    extra_plugins: Sequence[tuple[str, Any]] = (),
    entry_points: bool = True,
) -> Registry:
    """Load the core, installed plugins, a local plugins folder and extra (test) plugins."""
    from ccassess import core_plugin
    from ccassess.report import sections_plugin as report_sections_module

    plugins = Plugins(skip_broken=skip_broken)
    plugins.register(core_plugin, "core", "core")
    plugins.register(report_sections_module, "core-report", "core")
    if entry_points:
        plugins.load_entry_points()
    local_yaml: list[Path] = []
    if plugins_dir is not None:
        local_yaml = plugins.load_directory(plugins_dir)
    for name, plugin in extra_plugins:
        plugins.register(plugin, name, "extra")
    plugins.pm.check_pending()
    types, owners = _question_types(plugins)
    entries = _modules(plugins, types, local_yaml)
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
        missing = {q.type for _, q in entry.module.questions()} - set(types)
        if missing and entry.plugin in plugins.info:
            plugins.reject(entry.plugin, PluginError(
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
                plugins.reject(name, PluginError(name, "ccassess_question_types", message))
                break
            if qtype.name in types:
                plugins.reject(name, PluginError(name, "ccassess_question_types",
                               f"question type {qtype.name!r} is already defined by plugin "
                               f"{owners[qtype.name]!r}"))  # fmt: skip
                break
            types[qtype.name] = qtype
            owners[qtype.name] = name
    return types, owners


def _modules(
    plugins: Plugins, types: dict[str, QuestionType], local_yaml: list[Path]
) -> dict[str, ModuleEntry]:
    entries: dict[str, ModuleEntry] = {}
    contributions: list[tuple[str, Any]] = []
    for name, result in plugins.call_each("ccassess_modules"):
        items = plugins.expect_list(name, "ccassess_modules", result, (Module, str, Path, dict))
        contributions.extend((name, item) for item in items)
    contributions.extend(("local", path) for path in local_yaml)
    for plugin, item in contributions:
        if plugins.pm.get_plugin(plugin) is None and plugin != "local":
            continue  # rejected while loading an earlier module
        try:
            if isinstance(item, Module):
                entry = ModuleEntry(item, plugin)
            elif isinstance(item, dict):
                loaded = build_module(item, types, file=f"<{plugin}>")
                entry = ModuleEntry(loaded.module, plugin, loaded.warnings)
            else:
                loaded = load_module_file(item, types)
                entry = ModuleEntry(loaded.module, plugin, loaded.warnings)
        except ValidationError as exc:
            first = exc.problems[0]
            more = f" (and {len(exc.problems) - 1} more problems)" if len(exc.problems) > 1 else ""
            error = PluginError(plugin, "ccassess_modules", f"invalid module: {first}{more}")
            if plugin == "local":
                raise exc from None
            plugins.reject(plugin, error)
            _drop_modules_of(entries, plugin)
            continue
        module_id = entry.module.id
        if module_id in entries:
            other = entries[module_id].plugin
            error = PluginError(
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


def _drop_modules_of(entries: dict[str, ModuleEntry], plugin: str) -> None:
    for module_id in [m for m, e in entries.items() if e.plugin == plugin]:
        del entries[module_id]
