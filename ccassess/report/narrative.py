"""The consultant's Markdown, made safe for the report: markdown-it-py renders it (raw HTML
in the Markdown is shown as text, never passed through), then the report's sanitiser for
plugin HTML (nh3 with an allow-list, ccassess/report/sanitise.py) keeps only safe tags and
attributes. Links keep their text and only http, https and mailto targets; images only as
data: URLs (markdown-it does not even produce those from a file path).
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

from ccassess.report.sanitise import sanitise


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    # commonmark without raw HTML; tables and strikethrough as a consultant expects them
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(
        ["table", "strikethrough"]
    )


def sanitise_html(html: str) -> Markup:
    """The report's allow-list sanitiser for plugin HTML (ccassess/report/sanitise.py), with
    links kept: the consultant's own links to http, https and mailto."""
    return sanitise(html, links=True)


def markdown_html(source: str) -> Markup:
    """Markdown → sanitised HTML; headings are shifted to h3/h4 so they sit under a section."""
    html = _markdown().render(_shift_headings(source))
    return sanitise_html(html)


def inline_markdown_html(source: str) -> Markup:
    """One line of Markdown (a list item) → sanitised inline HTML, without a paragraph."""
    html = _markdown().renderInline(source)
    return sanitise_html(html)


def _shift_headings(source: str) -> str:
    lines = []
    for line in source.splitlines():
        stripped = line.lstrip()
        if stripped.startswith("#"):
            hashes = len(stripped) - len(stripped.lstrip("#"))
            if 1 <= hashes <= 6 and stripped[hashes : hashes + 1] in (" ", ""):
                line = "#" * min(4, hashes + 2) + stripped[hashes:]
        lines.append(line)
    return "\n".join(lines)
