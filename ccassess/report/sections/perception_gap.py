"""The perception gap: self-image against the customers' view, by dimension and by question."""

from __future__ import annotations

from typing import Any

from ccassess.report.sections.view import View, mirror

#: How many single questions with the largest gaps the section lists.
ITEM_GAPS = 10


def perception_gap(view: View) -> dict[str, Any] | None:
    r = view.result
    dimensions: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    for module in r.modules:
        for dimension in module.dimensions:
            if dimension.mirror is not None:
                dimensions.append(
                    {
                        "label": view.tr(dimension.title),
                        "module": view.tr(module.title),
                        **(mirror(dimension.mirror) or {}),
                    }
                )
            for question in dimension.questions:
                if question.mirror is None:
                    continue
                internal = question.by_perspective.get("internal")
                customer = question.by_perspective.get("customer")
                items.append(
                    {
                        "text": view.tr(question.text),
                        "id": question.id,
                        "module": view.tr(module.title),
                        "dimension": view.tr(dimension.title),
                        **(mirror(question.mirror) or {}),
                        "n_internal": internal.n if internal else 0,
                        "n_customer": customer.n if customer else 0,
                        "reverse": question.reverse,
                    }
                )
    if not dimensions and r.mirror is None:
        return None
    dimensions.sort(key=lambda d: -d["gap"])
    items.sort(key=lambda item: -abs(item["gap"]))
    return {
        "mirror": mirror(r.mirror),
        "dimensions": dimensions,
        "item_gaps": items[:ITEM_GAPS],
    }
