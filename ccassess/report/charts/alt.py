"""Text alternatives for the charts, written from the data each chart draws.

A reader who cannot see a chart gets what it shows and its key values in the report's
language: the PDF/UA's structure tree carries it as the Figure's /Alt (WeasyPrint reads the
SVG's <title>), the HTML as the chart's accessible name. Every chart kind calls its function
here with the data it draws, so a plugin's chart gets its text alternative the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ccassess.catalogs import label
from ccassess.format import percent
from ccassess.report.charts.svg import label_of

if TYPE_CHECKING:
    from ccassess.report.charts.style import ChartStyle

QUOTES = {"de": ("„", "“"), "en": ("“", "”")}


class AltText:
    """Builds one chart's text alternative in the chart's language."""

    def __init__(self, chart: ChartStyle) -> None:
        self.chart = chart
        self.lang = chart.lang

    def say(self, key: str, **values: Any) -> str:
        return label(self.lang, "chart_" + key).format(**values)

    def q(self, name: str) -> str:
        """A name in the language's quotation marks."""
        left, right = QUOTES.get(self.lang, ("“", "”"))
        return f"{left}{name}{right}"

    def num(self, value: float | None) -> str:
        return self.chart.num(value) if value is not None else self.say("no_value")

    def signed(self, value: float) -> str:
        sign = "+" if value > 0.5 else ("−" if value < -0.5 else "±")
        return f"{sign}{self.chart.num(abs(value))}"

    def pct(self, share: float | None) -> str:
        return percent(share, self.lang)


def _sentence(*parts: str) -> str:
    """Parts joined into sentences: the first ends with a colon, the others with full stops."""
    head, *rest = [p for p in parts if p]
    rest = [p[:1].upper() + p[1:] for p in rest]
    return f"{head}: " + ". ".join(rest) + "." if rest else head


def radar_alt(
    chart: ChartStyle, label: str, axes: Sequence[str], series: Sequence[dict[str, Any]]
) -> str:
    """Per series: its highest and lowest dimension."""
    a = AltText(chart)
    parts = [f"{a.say('axes', n=len(axes))}, {a.say('scale')}"]
    for entry in series:
        present = [(v, axes[i]) for i, v in enumerate(entry["values"]) if v is not None]
        if not present:
            parts.append(f"{entry['name']}: {a.say('no_value')}")
            continue
        high = max(present, key=lambda p: p[0])
        low = min(present, key=lambda p: p[0])
        text = f"{entry['name']}: {a.say('highest', name=a.q(high[1]), value=a.num(high[0]))}"
        if len(present) > 1:
            text += f", {a.say('lowest', name=a.q(low[1]), value=a.num(low[0]))}"
        missing = len(entry["values"]) - len(present)
        if missing:
            text += f" ({a.say('missing', n=missing)})"
        parts.append(text)
    return _sentence(label, *parts)


def bars_alt(
    chart: ChartStyle, label: str, rows: Sequence[dict[str, Any]], legend: Sequence[str]
) -> str:
    """Every row's score and level, with the perspectives' markers where they are drawn."""
    a = AltText(chart)
    items = []
    for row in rows:
        score = row.get("score")
        text = f"{a.q(label_of(row))} {a.num(score)}"
        extra = [a.say("level", n=row["level"])] if score is not None and row.get("level") else []
        for index, key in ((1, "internal"), (2, "customer")):
            value = row.get(key)
            same = key == "internal" and score is not None and a.num(value) == a.num(score)
            if value is not None and len(legend) > index and not same:
                extra.append(f"{legend[index]} {a.num(value)}")
        items.append(f"{text} ({'; '.join(extra)})" if extra else text)
    return _sentence(label, a.say("scale"), "; ".join(items))


def gap_alt(
    chart: ChartStyle, label: str, rows: Sequence[dict[str, Any]], names: Sequence[str]
) -> str:
    """The largest gap with both scores first, then every other row's gap."""
    a = AltText(chart)
    if not rows:
        return label
    ranked = sorted(rows, key=lambda r: -abs(r["gap"]))
    top = ranked[0]
    first = (
        f"{a.say('largest_gap', name=a.q(label_of(top)), gap=a.signed(top['gap']))} "
        f"({names[0]} {a.num(top['internal'])}, {names[1]} {a.num(top['customer'])})"
    )
    rest = ", ".join(f"{a.q(label_of(r))} {a.signed(r['gap'])}" for r in ranked[1:])
    return _sentence(
        label,
        a.say("gap_rule", a=names[0], b=names[1]),
        first,
        f"{a.say('further')}: {rest}" if rest else "",
    )


