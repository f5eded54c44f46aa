"""Loading what is installed: the core's own plugins, the installed plugins (entry points),
a local plugins folder and extra (test) plugins, collected into one `Registry`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ccassess.markers import hookimpl
from ccassess.plugin import core as core_plugin
from ccassess.plugin.manager import PluginFailure, Plugins
from ccassess.plugin.registry import Registry, collect_contributions

if TYPE_CHECKING:
    from ccassess.errors import PluginError
    from ccassess.model.result import AssessmentResult
    from ccassess.report.section import ReportSection

#: The core's own plugins: their failure is ccassess's, never skipped.
CORE_PLUGINS = frozenset({"core", "core-report"})
#: A command is run at most this many times, each without one more broken plugin.
MAX_ATTEMPTS = 20


def skip_failed(
    error: PluginError, skipped: list[PluginFailure], registry: Registry | None
) -> bool:
    """Add the plugin `error` names to `skipped`, for a run again without it (with
    --skip-broken-plugins); False when it may not be skipped: the core, a plugin skipped
    already, or too many attempts. `registry` (if loaded) tells the plugin's modules."""
    if (
        error.plugin in CORE_PLUGINS
        or any(f.plugin == error.plugin for f in skipped)
        or len(skipped) >= MAX_ATTEMPTS
    ):
        return False
    modules = tuple(
        module_id
        for module_id, entry in (registry.entries.items() if registry else ())
        if entry.plugin == error.plugin
    )
    skipped.append(PluginFailure(error.plugin, error.message, error, modules))
    return True


def load_registry(
    plugins_dir: str | Path | None = None,
    *,
    skip_broken: bool = False,
    extra_plugins: Sequence[tuple[str, Any]] = (),
    entry_points: bool = True,
    skipped: Sequence[PluginFailure] = (),
    exact_skip: bool = False,
) -> Registry:
    """Load the core, installed plugins, a local plugins folder and extra (test) plugins.

    `skipped`: plugins found broken before (left out, named as skipped). With `exact_skip`,
    a plugin that fails after loading raises even with `skip_broken`, so that the caller can
    start again without it (`Plugins.exact_skip`).
    """
    plugins = Plugins(skip_broken=skip_broken)
    plugins.skip(skipped)
    plugins.register(core_plugin, "core", "core")
    plugins.register(_report_sections(), "core-report", "core")
    if entry_points:
        plugins.load_entry_points()
    local_yaml: list[Path] = []
    if plugins_dir is not None:
        local_yaml = plugins.load_directory(plugins_dir)
    for name, plugin in extra_plugins:
        plugins.register(plugin, name, "extra")
    plugins.finish_loading()
    registry = collect_contributions(plugins, local_yaml)
    plugins.exact_skip = exact_skip and skip_broken
    return registry


def _report_sections() -> ModuleType:
    """The report's built-in sections, registered as the plugin "core-report".

    A stand-in for `ccassess.report.sections_plugin`, whose hook it calls, so that
    registering it does not import the report package (and what that imports) with every
    command. A module, like the other plugins: pluggy looks through a module fastest.
    """
    plugin = ModuleType(f"{__name__}.report_sections", _report_sections.__doc__)
    plugin.ccassess_report_sections = _report_sections_hook  # type: ignore[attr-defined]
    return plugin


@hookimpl(specname="ccassess_report_sections")
def _report_sections_hook(result: AssessmentResult, lang: str) -> list[ReportSection]:
    # late import: registered with every command, needed only for a report
    from ccassess.report.sections_plugin import ccassess_report_sections

    return ccassess_report_sections(result, lang)
