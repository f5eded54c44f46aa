"""95 % confidence intervals for the figures a report shows: means, differences of means,
shares and the Net Promoter Score. Pure and dependency-free.

Which interval for which figure (docs/concepts/scoring.md):
- a mean score (0–100): Student's t interval, mean ± t(n−1) · sd/√n;
- a gap between two groups' means: Welch's interval (unequal variances, Welch–Satterthwaite
  degrees of freedom);
- a share (CSAT's top-2-box share, a level's share): Wilson's score interval, which stays
  inside 0–100 % and behaves at small n and at shares near 0 or 1;
- NPS: the normal approximation with the variance of the promoter−detractor difference,
  Var = [p + d − (p − d)²] / n (respondents coded +1, 0, −1).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

#: The confidence level of every interval ccassess reports.
CONFIDENCE = 0.95
#: The normal quantile for a two-sided 95 % interval.
Z_95 = 1.959963984540054


@dataclass(frozen=True)
class Interval:
    """A two-sided confidence interval on the figure's own scale."""

    low: float
    high: float

    @property
    def half_width(self) -> float:
        return (self.high - self.low) / 2


def mean_interval(values: Sequence[float]) -> Interval | None:
    """Student's t interval for the mean; None below two values."""
    n = len(values)
    if n < 2:
        return None
    mean = sum(values) / n
    variance = sum((v - mean) ** 2 for v in values) / (n - 1)
    half = t_quantile(n - 1) * math.sqrt(variance / n)
    return Interval(mean - half, mean + half)


def welch_interval(first: Sequence[float], second: Sequence[float]) -> Interval | None:
    """Welch's interval for mean(first) − mean(second); None below two values in a group."""
    n1, n2 = len(first), len(second)
    if n1 < 2 or n2 < 2:
        return None
    m1, m2 = sum(first) / n1, sum(second) / n2
    v1 = sum((v - m1) ** 2 for v in first) / (n1 - 1) / n1
    v2 = sum((v - m2) ** 2 for v in second) / (n2 - 1) / n2
    difference = m1 - m2
    if v1 + v2 == 0:
        return Interval(difference, difference)
    df = (v1 + v2) ** 2 / (v1**2 / (n1 - 1) + v2**2 / (n2 - 1))
    half = t_quantile(df) * math.sqrt(v1 + v2)
    return Interval(difference - half, difference + half)


def wilson_interval(successes: int, n: int) -> Interval | None:
    """Wilson's score interval for a share, in percent (0–100); None for n = 0."""
    if n <= 0:
        return None
    share = successes / n
    z2 = Z_95**2
    centre = (share + z2 / (2 * n)) / (1 + z2 / n)
    half = Z_95 * math.sqrt(share * (1 - share) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return Interval(100 * max(0.0, centre - half), 100 * min(1.0, centre + half))


def nps_interval(promoters: int, passives: int, detractors: int) -> Interval | None:
    """The NPS (−100…100) ± 1.96 standard errors, clipped to the scale; None for n = 0."""
    n = promoters + passives + detractors
    if n == 0:
        return None
    p, d = promoters / n, detractors / n
    nps = 100 * (p - d)
    half = Z_95 * 100 * math.sqrt(max(0.0, p + d - (p - d) ** 2) / n)
    return Interval(max(-100.0, nps - half), min(100.0, nps + half))


# -- Student's t distribution --------------------------------------------------------------


def t_quantile(df: float, confidence: float = CONFIDENCE) -> float:
    """The two-sided critical value t such that P(|T| ≤ t) = confidence, for df > 0."""
    if df <= 0:
        raise ValueError("degrees of freedom must be positive")
    target = (1 - confidence) / 2  # the upper tail
    low, high = 0.0, 1.0
    while _t_upper_tail(high, df) > target:
        high *= 2
    for _ in range(200):  # bisection: the tail falls monotonically in t
        middle = (low + high) / 2
        if _t_upper_tail(middle, df) > target:
            low = middle
        else:
            high = middle
        if high - low < 1e-12:
            break
    return (low + high) / 2


def _t_upper_tail(t: float, df: float) -> float:
    """P(T > t) for t ≥ 0: half the regularised incomplete beta I_x(df/2, 1/2)."""
    x = df / (df + t * t)
    return 0.5 * _incomplete_beta(x, df / 2, 0.5)


def _incomplete_beta(x: float, a: float, b: float) -> float:
    """The regularised incomplete beta function I_x(a, b) (continued fraction, Lentz)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x)
    )
    if x > (a + 1) / (a + b + 2):  # the fraction converges fast on this side only
        return 1.0 - _incomplete_beta(1 - x, b, a)
    return math.exp(log_front) * _beta_fraction(x, a, b) / a


def _beta_fraction(x: float, a: float, b: float) -> float:
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    fraction = d
    for m in range(1, 300):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            fraction *= c * d
        if abs(c * d - 1.0) < 1e-15:
            break
    return fraction
