"""The scoring engine against hand-computed examples (see the comments for the arithmetic)."""

from __future__ import annotations

import json
import statistics
import types

import pytest

from ccassess import hookimpl
from ccassess.model.result import AssessmentResult
from ccassess.model.serial import result_from_json, result_to_json
from ccassess.model.settings import AssessmentSettings
from ccassess.scoring.departments import department_groups
from ccassess.scoring.stats import cronbach_alpha, describe
from ccassess.testing import Kit, make_kit

CALC = {
    "id": "calc",
    "version": "1.0.0",
    "title": {"de": "Rechnen", "en": "Calc"},
    "dimensions": [
        {
            "id": "d1",
            "title": {"de": "D1", "en": "D1"},
            "weight": 1,
            "questions": [
                {"id": "q1", "type": "likert", "source": "t", "text": {"de": "1", "en": "1"}},
                {
                    "id": "q2",
                    "type": "likert",
                    "source": "t",
                    "weight": 3,
                    "reverse": True,
                    "text": {"de": "2", "en": "2"},
                },
            ],
        },
        {
            "id": "d2",
            "title": {"de": "D2", "en": "D2"},
            "weight": 3,
            "questions": [
                {
                    "id": "q3",
                    "type": "yes_partly_no",
                    "source": "t",
                    "perspective": "both",
                    "text": {
                        "internal": {"de": "3i", "en": "3i"},
                        "customer": {"de": "3k", "en": "3c"},
                    },
                },
            ],
        },
        {
            "id": "d3",
            "title": {"de": "D3", "en": "D3"},
            "questions": [
                {"id": "q4", "type": "text", "source": "t", "text": {"de": "4", "en": "4"}},
            ],
        },
    ],
}


def calc_plugin() -> types.ModuleType:
    plugin = types.ModuleType("calc_plugin")
    plugin.ccassess_modules = hookimpl(lambda: [CALC])  # type: ignore[attr-defined]
    return plugin


@pytest.fixture
def kit() -> Kit:
    return make_kit([("calc", calc_plugin())])


def three_respondents(kit: Kit) -> list:
    return [
        # q1=5 → 100; q2=2 reversed → 1 − (2−1)/4 = 0.75 → 75; q3 yes → 100
        kit.respondent("internal", {"calc": {"q1": 5, "q2": 2, "q3": "yes", "q4": "fine"}}),
        # q1=3 → 50; q2 don't know; q3 partly → 50
        kit.respondent("internal", {"calc": {"q1": 3, "q2": "dont_know", "q3": "partly"}}),
        # customers see only q3: no → 0
        kit.respondent("customer", {"calc": {"q3": "no"}}),
    ]


def test_hand_computed_scores(kit: Kit) -> None:
    module = kit.score(three_respondents(kit)).module("calc")
    d1, d2, d3 = module.dimensions
    q1, q2 = d1.questions
    assert q1.score == 75.0  # (100 + 50) / 2
    assert q1.stats.sd == pytest.approx(35.3553, abs=1e-4)  # sample sd of 100, 50
    assert q2.score == 75.0  # only A answered
    assert (q2.coverage.asked, q2.coverage.answered, q2.coverage.dont_know) == (2, 1, 1)
    assert d1.score == 75.0  # (1 × 75 + 3 × 75) / 4
    # maturity is the staff's score: d2 = (100 + 50) / 2; the customer's 0 is the
    # customers' view, never pooled with the staff
    assert d2.score == 75.0
    assert d3.score is None and d3.level is None  # free text is never scored
    assert module.score == 75.0  # (1 × 75 + 3 × 75) / 4
    assert module.level == 4  # 60 ≤ 75 < 80
    # per respondent in d1: A = (100 + 3 × 75) / 4 = 81.25, B = 50
    assert d1.stats.n == 2 and d1.stats.mean == 65.625 and d1.stats.median == 65.625
    assert d1.stats.sd == pytest.approx(22.0971, abs=1e-4)
    assert (module.coverage.asked, module.coverage.answered, module.coverage.dont_know) == (7, 6, 1)


def test_perspectives_and_the_perception_gap(kit: Kit) -> None:
    result = kit.score(three_respondents(kit))
    module = result.module("calc")
    d2 = module.dimensions[1]
    assert d2.by_perspective["internal"].score == 75.0  # (100 + 50) / 2
    assert d2.by_perspective["customer"].score == 0.0
    assert d2.mirror is not None and d2.mirror.gap == 75.0
    assert module.by_perspective["internal"].score == 75.0  # d1 75, d2 75
    assert module.by_perspective["customer"].score == 0.0  # only d2 has customer answers
    assert module.mirror.internal == 75.0 and module.mirror.customer == 0.0
    assert result.respondents.internal == 2 and result.respondents.customer == 1
    assert result.score == 75.0  # one module: the staff's score
    assert result.by_perspective["customer"].score == 0.0


def test_single_respondent(kit: Kit) -> None:
    module = kit.score(three_respondents(kit)[:1]).module("calc")
    assert module.dimensions[0].score == 81.25
    assert module.dimensions[0].stats.sd == 0.0
    agreement = module.dimensions[0].agreement["internal"]
    assert agreement.n == 1 and agreement.rwg is None and not agreement.disputed
    assert module.dimensions[1].mirror is None  # no customer answered


