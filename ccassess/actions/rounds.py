"""Scoring a workspace's rounds, comparing two rounds, and the trend over earlier rounds."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ccassess.actions.assess import EarlierRound
from ccassess.actions.result_cache import assess_round
from ccassess.catalogs import gettext_for
from ccassess.format import number
from ccassess.model.answers import Respondent
from ccassess.model.result import AssessmentResult
from ccassess.model.serial import to_data
from ccassess.model.settings import AssessmentSettings
from ccassess.workspace.rounds import Round
from ccassess.workspace.store import Workspace

if TYPE_CHECKING:
    from ccassess.actions.assess import EarlierRound
    from ccassess.plugin.registry import Registry


@dataclass
class ScoredRound:
    round: Round
    result: AssessmentResult
    notes: list[str] = field(default_factory=list)


def score_round(
    workspace: Workspace, registry: Registry, round_: Round, language: str | None = None
) -> ScoredRound:
    """A round scored with its modules as answered (no trend)."""
    pinned, notes = workspace.registry_for(round_, registry)
    settings = workspace.settings
    if language:
        settings = replace(settings, language=language)
    parts = round_key_parts(workspace, round_, settings)

    def load() -> list[Respondent]:
        return workspace.respondents(round_, with_names=False)

    result = assess_round(pinned, workspace.folder, parts, load, settings)
    return ScoredRound(round_, result, notes)


def round_key_parts(
    workspace: Workspace, round_: Round, settings: AssessmentSettings
) -> dict[str, Any]:
    """What the kept result of a round is keyed by, besides modules, plugins and code."""
    rows = workspace.respondent_rows(round_)
    return {"round": round_.name, "respondents": rows, "settings": to_data(settings)}


def earlier_rounds(workspace: Workspace, registry: Registry, round_: Round) -> list[EarlierRound]:
    """Earlier rounds with respondents, scored, oldest first."""
    found = []
    for earlier in workspace.earlier_rounds(round_):
        if not earlier.respondents:
            continue
        scored = score_round(workspace, registry, earlier)
        found.append(EarlierRound(earlier.name, earlier.created[:10], scored.result))
    return found


@dataclass
class Change:
    """One line of a comparison: a module or dimension score in two rounds."""

    module: str
    dimension: str | None
    title: str
    before: float | None
    after: float | None
    level_before: int | None
    level_after: int | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass
class Comparison:
    before: str
    after: str
    overall: Change
    changes: list[Change]
    respondents: tuple[int, int]

    def to_data(self) -> dict:
        def item(change: Change) -> dict:
            return {
                "module": change.module,
                "dimension": change.dimension,
                "title": change.title,
                "before": change.before,
                "after": change.after,
                "change": change.change,
                "level_before": change.level_before,
                "level_after": change.level_after,
            }

        return {
            "before": self.before,
            "after": self.after,
            "respondents": {"before": self.respondents[0], "after": self.respondents[1]},
            "overall": item(self.overall),
            "changes": [item(c) for c in self.changes],
        }


def compare_results(
    before: AssessmentResult, after: AssessmentResult, names: tuple[str, str], lang: str
) -> Comparison:
    """Per module and dimension: the score in both rounds and the change."""
    changes: list[Change] = []
    order = [m.id for m in after.modules] + [
        m.id for m in before.modules if after.module(m.id) is None
    ]
    for module_id in order:
        a, b = before.module(module_id), after.module(module_id)
        module = b or a
        assert module is not None
        changes.append(
            Change(
                module_id,
                None,
                module.title.get(lang),
                a.score if a else None,
                b.score if b else None,
                a.level if a else None,
                b.level if b else None,
            )
        )
        dimension_ids = [d.id for d in module.dimensions]
        other = a if module is b else b
        if other is not None:
            dimension_ids += [d.id for d in other.dimensions if d.id not in dimension_ids]
        for dimension_id in dimension_ids:
            da = a.dimension(dimension_id) if a else None
            db = b.dimension(dimension_id) if b else None
            dimension = db or da
            assert dimension is not None
            changes.append(
                Change(
                    module_id,
                    dimension_id,
                    dimension.title.get(lang),
                    da.score if da else None,
                    db.score if db else None,
                    da.level if da else None,
                    db.level if db else None,
                )
            )
    overall = Change(
        "",
        None,
        gettext_for(lang, "Overall"),
        before.score,
        after.score,
        before.level,
        after.level,
    )
    return Comparison(
        names[0], names[1], overall, changes, (before.respondents.total, after.respondents.total)
    )


def compare_rounds(
    workspace: Workspace, registry: Registry, first: str, second: str, lang: str
) -> Comparison:
    a = score_round(workspace, registry, workspace.round(first))
    b = score_round(workspace, registry, workspace.round(second))
    return compare_results(a.result, b.result, (a.round.name, b.round.name), lang)


def comparison_table(comparison: Comparison, lang: str) -> str:
    """The comparison as a terminal table: per dimension before, after and the change."""
    de = lang == "de"
    head = gettext_for(lang, "Module / dimension")
    before, after = comparison.before[:10], comparison.after[:10]
    lines = [f"{head:<48} {before:>10} {after:>10} {'Δ':>7}", "-" * 78]

    def row(change: Change, indent: str) -> None:
        delta = change.change
        shown = "-" if delta is None else f"{delta:+.1f}".replace(".", "," if de else ".")
        lines.append(
            f"{(indent + change.title)[:48]:<48} {number(change.before, lang, 1):>10} "
            f"{number(change.after, lang, 1):>10} {shown:>7}"
        )

    for change in comparison.changes:
        row(change, "  " if change.dimension else "")
    lines.append("-" * 78)
    row(comparison.overall, "")
    counts = comparison.respondents
    lines.append(gettext_for(lang, "Respondents") + f": {counts[0]} → {counts[1]}")
    return "\n".join(lines)
