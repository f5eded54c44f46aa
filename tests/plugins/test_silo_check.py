"""The built-in 'silo_check' module: the understanding matrix under the anonymity rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from module_kit import assess_module, dimension_score, finding_ids, internal

from ccassess import AssessmentSettings, ValidationError
from ccassess.actions.validate import validate_paths

MODULE = "silo_check"
DEPARTMENTS = ("marketing", "sales", "service", "finance", "hr")
SETTINGS = AssessmentSettings(departments=DEPARTMENTS, anonymity_threshold=3)
DK = "dont_know"


def test_definition_validates_without_warnings(registry):
    entry = registry.entries[MODULE]
    assert entry.plugin == MODULE
    assert entry.warnings == []
    assert validate_paths(registry, [], [Path(entry.module.origin or "")]).problems == []
    assert entry.module.question("understanding_matrix").rows == "departments"


def rater(rid, department, ratings, **more):
    return internal(rid, MODULE, {"understanding_matrix": ratings, **more}, department)


# scale understand5: 1..5 → 0, 25, 50, 75, 100. Ratings of one's own department are ignored.
RATERS = [
    rater(
        "m1",
        "marketing",
        {"marketing": 5, "sales": 1, "service": 3, "finance": 4, "hr": DK},
        sg_common_goal=2,
    ),
    rater("m2", "marketing", {"marketing": 5, "sales": 2, "service": 3, "finance": 4, "hr": DK}),
    rater("m3", "marketing", {"marketing": 5, "sales": 1, "service": 4, "finance": 4, "hr": DK}),
    rater("s1", "sales", {"marketing": 2, "service": 5, "finance": 3, "hr": 4}, sg_common_goal=2),
    rater("s2", "sales", {"marketing": 2, "service": 5, "finance": 3, "hr": 4}),
    rater("s3", "sales", {"marketing": 3, "service": 5, "finance": DK, "hr": 4}),
    # service has only 2 raters, finance 1: both below the threshold of 3 → merged into "other"
    rater("v1", "service", {"marketing": 1, "sales": 4, "service": 5}),
    rater("v2", "service", {"marketing": 1, "sales": 4, "service": 5}),
    rater("f1", "finance", {"marketing": 2, "sales": 3, "service": 3, "hr": 3}),
]


def test_silo_matrix_hand_computed(registry, load):
    module, _ = assess_module(registry, MODULE, load(RATERS, SETTINGS), SETTINGS)
    silo = module.analysis["silo_matrix"]
    assert silo["departments"] == list(DEPARTMENTS)
    # marketing 3 and sales 3 raters are shown; service (2) and finance (1) form "other" (3)
    assert silo["raters"] == ["marketing", "sales", "other"]
    assert silo["rater_counts"] == [3, 3, 3]
    assert silo["merged_note"] is True
    m, s, o = silo["matrix"]
    # marketing → sales (0 + 25 + 0)/3, → service (50 + 50 + 75)/3, → finance 75,
    # → hr only "don't know" (n 0), → marketing is its own department (n 0)
    assert m == pytest.approx([None, 25 / 3, 175 / 3, 75.0, None])
    # sales → marketing (25 + 25 + 50)/3, → service 100, → finance only 2 ratings (< 3: hidden),
    # → hr 75
    assert s == pytest.approx([100 / 3, None, 100.0, None, 75.0])
    # other (v1, v2, f1) → marketing (0 + 0 + 25)/3, → sales (75 + 75 + 50)/3,
    # → service only f1 (1 rating: hidden), → finance none (f1's own), → hr only f1 (hidden)
    assert o == pytest.approx([25 / 3, 200 / 3, None, None, None])
    assert silo["n"] == [[0, 3, 3, 3, 0], [3, 0, 3, 2, 3], [3, 3, 1, 0, 1]]
    # the 5 lowest cells, lowest first (ties: row order, then target)
    assert [(w["rater"], w["target"]) for w in silo["weakest_links"]] == [
        ("marketing", "sales"),
        ("other", "marketing"),
        ("sales", "marketing"),
        ("marketing", "service"),
        ("other", "sales"),
    ]
    assert [w["score"] for w in silo["weakest_links"]] == pytest.approx(
        [25 / 3, 25 / 3, 100 / 3, 175 / 3, 200 / 3]
    )
    assert silo["weakest_links"][0]["n"] == 3


def test_cross_understanding_score_leaves_out_own_department(registry, load):
    module, _ = assess_module(registry, MODULE, load(RATERS, SETTINGS), SETTINGS)
    # each respondent's mean over the other departments ("don't know" left out):
    #   m1 (0 + 50 + 75)/3 = 41.667, m2 (25 + 50 + 75)/3 = 50, m3 (0 + 75 + 75)/3 = 50,
    #   s1 (25 + 100 + 50 + 75)/4 = 62.5, s2 62.5, s3 (50 + 100 + 75)/3 = 75,
    #   v1 (0 + 75)/2 = 37.5, v2 37.5, f1 (25 + 50 + 50 + 50)/4 = 43.75
    #   sum = 125/3 + 418.75 = 1381.25/3 → mean over 9 = 1381.25/27 = 51.157
    cross = module.dimension("cross_understanding")
    assert cross.score == pytest.approx(1381.25 / 27)
    assert cross.score_source == MODULE
    # shared_goals: sg_common_goal answered by 2 (2, 2), fewer than the threshold 3: not
    # shown, so the module rests on the matrix alone
    assert dimension_score(module, "shared_goals") is None
    assert module.score == pytest.approx(1381.25 / 27)


def test_weak_link_findings(registry, load):
    module, _ = assess_module(registry, MODULE, load(RATERS, SETTINGS), SETTINGS)
    # links below 40: marketing → sales 8.3 and other → marketing 8.3 (below 20: critical),
    # sales → marketing 33.3 (warning)
    assert finding_ids(module) == {
        "weak_link_marketing_sales",
        "weak_link_other_marketing",
        "weak_link_sales_marketing",
    }
    by_id = {f.id: f for f in module.findings}
    first = by_id["weak_link_marketing_sales"]
    assert first.severity == "critical"
    assert first.dimension == "cross_understanding"
    assert first.text.en == "Marketing barely understands what sales needs (score 8)."
    assert first.text.de == "Marketing versteht kaum, was sales braucht (Wert 8)."
    assert by_id["weak_link_sales_marketing"].severity == "warning"
    assert by_id["weak_link_other_marketing"].text.en.startswith(
        "Other departments barely understand what marketing needs"
    )


def test_small_department_never_becomes_a_row(registry, load):
    # only service (2) is small; "other" would then have 2 < 3 raters, which would also let
    # anyone subtract it from the total, so the smallest shown group (marketing, 3) joins it
    raters = [r for r in RATERS if r["id"] != "f1"]
    module, _ = assess_module(registry, MODULE, load(raters, SETTINGS), SETTINGS)
    silo = module.analysis["silo_matrix"]
    assert silo["raters"] == ["sales", "other"]
    assert silo["rater_counts"] == [3, 5]
    assert "service" not in silo["raters"]
    for row, counts in zip(silo["matrix"], silo["n"], strict=True):
        for score, n in zip(row, counts, strict=True):
            assert score is None or n >= SETTINGS.anonymity_threshold


def test_everything_below_threshold_is_left_out(registry, load):
    settings = AssessmentSettings(departments=DEPARTMENTS, anonymity_threshold=5)
    raters = [r for r in RATERS if r["department"] in ("service", "finance")]  # 3 raters
    module, _ = assess_module(registry, MODULE, load(raters, settings), settings)
    silo = module.analysis["silo_matrix"]
    assert silo["raters"] == []
    assert silo["matrix"] == []
    assert silo["weakest_links"] == []
    assert silo["left_out"] == 3
    assert silo["merged_note"] is True
    assert not [f for f in module.findings if f.id.startswith("weak_link_")]
    # 3 raters in all, fewer than the threshold 5: no staff figure either
    assert module.dimension("cross_understanding").score is None


def test_rating_an_unknown_department_is_rejected(load):
    bad = [rater("m1", "marketing", {"legal": 3})]
    with pytest.raises(ValidationError) as caught:
        load(bad, SETTINGS, name="silo.yaml")
    text = "\n".join(caught.value.lines())
    assert "silo.yaml" in text and "understanding_matrix" in text and "'legal'" in text
