"""Differencing: comparing what a report would show with what earlier shared reports showed.

Two reports of the same round whose group differs by one late respondent (or one forgotten
one) expose that person: 7 × after − 6 × before is their score. The rule
(docs/security.md, "Differencing"): a group's figures are withheld when the people behind
them differ from those behind an earlier shared report by at least one and fewer than the
anonymity threshold. Groups are the perspectives and the departments, per module and
overall. People are compared by a salted fingerprint of their id, so the record of a shared
report holds no respondent id. Pure.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ccassess.model import DONT_KNOW
from ccassess.model.answers import Respondent, respondent_key
from ccassess.model.questionnaire import Module
from ccassess.model.result import AssessmentResult, Withholding

PERSPECTIVE = "perspective"
DEPARTMENT = "department"
#: The module key of a group's overall score.
OVERALL = "*"

#: (kind, group name, module id or OVERALL)
FigureKey = tuple[str, str, str]


@dataclass(frozen=True)
class Release:
    """The people behind each figure group of a report rendered for sharing."""

    day: str
    groups: Mapping[FigureKey, frozenset[str]]


def fingerprint(salt: str, respondent_id: str) -> str:
    """A respondent's id as the release record keeps it: salted, one way, short."""
    return hashlib.sha256(f"{salt}\x00{respondent_id}".encode()).hexdigest()[:16]


def contributions(
    modules: Sequence[Module], respondents: Iterable[Respondent], salt: str
) -> dict[FigureKey, frozenset[str]]:
    """Who contributed an answer (anything but "don't know") to each group's figures."""
    found: dict[FigureKey, set[str]] = {}
    for respondent in respondents:
        person = fingerprint(salt, respondent_key(respondent.id))
        groups: list[tuple[str, str]] = [(PERSPECTIVE, respondent.perspective)]
        if respondent.perspective == "internal" and respondent.department:
            groups.append((DEPARTMENT, respondent.department))
        for module in modules:
            given = respondent.answers.get(module.id) or {}
            if not any(v is not None and v != DONT_KNOW for v in given.values()):
                continue
            for kind, name in groups:
                found.setdefault((kind, name, module.id), set()).add(person)
                found.setdefault((kind, name, OVERALL), set()).add(person)
    return {key: frozenset(people) for key, people in found.items()}


def differencing_risks(
    current: Mapping[FigureKey, frozenset[str]], earlier: Sequence[Release], threshold: int
) -> list[Withholding]:
    """The figure groups that differ from an earlier release by 1 … threshold − 1 people."""
    risks: dict[FigureKey, Withholding] = {}
    for release in earlier:
        for key, before in release.groups.items():
            now = current.get(key, frozenset())
            changed = len(now ^ before)
            if 0 < changed < threshold and key not in risks:
                kind, name, module = key
                risks[key] = Withholding(
                    kind, name, None if module == OVERALL else module, changed, release.day
                )
    return sorted(risks.values(), key=lambda w: (w.kind, w.name, w.module or ""))


def shown_groups(
    result: AssessmentResult, current: Mapping[FigureKey, frozenset[str]]
) -> dict[FigureKey, frozenset[str]]:
    """The figure groups this result shows, with their people: what a release records."""
    shown: dict[FigureKey, frozenset[str]] = {}
    modules = {m.id: m for m in result.modules}
    groups = result.departments.groups if result.departments else []
    for key, people in current.items():
        kind, name, module_id = key
        if kind == PERSPECTIVE:
            if module_id == OVERALL:
                figure = result.by_perspective.get(name)
            else:
                module = modules.get(module_id)
                figure = module.by_perspective.get(name) if module else None
            visible = figure is not None and figure.score is not None
            if not visible and module_id != OVERALL and module_id in modules:
                # a module's figures may rest on its analysis (KPIs) rather than its score
                threshold = result.info.anonymity_threshold
                visible = bool(modules[module_id].analysis) and len(people) >= threshold
        else:
            group = next((g for g in groups if name in g.departments), None)
            if group is None:
                visible = False
            elif module_id == OVERALL:
                visible = group.score is not None
            else:
                visible = group.modules.get(module_id) is not None
        if visible:
            shown[key] = people
    return shown
