"""Scores across modules: each respondent's own overall score (the spread behind an overall
interval or a department group). Pure.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from ccassess.model.questionnaire import Module
from ccassess.scoring.engine import ModuleTable


def overall_rows(
    modules: Sequence[Module],
    tables: Mapping[str, ModuleTable],
    perspective: str,
    *,
    mirrored: bool = False,
    members: Collection[str] | None = None,
) -> list[float]:
    """Each respondent's own overall score (module weights, over the modules they answered)
    for one perspective, optionally only `members`: the spread behind an overall interval or
    a department group."""
    totals: dict[str, list[float]] = {}
    for module in modules:
        table = tables[module.id]
        scores = (table.mirror_scores if mirrored else table.respondent_scores).get(perspective)
        if not scores:
            continue
        for rid, value in zip(table.perspective_ids(perspective), scores, strict=True):
            if value is not None and (members is None or rid in members):
                total = totals.setdefault(rid, [0.0, 0.0])
                total[0] += module.weight * value
                total[1] += module.weight
    return [weighted / weight for weighted, weight in totals.values() if weight]
