"""Report sections as plugins contribute them (public API)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ccassess.text import Text


@dataclass
class ReportSection:
    """One section of the report.

    `template` is looked up in the theme, the default templates and the plugins' template
    folders; it receives `section` (this object), `context` (below) and the report's shared
    context. `order` places it: built-in sections use 100 … 1300 (see the hook reference).
    `context` must be plain data already computed: templates only format. `labels_domain`
    names the plugin's own catalog of labels (`t("key")` in the template finds them first;
    docs/languages.md); with `within`, the section is a part of another one (e.g. of a
    module's chapter).
    """

    id: str
    title: Text
    template: str
    order: int = 1000
    context: dict[str, Any] = field(default_factory=dict)
    #: Whether the section appears in the table of contents and PDF bookmarks.
    in_toc: bool = True
    #: Deprecated (plugin API 1.3): UI strings of this section's template as Text objects,
    #: German and English only. Still found first; use `labels_domain` instead.
    labels: Mapping[str, Text] = field(default_factory=dict)
    #: The id of another section this one is a part of (e.g. ``"module-leadership"``): it is
    #: rendered inside that section, where its template places ``section.parts`` (else at its
    #: end), and never appears in the table of contents.
    within: str | None = None
    #: The section's own CSS (plugin API 1.2), added to the report's stylesheet after the
    #: default styles and before the theme's ``theme.css`` (a theme has the last word).
    #: ``url()`` and ``@import`` may name files in the plugin's template folders only; they
    #: are inlined. Scope the rules to the section: ``[data-section="<id>"] …``.
    css: str = ""
    #: The catalog domain of this section's labels (plugin API 1.3): ``t("key")`` in the
    #: template looks the key up in ``<plugin>/locale/<lang>/LC_MESSAGES/<domain>.po`` (or
    #: ``.mo``) first, then in the report's own labels. The plugin manager registers a
    #: plugin's ``locale/`` folder; the convention is the plugin's package name and ``_labels``.
    labels_domain: str | None = None
    #: A prefix put before each key looked up in `labels_domain` (the built-in sections keep
    #: theirs in the report's catalog as ``board_…``, ``trend_…``).
    labels_prefix: str = ""
