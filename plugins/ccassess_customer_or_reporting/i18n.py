"""The plugin's messages in the user's language: a catalog of its own, used the way the
core uses its own (`ccassess.plugin_messages`, docs/plugins/extending.md).

Messages are English text with named placeholders, filled after translating; what a
respondent reads in the terminal survey stays a bilingual `Text`. The catalog's domain is the
package name; ``scripts/update_catalogs.py`` extracts the messages into ``locale/`` (the
``.pot``) and updates the German ``.po`` beside the section labels' catalog.
"""

from __future__ import annotations

from pathlib import Path

from ccassess import plugin_messages

DOMAIN = "ccassess_customer_or_reporting"
messages = plugin_messages(DOMAIN, Path(__file__).parent / "locale")
_ = messages.gettext
