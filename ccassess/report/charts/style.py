"""What every chart kind draws with: the theme's palette and font, the report's language,
level and score colours, named colours and legends."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ccassess.catalogs import _
from ccassess.errors import CcassessError
from ccassess.format import number
from ccassess.report.charts.colours import COLOUR_NAMES, Palette, mix, tint
from ccassess.report.charts.svg import SMALL, Svg


class ChartStyle:
    """A theme's palette and font and the report language, with the helpers chart kinds share."""

    def __init__(self, palette: Palette, font: str, lang: str) -> None:
        self.p = palette
        self.font = font
        self.lang = lang
        self._charts = 0

    def next_id(self) -> str:
        """An id for the next chart's title, unique within one report."""
        self._charts += 1
        return f"chart-{self._charts}"

    def num(self, value: float | None, digits: int = 0) -> str:
        return number(value, self.lang, digits)

    def level_colour(self, level: int | None) -> str:
        if not level:
            return self.p.muted
        return self.p.levels[max(1, min(len(self.p.levels), level)) - 1]

    def score_colour(self, score: float) -> str:
        """A continuous colour scale through the level colours (centred in each band)."""
        colours = self.p.levels
        step = 100 / len(colours)
        position = (max(0.0, min(100.0, score)) - step / 2) / step
        if position <= 0:
            return colours[0]
        if position >= len(colours) - 1:
            return colours[-1]
        index = int(position)
        return mix(colours[index], colours[index + 1], position - index)

    def colour(self, name: str, lighter: float = 0.0) -> str:
        """A theme colour by name (primary, accent, …, internal, customer, level-1 … level-5),
        mixed with white by `lighter` (0 = the colour, 1 = white)."""
        level = re.fullmatch(r"level-([1-9])", name)
        if level and int(level[1]) <= len(self.p.levels):
            colour = self.p.levels[int(level[1]) - 1]
        elif name in COLOUR_NAMES:
            colour = getattr(self.p, name)
        else:
            raise CcassessError(
                _("report chart: unknown colour {colour}; known: {known}").format(
                    colour=repr(name),
                    known=f"{', '.join(COLOUR_NAMES)}, level-1 … level-{len(self.p.levels)}",
                )
            )
        return tint(colour, lighter) if lighter else colour

    def item_colours(self, items: Sequence[dict[str, Any]]) -> list[str]:
        """Each item's colour: its "colour" (a theme colour name, see `colour`) lightened by
        its "tint", else the next of a cycle through the theme's colours."""
        cycle = [
            self.p.primary,
            self.p.accent,
            self.p.internal,
            self.p.levels[-1],
            self.p.levels[0],
        ]
        return [
            self.colour(item["colour"], item.get("tint") or 0.0)
            if item.get("colour")
            else cycle[index % len(cycle)]
            for index, item in enumerate(items)
        ]

    def legend(self, svg: Svg, x: float, y: float, items: Sequence[tuple[str, str, str]]) -> None:
        """Legend entries (label, colour, kind: line|dashed|dot|box) in one row from x."""
        for label, colour, kind in items:
            if kind == "box":
                svg.add("rect", x=x, y=y - 5, width=14, height=10, fill=colour, rx=2)
            elif kind == "diamond":
                svg.add(
                    "polygon",
                    points=f"{x + 8},{y - 5.5} {x + 13.5},{y} {x + 8},{y + 5.5} {x + 2.5},{y}",
                    fill=colour,
                )
            else:
                svg.add(
                    "line",
                    x1=x,
                    y1=y,
                    x2=x + 16,
                    y2=y,
                    stroke=colour,
                    stroke_width=2.5,
                    stroke_dasharray="5 3" if kind == "dashed" else None,
                )
                if kind == "dot":
                    svg.add("circle", cx=x + 8, cy=y, r=3.5, fill=colour)
            svg.text(x + 21, y + 3.5, label, SMALL, fill=self.p.text)
            x += 21 + len(label) * SMALL * 0.56 + 18
