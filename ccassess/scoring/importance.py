"""Importance × performance (Martilla & James 1977): what customers say matters, against how
they rate it. Pure.

A question marked `importance: true` rates how important its dimension is; it never enters a
score. A dimension's importance is the customers' mean rating on 0–100 (point p of a scale
starting at s with k points: (p − s) / (k − 1) × 100; "don't know" and skipped left out),
each customer's ratings of one dimension averaged first. Its performance is the customers'
view of the dimension (their 0–100 score). The quadrants split importance at the mean of the
dimensions shown — customers call most things important, so importance ranks the dimensions
against each other — and performance at the scale's midpoint, 50: a dimension customers rate
below it is never one to "keep up". An importance resting on fewer customers than the
anonymity threshold is withheld (only its n is kept, flagged `small`), like every figure.
"""

from __future__ import annotations

from collections.abc import Sequence

from ccassess.model import DONT_KNOW
from ccassess.model.answers import Respondent
from ccassess.model.questionnaire import Dimension, Module
from ccassess.model.result import ImportanceRow, ImportanceView, ModuleResult
from ccassess.scoring.intervals import mean_interval

#: The customers' perspective: importance is what customers say matters to them.
RATERS = "customer"


def importance_view(
    modules: Sequence[Module],
    results: Sequence[ModuleResult],
    respondents: Sequence[Respondent],
    anonymity_threshold: int,
) -> ImportanceView | None:
    """The view over every dimension with importance ratings; None when no module has any."""
    raters = [r for r in respondents if r.perspective == RATERS]
    rows: list[ImportanceRow] = []
    by_id = {r.id: r for r in results}
    for module in modules:
        result = by_id.get(module.id)
        for dimension in module.dimensions:
            if result is None or not any(q.importance for q in dimension.questions):
                continue
            scored = result.dimension(dimension.id)
            customers = scored.by_perspective.get(RATERS) if scored is not None else None
            ratings = _ratings(module, dimension, raters)
            small = 0 < len(ratings) < anonymity_threshold
            shown = [] if small else ratings  # below the threshold: only n, no figure
            interval = mean_interval(shown)
            performance = customers.score if customers is not None else None
            rows.append(
                ImportanceRow(
                    module=module.id,
                    dimension=dimension.id,
                    title=dimension.title,
                    module_title=module.title,
                    importance=sum(shown) / len(shown) if shown else None,
                    importance_n=len(ratings),
                    importance_low=interval.low if interval else None,
                    importance_high=interval.high if interval else None,
                    performance=performance,
                    performance_n=customers.n if customers is not None else 0,
                    small=small,
                )
            )
    if not rows:
        return None
    return _quadrants(rows)


def _ratings(module: Module, dimension: Dimension, raters: Sequence[Respondent]) -> list[float]:
    """Each rater's mean importance rating of the dimension, 0–100."""
    questions = [q for q in dimension.questions if q.importance and q.scale is not None]
    found = []
    for respondent in raters:
        given = respondent.answers.get(module.id) or {}
        values = []
        for question in questions:
            value = given.get(question.id)
            if value is None or value == DONT_KNOW or question.scale is None:
                continue
            scale = question.scale
            values.append((value - scale.start) / (scale.points - 1) * 100)
        if values:
            found.append(sum(values) / len(values))
    return found


#: Where performance is split: the middle of the 0–100 scale.
PERFORMANCE_MIDPOINT = 50.0


def _quadrants(rows: list[ImportanceRow]) -> ImportanceView:
    complete = [r for r in rows if r.importance is not None and r.performance is not None]
    if not complete:
        return ImportanceView(rows)
    importance = sum(r.importance or 0 for r in complete) / len(complete)
    for row in complete:
        important = (row.importance or 0) >= importance
        done_well = (row.performance or 0) >= PERFORMANCE_MIDPOINT
        row.quadrant = {
            (True, False): "concentrate",
            (True, True): "keep_up",
            (False, False): "low_priority",
            (False, True): "possible_overkill",
        }[(important, done_well)]
    return ImportanceView(rows, importance, PERFORMANCE_MIDPOINT)
