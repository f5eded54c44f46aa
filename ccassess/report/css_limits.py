"""Sanity limits on what a theme's CSS may ask of the renderer (issue 17).

A page of 100000cm or a font of 1e9px makes WeasyPrint lay out (and allocate for) a page or a
glyph of that size: the process grew to 24 GB. Before anything renders, every length and
number in a theme's CSS (theme.css, .css files and the <style> blocks and style attributes of
its templates) is checked against limits far above any real report's, and a value beyond them
is refused with the file, the line and the value. What CSS cannot say statically (values a
template computes) is bounded by the render's time and memory limits (ccassess.report.limits).
"""

from __future__ import annotations

import re

from ccassess.catalogs import _
from ccassess.errors import CcassessError

#: Absolute lengths in points (1pt = 1/72 in).
_POINTS = {"pt": 1.0, "px": 0.75, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "pc": 12.0}
_POINTS["q"] = _POINTS["mm"] / 4
#: The largest page side: a little over A0's long side (118.9 cm).
MAX_PAGE_PT = 3500.0
#: The largest font size: 500 pt (about 18 cm per line), far above any poster heading.
MAX_FONT_PT = 500.0
#: The largest length anywhere else (margins, widths, positions): the page's limit.
MAX_LENGTH_PT = MAX_PAGE_PT
#: Relative units (em, rem, ex, ch, lh and the viewport's) and %: at most this many.
MAX_RELATIVE = 1000.0
#: Any other number (line-height, z-index, counters, scale factors): at most this.
MAX_NUMBER = 100_000.0

NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
VALUE_RE = re.compile(rf"(?<![\w#.-])({NUMBER})([a-zA-Z%]*)")
DECLARATION_RE = re.compile(r"([a-zA-Z-]+)\s*:\s*([^;{}]*)")
COMMENT_RE = re.compile(r"/\*.*?\*/", re.DOTALL)
URL_OR_STRING_RE = re.compile(r"""url\([^)]*\)|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'""", re.I)
STYLE_BLOCK_RE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
STYLE_ATTRIBUTE_RE = re.compile(r"""\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
TEMPLATE_CODE_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
FONT_PROPERTIES = {"font-size", "font"}
PAGE_PROPERTIES = {"size", "width", "height"}


def check_css(css: str, origin: str, first_line: int = 1) -> None:
    """Refuse a stylesheet with a length or number beyond the limits (CcassessError)."""
    text = TEMPLATE_CODE_RE.sub(_blank, URL_OR_STRING_RE.sub(_blank, COMMENT_RE.sub(_blank, css)))
    for declaration in DECLARATION_RE.finditer(text):
        prop = declaration.group(1).lower()
        for value in VALUE_RE.finditer(declaration.group(2)):
            problem = _problem(prop, float(value.group(1)), value.group(2).lower())
            if problem:
                line = first_line + css.count("\n", 0, declaration.start())
                # TRANSLATORS: {problem} says which limit the value exceeds ("is larger
                # than the font size limit (500pt)")
                raise CcassessError(
                    _(
                        "{file}:{line}: {property}: {value} {problem}; a theme may not ask the "
                        "renderer for more (see docs/theming.md, limits)"
                    ).format(
                        file=origin,
                        line=line,
                        property=prop,
                        value=value.group(0),
                        problem=problem,
                    )
                )


def check_template_css(text: str, origin: str) -> None:
    """The <style> blocks and style attributes of a theme's HTML template."""
    for match in STYLE_BLOCK_RE.finditer(text):
        check_css(match.group(1), origin, 1 + text.count("\n", 0, match.start(1)))
    for match in STYLE_ATTRIBUTE_RE.finditer(text):
        value = match.group(1) if match.group(1) is not None else match.group(2)
        check_css(value, origin, 1 + text.count("\n", 0, match.start()))


def _problem(prop: str, number: float, unit: str) -> str | None:
    size = abs(number)
    if unit in _POINTS:
        points = size * _POINTS[unit]
        if prop in FONT_PROPERTIES and points > MAX_FONT_PT:
            return _("is larger than the font size limit ({limit}pt)").format(
                limit=f"{MAX_FONT_PT:g}"
            )
        limit = MAX_PAGE_PT if prop in PAGE_PROPERTIES else MAX_LENGTH_PT
        if points > limit:
            return _("is larger than the length limit ({limit}pt, about 123 cm)").format(
                limit=f"{limit:g}"
            )
        return None
    if unit and size > MAX_RELATIVE:
        return _("is larger than the limit for relative sizes ({limit})").format(
            limit=f"{MAX_RELATIVE:g}{unit}"
        )
    if prop in FONT_PROPERTIES and unit in ("em", "rem") and size > MAX_FONT_PT / 12:
        return _("is larger than the font size limit ({limit}pt)").format(limit=f"{MAX_FONT_PT:g}")
    if not unit and size > MAX_NUMBER:
        return _("is larger than the limit for numbers ({limit})").format(limit=f"{MAX_NUMBER:g}")
    return None


def _blank(match: re.Match[str]) -> str:
    """Keep line numbers: replace a span by its newlines only."""
    return "\n" * match.group(0).count("\n")
