"""The built-in 'customer_perception' module: mirrored items and the perception gap."""

from __future__ import annotations

from pathlib import Path

import pytest
from module_kit import assess_module, customer, dimension_score, finding_ids, internal

from ccassess import AssessmentSettings
from ccassess.actions.validate import validate_paths

MODULE = "customer_perception"


def test_definition_validates_without_warnings(registry):
    entry = registry.entries[MODULE]
    assert entry.plugin == MODULE
    assert entry.warnings == []
    assert validate_paths(registry, [], [Path(entry.module.origin or "")]).problems == []
    # every scored item is mirrored: an internal and a customer wording; besides them the
    # customers' importance ratings, the service filter and one open question per side
    others = {"svc_contact", "open_improve_first", "open_improve_first_staff"}
    for _, question in entry.module.questions():
        if question.importance or question.id in others:
            assert question.perspective != "both", question.id
            continue
        assert question.mirrored
        assert question.text_customer is not None and question.text_customer.de
    importance = [q.id for _, q in entry.module.questions() if q.importance]
    assert importance == [f"imp_{d.id}" for d in entry.module.dimensions]


def test_perception_gap_hand_computed(registry, load):
    simplicity_r1 = {
        "simp_find_information": 5,
        "simp_buy": 4,
        "simp_self_service": 5,
        "simp_complicated_documents": 1,
    }
    simplicity_r2 = {
        "simp_find_information": 4,
        "simp_buy": 4,
        "simp_self_service": 5,
        "simp_complicated_documents": 2,
    }
    respondents = load(
        [
            internal("r1", MODULE, {**simplicity_r1, "heard_listened_to": 5}),
            internal("r2", MODULE, {**simplicity_r2, "heard_listened_to": 5}),
            customer(
                "c1",
                MODULE,
                {
                    "simp_find_information": 2,
                    "simp_buy": 3,
                    "simp_self_service": 1,
                    "simp_complicated_documents": 4,
                    "heard_listened_to": 1,
                },
            ),
            customer(
                "c2",
                MODULE,
                {
                    "simp_find_information": 2,
                    "simp_buy": 1,
                    "simp_self_service": 1,
                    "simp_complicated_documents": 5,
                    "heard_listened_to": 1,
                },
            ),
        ]
    )
    module, _ = assess_module(registry, MODULE, respondents)

    # simplicity, the staff's score per question (documents reverse-coded):
    #   find (100 + 75)/2 = 87.5; buy 75; self-service 100; documents 87.5 → 87.5
    assert dimension_score(module, "simplicity") == pytest.approx(87.5)
    # internal per question 87.5, 75, 100, 87.5 → 87.5; customers 25, 25, 0, 12.5 → 15.625
    mirror = module.dimension("simplicity").mirror
    assert (mirror.internal, mirror.customer, mirror.gap) == pytest.approx((87.5, 15.625, 71.875))
    # being_heard: heard_listened_to internal 100, customers 0 → staff 100, gap 100
    assert dimension_score(module, "being_heard") == pytest.approx(100.0)
    assert module.dimension("being_heard").mirror.gap == pytest.approx(100.0)
    # module (staff): (87.5 + 100)/2 = 93.75; mirror internal 93.75,
    # customers (15.625 + 0)/2 = 7.8125, gap 85.9375: staff rate far higher than customers
    assert module.score == pytest.approx(93.75)
    assert module.mirror.gap == pytest.approx(85.9375)
    assert module.by_perspective["internal"].score == pytest.approx(93.75)
    assert module.by_perspective["customer"].score == pytest.approx(7.8125)

    assert finding_ids(module) == {"gap_simplicity", "gap_being_heard", "customers_not_heard"}
    severities = {f.id: f.severity for f in module.findings}
    assert severities["gap_being_heard"] == "critical"


def test_importance_against_performance_hand_computed(registry, load):
    # two customers rate simplicity and service; importance scale 1–5 → (p − 1) / 4 × 100
    respondents = load(
        [
            customer(
                "c1",
                MODULE,
                {
                    "imp_simplicity": 5,  # 100
                    "simp_buy": 2,  # 25
                    "imp_service_and_response": 3,  # 50
                    "svc_contact": "yes",
                    "svc_quick_response": 5,  # 100
                },
            ),
            customer(
                "c2",
                MODULE,
                {
                    "imp_simplicity": 4,  # 75
                    "simp_buy": 2,  # 25
                    "imp_service_and_response": 2,  # 25
                    "svc_contact": "no",  # the service items are not asked of c2
                },
            ),
        ]
    )
    module, result = assess_module(registry, MODULE, respondents)
    view = result.importance
    assert view is not None
    rows = {row.dimension: row for row in view.rows}
    simplicity, service = rows["simplicity"], rows["service_and_response"]
    assert (simplicity.importance, simplicity.importance_n) == (pytest.approx(87.5), 2)
    assert (simplicity.performance, simplicity.performance_n) == (pytest.approx(25.0), 2)
    assert (service.importance, service.performance) == (pytest.approx(37.5), pytest.approx(100))
    assert service.performance_n == 1
    # importance split at the mean of the two rows (62.5), the rating at the midpoint 50
    assert (view.importance_mean, view.performance_midpoint) == pytest.approx((62.5, 50.0))
    assert simplicity.quadrant == "concentrate"  # more important, rated below 50
    assert service.quadrant == "possible_overkill"  # less important, rated above 50
    assert not simplicity.small  # the hand-computed case shows every figure
    # importance ratings never enter a score; the service filter counts as not asked
    assert dimension_score(module, "simplicity") is None  # only customers answered
    dimension = module.dimension("simplicity")
    assert dimension is not None
    assert dimension.by_perspective["customer"].score == pytest.approx(25.0)
    quick = next(q for d in module.dimensions for q in d.questions if q.id == "svc_quick_response")
    assert (quick.coverage.asked, quick.coverage.answered) == (1, 1)
    # no row without ratings: four dimensions without any importance answer have none
    assert rows["continuity"].importance is None and rows["continuity"].quadrant is None
    # under the anonymity threshold of 5, two customers' importance is withheld (n kept)
    _, guarded = assess_module(registry, MODULE, respondents, AssessmentSettings())
    assert guarded.importance is not None
    kept = {row.dimension: row for row in guarded.importance.rows}["simplicity"]
    assert kept.small and kept.importance is None and kept.importance_n == 2
    assert kept.quadrant is None
