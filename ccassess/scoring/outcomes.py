"""Outcome KPIs (NPS, CSAT, CES, churn, retention) as headline figures. Pure.

Outcomes are what customers do and say about the company as a whole; they are reported
beside practice maturity and the customers' view, never averaged into either. A module's
analysis provides them as a ``metrics`` mapping (metric id → value, n, inputs, level by the
module's documented anchors, thresholds, unit, source), the shape the built-in
customer-metrics module writes. Intervals are added here where the figure rests on a
sample: NPS (variance of the promoter − detractor difference) and CSAT (Wilson). Churn and
retention are counts of the whole customer base (no sampling interval); CES has none until
the analysis provides the ratings' spread.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ccassess.model.result import ModuleResult, Outcome
from ccassess.scoring.intervals import Interval, nps_interval, wilson_interval
from ccassess.text import Text

#: The outcome KPIs shown as headline figures, in this order.
OUTCOME_KPIS = ("nps", "csat", "ces", "churn", "retention")


def outcome_metrics(data: Any) -> Mapping[str, Mapping[str, Any]] | None:
    """The analysis' outcome metrics, or None when the analysis carries none."""
    if not isinstance(data, Mapping):
        return None
    metrics = data.get("metrics")
    if not isinstance(metrics, Mapping):
        return None
    if not any(isinstance(metrics.get(k), Mapping) and "value" in metrics[k] for k in OUTCOME_KPIS):
        return None
    return metrics


def outcomes_of(modules: list[ModuleResult]) -> list[Outcome]:
    """Every module's outcome KPIs with a value, in `OUTCOME_KPIS` order."""
    found = []
    for module in modules:
        for data in module.analysis.values():
            metrics = outcome_metrics(data)
            if metrics is None:
                continue
            for kpi in OUTCOME_KPIS:
                entry = metrics.get(kpi)
                if isinstance(entry, Mapping) and entry.get("value") is not None:
                    found.append(_outcome(kpi, entry, module.id))
    return found


def _outcome(kpi: str, entry: Mapping[str, Any], module_id: str) -> Outcome:
    interval = _interval(kpi, entry.get("inputs") or {})
    label = entry.get("label") or {}
    thresholds = entry.get("thresholds")
    return Outcome(
        id=kpi,
        label=Text(label.get("de") or kpi.upper(), label.get("en") or kpi.upper()),
        value=float(entry["value"]),
        unit=str(entry.get("unit") or ""),
        n=entry.get("n"),
        low=interval.low if interval else None,
        high=interval.high if interval else None,
        level=entry.get("level"),
        thresholds=[float(x) for x in thresholds] if thresholds else None,
        higher_is_better=bool(entry.get("higher_is_better", True)),
        source=entry.get("source"),
        module=module_id,
    )


def _interval(kpi: str, inputs: Mapping[str, Any]) -> Interval | None:
    try:
        if kpi == "nps":
            return nps_interval(
                int(inputs["promoters"]), int(inputs["passives"]), int(inputs["detractors"])
            )
        if kpi == "csat":
            return wilson_interval(int(inputs["satisfied"]), int(inputs["responses"]))
    except (KeyError, TypeError, ValueError):
        return None
    return None
