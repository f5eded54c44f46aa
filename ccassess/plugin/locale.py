"""A plugin's catalogs: the ``locale/`` folder beside its module or package (plugin API 1.3).

Found through the plugin's package, so an installed plugin needs no configuration: the folder
holds ``<lang>/LC_MESSAGES/<domain>.po`` (and optionally ``.mo``) files, and each domain in it
is registered with `ccassess.catalogs` (a report section names its domain in
``ReportSection.labels_domain``; docs/languages.md).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ccassess.catalogs import register_section_labels


def plugin_locale(plugin: Any) -> Path | None:
    """The ``locale/`` folder of a plugin (a module, or an object defined in one): beside the
    module, else in the top folder of its package."""
    module = (
        plugin
        if hasattr(plugin, "__file__")
        else sys.modules.get(getattr(plugin, "__module__", "") or "")
    )
    file = getattr(module, "__file__", None)
    if not file:
        return None
    folder = Path(file).resolve().parent
    depth = (getattr(module, "__name__", "") or "").count(".")
    if Path(file).name != "__init__.py":
        depth -= 1  # a module inside a package: its folder is one level down
    for candidate in [folder, *list(folder.parents)[: max(depth, 0)]]:
        if (candidate / "locale").is_dir():
            return candidate / "locale"
    return None


def register_plugin_locale(plugin: Any) -> list[str]:
    """Register the catalogs a plugin ships; the domains found (none without ``locale/``)."""
    folder = plugin_locale(plugin)
    return register_section_labels(folder) if folder is not None else []
