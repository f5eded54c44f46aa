"""Scoring a workspace round for a report that will be shared, safe against differencing.

Before scoring, the people behind each figure group are compared with those behind the
round's earlier shared reports (ccassess.scoring.privacy); groups that differ by fewer
respondents than the anonymity threshold are withheld, or shown at the consultant's explicit
risk (`--accept-differencing-risk`, recorded). After the report is written, what it showed
is recorded for the next comparison. Response files outside a workspace have no record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ccassess.actions.assess import assess
from ccassess.actions.inputs import Inputs
from ccassess.actions.result_cache import Kept, keep, lookup
from ccassess.model.result import AssessmentResult, Withholding
from ccassess.plugin.registry import Registry
from ccassess.scoring.privacy import FigureKey, contributions, differencing_risks, shown_groups
from ccassess.workspace.releases import decode_groups, encode_groups
from ccassess.workspace.store import Workspace


@dataclass
class SharingCheck:
    """The outcome of the differencing check for one report."""

    withheld: list[Withholding] = field(default_factory=list)
    accepted: list[Withholding] = field(default_factory=list)
    current: dict[FigureKey, frozenset[str]] = field(default_factory=dict)


def check_sharing(registry: Registry, inputs: Inputs, accept_risk: bool = False) -> SharingCheck:
    """Compare the round's figure groups with its earlier shared reports."""
    if inputs.workspace is None:
        return SharingCheck()
    with Workspace.open(inputs.workspace) as workspace:
        round_ = workspace.round(inputs.round)
        salt, earlier = workspace.releases(round_)
    modules = registry.select(inputs.settings.modules)
    current = contributions(modules, inputs.respondents, salt)
    risks = differencing_risks(current, earlier, inputs.settings.anonymity_threshold)
    if accept_risk:
        return SharingCheck(accepted=risks, current=current)
    return SharingCheck(withheld=risks, current=current)


def assess_for_sharing(
    registry: Registry,
    inputs: Inputs,
    *,
    include_answers: bool = False,
    accept_risk: bool = False,
) -> tuple[AssessmentResult, Callable[[], None]]:
    """The result to render, and what to call to record it: before the report is written, so
    that a report that is out is never missing from the record (a failed write leaves a
    record too much, which only withholds more)."""
    key, releases, kept = lookup(registry, inputs, include_answers, accept_risk)
    if kept is not None:  # the same data as the last report: its result and its record
        found = kept

        def record_again() -> None:
            if inputs.workspace is not None:
                with Workspace.open(inputs.workspace) as workspace:
                    workspace.record_release(
                        workspace.round(inputs.round),
                        decode_groups(found.groups),
                        accepted=found.accepted,
                    )

        return found.result, record_again
    if inputs.load_respondents is not None:
        inputs.respondents = inputs.load_respondents()
    check = check_sharing(registry, inputs, accept_risk)
    result = assess(
        registry,
        inputs.respondents,
        inputs.settings,
        include_answers=include_answers,
        earlier_rounds=inputs.earlier_rounds,
        narrative=inputs.narrative,
        names=inputs.names,
        withheld=check.withheld,
        accepted=check.accepted,
    )
    if key is not None:
        groups = encode_groups(shown_groups(result, check.current))
        keep(inputs, key, releases, Kept(result, groups, len(check.accepted)))

    def record() -> None:
        if inputs.workspace is not None:
            record_sharing(inputs.workspace, inputs.round, result, check)

    return result, record


def record_sharing(
    folder: Path, round_name: str | None, result: AssessmentResult, check: SharingCheck
) -> None:
    with Workspace.open(folder) as workspace:
        round_ = workspace.round(round_name)
        workspace.record_release(
            round_, shown_groups(result, check.current), accepted=len(check.accepted)
        )
