"""The department breakdown: internal scores per department group, small departments merged
under the anonymity threshold.
"""

from __future__ import annotations

from typing import Any

from ccassess.format import number
from ccassess.report.i18n import text
from ccassess.report.sections.view import View


def departments(view: View) -> dict[str, Any] | None:
    breakdown = view.result.departments
    if breakdown is None or (not breakdown.groups and not breakdown.left_out):
        return None
    groups = breakdown.groups
    other = text("other").get(view.lang)
    names = [other if g.merged else g.name for g in groups]
    return {
        "threshold": breakdown.threshold,
        "groups": [
            {
                "name": name,
                "n": g.n,
                "score": g.score,
                "level": g.level,
                "merged": g.merged,
                "sd": g.sd,
                "invited": g.invited,
                "rate": _rate(g.n, g.invited),
            }
            for name, g in zip(names, groups, strict=True)
        ],
        "columns": [
            f"{name} (n = {number(g.n, view.lang)})" for name, g in zip(names, groups, strict=True)
        ],
        "rows": [
            *(view.tr(m.title) for m in view.result.modules),
            text("overall").get(view.lang),
        ],
        "matrix": [
            *([g.modules.get(m.id) for g in groups] for m in view.result.modules),
            [g.score for g in groups],
        ],
        "merged_departments": breakdown.merged_departments,
        "merged_small_count": len(breakdown.merged_small),
        "merged_to_protect": ", ".join(breakdown.merged_to_protect),
        "merged_to_protect_count": len(breakdown.merged_to_protect),
        "without_department": breakdown.without_department,
        "left_out": breakdown.left_out,
        "invitations": any(g.invited is not None for g in groups),
        "invited": breakdown.invited,
        "answered": breakdown.answered,
        "rate": _rate(breakdown.answered, breakdown.invited),
    }


def _rate(answered: int, invited: int | None) -> float | None:
    """The response rate (0..1); None without invitations or with more answers than
    invitations (then the settings' counts are out of date, and no rate is true)."""
    if not invited or answered > invited:
        return None
    return answered / invited
