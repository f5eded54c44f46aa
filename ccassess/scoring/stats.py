"""Small, dependency-free statistics used by the scoring engine (pure functions)."""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from itertools import repeat

from ccassess.model.result import Stats

#: A dimension is disputed within a perspective when its r_wg(J) is below this (the upper
#: end of the "weak" band: weak or no agreement) ...
DISPUTED_RWG = 0.50
#: ... or, for a dimension without questions on a scale of points (no r_wg), when the
#: respondents' own scores spread this much (sd, 0–100).
DISAGREEMENT_SD = 25.0
#: Agreement and spread are judged from this many respondents of a perspective on.
DISPUTED_MIN_RESPONDENTS = 3
#: A dimension whose Cronbach's alpha within a perspective is below this is flagged: its
#: questions do not measure one thing consistently, read them one by one.
ALPHA_CONSISTENT = 0.60
#: Cronbach's alpha is computed only with at least this many complete respondents.
ALPHA_MIN_RESPONDENTS = 10


def weighted_mean(pairs: Sequence[tuple[float, float | None]]) -> float | None:
    """Mean of values weighted by their weights, skipping values that are None."""
    total = sum(weight for weight, value in pairs if value is not None)
    if not total:
        return None
    return sum(weight * value for weight, value in pairs if value is not None) / total


def describe(values: Sequence[float]) -> Stats:
    """n, mean, median and sample standard deviation of 0–100 scores."""
    return describe_with_variance(values)[0]


def describe_with_variance(values: Sequence[float]) -> tuple[Stats, float | None]:
    """`describe`, and the sample variance behind its sd (None below two values) for reuse."""
    n = len(values)
    if n == 0:
        return Stats(), None
    mean = sum(values) / n
    ordered = sorted(values)
    middle = n // 2
    median = ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    variance = _variance(values, mean) if n > 1 else None
    sd = 0.0 if variance is None else math.sqrt(variance)
    return Stats(n=n, mean=mean, median=median, sd=sd), variance


def sample_variance(values: Sequence[float]) -> float:
    """Two-pass sample variance."""
    return _variance(values, sum(values) / len(values))


def _variance(values: Sequence[float], mean: float) -> float:
    """The sample variance around a mean already known; every pass runs in C (map)."""
    deviations = list(map(operator.sub, values, repeat(mean)))
    return max(0.0, sum(map(operator.mul, deviations, deviations)) / (len(values) - 1))


def cronbach_alpha(rows: Sequence[Sequence[float]]) -> float | None:
    """Internal consistency of k items over complete respondent rows; None when undefined."""
    if len(rows) < ALPHA_MIN_RESPONDENTS or len(rows[0]) < 2:
        return None
    return item_alpha(list(zip(*rows, strict=True)))


def item_alpha(
    items: Sequence[Sequence[float]], known: Sequence[float | None] | None = None
) -> float | None:
    """Cronbach's alpha from one column per item (complete respondents, aligned); no rows
    are built, which spares the garbage collector a tuple per respondent. `known` holds
    item variances already computed (None where not), exactly as `sample_variance` would."""
    k = len(items)
    if k < 2 or len(items[0]) < ALPHA_MIN_RESPONDENTS:
        return None
    known = known or [None] * k
    item_variances = [
        sample_variance(item) if variance is None else variance
        for item, variance in zip(items, known, strict=True)
    ]
    total_variance = sample_variance(list(map(sum, zip(*items, strict=True))))
    if total_variance == 0:
        return None
    return k / (k - 1) * (1 - sum(item_variances) / total_variance)
