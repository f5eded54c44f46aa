"""Importance × performance, pure.

Derived importance: for each dimension, Pearson's r between each customer's own score on the
dimension's customer questions and the same customer's overall rating (e.g. likelihood to
recommend), pairwise complete, only with at least `MIN_DERIVED_N` customers — below that
r is too unstable to rank anything. Its 95 % interval comes from Fisher's z. Performance is
the customers' score of the dimension. The quadrants split at the means over the dimensions
shown: high importance and low performance = fix first, high and high = keep up, low
importance and high performance = possible overkill, low and low = low priority.

A rated path (customers rating importance directly) produces the same `Driver` rows with
importance on 0–100 and enters through `classify`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ccassess.model.drivers import Driver, DriverAnalysis
from ccassess.model.questionnaire import Module
from ccassess.model.result import ModuleResult
from ccassess.scoring.engine import ModuleTable
from ccassess.scoring.stats import weighted_mean
from ccassess.text import Text

#: Fewer customers than this make no derived importance.
MIN_DERIVED_N = 30


@dataclass(frozen=True)
class DimensionSeries:
    """One dimension's per-customer scores (aligned with the outcome's list; None: none)."""

    module: str
    dimension: str
    title: Text
    performance: float | None
    scores: Sequence[float | None]


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    n = len(xs)
    if n < 3:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def fisher_interval(r: float, n: int) -> tuple[float | None, float | None]:
    if n <= 3 or abs(r) >= 1:
        return None, None
    z, se = math.atanh(r), 1 / math.sqrt(n - 3)
    return math.tanh(z - 1.959964 * se), math.tanh(z + 1.959964 * se)


def derived_drivers(
    series: Sequence[DimensionSeries], outcome: Sequence[float | None], outcome_title: Text
) -> DriverAnalysis | None:
    """Importance as the correlation with the overall rating; None below the minimum n."""
    rows: list[Driver] = []
    customers = sum(1 for v in outcome if v is not None)
    for item in series:
        pairs = [
            (s, o)
            for s, o in zip(item.scores, outcome, strict=True)
            if s is not None and o is not None
        ]
        if len(pairs) < MIN_DERIVED_N or item.performance is None:
            continue
        r = pearson([p[0] for p in pairs], [p[1] for p in pairs])
        if r is None:
            continue
        low, high = fisher_interval(r, len(pairs))
        rows.append(
            Driver(
                item.module,
                item.dimension,
                item.title,
                r,
                item.performance,
                len(pairs),
                "",
                low,
                high,
            )
        )
    if len(rows) < 2:
        return None
    return classify(DriverAnalysis("derived", outcome_title, customers, rows))


def classify(analysis: DriverAnalysis) -> DriverAnalysis:
    """Crosshairs at the means; each driver's quadrant; drivers by importance, highest first."""
    drivers = analysis.drivers
    analysis.importance_cut = sum(d.importance for d in drivers) / len(drivers)
    analysis.performance_cut = sum(d.performance for d in drivers) / len(drivers)
    for d in drivers:
        important = d.importance >= analysis.importance_cut
        good = d.performance >= analysis.performance_cut
        d.quadrant = (
            ("keep_up" if good else "fix_first")
            if important
            else ("possible_overkill" if good else "low_priority")
        )
    drivers.sort(key=lambda d: -d.importance)
    return analysis


def customer_series(
    modules: Sequence[Module],
    tables: Mapping[str, ModuleTable],
    results: Sequence[ModuleResult],
    outcome: tuple[str, str],
) -> tuple[list[DimensionSeries], list[float | None]] | None:
    """Per customer (aligned by respondent id): each dimension's own score on its customer
    questions, and the outcome question's score; None when the outcome was not asked. The
    outcome's module is left out (its customer questions are the outcome ratings)."""
    module_id, question_id = outcome
    source = tables.get(module_id)
    if source is None or question_id not in source.columns:
        return None
    part = source.perspective_slices["customer"]
    rated = dict(zip(source.ids[part], source.columns[question_id][part], strict=True))
    customers = [c for c, v in rated.items() if v is not None]
    scores = {m.id: m for m in results}
    series: list[DimensionSeries] = []
    for module in modules:
        table = tables[module.id]
        if module.id == module_id:
            continue
        part = table.perspective_slices["customer"]
        index = {rid: i for i, rid in enumerate(table.ids[part])}
        result = scores.get(module.id)
        for dimension in module.dimensions:
            asked = [
                q for q in dimension.questions if q.asked_of("customer") and table.scored.get(q.id)
            ]
            if not asked:
                continue
            own = []
            for customer in customers:
                row = index.get(customer)
                own.append(
                    None
                    if row is None
                    else weighted_mean([(q.weight, table.columns[q.id][part][row]) for q in asked])
                )
            found = (
                next((d for d in result.dimensions if d.id == dimension.id), None)
                if result
                else None
            )
            view = found.by_perspective.get("customer") if found else None
            series.append(
                DimensionSeries(
                    module.id, dimension.id, dimension.title, view.score if view else None, own
                )
            )
    return series, [rated[c] for c in customers]
