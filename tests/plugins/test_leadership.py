"""The built-in 'leadership' module: definition and a hand-computed assessment."""

from __future__ import annotations

from pathlib import Path

import pytest
from module_kit import assess_module, customer, dimension_score, finding_ids, internal

from ccassess.actions.validate import validate_paths

MODULE = "leadership"


def test_definition_validates_without_warnings(registry):
    entry = registry.entries[MODULE]
    assert entry.plugin == MODULE  # registered through the entry-point group
    assert entry.warnings == []
    report = validate_paths(registry, [], [Path(entry.module.origin or "")])
    assert report.problems == []
    assert 3 <= len(entry.module.dimensions) <= 6
    for dimension in entry.module.dimensions:
        assert sorted(dimension.levels) == [1, 2, 3, 4, 5]
        assert sorted(dimension.recommendations) == [1, 2, 3, 4, 5]
        for question in dimension.questions:
            assert question.source
            assert question.text.de and question.text.en


def test_hand_computed_scores_and_findings(registry, load):
    respondents = load(
        [
            # visible_leadership: lead_delegated is reverse-coded
            # strategy_and_budget: strat_lip_service is reverse-coded
            internal(
                "r1",
                MODULE,
                {
                    "lead_visible": 5,
                    "lead_customer_contact": 4,
                    "lead_role_model": 3,
                    "lead_delegated": 2,
                    "strat_goals": 2,
                    "strat_budget": 1,
                    "strat_targets_mgmt": 2,
                    "strat_lip_service": 5,
                    "cons_same_everywhere": 5,
                },
            ),
            internal(
                "r2",
                MODULE,
                {
                    "lead_visible": 3,
                    "lead_customer_contact": 2,
                    "lead_role_model": 1,
                    "lead_delegated": 4,
                    "strat_goals": 1,
                    "strat_budget": 1,
                    "strat_targets_mgmt": 2,
                    "strat_lip_service": 4,
                    "cons_same_everywhere": 4,
                },
            ),
            customer("c1", MODULE, {"cons_same_everywhere": 2}),
        ]
    )
    module, _ = assess_module(registry, MODULE, respondents)

    # visible_leadership, per question (score = (v-1)/4*100, reversed = 100 - that):
    #   lead_visible (100 + 50)/2 = 75; lead_customer_contact (75 + 25)/2 = 50;
    #   lead_role_model (50 + 0)/2 = 25; lead_delegated rev (75 + 25)/2 = 50  → 200/4 = 50
    assert dimension_score(module, "visible_leadership") == pytest.approx(50.0)
    # strategy_and_budget: strat_goals (25 + 0)/2 = 12.5; strat_budget 0;
    #   strat_targets_mgmt 25; strat_lip_service rev (0 + 25)/2 = 12.5 → 50/4 = 12.5
    assert dimension_score(module, "strategy_and_budget") == pytest.approx(12.5)
    # consistency: only cons_same_everywhere (mirrored), the staff's: (100 + 75)/2 = 87.5
    assert dimension_score(module, "consistency") == pytest.approx(87.5)
    # module: mean of the three answered dimensions = (50 + 12.5 + 87.5)/3 = 50
    assert module.score == pytest.approx(50.0)
    assert module.level == 3
    # mirror on consistency: internal (100 + 75)/2 = 87.5, customer 25 → gap 62.5
    mirror = module.dimension("consistency").mirror
    assert (mirror.internal, mirror.customer, mirror.gap) == pytest.approx((87.5, 25.0, 62.5))

    ids = finding_ids(module)
    assert "strategy_lip_service" in ids  # strategy 12.5 < 40
    assert "consistency_perception_gap" in ids  # gap 62.5 > 25
    assert "leadership_not_visible" not in ids  # 50 is not below 40
    assert ids == {"strategy_lip_service", "consistency_perception_gap"}
    # the definition's recommendations for strategy's current level (1) are in the action plan
    strategy = [r for r in module.recommendations if r.dimension == "strategy_and_budget"]
    assert strategy and all(r.current_level == 1 for r in strategy)
