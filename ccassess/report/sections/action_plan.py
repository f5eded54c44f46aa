"""The action plan: the recommendations of every module, bundled into initiatives.

Initiatives come ranked from the result (highest priority first); beneath each, its
recommendations by priority. `actions` is the same list flat, numbered in plan order, for the
Markdown summary and the spreadsheet.
"""

from __future__ import annotations

from typing import Any

from ccassess.report.sections.view import View


def action_plan(view: View) -> dict[str, Any] | None:
    result = view.result
    by_initiative: dict[str, list[dict[str, Any]]] = {}
    for module in result.modules:
        titles = {d.id: view.tr(d.title) for d in module.dimensions}
        for rec in module.recommendations:
            by_initiative.setdefault(rec.initiative or module.id, []).append(
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
                    "customer_confirmed": rec.evidence == "customer",
                }
            )
    if not by_initiative:
        return None
    initiatives = []
    known = [i for i in result.initiatives if i.id in by_initiative]
    # a result without initiatives (or with keys it does not list) still shows every item
    keys = [i.id for i in known] + [k for k in by_initiative if k not in {i.id for i in known}]
    details = {i.id: i for i in known}
    for number, key in enumerate(keys, start=1):
        items = sorted(by_initiative[key], key=lambda item: -item["priority"])
        initiative = details.get(key)
        owner = result.module(key)
        title = (
            view.tr(initiative.title)
            if initiative
            else (view.tr(owner.title) if owner is not None else key)
        )
        initiatives.append(
            {
                "number": number,
                "id": key,
                "title": title,
                "why": view.tr(initiative.why) if initiative else "",
                "priority": max(item["priority"] for item in items),
                "priority_label": initiative.priority_label
                if initiative
                else items[0]["priority_label"],
                "actions": items,
            }
        )
    actions = []
    for group in initiatives:
        for item in group["actions"]:
            item["initiative"] = group["title"]
            item["initiative_number"] = group["number"]
            actions.append(item)
    for rank, item in enumerate(actions, start=1):
        item["rank"] = rank
    return {"initiatives": initiatives, "actions": actions, "count": len(initiatives)}
