"""Report sections as plugins contribute them (public API)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ccassess.text import Text


@dataclass
class ReportSection:
    """One section of the report.

    `template` is looked up in the theme, the default templates and the plugins' template
    folders; it receives `section` (this object), `context` (below) and the report's shared
    context. `order` places it: built-in sections use 100 … 1300 (see the hook reference).
    `context` must be plain data already computed: templates only format.
    """

    id: str
    title: Text
    template: str
    order: int = 1000
    context: dict[str, Any] = field(default_factory=dict)
    #: Whether the section appears in the table of contents and PDF bookmarks.
    in_toc: bool = True
