"""An allow-list sanitiser (nh3, the binding of the Ammonia crate) for HTML that a plugin marks
safe: ``|safe`` in its template, `Markup` in its section's context, its labels.

Allowed: text formatting, lists, tables, headings, images (``data:`` images only: the report
reads nothing from outside), links only where the theme allows them (``plugin_links: true``)
and only to ``http``, ``https`` and ``mailto``. Dropped: scripts, styles, event handlers
(``onerror``), ``javascript:`` and ``data:`` URLs outside images, ``<meta>`` (refresh),
forms, iframes, objects, embeds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import nh3
from markupsafe import Markup

TAGS = frozenset(
    {
        *("a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del"),
        *("div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5"),
        *("h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s"),
        *("small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th"),
        *("thead", "tr", "u", "ul"),
    }
)
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "role"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})


def sanitise(html: str, links: bool = False) -> Markup:
    """`html` with everything not on the allow-list removed (links kept only with `links`)."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            return value if value.strip().lower().startswith("data:image/") else None
        if tag == "a" and attribute == "href":
            scheme = value.strip().split(":", 1)[0].lower() if ":" in value else ""
            return value if links and scheme in LINK_SCHEMES else None
        return value

    cleaned = nh3.clean(
        str(html),
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes={*LINK_SCHEMES, "data"},
        attribute_filter=keep,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return Markup(cleaned)


def sanitise_markup(value: Any, links: bool = False) -> Any:
    """`value` with every `Markup` in it (in dicts, lists, tuples) sanitised; plain strings
    stay as they are (templates escape them)."""
    if isinstance(value, Markup):
        return sanitise(value, links)
    if isinstance(value, Mapping):
        return {key: sanitise_markup(item, links) for key, item in value.items()}
    if isinstance(value, list):
        return [sanitise_markup(item, links) for item in value]
    if isinstance(value, tuple):
        return tuple(sanitise_markup(item, links) for item in value)
    return value
