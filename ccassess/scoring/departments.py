"""Department breakdown under the anonymity threshold. Pure.

A department with fewer respondents than the threshold is never shown on its own. Small
departments (and internal respondents without a department) are merged into "other"; if
"other" would still be below the threshold — or could be recovered by subtracting the shown
groups from the total — the smallest shown groups are merged into it as well.

Every figure of a group counts the people who contributed an answer to it, not the members
who have the module: a question enters a group's score only when at least the threshold of
its members answered it (not "don't know"), and a module figure only when that many gave it
an answer. A figure hidden that way is protected by complementary suppression: if the
hidden figures of a column (one module, or the overall score) rest on fewer people than the
threshold, the smallest shown figures of that column are hidden too, so nobody's answers
can be recovered by subtracting the shown groups from the total.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence

from ccassess.model.answers import Respondent
from ccassess.model.levels import level_for
from ccassess.model.questionnaire import Module
from ccassess.model.result import DepartmentBreakdown, DepartmentGroup
from ccassess.model.settings import AssessmentSettings
from ccassess.scoring.engine import ModuleTable, present
from ccassess.scoring.stats import describe, weighted_mean
from ccassess.scoring.subsets import overall_rows

OTHER = "other"
#: The key of a group's overall score in the withheld figures (`department_breakdown`).
OVERALL = "*"


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
    withheld: Collection[tuple[str, str]] = (),
) -> DepartmentBreakdown | None:
    """Scores per department group; `tables` are each module's per-answer scores.

    `withheld` holds (department, module id or "*") pairs whose figures a differencing check
    withholds; a group holding such a department shows no figure for that module (or no
    overall score).
    """
    internal = [r for r in respondents if r.perspective == "internal"]
    if not any(r.department for r in internal):
        return None
    threshold = settings.anonymity_threshold
    counts = Counter(r.department for r in internal)
    shown, merged, left_out = department_groups(counts, threshold)
    invited = settings.invitations()
    members_of = {name: [r for r in internal if r.department == name] for name in shown}
    other_members = [r for r in internal if r.department in merged]
    if other_members and not left_out:
        members_of[OTHER] = other_members
    groups = [
        _group(name, members, modules, tables, threshold, merged=name == OTHER)
        for name, members in members_of.items()
    ]
    for group in groups:
        group.departments = sorted({r.department for r in members_of[group.name] if r.department})
        if group.name != OTHER:
            group.invited = invited.get(group.name)
        elif all(d is not None and d in invited for d in merged):
            group.invited = sum(invited[d] for d in merged if d is not None)
    _withhold(groups, members_of, withheld)
    _complement(groups, members_of, modules, tables, threshold)
    small = sorted(d for d in merged if d is not None and counts[d] < threshold)
    joined = sorted(d for d in merged if d is not None and counts[d] >= threshold)
    return DepartmentBreakdown(
        threshold=threshold,
        groups=groups,
        merged_departments=len(small) + len(joined),
        left_out=left_out,
        invited=sum(invited.values()) if invited else None,
        answered=len(internal),
        merged_small=small,
        merged_to_protect=joined,
        without_department=counts.get(None, 0),
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
    ids = {r.id for r in members}
    for module in modules:
        score, contributors = group_score(module, tables[module.id], ids, threshold)
        if contributors < threshold:
            score = None  # too few answered in this module to show
        module_scores[module.id] = score
        if score is not None:
            pairs.append((module.weight, score))
    score = weighted_mean(pairs)
    shown = [m for m in modules if module_scores.get(m.id) is not None]
    rows = overall_rows(shown, tables, "internal", members=ids)
    spread = describe(rows) if len(rows) >= threshold else describe([])
    return DepartmentGroup(
        name, len(members), score, level_for(score), module_scores, merged, spread.sd
    )


def group_score(
    module: Module, table: ModuleTable, members: set[str], threshold: int
) -> tuple[float | None, int]:
    """The staff's module score over some respondents, from the questions at least
    `threshold` of them answered, and how many of them contributed to it."""
    staff = table.perspective_slices["internal"]
    positions = [i for i in table.positions(members) if i < (staff.stop or 0)]
    contributors: set[int] = set()
    dimension_scores = []
    for dimension in module.dimensions:
        pairs = []
        for question in dimension.questions:
            if not table.scored[question.id] or not question.asked_of("internal"):
                continue
            column = table.columns[question.id]
            given = [i for i in positions if column[i] is not None]
            if len(given) < threshold:
                continue  # this question rests on too few of them: left out of their score
            contributors.update(given)
            values = present([column[i] for i in given])
            pairs.append((question.weight, sum(values) / len(values)))
        dimension_scores.append((dimension.weight, weighted_mean(pairs)))
    return weighted_mean(dimension_scores), len(contributors)


def _withhold(
    groups: Sequence[DepartmentGroup],
    members_of: Mapping[str, Sequence[Respondent]],
    withheld: Collection[tuple[str, str]],
) -> None:
    if not withheld:
        return
    for group in groups:
        departments = {r.department for r in members_of[group.name]}
        for module_id in list(group.modules):
            if any((d, module_id) in withheld for d in departments if d):
                group.modules[module_id] = None
        if any((d, OVERALL) in withheld for d in departments if d):
            group.score = group.level = group.sd = None


def _complement(
    groups: Sequence[DepartmentGroup],
    members_of: Mapping[str, Sequence[Respondent]],
    modules: Sequence[Module],
    tables: Mapping[str, ModuleTable],
    threshold: int,
) -> None:
    """Hide the smallest shown figures of a column while its hidden ones rest on fewer than
    `threshold` people (they could be recovered from the total by subtraction)."""

    def answered(group: DepartmentGroup, module_ids: Sequence[str]) -> int:
        ids = {r.id for r in members_of[group.name]}
        people: set[str] = set()
        for module_id in module_ids:
            table = tables[module_id]
            staff = table.perspective_slices["internal"]
            for i in table.positions(ids):
                if i < (staff.stop or 0) and any(
                    column[i] is not None for column in table.columns.values()
                ):
                    people.add(table.ids[i])
        return len(people)

    module_ids = [m.id for m in modules]
    weights = {m.id: m.weight for m in modules}
    for module_id in [*module_ids, OVERALL]:
        if module_id == OVERALL:  # the overall score of what is left shown
            for group in groups:
                if group.score is not None:
                    group.score = weighted_mean(
                        [(weights[k], v) for k, v in group.modules.items() if v is not None]
                    )
                    group.level = level_for(group.score)
                if group.score is None:
                    group.level = group.sd = None
        used = module_ids if module_id == OVERALL else [module_id]

        def shown(group: DepartmentGroup, key: str = module_id) -> bool:
            return (group.score if key == OVERALL else group.modules.get(key)) is not None

        hidden = sum(answered(g, used) for g in groups if not shown(g))
        visible = sorted((g for g in groups if shown(g)), key=lambda g: (g.n, g.name))
        while 0 < hidden < threshold and visible:
            smallest = visible.pop(0)
            hidden += answered(smallest, used)
            if module_id == OVERALL:
                smallest.score = smallest.level = smallest.sd = None
            else:
                smallest.modules[module_id] = None
