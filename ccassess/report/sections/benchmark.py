"""Where this client stands among the consultancy's other clients (`report --benchmark`):
each headline number, module and dimension with the clients' median and its quarter."""

from __future__ import annotations

from typing import Any

from ccassess.report.sections.view import View


def benchmark(view: View) -> dict[str, Any] | None:
    found = view.result.benchmark
    if found is None or not found.positions:
        return None
    titles: dict[str, str] = {"overall": "", "customers": "", "gap": ""}
    for module in view.result.modules:
        titles[f"module:{module.id}"] = view.tr(module.title)
        for d in module.dimensions:
            titles[f"dimension:{module.id}/{d.id}"] = view.tr(d.title)
    digits: dict[str, int] = {}
    for kpi in view.result.outcomes:
        titles[f"kpi:{kpi.id}"] = view.tr(kpi.label)
        digits[f"kpi:{kpi.id}"] = kpi.digits
    groups: dict[str, list[dict[str, Any]]] = {"headline": [], "module": [], "dimension": []}
    for p in found.positions:
        kind = (
            "module"
            if p.key.startswith("module:")
            else "dimension"
            if p.key.startswith("dimension:")
            else "headline"
        )
        groups[kind].append(
            {
                "key": p.key,
                "title": titles.get(p.key, p.key),
                "value": p.value,
                "median": p.median,
                "percentile": p.percentile,
                "band": p.band,
                "clients": p.clients,
                "digits": digits.get(p.key, 0),
            }
        )
    return {"clients": found.clients, **groups}


def headline_bands(view: View) -> dict[str, str]:
    """The band of each headline number (overall, customers, gap) for the summary tiles."""
    found = view.result.benchmark
    if found is None:
        return {}
    return {p.key: p.band for p in found.positions if ":" not in p.key}
