"""The plugin API version check: which plugins this ccassess can load (docs/plugins/api.md)."""

from __future__ import annotations

from typing import Any

from ccassess import PLUGIN_API_VERSION
from ccassess.catalogs import _


def check_api_version(plugin: Any, name: str) -> None:
    """A plugin may declare CCASSESS_PLUGIN_API = "1.0"; same major and no newer minor."""
    declared = getattr(plugin, "CCASSESS_PLUGIN_API", None)
    if declared is None:
        return
    try:
        major, minor = (int(part) for part in str(declared).split(".")[:2])
    except ValueError:
        # late import: start-up time, used only when a plugin fails
        from ccassess.errors import PluginError

        raise PluginError(
            name,
            None,
            _("CCASSESS_PLUGIN_API {value} is not like '1.0'").format(value=repr(declared)),
        ) from None

    our_major, our_minor = (int(part) for part in PLUGIN_API_VERSION.split("."))
    if major != our_major or minor > our_minor:
        # late import: start-up time, used only when a plugin fails
        from ccassess.errors import PluginError

        raise PluginError(
            name,
            None,
            _(
                "needs plugin API {needed}, this ccassess provides {provided}; skipped "
                "(upgrade ccassess or the plugin)"
            ).format(needed=declared, provided=PLUGIN_API_VERSION),
        )
