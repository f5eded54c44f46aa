"""The built-in 'customer_or_reporting' module: the activity_list type and the activity audit."""

from __future__ import annotations

from pathlib import Path

import pytest
from module_kit import assess_module, dimension_score, finding_ids, internal

from ccassess import ValidationError
from ccassess.actions.validate import validate_paths

MODULE = "customer_or_reporting"


def test_definition_validates_without_warnings(registry):
    entry = registry.entries[MODULE]
    assert entry.plugin == MODULE
    assert entry.warnings == []
    assert validate_paths(registry, [], [Path(entry.module.origin or "")]).problems == []
    question = entry.module.question("activities")
    assert question.type == "activity_list"
    assert question.extra["max_items"] == 25
    assert registry.question_types["activity_list"].scored


def test_answers_are_normalised(registry):
    qtype = registry.question_types["activity_list"]
    question = registry.modules[MODULE].question("activities")
    answer = qtype.check(
        question,
        [
            {"activity": "  Weekly   KPI report ", "share": "10 %", "category": "nur Reporting"},
            {"activity": "Calls", "share": "7,5", "category": "hilft dem Kunden"},
            {"activity": "Offers", "share": 20, "category": "Erleichtert den Verkauf"},
            {"activity": "Approvals", "share": 5.0, "category": "makes selling harder"},
            "Credit checks; 10; selling-harder",
        ],
        (),
    )
    assert answer == [
        {"activity": "Weekly KPI report", "share": 10, "category": "reporting"},
        {"activity": "Calls", "share": 7.5, "category": "customer"},
        {"activity": "Offers", "share": 20, "category": "selling"},
        {"activity": "Approvals", "share": 5, "category": "selling_harder"},
        {"activity": "Credit checks", "share": 10, "category": "selling_harder"},
    ]
    # serving = 7.5 + 20 = 27.5 of 52.5 listed
    assert qtype.score(question, answer) == pytest.approx(27.5 / 52.5)
    assert "Weekly KPI report (10 % of working time, only serves reporting)" in qtype.describe(
        question, answer, "en"
    )
    assert "nur Reporting" in qtype.describe(question, answer, "de")


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (
            [
                {"activity": "A", "share": 60, "category": "customer"},
                {"activity": "B", "share": 50, "category": "reporting"},
            ],
            "add up to 110 %",
        ),
        ([{"activity": "A", "share": 0, "category": "customer"}], "more than 0"),
        ([{"activity": "A", "share": 101, "category": "customer"}], "at most 100"),
        ([{"activity": "A", "share": 10, "category": "marketing"}], "category 'marketing'"),
        ([{"activity": "A", "share": 10}], "category is missing"),
        ([{"activity": "x" * 201, "share": 10, "category": "customer"}], "201 characters"),
        (
            [{"activity": "A", "share": 10, "category": "customer", "owner": "me"}],
            "unknown key 'owner'",
        ),
        (
            [{"activity": f"A{i}", "share": 1, "category": "customer"} for i in range(26)],
            "at most 25",
        ),
        ("just text", "expected a list"),
    ],
)
def test_impossible_answers_are_rejected_with_file_and_question(load, answer, message):
    with pytest.raises(ValidationError) as caught:
        load([internal("r1", MODULE, {"activities": answer})], name="audit.yaml")
    text = "\n".join(caught.value.lines())
    assert "audit.yaml" in text
    assert "respondents[r1].answers.customer_or_reporting.activities" in text
    assert message in text


AUDIT = [
    # r1: listed 70, serving 40 (customer) → 40/70 = 57.142857
    internal(
        "r1",
        MODULE,
        {
            "activities": [
                {"activity": "Call customers", "share": 40, "category": "customer"},
                {"activity": "Weekly KPI report", "share": 20, "category": "reporting"},
                {"activity": "Quote approvals", "share": 10, "category": "selling_harder"},
            ],
            "rep_unread_reports": 5,
            "rep_internal_kpis": 2,
        },
    ),
    # r2: listed 70, serving 30 + 30 = 60 → 60/70 = 85.714286
    internal(
        "r2",
        MODULE,
        {
            "activities": [
                {"activity": "Customer visits", "share": 30, "category": "customer"},
                {"activity": "Prepare offers", "share": 30, "category": "selling"},
                {"activity": "weekly kpi  REPORT", "share": 10, "category": "reporting"},
            ],
            "rep_unread_reports": 4,
            "rep_internal_kpis": 1,
        },
    ),
    # r3: listed 100, serving 20 → 20.0
    internal(
        "r3",
        MODULE,
        {
            "activities": [
                {"activity": "Monthly board deck", "share": 30, "category": "reporting"},
                {"activity": "Weekly KPI report", "share": 30, "category": "reporting"},
                {"activity": "Credit checks", "share": 20, "category": "selling_harder"},
                {"activity": "Newsletter", "share": 20, "category": "customer"},
            ],
        },
    ),
]


