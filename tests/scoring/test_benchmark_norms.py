"""Percentiles and quarters against the norms; less-is-better metrics count from the top."""

from __future__ import annotations

from ccassess.scoring.benchmark import band, percentile


def test_percentile_counts_ties_half_and_bands_are_quarters():
    values = [10.0, 20.0, 30.0, 40.0, 50.0]
    assert percentile(values, 5.0) == 0
    assert percentile(values, 30.0) == 50.0  # two below, one equal
    assert percentile(values, 60.0) == 100
    assert [band(p) for p in (0, 24.9, 25, 49.9, 50, 74.9, 75, 100)] == [
        "bottom_quarter",
        "bottom_quarter",
        "lower_middle",
        "lower_middle",
        "upper_middle",
        "upper_middle",
        "top_quarter",
        "top_quarter",
    ]
