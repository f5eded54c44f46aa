"""Agreement within a group of raters: r_wg and r_wg(J) against a uniform null. Pure.

r_wg (James, Demaree & Wolf 1984) compares the observed variance of a group's answers to one
item with the variance expected if everyone answered at random, uniformly over the A options:
σ²_EU = (A² − 1) / 12. r_wg = 1 − s²/σ²_EU, set to 0 when the observed variance is larger
(more disagreement than random answering). r_wg(J) does the same for a scale of J items from
the mean item variance: J(1 − s̄²/σ²_EU) / [J(1 − s̄²/σ²_EU) + s̄²/σ²_EU].

Scores in ccassess run from 0 to 100; an item with A options maps its answers linearly onto
that range, so a variance of scores converts back to the answer scale by ((A − 1)/100)².

Reading bands (LeBreton & Senter 2008, as commonly cited): below .31 no agreement, .31–.50
weak, .51–.70 moderate, .71–.90 strong, above .90 very strong; .70 is the usual rule of thumb
for reporting a group mean as the group's shared view.
"""

from __future__ import annotations

from collections.abc import Sequence

#: Upper bounds of the reading bands, lowest first; above the last: "very strong".
AGREEMENT_BANDS: tuple[tuple[float, str], ...] = (
    (0.30, "none"),
    (0.50, "weak"),
    (0.70, "moderate"),
    (0.90, "strong"),
)
#: From this r_wg on, a group mean is read as the group's shared view.
AGREEMENT_THRESHOLD = 0.70


def uniform_null_variance(options: int) -> float:
    """σ²_EU: the variance of answers spread uniformly over `options` answer options."""
    return (options * options - 1) / 12


def score_variance_on_scale(variance: float, options: int) -> float:
    """A variance of 0–100 scores, expressed on the answer scale of `options` options."""
    return variance * ((options - 1) / 100) ** 2


def rwg(variance: float, options: int) -> float | None:
    """r_wg for one item from the sample variance of the answers (on the answer scale)."""
    if options < 2:
        return None
    expected = uniform_null_variance(options)
    return max(0.0, 1.0 - variance / expected)


def rwg_j(item_variances: Sequence[float], options: int) -> float | None:
    """r_wg(J) for a scale of J items with `options` answer options each."""
    if options < 2 or not item_variances:
        return None
    expected = uniform_null_variance(options)
    return rwg_j_from_ratios([variance / expected for variance in item_variances])


def rwg_j_from_ratios(ratios: Sequence[float]) -> float | None:
    """r_wg(J) from each item's observed-to-null variance ratio s²ⱼ/σ²_EU,ⱼ.

    With one number of options for all items this is `rwg_j`; items on scales of different
    lengths each bring their own null variance, and the mean ratio takes the place of
    s̄²/σ²_EU."""
    if not ratios:
        return None
    mean_ratio = sum(ratios) / len(ratios)
    if mean_ratio >= 1:
        return 0.0
    shared = len(ratios) * (1 - mean_ratio)
    return shared / (shared + mean_ratio)


def agreement_band(value: float | None) -> str | None:
    """The reading band of an r_wg value: none, weak, moderate, strong or very strong."""
    if value is None:
        return None
    for upper, name in AGREEMENT_BANDS:
        if value <= upper:
            return name
    return "very strong"
