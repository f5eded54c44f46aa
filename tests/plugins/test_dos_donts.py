"""The built-in 'dos_donts' module: definition and a hand-computed assessment."""

from __future__ import annotations

from pathlib import Path

import pytest
from module_kit import assess_module, customer, dimension_score, finding_ids, internal

from ccassess.actions.validate import validate_paths

MODULE = "dos_donts"


def test_definition_validates_without_warnings(registry):
    entry = registry.entries[MODULE]
    assert entry.plugin == MODULE
    assert entry.warnings == []
    assert validate_paths(registry, [], [Path(entry.module.origin or "")]).problems == []
    assert 3 <= len(entry.module.dimensions) <= 6


def test_hand_computed_scores_and_findings(registry, load):
    respondents = load(
        [
            internal(
                "r1",
                MODULE,
                {
                    "kpi_conversion_first": 5,
                    "kpi_loyalty_metrics": 2,
                    "kpi_funnel_longterm": 2,
                    "kpi_clv_in_reviews": 1,
                    "prof_eye_level": 5,
                    "prof_helpful_info": 5,
                    "prof_condescending": 1,
                    "prof_servile": 1,
                },
            ),
            internal(
                "r2",
                MODULE,
                {
                    "kpi_conversion_first": 4,
                    "kpi_loyalty_metrics": 3,
                    "kpi_funnel_longterm": 2,
                    "kpi_clv_in_reviews": 2,
                    "prof_eye_level": 4,
                    "prof_helpful_info": 4,
                    "prof_condescending": 2,
                    "prof_servile": 2,
                },
            ),
            customer("c1", MODULE, {"prof_eye_level": 2, "prof_helpful_info": 1}),
            customer("c2", MODULE, {"prof_eye_level": 1, "prof_helpful_info": 2}),
        ]
    )
    module, _ = assess_module(registry, MODULE, respondents)

    # kpi_focus: kpi_conversion_first is reverse-coded: r1 5 → 0, r2 4 → 25 → 12.5
    #   kpi_loyalty_metrics (25 + 50)/2 = 37.5; kpi_funnel_longterm 25; kpi_clv (0 + 25)/2 = 12.5
    #   → (12.5 + 37.5 + 25 + 12.5)/4 = 21.875
    assert dimension_score(module, "kpi_focus") == pytest.approx(21.875)
    # professional_contact, the staff's: eye level (100 + 75)/2 = 87.5; helpful 87.5;
    #   condescending rev (100 + 75)/2 = 87.5; servile rev 87.5 → 87.5
    assert dimension_score(module, "professional_contact") == pytest.approx(87.5)
    # module: (21.875 + 87.5)/2 = 54.6875
    assert module.score == pytest.approx(54.6875)
    assert module.level == 3
    # mirror (eye level, helpful info): internal 87.5, customers 12.5 → gap 75
    mirror = module.dimension("professional_contact").mirror
    assert (mirror.internal, mirror.customer, mirror.gap) == pytest.approx((87.5, 12.5, 75.0))

    # the "Don't" the answers show: conversion rate first (12.5 < 50); KPI focus narrow
    # (21.875 < 40); the contact gap (75 > 20). Professional contact itself (68.75) is fine.
    assert finding_ids(module) == {
        "dont_conversion_only",
        "kpi_focus_narrow",
        "contact_perception_gap",
    }
