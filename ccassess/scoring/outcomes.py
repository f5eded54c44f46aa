"""Outcome KPIs as headline figures: what customers do and say about the company. Pure.

Outcomes are reported beside practice maturity and the customers' view, never averaged into
either. A module's analysis declares them: its data holds a ``metrics`` mapping (metric id →
entry), and every entry with ``"kind": "outcome"`` and a value is one, carrying its own
``label``, ``unit``, ``n``, 95 % ``interval`` ([low, high], or None for a count of the whole
customer base), ``level`` by the module's documented anchors and the ``anchor``'s
``thresholds`` and ``higher_is_better``, and how to show it (``digits``, ``signed``). The
core knows no KPI by name: the figures, their intervals and levels are the module's (the
built-in customer-metrics module documents its anchors), so a KPI has the same value,
interval and level on every page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ccassess.model.result import ModuleResult, Outcome
from ccassess.text import Text

#: The entry kind that marks an outcome figure in an analysis' ``metrics``.
OUTCOME = "outcome"


def outcome_metrics(data: Any) -> dict[str, Mapping[str, Any]] | None:
    """The analysis' outcome entries with a value, or None when it declares none."""
    if not isinstance(data, Mapping) or not isinstance(data.get("metrics"), Mapping):
        return None
    found = {
        str(metric): entry
        for metric, entry in data["metrics"].items()
        if isinstance(entry, Mapping)
        and entry.get("kind") == OUTCOME
        and entry.get("value") is not None
    }
    return found or None


def outcomes_of(modules: list[ModuleResult]) -> list[Outcome]:
    """Every module's outcome figures, in module order and each module's own order."""
    found = []
    for module in modules:
        for data in module.analysis.values():
            for metric, entry in (outcome_metrics(data) or {}).items():
                found.append(_outcome(metric, entry, module.id))
    return found


def _outcome(metric: str, entry: Mapping[str, Any], module_id: str) -> Outcome:
    label = entry.get("label") or {}
    given = entry.get("anchor")
    anchor: Mapping[str, Any] = given if isinstance(given, Mapping) else {}
    thresholds = anchor.get("thresholds") or entry.get("thresholds")
    interval = entry.get("interval")
    low, high = (interval[0], interval[1]) if isinstance(interval, list | tuple) else (None, None)
    return Outcome(
        id=metric,
        label=Text(label.get("de") or metric, label.get("en") or metric),
        value=float(entry["value"]),
        unit=str(entry.get("unit") or ""),
        n=entry.get("n"),
        low=None if low is None else float(low),
        high=None if high is None else float(high),
        level=entry.get("level"),
        thresholds=[float(x) for x in thresholds] if thresholds else None,
        higher_is_better=bool(anchor.get("higher_is_better", entry.get("higher_is_better", True))),
        source=entry.get("source"),
        module=module_id,
        digits=int(entry.get("digits") or 0),
        signed=bool(entry.get("signed", False)),
    )
