"""The overview chart's data: the modules ranked by practice maturity (the staff's score),
each with the customers' view beside it, labelled by title. The full report's overview and
the board's one-chart page ("ranking") both show it."""

from __future__ import annotations

from typing import Any

from ccassess.report.i18n import text
from ccassess.report.sections.view import View


def module_ranking(view: View) -> dict[str, Any] | None:
    rows: list[dict[str, Any]] = []
    for module in view.result.modules:
        customer = module.by_perspective.get("customer")
        internal = module.score
        customer_score = customer.score if customer else None
        if internal is None and customer_score is None:
            continue
        rows.append(
            {
                "id": module.id,
                "label": view.tr(module.title),
                "internal": internal,
                "customer": customer_score,
                "level": module.level,
            }
        )
    if not rows:
        return None
    # best first; a module only customers rated goes last, ranked by the customers' view
    rows.sort(key=_rank)
    return {
        "rows": rows,
        "thresholds": [lv.minimum for lv in view.result.levels],
        "names": [text("series_internal").get(view.lang), text("series_customer").get(view.lang)],
        "best": rows[0]["label"],
        "worst": rows[-1]["label"],
    }


def _rank(row: dict[str, Any]) -> tuple[bool, float]:
    value = row["internal"] if row["internal"] is not None else row["customer"]
    return row["internal"] is None, -float(value or 0)
