"""Benchmarks across a consultancy's own clients: an anonymised norm file, and where one
client stands against it."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Bumped whenever the norm file's layout changes.
NORMS_FORMAT = 1


@dataclass
class Norms:
    """Client-level scores per metric, sorted, from at least `MIN_CLIENTS` clients; no names,
    no respondent data. `contributors` holds one salted hash per workspace and one per set
    of answers, so that no client counts twice (neither a copy nor a re-import)."""

    clients: int
    method_version: str
    metrics: dict[str, list[float]] = field(default_factory=dict)
    #: metric key → its label in German and English ({"de": …, "en": …}).
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    contributors: list[str] = field(default_factory=list)
    #: Metrics where less is better (the gap, churn): their percentile counts from the top.
    lower_is_better: list[str] = field(default_factory=list)
    format: int = NORMS_FORMAT


@dataclass
class Position:
    """One metric of this client against the norms: its percentile (0–100) and band."""

    key: str
    value: float
    percentile: float
    band: str
    clients: int
    median: float


@dataclass
class BenchmarkPositions:
    clients: int
    positions: list[Position] = field(default_factory=list)

    def get(self, key: str) -> Position | None:
        return next((p for p in self.positions if p.key == key), None)
