"""SVG written by hand: an element accumulator that escapes every attribute and text, and
word wrapping for labels. Sizes are in millimetres so the page layout is predictable; the
drawing itself uses a viewBox in user units.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

#: Width of a full-width chart on an A4 page with the default margins.
FULL_WIDTH_MM = 170.0
FONT_SIZE = 11
SMALL = 9.5


def wrap(text: str, width: int, lines: int = 2) -> list[str]:
    """Greedy word wrap into at most `lines` lines of about `width` characters (… if cut)."""
    words = text.split()
    result: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width or not current:
            current = candidate
        else:
            result.append(current)
            current = word
    if current:
        result.append(current)
    if len(result) > lines:
        result = result[:lines]
        result[-1] = result[-1][: max(1, width - 1)].rstrip() + "…"
    return [line if len(line) <= width + 3 else line[: width + 2] + "…" for line in result]


class Svg:
    """Accumulates SVG elements; every attribute value and text is escaped."""

    def __init__(
        self,
        width: float,
        height: float,
        font: str,
        label: str,
        width_mm: float = FULL_WIDTH_MM,
        ident: str | None = None,
    ) -> None:
        self.width = width
        self.height = height
        self.font = font
        #: The text alternative: what the chart shows and its key values (see charts/alt.py).
        self.label = label
        self.width_mm = width_mm
        #: A document-unique id for the <title>, which then names the chart (aria-labelledby).
        self.ident = ident
        self.parts: list[str] = []

    def add(self, tag: str, text: str | None = None, **attributes: Any) -> None:
        attrs = "".join(
            f' {key.rstrip("_").replace("_", "-")}="{escape(_value(value))}"'
            for key, value in attributes.items()
            if value is not None
        )
        if text is None:
            self.parts.append(f"<{tag}{attrs}/>")
        else:
            self.parts.append(f"<{tag}{attrs}>{escape(text)}</{tag}>")

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float = FONT_SIZE,
        anchor: str = "start",
        fill: str = "#1b1f23",
        weight: str | None = None,
        **more: Any,
    ) -> None:
        self.add(
            "text",
            text,
            x=x,
            y=y,
            font_size=size,
            text_anchor=anchor,
            fill=fill,
            font_weight=weight,
            **more,
        )

    def lines(
        self,
        x: float,
        y: float,
        lines: Sequence[str],
        size: float = FONT_SIZE,
        anchor: str = "start",
        fill: str = "#1b1f23",
        leading: float = 1.2,
    ) -> None:
        """Text lines centred vertically on y."""
        top = y - (len(lines) - 1) * size * leading / 2 + size * 0.35
        for index, line in enumerate(lines):
            self.text(x, top + index * size * leading, line, size, anchor, fill)

    def render(self) -> Markup:
        """The <svg>; its first child, <title>, holds the text alternative: WeasyPrint makes it
        the Figure's /Alt in a tagged PDF, and it names the chart in HTML."""
        height_mm = self.width_mm * self.height / self.width
        if self.ident:
            name = f'aria-labelledby="{escape(self.ident)}"'
            title = f'<title id="{escape(self.ident)}">{escape(self.label)}</title>'
        else:
            name = f'aria-label="{escape(self.label)}"'
            title = f"<title>{escape(self.label)}</title>"
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" {name} '
            f'width="{self.width_mm:.1f}mm" '
            f'height="{height_mm:.1f}mm" viewBox="0 0 {self.width:g} {self.height:g}" '
            f'font-family="{escape(self.font)}">'
        )
        return Markup(head + title + "".join(self.parts) + "</svg>")


def _value(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def label_of(row: dict[str, Any]) -> str:
    """A row's label (its "label", else its "title")."""
    return str(row.get("label") or row.get("title") or "")
