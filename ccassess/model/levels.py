"""The default maturity scale: five levels with thresholds every 20 points.

This is method, not questionnaire content: modules may override it with their own scale.
"""

from __future__ import annotations

from collections.abc import Sequence

from ccassess.model.questionnaire import Level
from ccassess.text import Text

DEFAULT_LEVELS: tuple[Level, ...] = (
    Level(
        1,
        0.0,
        Text("Unbewusst", "Unaware"),
        Text(
            "Kundenzentrierung ist ein Wort, keine Praxis: Entscheidungen folgen internen Zielen.",
            "Customer centricity is a word, not a practice: decisions follow internal goals.",
        ),
    ),
    Level(
        2,
        20.0,
        Text("Reaktiv", "Reactive"),
        Text(
            "Einzelne Personen handeln kundenorientiert, meist erst nach Beschwerden.",
            "Individuals act in the customer's interest, mostly after complaints.",
        ),
    ),
    Level(
        3,
        40.0,
        Text("Im Aufbau", "Developing"),
        Text(
            "Erste Verfahren und Kennzahlen gibt es, aber nicht durchgängig und nicht verbindlich.",
            "First practices and measures exist, but they are neither consistent nor binding.",
        ),
    ),
    Level(
        4,
        60.0,
        Text("Etabliert", "Established"),
        Text(
            "Kundensicht ist in Zielen, Abläufen und Führung verankert und wird gemessen.",
            "The customer's view is built into goals, processes and leadership, and measured.",
        ),
    ),
    Level(
        5,
        80.0,
        Text("Kundengeführt", "Customer-led"),
        Text(
            "Kundenzentrierung ist gelebte Haltung: Kunden gestalten mit, Silos spielen "
            "keine Rolle.",
            "Customer centricity is a lived attitude: customers co-create, silos do not matter.",
        ),
    ),
)


def level_for(score: float | None, levels: Sequence[Level] = DEFAULT_LEVELS) -> int | None:
    """The level whose range contains the score (0–100); None for no score."""
    if score is None:
        return None
    current = levels[0].level
    for level in levels:
        if score >= level.minimum:
            current = level.level
    return current


def displayed_level(score: float | None, levels: Sequence[Level] = DEFAULT_LEVELS) -> int | None:
    """The level of the score as a reader sees it, rounded to a whole number (59.6 shows
    as 60 and is level 4 when level 4 begins at 60)."""
    return None if score is None else level_for(round(score), levels)


def next_threshold(score: float, levels: Sequence[Level] = DEFAULT_LEVELS) -> float | None:
    """The score needed for the next level, or None at the top level."""
    for level in levels:
        if level.minimum > score:
            return level.minimum
    return None
