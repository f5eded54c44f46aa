"""Importance × performance: how much each dimension matters to customers and how well the
company does on it in the customers' eyes."""

from __future__ import annotations

from dataclasses import dataclass, field

from ccassess.text import Text

#: The four quadrants, by importance (high first) and performance.
QUADRANTS = ("fix_first", "keep_up", "possible_overkill", "low_priority")


@dataclass
class Driver:
    """One dimension: its importance (rated: the customers' mean importance 0–100; derived:
    Pearson's r with the overall rating, −1…1, with a 95 % interval) and performance (the
    customers' score 0–100), its quadrant and the customers behind it."""

    module: str
    dimension: str
    title: Text
    importance: float
    performance: float
    n: int
    quadrant: str
    low: float | None = None
    high: float | None = None


@dataclass
class DriverAnalysis:
    """`method` is "rated" (customers rated importance) or "derived" (correlation with
    `outcome`, the customers' overall rating, from `n` customers); the crosshairs are the
    means of importance and performance over the dimensions shown."""

    method: str
    outcome: Text
    n: int
    drivers: list[Driver] = field(default_factory=list)
    importance_cut: float = 0.0
    performance_cut: float = 0.0
