"""The theme's colours as charts use them: the palette, and mixing and contrast of colours."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: The theme colours a chart item may name (besides level-1 … level-5).
COLOUR_NAMES = (
    "primary",
    "accent",
    "text",
    "muted",
    "rule",
    "background",
    "internal",
    "customer",
    "overall",
)


@dataclass
class Palette:
    primary: str
    accent: str
    text: str
    muted: str
    rule: str
    background: str
    internal: str
    customer: str
    overall: str
    levels: Sequence[str]

    @classmethod
    def from_theme(cls, theme: Any) -> Palette:
        return cls(levels=list(theme.levels), **theme.colours)


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _hex(rgb: Sequence[float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def tint(colour: str, amount: float) -> str:
    """Mix a colour with white: amount 0 = the colour, 1 = white."""
    return _hex([c + (255 - c) * amount for c in _rgb(colour)])


def mix(a: str, b: str, t: float) -> str:
    return _hex([x + (y - x) * t for x, y in zip(_rgb(a), _rgb(b), strict=True)])


def luminance(colour: str) -> float:
    """Relative luminance as WCAG 2 defines it (0 black … 1 white)."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21 (AA: 4.5 for text, 3 for large text
    and graphics)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


DARK_TEXT = "#1b1f23"
LIGHT_TEXT = "#ffffff"


def readable_on(colour: str) -> str:
    """Dark or white text, whichever contrasts more with the colour."""
    return DARK_TEXT if contrast(DARK_TEXT, colour) >= contrast(LIGHT_TEXT, colour) else LIGHT_TEXT