def test_dont_know_changes_coverage_not_scores(kit: Kit) -> None:
    base = kit.respondent("internal", {"calc": {"q1": 4}})
    more = kit.respondent("internal", {"calc": {"q1": 4, "q2": "dont_know"}})
    a = kit.score([base]).module("calc")
    b = kit.score([more]).module("calc")
    assert a.score == b.score == 75.0
    assert b.coverage.dont_know == 1 and b.coverage.asked == a.coverage.asked


def test_nobody_answered(kit: Kit) -> None:
    result = kit.score([])
    assert result.score is None and result.module("calc").score is None
    assert result.module("calc").coverage.share is None


def test_result_round_trips_through_json(kit: Kit) -> None:
    result = kit.score(three_respondents(kit), include_answers=True)
    text = result_to_json(result)
    assert json.loads(text)["method_version"] == "2.2"
    again = result_from_json(text)
    assert isinstance(again, AssessmentResult)
    assert again == result


def test_agreement_flags_strong_disagreement(kit: Kit) -> None:
    answers = [1, 5, 1, 5]
    result = kit.score(
        [kit.respondent("internal", {"calc": {"q1": a, "q2": 6 - a}}) for a in answers]
    )
    d1 = result.module("calc").dimensions[0]
    assert d1.stats.sd == pytest.approx(57.735, abs=1e-3)  # scores 0, 100, 0, 100
    assert d1.disagreement is True
    # each item's scores vary by 3333 (0–100), 5.33 on the 5-point scale: more than random
    # answering's (5² − 1) / 12 = 2, so r_wg(J) = 0
    assert d1.agreement["internal"].rwg == 0.0 and d1.agreement["internal"].disputed
    assert d1.agreement["internal"].band == "none"


def test_cronbach_alpha() -> None:
    identical = [[float(v), float(v)] for v in (0, 25, 50, 75, 100, 0, 25, 50, 75, 100)]
    assert cronbach_alpha(identical) == pytest.approx(1.0)
    assert cronbach_alpha(identical[:9]) is None  # fewer than ten respondents
    # by hand: x and y are both {0, 25, 50, 75, 100} twice → var = 12500 / 9 each;
    # sums 25, 25, 125, 125, 200 (twice), mean 100 → var = 45000 / 9 = 5000;
    # alpha = 2 × (1 − 2 × 1388.89 / 5000) = 0.8889
    rows = [[0, 25], [25, 0], [50, 75], [75, 50], [100, 100]] * 2
    assert cronbach_alpha(rows) == pytest.approx(8 / 9)


def test_describe() -> None:
    stats = describe([10.0, 20.0, 60.0])
    assert stats.mean == 30.0 and stats.median == 20.0
    assert stats.sd == pytest.approx(26.4575, abs=1e-4)


@pytest.mark.parametrize(
    ("counts", "threshold", "shown", "merged", "left_out"),
    [
        ({"A": 6, "B": 7, "C": 2, "D": 3}, 5, ["A", "B"], {"C", "D"}, 0),
        # one small group alone would be recoverable from total − shown: merge the smallest
        ({"A": 6, "B": 5, "C": 2}, 5, ["A"], {"B", "C"}, 0),
        ({"A": 2}, 5, [], {"A"}, 2),
        ({"A": 6, None: 1}, 5, [], {None, "A"}, 0),
        ({"A": 5, "B": 5}, 5, ["A", "B"], set(), 0),
    ],
)
def test_anonymity_plan(
    counts: dict, threshold: int, shown: list, merged: set, left_out: int
) -> None:
    got_shown, got_merged, got_left_out = department_groups(counts, threshold)
    assert got_shown == shown and set(got_merged) == merged and got_left_out == left_out


def test_department_breakdown_hides_small_groups() -> None:
    settings = AssessmentSettings(departments=("Sales", "HR", "IT"), anonymity_threshold=3)
    kit = make_kit([("calc", calc_plugin())], settings=settings)
    people = [("Sales", 5), ("IT", 3), ("HR", 2)]
    respondents = [
        kit.respondent("internal", {"calc": {"q1": 5 if dept == "HR" else 3}}, department=dept)
        for dept, n in people
        for _ in range(n)
    ]
    breakdown = kit.score(respondents).departments
    names = {g.name: g.n for g in breakdown.groups}
    # HR (2) is too small; alone in "other" it could be recovered, so IT (3) joins it
    assert names == {"Sales": 5, "other": 5}
    assert breakdown.merged_departments == 2
    other = next(g for g in breakdown.groups if g.name == "other")
    assert other.merged and other.score == 70.0  # (3 × 50 + 2 × 100) / 5 on q1 only
    # the spread within a group: the SD of its members' own scores (HR 100 × 2, IT 50 × 3)
    assert other.sd == pytest.approx(statistics.stdev([100, 100, 50, 50, 50]))
    sales = next(g for g in breakdown.groups if g.name == "Sales")
    assert sales.sd == 0.0  # everyone in sales answered alike
