"""Agreement and reliability of a dimension within one perspective. Pure.

Never over staff and customers pooled: pooled, a spread mostly measures the perception gap
and an alpha is inflated by the difference between the groups (docs/concepts/scoring.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from ccassess.model.result import Agreement, Reliability
from ccassess.scoring.agreement import (
    agreement_band,
    rwg_j_from_ratios,
    score_variance_on_scale,
    uniform_null_variance,
)
from ccassess.scoring.stats import (
    ALPHA_MIN_RESPONDENTS,
    DISAGREEMENT_SD,
    DISPUTED_MIN_RESPONDENTS,
    DISPUTED_RWG,
    describe,
    item_alpha,
)


def dimension_agreement(
    values: Sequence[float],
    variances: Sequence[float | None],
    points: Sequence[int | None],
) -> Agreement:
    """Agreement among one perspective's respondents on a dimension.

    `values` are the respondents' own dimension scores (0–100); `variances` and `points`
    hold, per question asked of the perspective, the sample variance of its scores (0–100)
    and its number of answer options (None: not a scale of points). r_wg(J) comes from the
    questions on a scale of points, each variance converted to its answer scale and set
    against its own uniform null; without such questions the SD of `values` is the spread.
    Disputed from DISPUTED_MIN_RESPONDENTS on when r_wg(J) is below DISPUTED_RWG (without
    r_wg: when the SD is at least DISAGREEMENT_SD).
    """
    ratios = [
        score_variance_on_scale(variance, options) / uniform_null_variance(options)
        for variance, options in zip(variances, points, strict=True)
        if options is not None and options >= 2 and variance is not None
    ]
    n = len(values)
    value = rwg_j_from_ratios(ratios)
    spread = describe(values).sd if n > 1 else None
    enough = n >= DISPUTED_MIN_RESPONDENTS
    if value is not None:
        disputed = enough and value < DISPUTED_RWG
    else:
        disputed = enough and (spread or 0.0) >= DISAGREEMENT_SD
    return Agreement(
        n=n, rwg=value, band=agreement_band(value), items=len(ratios), sd=spread, disputed=disputed
    )


def dimension_reliability(
    complete: list[list[float]], spreads: Sequence[tuple[float | None, int]], questions: int
) -> Reliability:
    """Cronbach's alpha within one perspective from the item columns of its respondents who
    answered every one of the `questions` asked of it (listwise complete); `spreads` hold
    each question's variance and number of values, reused where a column has them all."""
    n = len(complete[0]) if complete else 0
    alpha = None
    if questions >= 2 and n >= ALPHA_MIN_RESPONDENTS:
        known = [
            variance if count == len(item) else None
            for (variance, count), item in zip(spreads, complete, strict=True)
        ]
        alpha = item_alpha(complete, known)
    return Reliability(alpha=alpha, n=n, items=questions)
