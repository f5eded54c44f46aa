"""How often a question that has no score was asked and answered: open questions, figures,
importance ratings. Pure; the engine's coverage of scored questions stays in the engine."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ccassess.model import DONT_KNOW
from ccassess.model.questionnaire import Question
from ccassess.model.result import Coverage


def unscored_coverage(
    question: Question, internal: Sequence[Mapping], customer: Sequence[Mapping]
) -> Coverage:
    """How often an unscored question (free text, a figure, an importance rating) was asked
    and answered: its answer count, which never enters a dimension's coverage."""
    coverage = Coverage()
    for perspective, givens in (("internal", internal), ("customer", customer)):
        if not question.asked_of(perspective):
            continue
        for given in givens:
            if question.skipped(given):
                continue
            coverage.asked += 1
            value = given.get(question.id)
            if value == DONT_KNOW:
                coverage.dont_know += 1
            elif value is not None and value != "":
                coverage.answered += 1
    return coverage