def heatmap_alt(
    chart: ChartStyle,
    label: str,
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[float | None]],
) -> str:
    """The grid's size, its (up to) three lowest cells and its highest."""
    a = AltText(chart)
    cells = [
        (value, rows[r], columns[c])
        for r, row in enumerate(values)
        for c, value in enumerate(row)
        if value is not None and r < len(rows) and c < len(columns)
    ]
    parts = [f"{a.say('grid', rows=len(rows), columns=len(columns))}, {a.say('scale')}"]
    if cells:
        ordered = sorted(cells, key=lambda cell: cell[0])

        def cell(item: tuple[float, str, str]) -> str:
            return f"{a.q(item[1])} / {a.q(item[2])} {a.num(item[0])}"

        lowest = ordered[: max(1, min(3, len(ordered) - 1))]
        parts.append(f"{a.say('lowest_many')}: " + ", ".join(cell(c) for c in lowest))
        high = ordered[-1]
        parts.append(
            a.say("highest", name=f"{a.q(high[1])} / {a.q(high[2])}", value=a.num(high[0]))
        )
    missing = len(rows) * len(columns) - len(cells)
    if missing > 0:
        parts.append(a.say("missing", n=missing))
    return _sentence(label, *parts)


def share_alt(chart: ChartStyle, label: str, segments: Sequence[dict[str, Any]]) -> str:
    """Every segment's share."""
    a = AltText(chart)
    return _sentence(label, ", ".join(f"{a.q(s['label'])} {a.pct(s['share'])}" for s in segments))


def stacked_alt(
    chart: ChartStyle,
    label: str,
    rows: Sequence[dict[str, Any]],
    categories: Sequence[dict[str, Any]],
) -> str:
    """Per row, its three largest shares."""
    a = AltText(chart)
    names = {c["id"]: c["label"] for c in categories}
    items = []
    for row in rows:
        shares = sorted(
            ((share, key) for key, share in row["shares"].items() if share and key in names),
            key=lambda s: -s[0],
        )
        listed = ", ".join(f"{names[key]} {a.pct(share)}" for share, key in shares[:3])
        items.append(f"{a.q(label_of(row))}: {listed or a.say('no_value')}")
    return _sentence(label, a.say("shares"), "; ".join(items))


def scale_alt(
    chart: ChartStyle,
    label: str,
    score: float | None,
    thresholds: Sequence[float],
    names: Sequence[str],
    marker: str,
) -> str:
    """The score and the level it falls in, then every level's lower bound."""
    a = AltText(chart)
    bands = [
        a.say(
            "level_from",
            n=index + 1,
            name=a.q(names[index]) if index < len(names) else "",
            value=chart.num(bound),
        ).replace("  ", " ")
        for index, bound in enumerate(thresholds)
    ]
    where = a.say("no_value")
    if score is not None:
        level = max((i for i, bound in enumerate(thresholds) if score >= bound), default=0)
        name = a.q(names[level]) if level < len(names) else ""
        shown = marker or chart.num(score, 1)
        where = f"{a.say('of_100', value=shown)}, {a.say('level_named', n=level + 1, name=name)}"
    return _sentence(label, where.strip(), f"{a.say('levels')}: " + ", ".join(bands))


def ranking_alt(
    chart: ChartStyle, label: str, rows: Sequence[dict[str, Any]], names: Sequence[str]
) -> str:
    """Every module in rank order with the self-image and, where there is one, the
    customers' view."""
    a = AltText(chart)
    items = []
    for row in rows:
        values = [f"{names[0]} {a.num(row.get('internal'))}"]
        if row.get("customer") is not None and len(names) > 1:
            values.append(f"{names[1]} {a.num(row['customer'])}")
        items.append(f"{a.q(label_of(row))} ({', '.join(values)})")
    return _sentence(label, a.say("ranked", n=len(rows)), a.say("scale"), "; ".join(items))


def trend_alt(
    chart: ChartStyle, label: str, rounds: Sequence[str], panels: Sequence[dict[str, Any]]
) -> str:
    """Per panel: its first and last value and whether the change is beyond noise."""
    a = AltText(chart)
    items = []
    for panel in panels:
        present = [v for v in panel.get("values", []) if v is not None]
        if not present:
            items.append(f"{a.q(str(panel.get('title', '')))} {a.say('no_value')}")
            continue
        text = a.say(
            "moved",
            name=a.q(str(panel.get("title", ""))),
            a=a.num(present[0]),
            b=a.num(present[-1]),
        )
        noise = "beyond_noise" if panel.get("beyond_noise") else "within_noise"
        items.append(f"{text} ({a.say(noise)})")
    span = a.say("rounds", first=rounds[0], last=rounds[-1]) if rounds else ""
    return _sentence(label, span, "; ".join(items))


def quadrant_alt(
    chart: ChartStyle,
    label: str,
    points: Sequence[dict[str, Any]],
    axes: Sequence[str],
    corners: Sequence[str],
) -> str:
    """The axes, then per quadrant (in the corners' order) the items in it with their
    values."""
    a = AltText(chart)
    keys = ("fix_first", "keep_up", "possible_overkill", "low_priority")
    groups = []
    for key, corner in zip(keys, corners, strict=False):
        inside = [p for p in points if p.get("quadrant") == key]
        if not inside:
            continue
        names = ", ".join(
            f"{a.q(str(p.get('title') or p.get('number')))} "
            f"({a.num(p.get('importance'))}/{a.num(p.get('performance'))})"
            for p in inside
        )
        groups.append(f"{corner}: {names}")
    return _sentence(label, a.say("quadrant_axes", x=axes[1], y=axes[0]), *groups)
