"""The maturity overview: every dimension on one radar (by perspective) and the modules' scores."""

from __future__ import annotations

from typing import Any

from ccassess.report.i18n import text
from ccassess.report.sections.ranking import module_ranking
from ccassess.report.sections.view import View, mirror

#: Radar axes are labelled by name up to this many dimensions, by number beyond.
RADAR_NAMED_AXES = 12
#: Fewer dimensions than this make no radar (a module table still follows).
RADAR_MIN_AXES = 3


def overview(view: View) -> dict[str, Any]:
    r = view.result
    rows = [d for d in view.all_dimensions() if d["score"] is not None]  # unscored: no axis
    numbered = len(rows) > RADAR_NAMED_AXES
    # maturity is the staff's score: the self-image series; the customers' view beside it
    series: list[dict[str, Any]] = []
    for role in ("internal", "customer"):
        values = [d[role] for d in rows]
        if any(v is not None for v in values):
            series.append(
                {"name": text(f"series_{role}").get(view.lang), "role": role, "values": values}
            )
    modules = []
    for module in r.modules:
        internal = module.by_perspective.get("internal")
        customer = module.by_perspective.get("customer")
        modules.append(
            {
                "id": module.id,
                "title": view.tr(module.title),
                "score": module.score,
                "level": module.level,
                "level_name": view.level_name(module.level, module),
                "low": internal.low if internal else None,
                "high": internal.high if internal else None,
                "customer": customer.score if customer else None,
                "customer_level": customer.level if customer else None,
                "customer_low": customer.low if customer else None,
                "customer_high": customer.high if customer else None,
                "mirror": mirror(module.mirror),
                "n_internal": internal.n if internal else 0,
                "n_customer": customer.n if customer else 0,
                "small_internal": view.small(internal.n if internal else None),
                "small_customer": view.small(customer.n if customer else None),
                "respondents": module.respondents,
                "coverage": module.coverage.share,
            }
        )
    internal = r.by_perspective.get("internal")
    customer = r.by_perspective.get("customer")
    return {
        "ranking": module_ranking(view),
        "axes": [d["title"] for d in rows],
        "key": _axis_key(rows) if numbered else [],
        "numbered": numbered,
        "radar": len(rows) >= RADAR_MIN_AXES,
        "series": series,
        "modules": modules,
        "threshold": view.threshold,
        "thin": any(m["small_internal"] or m["small_customer"] for m in modules),
        "overall": {
            "score": r.score,
            "level": r.level,
            "low": internal.low if internal else None,
            "high": internal.high if internal else None,
            "level_name": view.level_name(r.level),
            "customer": customer.score if customer else None,
            "customer_level": customer.level if customer else None,
            "customer_low": customer.low if customer else None,
            "customer_high": customer.high if customer else None,
            "mirror": mirror(r.mirror),
            "n_internal": r.respondents.internal,
            "n_customer": r.respondents.customer,
            "respondents": r.respondents.total,
            "coverage": r.coverage.share,
        },
    }


def _axis_key(rows: list[dict[str, Any]], columns: int = 3) -> list[list[dict[str, Any]]]:
    """Radar axes numbered 1…n, grouped by module, split into balanced columns.

    (Laid out here rather than with CSS columns, which cost WeasyPrint seconds.)
    """
    groups: list[dict[str, Any]] = []
    for index, row in enumerate(rows, start=1):
        if not groups or groups[-1]["module"] != row["module"]:
            groups.append({"module": row["module"], "axes": []})
        groups[-1]["axes"].append({"number": index, "title": row["title"]})
    lines = sum(len(g["axes"]) + 1 for g in groups)
    result: list[list[dict[str, Any]]] = [[]]
    filled = 0
    for group in groups:
        size = len(group["axes"]) + 1
        if result[-1] and filled + size / 2 > lines * len(result) / columns:
            result.append([])
        result[-1].append(group)
        filled += size
    return result
