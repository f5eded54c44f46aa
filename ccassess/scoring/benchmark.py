"""Norms across clients and a client's position in them, pure.

A metric is a client-level score: the practice maturity (`overall`), the customers' view
(`customers`), the perception gap (`gap`), each module (`module:<id>`) and dimension
(`dimension:<module>/<id>`) maturity, and each outcome KPI (`kpi:<id>`). A metric enters
the norms only when at least `MIN_CLIENTS` clients have it. A client's percentile is the
share of clients below it, ties counting half; the band is its quarter.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from ccassess.catalogs import _, ngettext
from ccassess.errors import CcassessError
from ccassess.model.benchmark import BenchmarkPositions, Norms, Position
from ccassess.model.result import AssessmentResult

#: Fewer clients than this make no norm (a percentile among four says little, and a small
#: pool could let a client recognise another).
MIN_CLIENTS = 5
BANDS = ((25.0, "bottom_quarter"), (50.0, "lower_middle"), (75.0, "upper_middle"))


def client_metrics(result: AssessmentResult) -> dict[str, tuple[float, dict[str, str]]]:
    """The client-level scores of one result, each with its label (de, en)."""
    found: dict[str, tuple[float, dict[str, str]]] = {}

    def put(key: str, value: float | None, de: str, en: str) -> None:
        if value is not None:
            found[key] = (round(value, 1), {"de": de, "en": en})

    put("overall", result.score, "Reifegrad der Praxis", "Practice maturity")
    customer = result.by_perspective.get("customer")
    put("customers", customer.score if customer else None, "Sicht der Kunden", "Customers' view")
    gap = result.mirror.gap if result.mirror else None
    put("gap", gap, "Wahrnehmungslücke", "Perception gap")
    for module in result.modules:
        put(f"module:{module.id}", module.score, module.title.de or "", module.title.en or "")
        for d in module.dimensions:
            put(f"dimension:{module.id}/{d.id}", d.score, d.title.de or "", d.title.en or "")
    for kpi in result.outcomes:
        put(f"kpi:{kpi.id}", kpi.value, kpi.label.de or "", kpi.label.en or "")
    return found


def lower_is_better(result: AssessmentResult) -> set[str]:
    """Metrics where less is better: the gap, and KPIs such as churn."""
    return {"gap"} | {f"kpi:{k.id}" for k in result.outcomes if not k.higher_is_better}


def build_norms(
    clients: Sequence[tuple[list[str], AssessmentResult]], method_version: str
) -> Norms:
    """Norms from (contributor hashes, result) per client; refuses a client counted twice
    and fewer than MIN_CLIENTS."""
    seen: set[str] = set()
    for hashes, _result in clients:
        twice = [h for h in hashes if h in seen]
        if twice:
            raise CcassessError(
                _(
                    "benchmark: a workspace (or the same answers) was given twice; each client "
                    "counts once"
                )
            )
        seen.update(hashes)
    if len(clients) < MIN_CLIENTS:
        raise CcassessError(
            ngettext(
                "benchmark: {n} client given; norms need at least {minimum}",
                "benchmark: {n} clients given; norms need at least {minimum}",
                len(clients),
            ).format(n=len(clients), minimum=MIN_CLIENTS)
        )
    values: dict[str, list[float]] = {}
    labels: dict[str, dict[str, str]] = {}
    lower: set[str] = set()
    for _hashes, result in clients:
        lower |= lower_is_better(result)
        for key, (value, label) in client_metrics(result).items():
            values.setdefault(key, []).append(value)
            labels.setdefault(key, label)
    metrics = {k: sorted(v) for k, v in values.items() if len(v) >= MIN_CLIENTS}
    return Norms(
        clients=len(clients),
        method_version=method_version,
        metrics=metrics,
        labels={k: labels[k] for k in metrics},
        contributors=sorted(seen),
        lower_is_better=sorted(k for k in lower if k in metrics),
    )


def percentile(values: Sequence[float], value: float) -> float:
    below = sum(1 for v in values if v < value)
    equal = sum(1 for v in values if v == value)
    return 100.0 * (below + 0.5 * equal) / len(values)


def band(share: float) -> str:
    return next((name for limit, name in BANDS if share < limit), "top_quarter")


def positions(result: AssessmentResult, norms: Norms) -> BenchmarkPositions:
    """Where this client stands on every metric the norms and the result both have."""
    found: list[Position] = []
    for key, (value, _label) in client_metrics(result).items():
        values = norms.metrics.get(key)
        if not values:
            continue
        share = percentile(values, value)
        if key in norms.lower_is_better:  # a small gap or churn ranks high
            share = 100.0 - share
        found.append(Position(key, value, share, band(share), len(values), median(values)))
    return BenchmarkPositions(norms.clients, found)
