"""Key figures agree, or nothing is taken.

The company figures of a round (`perspective: key_figures`: customer counts, survey counts,
annual value …) are entered once, by the consultant or a controller. Whoever enters them,
and however often: two entries that give one figure different values are an error naming
both places, never resolved silently (which of two controllers is right is for people to
decide). Entries that agree, or that give different figures, are fine.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ccassess.catalogs import _
from ccassess.errors import Location, Problems
from ccassess.model import DONT_KNOW
from ccassess.model.answers import Respondent
from ccassess.model.questionnaire import KEY_FIGURES


@dataclass
class KeyFigures:
    """The key figures seen so far: (module, question) → (value, respondent id, place)."""

    seen: dict[tuple[str, str], tuple[Any, str, Location]] = field(default_factory=dict)

    def add(self, respondent: Respondent, where: Location, problems: Problems) -> None:
        """Remember a respondent's key figures; report each that disagrees with one seen."""
        if respondent.perspective != KEY_FIGURES:
            return
        for module_id, answers in respondent.answers.items():
            for question_id, value in answers.items():
                if value is None or value == DONT_KNOW:
                    continue
                key = (module_id, question_id)
                earlier = self.seen.setdefault(key, (value, respondent.id, where))
                if earlier[0] != value:
                    problems.error(
                        where,
                        _(
                            "key figure {figure} is {value} for {respondent}, but {earlier} "
                            "for {other} ({place}); a round holds each key figure once: "
                            "correct or remove one of them (import the corrected file with "
                            "--replace)"
                        ).format(
                            figure=f"{module_id}.{question_id}",
                            value=repr(value),
                            respondent=respondent.id,
                            earlier=repr(earlier[0]),
                            other=earlier[1],
                            place=earlier[2],
                        ),
                    )


def key_figure_conflicts(respondents: Iterable[tuple[Respondent, Location]]) -> Problems:
    """Every key figure two of these respondents give differently (see `KeyFigures`)."""
    problems = Problems()
    figures = KeyFigures()
    for respondent, where in respondents:
        figures.add(respondent, where, problems)
    return problems
