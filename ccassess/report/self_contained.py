"""The last check of a report's HTML: it loads nothing, runs nothing, goes nowhere (issue 17).

`resources.inline_html` inlines what templates reference (quoted src/href/… of known tags).
This check runs on the finished document and refuses whatever would still make a browser
fetch, embed, run or navigate: frames (<iframe>, <frame>), embedded objects (<object>,
<embed>, <applet>, <portal>), <script>, <base>, forms, <meta http-equiv> (refresh), event
handler attributes (on…), and any fetching attribute — quoted or not — whose value is not a
data: URL or a fragment (#…). Links (<a href>) may point to http(s) and mailto: following
one is the reader's choice. Answers never reach this as markup (they are autoescaped); what
is refused comes from a theme's templates or a plugin's section, and the message names it.
"""

from __future__ import annotations

import re

from ccassess.catalogs import _
from ccassess.errors import CcassessError

FORBIDDEN_TAGS = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "portal",
    "script",
    "base",
    "form",
    "noscript",
}
#: Attributes that make a browser (or WeasyPrint) load something.
FETCHING = {
    "src",
    "href",
    "xlink:href",
    "data",
    "poster",
    "srcset",
    "imagesrcset",
    "action",
    "formaction",
    "background",
    "ping",
    "srcdoc",
    "lowsrc",
    "dynsrc",
    "codebase",
    "archive",
    "manifest",
    "longdesc",
    "profile",
    "usemap",
}
LINK_TAGS = {"a", "area"}
LINK_SCHEMES = ("http://", "https://", "mailto:", "#")
META_ALLOWED = {"content-type", "content-language"}

STYLE_RE = re.compile(r"<style\b[^>]*>.*?</style\s*>", re.IGNORECASE | re.DOTALL)
FORBIDDEN_RE = re.compile(rf"<\s*({'|'.join(sorted(FORBIDDEN_TAGS))})(?![\w:.-])", re.IGNORECASE)
HANDLER_RE = re.compile(r"[\s\"'/](on[a-z]+)\s*=", re.IGNORECASE)
FETCHING_RE = re.compile(
    rf"[\s\"'/]({'|'.join(sorted(FETCHING))})\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+))",
    re.IGNORECASE,
)
STYLE_ATTRIBUTE_RE = re.compile(r"""[\s"'/]style\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
META_EQUIV_RE = re.compile(
    r"""<\s*meta\b[^>]*?http-equiv\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""",
    re.IGNORECASE,
)
TAG_RE = re.compile(r"<\s*([a-zA-Z][\w:.-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
ATTRIBUTE_RE = re.compile(
    r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""", re.DOTALL
)
CSS_URL_RE = re.compile(r"url\(\s*(?![\"']?\s*(?:data:|#))", re.IGNORECASE)
CSS_IMPORT_RE = re.compile(r"@import\b", re.IGNORECASE)
CSS_COMMENT_RE = re.compile(r"/\*.*?\*/", re.DOTALL)


def check_self_contained(html: str, origin: str | None = None) -> None:
    """Raise a one-line CcassessError naming the first element that would load or run.

    Each rule is one regular-expression pass (the document of a large report has tens of
    thousands of tags); a match counts only inside a tag, never in text, where answers are.
    """
    origin = origin if origin is not None else _("the report")
    for block in STYLE_RE.finditer(html):
        _check_css(block.group(0), origin)
    markup = STYLE_RE.sub("", html)
    for match in FORBIDDEN_RE.finditer(markup):
        _refuse(origin, f"<{match.group(1).lower()}>", _("reports embed, run and load nothing"))
    tags = {
        markup.rfind("<", 0, match.start())
        for pattern in (HANDLER_RE, STYLE_ATTRIBUTE_RE, FETCHING_RE)
        for match in pattern.finditer(markup)
        if _in_tag(markup, match.start())
    }
    for start in sorted(tags):
        tag = TAG_RE.match(markup, start)
        if tag is not None:
            _check_tag(tag.group(1).lower(), tag.group(2), origin)
    for match in META_EQUIV_RE.finditer(markup):
        tag = TAG_RE.match(markup, match.start())
        if tag is not None:
            _check_tag("meta", tag.group(2), origin)


def _check_tag(name: str, attribute_text: str, origin: str) -> None:
    """One tag's attributes, read with their quoting (text inside a value is no attribute)."""
    attributes = {
        match.group(1).lower(): next((g for g in match.group(2, 3, 4) if g is not None), "")
        for match in ATTRIBUTE_RE.finditer(attribute_text)
    }
    for attribute, value in attributes.items():
        if attribute.startswith("on"):
            _refuse(origin, f"<{name} {attribute}=…>", _("reports have no scripts"))
        if attribute == "style":
            _check_css(value, origin)
        if attribute not in FETCHING:
            continue
        lowered = re.sub(r"\s+", "", value).lower()
        if not lowered or lowered.startswith(("data:", "#")):
            continue
        if name in LINK_TAGS and attribute == "href" and lowered.startswith(LINK_SCHEMES):
            continue
        _refuse(origin, f"<{name} {attribute}={value[:80]!r}>", _("it would load a resource"))
    equiv = attributes.get("http-equiv") if name == "meta" else None
    if equiv is not None and equiv.strip().lower() not in META_ALLOWED:
        _refuse(origin, f'<meta http-equiv="{equiv}">', _("no refresh or redirect"))


def _in_tag(markup: str, position: int) -> bool:
    """Whether `position` lies inside a tag's angle brackets (not in text)."""
    return markup.rfind("<", 0, position) > markup.rfind(">", 0, position)


def _check_css(css: str, origin: str) -> None:
    css = CSS_COMMENT_RE.sub("", css)
    if CSS_URL_RE.search(css) or CSS_IMPORT_RE.search(css):
        match = CSS_URL_RE.search(css) or CSS_IMPORT_RE.search(css)
        assert match is not None
        _refuse(origin, css[match.start() : match.start() + 60].strip(), _("CSS that loads"))


def _refuse(origin: str, what: str, why: str) -> None:
    raise CcassessError(
        _(
            "report: refused {what} in {origin} (the HTML must be self-contained: {why}); "
            "remove it from the theme's template or the plugin's section"
        ).format(what=what, origin=origin, why=why)
    )
