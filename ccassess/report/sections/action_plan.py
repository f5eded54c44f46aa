"""The action plan: every recommendation of every module, ranked by priority."""

from __future__ import annotations

from typing import Any

from ccassess.report.sections.view import View


def action_plan(view: View) -> dict[str, Any] | None:
    items: list[dict[str, Any]] = []
    for module in view.result.modules:
        titles = {d.id: view.tr(d.title) for d in module.dimensions}
        for rec in module.recommendations:
            items.append(
                {
                    "text": view.tr(rec.text),
                    "module": view.tr(module.title),
                    "dimension": titles.get(rec.dimension or "", ""),
                    "current": rec.current_level,
                    "target": rec.target_level,
                    "current_name": view.level_name(rec.current_level, module),
                    "target_name": view.level_name(rec.target_level, module),
                    "priority": rec.priority,
                    "priority_label": rec.priority_label,
                }
            )
    if not items:
        return None
    items.sort(key=lambda item: -item["priority"])
    for rank, item in enumerate(items, start=1):
        item["rank"] = rank
    return {"actions": items}
