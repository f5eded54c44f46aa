"""Does a theme keep the report readable? Contrast of its text and background colours.

A theme's colours are the consultant's choice, so a poor pair is a warning (from `ccassess
validate --theme`), not an error: the report still renders. The pairs are those the default
stylesheet and the charts put together; the minimum is WCAG 2 AA (4.5:1 for text, 3:1 for
chart marks, which are graphics).
"""

from __future__ import annotations

from pathlib import Path

from ccassess.catalogs import N_, _, cli_language
from ccassess.errors import Location, Problem
from ccassess.format import number
from ccassess.report.charts.colours import contrast, readable_on
from ccassess.report.theme import THEME_FILE, Theme

WHITE = "#ffffff"
TEXT_AA = 4.5
GRAPHICS_AA = 3.0

#: (foreground, background, minimum ratio, where the pair appears); names are theme colours.
PAIRS: tuple[tuple[str, str, float, str], ...] = (
    ("text", "white", TEXT_AA, N_("body text on the page")),
    ("text", "background", TEXT_AA, N_("text on panels and table stripes")),
    ("muted", "white", TEXT_AA, N_("secondary text on the page")),
    ("muted", "background", TEXT_AA, N_("secondary text on panels and table stripes")),
    ("primary", "white", TEXT_AA, N_("headings and table headers")),
    ("white", "primary", TEXT_AA, N_("the cover's title on its band")),
    ("internal", "white", GRAPHICS_AA, N_("self-image marks in charts")),
    ("customer", "white", GRAPHICS_AA, N_("customers' view marks in charts")),
)
LEVEL_BADGE = N_("level badge text")


def _colour(theme: Theme, name: str) -> str:
    return WHITE if name == "white" else theme.colours[name]


def contrast_problems(theme: Theme, file: Path | None = None) -> list[Problem]:
    """A warning for each colour pair below WCAG AA, naming the key in theme.yaml."""
    where = str(file or (theme.folder / THEME_FILE if theme.folder else THEME_FILE))
    problems = []

    def check(key: str, fore: str, back: str, minimum: float, use: str) -> None:
        ratio = contrast(fore, back)
        if ratio < minimum:
            lang = cli_language()
            message = _(
                "contrast {ratio}:1 of {foreground} on {background} ({use}) is below WCAG AA "
                "{minimum}:1"
            ).format(
                ratio=number(ratio, lang, 2),
                foreground=fore,
                background=back,
                use=_(use),
                minimum=number(minimum, lang, 1),
            )
            problems.append(Problem(Location(where, path=key), message, "warning"))

    for fore, back, minimum, use in PAIRS:
        key = f"colours.{fore if fore != 'white' else back}"
        check(key, _colour(theme, fore), _colour(theme, back), minimum, use)
    for index, level in enumerate(theme.levels):
        check(f"colours.levels[{index}]", readable_on(level), level, TEXT_AA, LEVEL_BADGE)
    return problems
