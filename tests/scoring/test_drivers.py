"""Importance × performance, derived: correlation with the overall rating, quadrants at the
means, nothing below the minimum number of customers."""

from __future__ import annotations

import math

import pytest

from ccassess.scoring.drivers import (
    MIN_DERIVED_N,
    DimensionSeries,
    derived_drivers,
    fisher_interval,
    pearson,
)
from ccassess.text import Text


def _series(name: str, performance: float, scores: list[float | None]) -> DimensionSeries:
    return DimensionSeries("m", name, Text(name, name), performance, scores)


def test_pearson_and_fisher_interval():
    xs = [1.0, 2.0, 3.0, 4.0, 5.0]
    assert pearson(xs, [2.0, 4.0, 6.0, 8.0, 10.0]) == pytest.approx(1.0)
    assert pearson(xs, [5.0, 4.0, 3.0, 2.0, 1.0]) == pytest.approx(-1.0)
    assert pearson(xs, [3.0] * 5) is None  # no spread, no correlation
    low, high = fisher_interval(0.5, 39)  # se = 1/6
    assert low == pytest.approx(math.tanh(math.atanh(0.5) - 1.959964 / 6))
    assert high == pytest.approx(math.tanh(math.atanh(0.5) + 1.959964 / 6))


def test_quadrants_split_at_the_means():
    n = 40
    outcome = [float(i % 10) for i in range(n)]
    strong = [o * 10 for o in outcome]  # r = 1
    noisy = [o * 10 + (25 if i % 2 else -25) for i, o in enumerate(outcome)]  # r ≈ 0.75
    none = [50.0 + (10 if i % 3 else -10) for i in range(n)]  # weak
    analysis = derived_drivers(
        [
            _series("important-bad", 30, strong),
            _series("important-good", 70, noisy),
            _series("unimportant-good", 80, none),
            _series("unimportant-bad", 20, [50.0 + (5 if i % 4 else 0) for i in range(n)]),
        ],
        outcome,
        Text("NPS", "NPS"),
    )
    assert analysis is not None and analysis.method == "derived" and analysis.n == n
    quadrants = {d.dimension: d.quadrant for d in analysis.drivers}
    assert quadrants == {
        "important-bad": "fix_first",
        "important-good": "keep_up",
        "unimportant-good": "possible_overkill",
        "unimportant-bad": "low_priority",
    }
    assert analysis.drivers[0].dimension == "important-bad"  # highest importance first
    assert analysis.drivers[0].importance == pytest.approx(1.0)


def test_below_the_minimum_no_derived_importance():
    n = MIN_DERIVED_N - 1
    outcome = [float(i % 10) for i in range(n)]
    series = [_series(str(k), 50, [o * k for o in outcome]) for k in (1, 2, 3)]
    assert derived_drivers(series, outcome, Text("NPS", "NPS")) is None
    # a missing answer counts against the minimum (pairwise complete)
    outcome = [float(i % 10) for i in range(MIN_DERIVED_N)]
    holes = [None, *[o for o in outcome[1:]]]
    assert (
        derived_drivers([_series("a", 40, holes), _series("b", 60, holes)], outcome, Text("x", "x"))
        is None
    )
