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
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _hex(rgb: Sequence[float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def tint(colour: str, amount: float) -> str:
    """Mix a colour with white: amount 0 = the colour, 1 = white."""
    return _hex([c + (255 - c) * amount for c in _rgb(colour)])


def mix(a: str, b: str, t: float) -> str:
    return _hex([x + (y - x) * t for x, y in zip(_rgb(a), _rgb(b), strict=True)])


def readable_on(colour: str) -> str:
    """Black or white text, whichever reads better on the colour."""
    r, g, b = _rgb(colour)
    return "#1b1f23" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"
