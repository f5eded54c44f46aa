"""Department breakdown under the anonymity threshold. Pure.

A department with fewer respondents than the threshold is never shown on its own. Small
departments (and internal respondents without a department) are merged into "other"; if
"other" would still be below the threshold — or could be recovered by subtracting the shown
groups from the total — the smallest shown groups are merged into it as well.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from ccassess.model.answers import Respondent
from ccassess.model.levels import level_for
from ccassess.model.questionnaire import Module
from ccassess.model.result import DepartmentBreakdown, DepartmentGroup
from ccassess.model.settings import AssessmentSettings
from ccassess.scoring.engine import ModuleTable
from ccassess.scoring.stats import describe, weighted_mean
from ccassess.scoring.subsets import overall_rows, subset_score

OTHER = "other"


def department_groups(
    counts: Mapping[str | None, int], threshold: int
) -> tuple[list[str], list[str | None], int]:
    """The anonymity rule for any breakdown by department: which groups may be shown.

    `counts` maps each department (None: none given) to its number of respondents. A
    department below `threshold` is never shown on its own: it is merged into "other",
    smallest shown departments join "other" until it reaches the threshold too (so no small
    group can be recovered by subtraction), and respondents left over are not shown at all.
    Returns (shown departments, merged departments, respondents left out entirely).
    Plugins that break results down by department use it so that every breakdown in a
    report follows the same rule.
    """
    shown = sorted(
        (d for d, n in counts.items() if d is not None and n >= threshold),
        key=lambda d: (counts[d], d),
    )
    merged: list[str | None] = [d for d, n in counts.items() if d is None or n < threshold]
    other = sum(counts[d] for d in merged)
    while other and other < threshold and shown:
        smallest = shown.pop(0)
        merged.append(smallest)
        other += counts[smallest]
    left_out = other if other and other < threshold else 0
    return sorted(shown), merged, left_out


def department_breakdown(
    modules: Sequence[Module],
    respondents: Sequence[Respondent],
    settings: AssessmentSettings,
    tables: Mapping[str, ModuleTable],
) -> DepartmentBreakdown | None:
    """Scores per department group; `tables` are each module's per-answer scores."""
    internal = [r for r in respondents if r.perspective == "internal"]
    if not any(r.department for r in internal):
        return None
    threshold = settings.anonymity_threshold
    counts = Counter(r.department for r in internal)
    shown, merged, left_out = department_groups(counts, threshold)
    invited = settings.invitations()
    groups = [
        _group(name, [r for r in internal if r.department == name], modules, tables, threshold)
        for name in shown
    ]
    for group in groups:
        group.invited = invited.get(group.name)
    members = [r for r in internal if r.department in merged]
    if members and not left_out:
        other = _group(OTHER, members, modules, tables, threshold, merged=True)
        if all(d is not None and d in invited for d in merged):
            other.invited = sum(invited[d] for d in merged if d is not None)
        groups.append(other)
    return DepartmentBreakdown(
        threshold=threshold,
        groups=groups,
        merged_departments=sum(1 for d in merged if d is not None),
        left_out=left_out,
        invited=sum(invited.values()) if invited else None,
        answered=len(internal),
    )


def _group(
    name: str,
    members: Sequence[Respondent],
    modules: Sequence[Module],
    tables: Mapping[str, ModuleTable],
    threshold: int,
    merged: bool = False,
) -> DepartmentGroup:
    module_scores: dict[str, float | None] = {}
    pairs = []
    for module in modules:
        participants = {r.id for r in members if module.id in r.answers}
        if len(participants) < threshold:
            module_scores[module.id] = None  # too few in this module to show
            continue
        score = subset_score(module, tables[module.id], participants)
        module_scores[module.id] = score
        pairs.append((module.weight, score))
    score = weighted_mean(pairs)
    shown = [m for m in modules if module_scores.get(m.id) is not None]
    ids = {r.id for r in members}
    spread = describe(overall_rows(shown, tables, "internal", members=ids))
    return DepartmentGroup(
        name, len(members), score, level_for(score), module_scores, merged, spread.sd
    )
