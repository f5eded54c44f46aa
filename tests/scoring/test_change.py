"""A change between rounds with its interval, and when it is beyond noise."""

from __future__ import annotations

import math

import pytest

from ccassess.scoring.change import Z95, change


def test_interval_combines_both_rounds_errors():
    moved = change(60.0, (56.0, 64.0), 50.0, (47.0, 53.0))
    assert moved is not None
    spread = math.sqrt((4 / Z95) ** 2 + (3 / Z95) ** 2) * Z95  # = 5
    assert moved.value == 10
    assert moved.low == pytest.approx(10 - spread) and moved.high == pytest.approx(10 + spread)
    assert spread == pytest.approx(5.0)
    assert moved.beyond_noise


def test_small_change_is_within_noise_and_negative_beyond():
    assert not change(52.0, (46.0, 58.0), 50.0, (44.0, 56.0)).beyond_noise  # type: ignore[union-attr]
    down = change(30.0, (28.0, 32.0), 50.0, (48.0, 52.0))
    assert down is not None and down.high is not None and down.high < 0 and down.beyond_noise


def test_without_an_interval_no_verdict_and_without_a_score_no_change():
    moved = change(70.0, (None, None), 50.0, (45.0, 55.0))
    assert moved is not None and moved.value == 20 and moved.low is None
    assert not moved.beyond_noise
    assert change(None, (None, None), 50.0, (45.0, 55.0)) is None