def test_activity_audit_matches_hand_computation(registry, load):
    module, _ = assess_module(registry, MODULE, load(AUDIT))
    audit = module.analysis["activity_audit"]
    # pooled over all listed time (240): customer 40 + 30 + 20 = 90, selling 30,
    # reporting 20 + 10 + 30 + 30 = 90, selling_harder 10 + 20 = 30
    assert audit["shares"] == pytest.approx(
        {
            "customer": 90 / 240,
            "selling": 30 / 240,
            "reporting": 90 / 240,
            "selling_harder": 30 / 240,
        }
    )
    assert audit["serving_share"] == pytest.approx(0.5)  # (90 + 30)/240
    assert audit["respondents"] == 3
    # grouped case- and whitespace-insensitively; sorted by mean share × mentions:
    #   weekly KPI report 20, 10, 30 → mean 20 × 3 = 60; board deck 30 × 1; credit checks
    #   20 × 1; quote approvals 10 × 1
    assert audit["activities_to_review"] == [
        {
            "activity": "Weekly KPI report",
            "category": "reporting",
            "mean_share": 20.0,
            "mentions": 3,
        },
        {
            "activity": "Monthly board deck",
            "category": "reporting",
            "mean_share": 30.0,
            "mentions": 1,
        },
        {
            "activity": "Credit checks",
            "category": "selling_harder",
            "mean_share": 20.0,
            "mentions": 1,
        },
        {
            "activity": "Quote approvals",
            "category": "selling_harder",
            "mean_share": 10.0,
            "mentions": 1,
        },
    ]

    # dimension score: mean of the respondents' own shares (57.142857 + 85.714286 + 20)/3
    assert dimension_score(module, "activity_audit") == pytest.approx((400 / 7 + 600 / 7 + 20) / 3)
    # reporting_burden (both reverse-coded): unread (0 + 25)/2 = 12.5, internal KPIs
    # (75 + 100)/2 = 87.5 → 50
    assert dimension_score(module, "reporting_burden") == pytest.approx(50.0)
    # module: (54.285714 + 50)/2 = 52.142857
    assert module.score == pytest.approx(((400 / 7 + 600 / 7 + 20) / 3 + 50) / 2)


def test_activity_findings(registry, load):
    module, _ = assess_module(registry, MODULE, load(AUDIT))
    ids = finding_ids(module)
    # reporting 37.5 % ≥ 25 % → warning; one finding per activity to review (4 here);
    # the rule unread_reports fires (12.5 < 40), reporting_outweighs_customer does not (50)
    assert ids == {
        "reporting_share_high",
        "activity_to_review_1",
        "activity_to_review_2",
        "activity_to_review_3",
        "activity_to_review_4",
        "unread_reports",
    }
    by_id = {f.id: f for f in module.findings}
    assert "38 %" in by_id["reporting_share_high"].text.en  # 37.5 rounded
    first = by_id["activity_to_review_1"]
    assert first.severity == "info"
    assert first.dimension == "activity_audit"
    assert first.text.en.startswith('"Weekly KPI report" only serves reporting')
    assert "named 3 times, 20 % of working time on average" in first.text.en
    assert "candidate to cut or change" in first.text.en
    assert "„Weekly KPI report“" in first.text.de and "3-mal genannt" in first.text.de
    assert by_id["activity_to_review_3"].severity == "warning"  # makes selling harder
    assert "makes selling harder" in by_id["activity_to_review_3"].text.en


def test_at_most_ten_activity_findings_and_no_warning_below_a_quarter(registry, load):
    items = [{"activity": f"Report {i}", "share": 2, "category": "reporting"} for i in range(12)]
    items.append({"activity": "Customer work", "share": 76, "category": "customer"})
    module, _ = assess_module(
        registry, MODULE, load([internal("r1", MODULE, {"activities": items})])
    )
    # reporting 24 % < 25 %: no warning; 12 activities to review, 10 findings
    assert module.analysis["activity_audit"]["shares"]["reporting"] == pytest.approx(0.24)
    assert len(module.analysis["activity_audit"]["activities_to_review"]) == 12
    assert "reporting_share_high" not in finding_ids(module)
    assert len([f for f in module.findings if f.id.startswith("activity_to_review_")]) == 10


def test_no_answers_gives_empty_audit(registry, load):
    module, _ = assess_module(
        registry, MODULE, load([internal("r1", MODULE, {"rep_time_lost": 3})])
    )
    audit = module.analysis["activity_audit"]
    assert audit["respondents"] == 0
    assert audit["serving_share"] is None
    assert audit["activities_to_review"] == []
    assert dimension_score(module, "activity_audit") is None
