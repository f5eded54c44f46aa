"""The plugin's messages in the user's language: its own catalog (``locale/``), used the
way the core uses its own (`ccassess.plugin_messages`, docs/plugins/extending.md).

Messages are English text with named placeholders:
``_("{file}: skipped {n} rows").format(file=..., n=...)``; constants are marked with ``N_``
and translated where they are shown. ``scripts/update_catalogs.py`` extracts them into
``locale/ccassess_survey_tools.pot`` and updates ``locale/de/LC_MESSAGES/``.
"""

from __future__ import annotations

from pathlib import Path

from ccassess import plugin_messages

DOMAIN = "ccassess_survey_tools"
messages = plugin_messages(DOMAIN, Path(__file__).parent / "locale")
_ = messages.gettext
ngettext = messages.ngettext
N_ = messages.N_
