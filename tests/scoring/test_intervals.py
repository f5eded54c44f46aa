"""Confidence intervals and agreement indices against published reference values."""

from __future__ import annotations

import math
import random

import pytest

from ccassess.scoring.agreement import agreement_band, rwg, rwg_j, score_variance_on_scale
from ccassess.scoring.intervals import (
    mean_interval,
    nps_interval,
    t_quantile,
    welch_interval,
    wilson_interval,
)


@pytest.mark.parametrize(
    ("df", "expected"),
    [(1, 12.7062), (2, 4.3027), (5, 2.5706), (10, 2.2281), (30, 2.0423), (1000, 1.9623)],
)
def test_t_quantiles_match_the_tables(df: int, expected: float) -> None:
    assert t_quantile(df) == pytest.approx(expected, abs=1e-4)


def test_a_mean_interval_is_the_t_interval() -> None:
    interval = mean_interval([1, 2, 3, 4, 5])
    assert interval is not None
    half = 2.776445 * math.sqrt(2.5 / 5)
    assert (interval.low, interval.high) == pytest.approx((3 - half, 3 + half), abs=1e-5)
    assert mean_interval([42.0]) is None


def test_welch_interval_uses_welch_satterthwaite_degrees_of_freedom() -> None:
    interval = welch_interval([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])
    assert interval is not None
    df = 2.5**2 / (0.5**2 / 4 + 2**2 / 4)
    half = t_quantile(df) * math.sqrt(2.5)
    assert (interval.low, interval.high) == pytest.approx((-3 - half, -3 + half))


def test_wilson_interval_for_a_share() -> None:
    interval = wilson_interval(8, 20)  # 40 %: the textbook 21.9 %–61.3 %
    assert interval is not None
    assert (interval.low, interval.high) == pytest.approx((21.88, 61.34), abs=0.01)
    assert wilson_interval(0, 10).low == 0.0  # type: ignore[union-attr]
    assert wilson_interval(0, 0) is None


def test_nps_interval_from_the_variance_of_the_difference() -> None:
    # NPS −34 from 38 answers (5 promoters, 15 passives, 18 detractors): about [−56; −12].
    interval = nps_interval(5, 15, 18)
    assert interval is not None
    assert (round(interval.low), round(interval.high)) == (-56, -12)
    assert nps_interval(10, 0, 0).high == 100.0  # type: ignore[union-attr]


def test_nps_interval_covers_the_true_value_about_95_percent_of_the_time() -> None:
    rng = random.Random(7)
    p, d, n, covered, runs = 0.35, 0.25, 80, 0, 2000
    for _ in range(runs):
        draws = [rng.random() for _ in range(n)]
        promoters = sum(x < p for x in draws)
        detractors = sum(x >= 1 - d for x in draws)
        interval = nps_interval(promoters, n - promoters - detractors, detractors)
        assert interval is not None
        covered += interval.low <= 100 * (p - d) <= interval.high
    assert 0.93 < covered / runs < 0.97


def test_rwg_against_a_uniform_null() -> None:
    assert rwg(0.0, 5) == 1.0  # everyone gave the same answer
    assert rwg(2.0, 5) == 0.0  # as spread as random answering on five options
    assert rwg(3.0, 5) == 0.0  # more than random: truncated
    assert rwg(1.0, 5) == pytest.approx(0.5)


def test_random_answers_agree_about_zero() -> None:
    rng = random.Random(3)
    answers = [rng.randint(1, 5) for _ in range(5000)]
    mean = sum(answers) / len(answers)
    variance = sum((a - mean) ** 2 for a in answers) / (len(answers) - 1)
    assert rwg(variance, 5) == pytest.approx(0.0, abs=0.05)


def test_rwg_j_rises_with_the_number_of_items() -> None:
    one, many = rwg_j([1.0], 5), rwg_j([1.0] * 10, 5)
    assert one == pytest.approx(0.5)
    assert many == pytest.approx(10 * 0.5 / (10 * 0.5 + 0.5))


def test_score_variances_convert_to_the_answer_scale() -> None:
    # Answers 1 and 5 on a five-point scale score 0 and 100.
    assert score_variance_on_scale(5000.0, 5) == pytest.approx(8.0)


@pytest.mark.parametrize(
    ("value", "band"),
    [(0.0, "none"), (0.45, "weak"), (0.6, "moderate"), (0.85, "strong"), (0.95, "very strong")],
)
def test_agreement_bands(value: float, band: str) -> None:
    assert agreement_band(value) == band
