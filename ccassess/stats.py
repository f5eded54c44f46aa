"""Small, dependency-free statistics used by the scoring engine (pure functions)."""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence

from ccassess.result import Stats

#: A dimension is flagged as disputed when respondents' scores spread this much (sd, 0–100).
DISAGREEMENT_SD = 25.0
#: Cronbach's alpha is computed only with at least this many complete respondents.
ALPHA_MIN_RESPONDENTS = 10


def weighted_mean(pairs: Sequence[tuple[float, float | None]]) -> float | None:
    """Mean of values weighted by their weights, skipping values that are None."""
    total = sum(weight for weight, value in pairs if value is not None)
    if not total:
        return None
    return sum(weight * value for weight, value in pairs if value is not None) / total


def describe(values: Sequence[float]) -> Stats:
    """n, mean, median, sample standard deviation and consensus (1 − sd/50) of 0–100 scores."""
    n = len(values)
    if n == 0:
        return Stats()
    mean = sum(values) / n
    ordered = sorted(values)
    middle = n // 2
    median = ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    sd = math.sqrt(sample_variance(values)) if n > 1 else 0.0
    consensus = max(0.0, 1.0 - sd / 50.0)
    return Stats(n=n, mean=mean, median=median, sd=sd, consensus=consensus)


def sample_variance(values: Sequence[float]) -> float:
    """Two-pass sample variance; the squares are summed in C (map) for speed."""
    n = len(values)
    mean = sum(values) / n
    deviations = [v - mean for v in values]
    return max(0.0, sum(map(operator.mul, deviations, deviations)) / (n - 1))


def cronbach_alpha(rows: Sequence[Sequence[float]]) -> float | None:
    """Internal consistency of k items over complete respondent rows; None when undefined."""
    if len(rows) < ALPHA_MIN_RESPONDENTS:
        return None
    k = len(rows[0])
    if k < 2:
        return None
    item_variances = [sample_variance([row[i] for row in rows]) for i in range(k)]
    total_variance = sample_variance([sum(row) for row in rows])
    if total_variance == 0:
        return None
    return k / (k - 1) * (1 - sum(item_variances) / total_variance)
