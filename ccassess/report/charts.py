"""Charts as inline SVG, written by small functions (no plotting library, no JavaScript).

Each function takes plain data that is already computed (scores 0–100, shares 0–1, labels
in the report's language) and returns the SVG as Markup; every label is escaped. Geometry is
computed here so that templates only place the chart. Sizes are in millimetres so the page
layout is predictable; the drawing itself uses a viewBox in user units.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from ccassess.errors import CcassessError
from ccassess.format import number, percent

#: Width of a full-width chart on an A4 page with the default margins.
FULL_WIDTH_MM = 170.0
FONT_SIZE = 11
SMALL = 9.5
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
        self, width: float, height: float, font: str, label: str, width_mm: float = FULL_WIDTH_MM
    ) -> None:
        self.width = width
        self.height = height
        self.font = font
        self.label = label
        self.width_mm = width_mm
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
        height_mm = self.width_mm * self.height / self.width
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
            f'aria-label="{escape(self.label)}" width="{self.width_mm:.1f}mm" '
            f'height="{height_mm:.1f}mm" viewBox="0 0 {self.width:g} {self.height:g}" '
            f'font-family="{escape(self.font)}">'
        )
        return Markup(head + "".join(self.parts) + "</svg>")


def _value(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


class Charts:
    """The chart functions, bound to a theme's palette and font and the report language."""

    def __init__(self, palette: Palette, font: str, lang: str) -> None:
        self.p = palette
        self.font = font
        self.lang = lang

    # -- helpers ---------------------------------------------------------------------------

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
                f"report chart: unknown colour {name!r}; known: {', '.join(COLOUR_NAMES)}, "
                f"level-1 … level-{len(self.p.levels)}"
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

    def _legend(self, svg: Svg, x: float, y: float, items: Sequence[tuple[str, str, str]]) -> None:
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

    # -- radar -----------------------------------------------------------------------------

    def radar(
        self,
        axes: Sequence[str],
        series: Sequence[dict[str, Any]],
        label: str,
        numbered: bool = False,
    ) -> Markup:
        """Spider chart: one axis per dimension; series = {name, role, values (0–100|None)}.

        Roles: overall (filled), internal (dashed), customer. Missing values break a line.
        With `numbered`, axes show their number (1…n) and the template prints a key.
        """
        count = len(axes)
        width, radius = 640.0, 175.0 if not numbered else 200.0
        cx, cy = width / 2, radius + (60 if not numbered else 36)
        height = cy + radius + (60 if not numbered else 36) + 30
        svg = Svg(width, height, self.font, label, width_mm=150.0)

        def point(index: int, value: float) -> tuple[float, float]:
            angle = -math.pi / 2 + 2 * math.pi * index / count
            r = radius * max(0.0, min(100.0, value)) / 100
            return cx + r * math.cos(angle), cy + r * math.sin(angle)

        def polygon(value: float) -> str:
            return " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, value) for i in range(count)))

        # level bands, outermost first
        for level in range(len(self.p.levels), 0, -1):
            svg.add(
                "polygon",
                points=polygon(level * 100 / len(self.p.levels)),
                fill=tint(self.level_colour(level), 0.84),
                stroke="#ffffff",
                stroke_width=1,
            )
        for index in range(count):
            x, y = point(index, 100)
            svg.add("line", x1=cx, y1=cy, x2=x, y2=y, stroke="#ffffff", stroke_width=1)
        for value in (20, 40, 60, 80, 100):
            svg.text(cx + 3, cy - radius * value / 100 + 10, self.num(value), 8, fill=self.p.muted)
        styles = {
            "overall": (self.p.overall, None, 0.22),
            "internal": (self.p.internal, "6 4", 0.0),
            "customer": (self.p.customer, None, 0.0),
        }
        for entry in series:
            colour, dash, opacity = styles.get(entry["role"], (self.p.accent, None, 0.0))
            values = entry["values"]
            if all(v is not None for v in values) and count >= 3:
                svg.add(
                    "polygon",
                    points=" ".join(
                        f"{x:.1f},{y:.1f}" for x, y in (point(i, v) for i, v in enumerate(values))
                    ),
                    fill=colour if opacity else "none",
                    fill_opacity=opacity or None,
                    stroke=colour,
                    stroke_width=2.2,
                    stroke_dasharray=dash,
                    stroke_linejoin="round",
                )
            else:
                for run in _runs(values):
                    pts = [point(i % count, values[i % count]) for i in run]
                    if len(pts) > 1:
                        svg.add(
                            "polyline",
                            points=" ".join(f"{x:.1f},{y:.1f}" for x, y in pts),
                            fill="none",
                            stroke=colour,
                            stroke_width=2.2,
                            stroke_dasharray=dash,
                            stroke_linejoin="round",
                        )
            for index, value in enumerate(values):
                if value is not None:
                    x, y = point(index, value)
                    svg.add("circle", cx=x, cy=y, r=2.8, fill=colour)
        for index, name in enumerate(axes):
            angle = -math.pi / 2 + 2 * math.pi * index / count
            lx = cx + (radius + 14) * math.cos(angle)
            ly = cy + (radius + 14) * math.sin(angle)
            cos = math.cos(angle)
            anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
            if numbered:
                svg.lines(lx, ly + 2 * math.sin(angle), [str(index + 1)], 10, anchor, self.p.text)
            else:
                lines = wrap(name, 20, 2)
                shift = (len(lines) - 1) * 7 * math.sin(angle)
                svg.lines(lx, ly + shift, lines, 10, anchor, self.p.text)
        legend = [
            (
                entry["name"],
                styles.get(entry["role"], (self.p.accent,))[0],
                "dashed" if entry["role"] == "internal" else "line",
            )
            for entry in series
        ]
        self._legend(svg, 40, height - 14, legend)
        return svg.render()

    # -- dimension bars with level bands ---------------------------------------------------

    def dimension_bars(
        self,
        rows: Sequence[dict[str, Any]],
        thresholds: Sequence[float],
        label: str,
        legend: Sequence[str] = (),
    ) -> Markup:
        """Horizontal score bars over coloured level bands; markers for the perspectives.

        rows: {label, score, level, internal, customer}. thresholds: the levels' minimum
        scores (ascending). legend: names for (score, internal, customer).
        """
        width, left, right = 680.0, 250.0, 628.0
        row_height, top = 32.0, 28.0
        markers = any(r.get("internal") is not None or r.get("customer") is not None for r in rows)
        height = top + row_height * len(rows) + 26 + (22 if markers else 0)
        svg = Svg(width, height, self.font, label)
        scale = (right - left) / 100

        bounds = [*thresholds, 100.0]
        for index in range(len(thresholds)):
            x0, x1 = left + bounds[index] * scale, left + bounds[index + 1] * scale
            colour = self.level_colour(index + 1)
            svg.add(
                "rect",
                x=x0,
                y=top,
                width=x1 - x0,
                height=row_height * len(rows),
                fill=tint(colour, 0.82),
            )
            svg.text((x0 + x1) / 2, top - 8, str(index + 1), SMALL, "middle", self.p.muted, "bold")
        for row_index, row in enumerate(rows):
            y = top + row_index * row_height
            mid = y + row_height / 2
            if row_index:
                svg.add("line", x1=left, y1=y, x2=right, y2=y, stroke="#ffffff", stroke_width=1.2)
            svg.lines(left - 10, mid, wrap(_label(row), 40, 2), 10, "end", self.p.text)
            score = row.get("score")
            if score is None:
                svg.text(left + 6, mid + 3.5, "–", 10, fill=self.p.muted)
                continue
            colour = self.level_colour(row.get("level"))
            svg.add(
                "rect",
                x=left,
                y=mid - 7,
                width=max(1.5, score * scale),
                height=14,
                fill=colour,
                rx=2,
            )
            svg.text(right + 8, mid + 4, self.num(score), 11, fill=self.p.text, weight="bold")
            for key, shape in (("internal", "circle"), ("customer", "diamond")):
                value = row.get(key)
                if value is None:
                    continue
                x = left + value * scale
                fill = self.p.internal if key == "internal" else self.p.customer
                if shape == "circle":
                    svg.add(
                        "circle", cx=x, cy=mid, r=4.6, fill=fill, stroke="#ffffff", stroke_width=1.4
                    )
                else:
                    svg.add(
                        "polygon",
                        points=f"{x:.1f},{mid - 6:.1f} {x + 6:.1f},{mid:.1f} "
                        f"{x:.1f},{mid + 6:.1f} {x - 6:.1f},{mid:.1f}",
                        fill=fill,
                        stroke="#ffffff",
                        stroke_width=1.4,
                    )
        axis_y = top + row_height * len(rows)
        for value in (0, 20, 40, 60, 80, 100):
            x = left + value * scale
            svg.add(
                "line", x1=x, y1=axis_y, x2=x, y2=axis_y + 4, stroke=self.p.muted, stroke_width=1
            )
            svg.text(x, axis_y + 15, self.num(value), 8.5, "middle", self.p.muted)
        if markers and len(legend) >= 3:
            y = height - 10
            self._legend(
                svg,
                left,
                y,
                [(legend[1], self.p.internal, "dot"), (legend[2], self.p.customer, "diamond")],
            )
        return svg.render()

    # -- perception gap --------------------------------------------------------------------

    def gap_bars(self, rows: Sequence[dict[str, Any]], names: Sequence[str], label: str) -> Markup:
        """Dumbbells: internal vs customer score per row, with the gap (internal − customer).

        rows: {label, internal, customer, gap}. names: (internal, customer, gap) labels.
        """
        width, left, right = 680.0, 250.0, 600.0
        row_height, top = 30.0, 26.0
        height = top + row_height * len(rows) + 46
        svg = Svg(width, height, self.font, label)
        scale = (right - left) / 100
        for value in (0, 20, 40, 60, 80, 100):
            x = left + value * scale
            svg.add(
                "line",
                x1=x,
                y1=top - 4,
                x2=x,
                y2=top + row_height * len(rows),
                stroke=self.p.rule,
                stroke_width=0.8,
            )
            svg.text(
                x, top + row_height * len(rows) + 14, self.num(value), 8.5, "middle", self.p.muted
            )
        svg.text(width - 4, top - 10, names[2], SMALL, "end", self.p.muted, "bold")
        for index, row in enumerate(rows):
            mid = top + index * row_height + row_height / 2
            if index % 2 == 0:
                svg.add(
                    "rect",
                    x=0,
                    y=mid - row_height / 2,
                    width=width,
                    height=row_height,
                    fill=self.p.background,
                    fill_opacity=0.6,
                )
            svg.lines(left - 10, mid, wrap(_label(row), 40, 2), 10, "end", self.p.text)
            internal, customer = row["internal"], row["customer"]
            xi, xc = left + internal * scale, left + customer * scale
            svg.add(
                "line", x1=xc, y1=mid, x2=xi, y2=mid, stroke=tint(self.p.text, 0.55), stroke_width=3
            )
            svg.add("circle", cx=xi, cy=mid, r=5.5, fill=self.p.internal)
            svg.add("circle", cx=xc, cy=mid, r=5.5, fill=self.p.customer)
            gap = row["gap"]
            sign = "+" if gap > 0.5 else ("−" if gap < -0.5 else "±")
            colour = self.level_colour(1) if abs(gap) >= 20 else self.p.text
            svg.text(width - 4, mid + 4, f"{sign}{self.num(abs(gap))}", 11, "end", colour, "bold")
        self._legend(
            svg,
            left,
            height - 10,
            [(names[0], self.p.internal, "dot"), (names[1], self.p.customer, "dot")],
        )
        return svg.render()

    # -- heatmap ---------------------------------------------------------------------------

    def heatmap(
        self,
        rows: Sequence[str],
        columns: Sequence[str],
        values: Sequence[Sequence[float | None]],
        label: str,
        legend: tuple[str, str, str],
        row_labels: int = 1,
        total_row: bool = False,
    ) -> Markup:
        """Rows × columns (e.g. raters × rated departments), cells coloured on the level scale.

        legend: (title of the colour scale, low end, high end). row_labels: lines per label.
        total_row: the last row is a total, set apart by a gap.
        """
        width = 680.0
        left = 150.0 if row_labels == 1 else 230.0
        header = 96.0 if max((len(c) for c in columns), default=0) <= 22 else 120.0
        # room on the right for the last column's slanted label
        cell_w = min(72.0, (width - left - 70) / max(1, len(columns)))
        cell_h = 30.0
        gap = 8.0 if total_row else 0.0
        grid_h = cell_h * len(rows) + gap
        height = header + grid_h + 58
        svg = Svg(width, height, self.font, label)
        for index, name in enumerate(columns):
            x = left + index * cell_w + cell_w / 2
            svg.text(
                x + 3,
                header - 8,
                wrap(name, 30, 1)[0],
                10,
                "start",
                self.p.text,
                transform=f"rotate(-40 {x + 3:.1f} {header - 8:.1f})",
            )
        for r, name in enumerate(rows):
            y = header + r * cell_h + (gap if total_row and r == len(rows) - 1 else 0.0)
            svg.lines(
                left - 8,
                y + cell_h / 2,
                wrap(name, 24 if row_labels == 1 else 40, row_labels),
                10 if row_labels == 1 else 9.5,
                "end",
                self.p.text,
            )
            for c in range(len(columns)):
                value = values[r][c] if c < len(values[r]) else None
                x = left + c * cell_w
                if value is None:
                    svg.add(
                        "rect",
                        x=x + 1,
                        y=y + 1,
                        width=cell_w - 2,
                        height=cell_h - 2,
                        fill=self.p.background,
                    )
                    svg.text(x + cell_w / 2, y + cell_h / 2 + 4, "–", 10, "middle", self.p.muted)
                    continue
                fill = self.score_colour(value)
                svg.add(
                    "rect", x=x + 1, y=y + 1, width=cell_w - 2, height=cell_h - 2, fill=fill, rx=2
                )
                svg.text(
                    x + cell_w / 2,
                    y + cell_h / 2 + 4,
                    self.num(value),
                    10.5,
                    "middle",
                    readable_on(fill),
                    "bold",
                )
        # colour scale
        y = header + grid_h + 22
        steps = 25
        scale_w = 300.0
        x0 = left
        svg.text(x0, y - 6, legend[0], SMALL, fill=self.p.muted)
        for step in range(steps):
            svg.add(
                "rect",
                x=x0 + step * scale_w / steps,
                y=y,
                width=scale_w / steps + 0.5,
                height=10,
                fill=self.score_colour((step + 0.5) * 100 / steps),
            )
        svg.text(x0, y + 23, f"0 · {legend[1]}", SMALL, fill=self.p.muted)
        svg.text(x0 + scale_w, y + 23, f"{legend[2]} · 100", SMALL, "end", self.p.muted)
        return svg.render()

    # -- stacked shares --------------------------------------------------------------------

    def share_bar(self, segments: Sequence[dict[str, Any]], label: str) -> Markup:
        """One 100 % bar split into segments: {id, label, share (0–1), colour, tint}.

        colour (optional): a theme colour name (see `colour`), lightened by tint (0–1).
        """
        width, height = 680.0, 96.0
        svg = Svg(width, height, self.font, label)
        x, top, bar_h = 0.0, 8.0, 36.0
        segments = [
            {**s, "colour": colour}
            for s, colour in zip(segments, self.item_colours(segments), strict=True)
        ]
        total = sum(s["share"] or 0 for s in segments) or 1.0
        for segment in segments:
            share = (segment["share"] or 0) / total
            w = share * width
            if w <= 0:
                continue
            svg.add("rect", x=x, y=top, width=w, height=bar_h, fill=segment["colour"])
            if w > 46:
                svg.text(
                    x + w / 2,
                    top + bar_h / 2 + 5,
                    percent(segment["share"], self.lang),
                    13,
                    "middle",
                    readable_on(segment["colour"]),
                    "bold",
                )
            x += w
        svg.add(
            "rect",
            x=0,
            y=top,
            width=width,
            height=bar_h,
            fill="none",
            stroke="#ffffff",
            stroke_width=1,
        )
        self._legend(
            svg,
            0,
            top + bar_h + 24,
            [
                (f"{s['label']} ({percent(s['share'], self.lang)})", s["colour"], "box")
                for s in segments[:3]
            ],
        )
        if len(segments) > 3:
            self._legend(
                svg,
                0,
                top + bar_h + 44,
                [
                    (f"{s['label']} ({percent(s['share'], self.lang)})", s["colour"], "box")
                    for s in segments[3:]
                ],
            )
        return svg.render()

    def stacked_rows(
        self, rows: Sequence[dict[str, Any]], categories: Sequence[dict[str, Any]], label: str
    ) -> Markup:
        """Rows of 100 % bars (e.g. how answers fall into categories, per feature).

        rows: {label, shares: {category id: 0–1}}; categories: {id, label, colour, tint}
        (colour optional, as in `share_bar`).
        """
        categories = [
            {**c, "colour": colour}
            for c, colour in zip(categories, self.item_colours(categories), strict=True)
        ]
        width, left, right = 680.0, 230.0, 676.0
        row_height, top = 26.0, 6.0
        legend_rows = math.ceil(len(categories) / 3)
        height = top + row_height * len(rows) + 14 + 20 * legend_rows
        svg = Svg(width, height, self.font, label)
        for index, row in enumerate(rows):
            y = top + index * row_height
            svg.lines(
                left - 10, y + row_height / 2, wrap(_label(row), 38, 2), 9.5, "end", self.p.text
            )
            x = left
            for category in categories:
                share = row["shares"].get(category["id"]) or 0.0
                w = share * (right - left)
                if w <= 0:
                    continue
                svg.add(
                    "rect", x=x, y=y + 4, width=w, height=row_height - 8, fill=category["colour"]
                )
                if w > 30:
                    svg.text(
                        x + w / 2,
                        y + row_height / 2 + 3.5,
                        percent(share, self.lang),
                        8.5,
                        "middle",
                        readable_on(category["colour"]),
                    )
                x += w
        y = top + row_height * len(rows) + 18
        for start in range(0, len(categories), 3):
            self._legend(
                svg,
                left,
                y,
                [(c["label"], c["colour"], "box") for c in categories[start : start + 3]],
            )
            y += 20
        return svg.render()

    # -- the maturity scale ----------------------------------------------------------------

    def level_scale(
        self,
        score: float | None,
        thresholds: Sequence[float],
        names: Sequence[str],
        label: str,
        marker: str = "",
    ) -> Markup:
        """The five levels as coloured segments with a marker at the score."""
        width, height = 680.0, 84.0
        svg = Svg(width, height, self.font, label)
        top, bar_h = 30.0, 18.0
        bounds = [*thresholds, 100.0]
        for index in range(len(thresholds)):
            x0, x1 = bounds[index] * width / 100, bounds[index + 1] * width / 100
            colour = self.level_colour(index + 1)
            svg.add("rect", x=x0 + 1, y=top, width=x1 - x0 - 2, height=bar_h, fill=colour)
            svg.text(
                (x0 + x1) / 2,
                top + bar_h + 16,
                f"{index + 1} · {names[index]}" if index < len(names) else str(index + 1),
                9.5,
                "middle",
                self.p.text,
            )
        if score is not None:
            x = max(6.0, min(width - 6.0, score * width / 100))
            svg.add(
                "polygon",
                points=f"{x - 7:.1f},{top - 13:.1f} {x + 7:.1f},{top - 13:.1f} "
                f"{x:.1f},{top - 2:.1f}",
                fill=self.p.text,
            )
            anchor = "middle" if 40 < x < width - 40 else ("start" if x <= 40 else "end")
            svg.text(x, top - 17, marker or self.num(score, 1), 11, anchor, self.p.text, "bold")
        return svg.render()


def _runs(values: Sequence[float | None]) -> list[list[int]]:
    """Index runs of present values, wrapping around (for a radar's closed outline)."""
    count = len(values)
    missing = [i for i in range(count) if values[i] is None]
    if not missing:
        return [list(range(count))]
    runs: list[list[int]] = []
    current: list[int] = []
    for offset in range(1, count + 1):
        index = missing[0] + offset
        if values[index % count] is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(index)
    if current:
        runs.append(current)
    return runs


def _label(row: dict[str, Any]) -> str:
    return str(row.get("label") or row.get("title") or "")
