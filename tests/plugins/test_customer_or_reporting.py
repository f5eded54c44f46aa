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
    # the mean of the respondents' own shares of their listed time (70, 70 and 100):
    # customer (40/70 + 30/70 + 20/100)/3, selling (30/70)/3, reporting (20/70 + 10/70 + 60/100)/3,
    # selling_harder (10/70 + 20/100)/3
    assert audit["statistic"] == "mean_of_respondents"
    assert audit["dimension"] == "activity_audit"
    assert audit["shares"] == pytest.approx(
        {
            "customer": (1 + 0.2) / 3,
            "selling": 3 / 7 / 3,
            "required": 0.0,
            "reporting": (3 / 7 + 0.6) / 3,
            "selling_harder": (1 / 7 + 0.2) / 3,
        }
    )
    assert sum(audit["shares"].values()) == pytest.approx(1.0)
    assert audit["serving_share"] == pytest.approx((4 / 7 + 6 / 7 + 0.2) / 3)
    assert audit["required_share"] == 0.0
    assert audit["listed_share"] == pytest.approx(0.8)  # (70 + 70 + 100) / 3 per cent
    assert audit["respondents"] == 3
    assert audit["required_activities"] == []
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

    # dimension score: mean of the respondents' own shares (57.142857 + 85.714286 + 20)/3,
    # the same statistic as the serving share (one figure, one name)
    assert dimension_score(module, "activity_audit") == pytest.approx((400 / 7 + 600 / 7 + 20) / 3)
    assert dimension_score(module, "activity_audit") == pytest.approx(audit["serving_share"] * 100)
    # reporting_burden (both reverse-coded): unread (0 + 25)/2 = 12.5, internal KPIs
    # (75 + 100)/2 = 87.5 → 50
    assert dimension_score(module, "reporting_burden") == pytest.approx(50.0)
    # module: (54.285714 + 50)/2 = 52.142857
    assert module.score == pytest.approx(((400 / 7 + 600 / 7 + 20) / 3 + 50) / 2)


def test_activity_findings(registry, load):
    module, _ = assess_module(registry, MODULE, load(AUDIT))
    ids = finding_ids(module)
    # reporting 34.3 % ≥ 25 % → warning; one finding per activity to review (4 here);
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
    warning = by_id["reporting_share_high"].text
    assert "34% of the listed working time" in warning.en  # (3/7 + 0.6)/3 = 34.3 %
    assert "34 % der erfassten Arbeitszeit" in warning.de
    assert "Required work (law, compliance, risk) is not among them" in warning.en
    first = by_id["activity_to_review_1"]
    assert first.severity == "info"
    assert first.dimension == "activity_audit"
    assert first.text.en.startswith('"Weekly KPI report" only serves reporting')
    assert "named 3 times, 20% of the working time of those naming it" in first.text.en
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


# -- required work (law, compliance, risk) --------------------------------------------------


def test_module_version_and_required_category(registry):
    module = registry.modules[MODULE]
    assert module.version >= "1.1.0"  # 1.0.0 had four categories
    qtype = registry.question_types["activity_list"]
    question = module.question("activities")
    assert "is required (law, compliance, risk)" in question.text.en
    assert "vorgeschrieben (Gesetz, Compliance, Risiko)" in question.text.de
    # sheets and the terminal take their choices from the type: five, the new one last so
    # the terminal's numbers 1–4 stay as they were
    rows = qtype.items(question)
    assert rows is not None
    category = rows.fields[1]
    assert list(category.choices or {}) == [
        "customer",
        "selling",
        "reporting",
        "selling_harder",
        "required",
    ]
    assert "/ required by law, compliance or risk" in qtype.allowed(question, "en")


@pytest.mark.parametrize(
    "spelling",
    [
        "required",
        "Required by law, compliance or risk",
        "vorgeschrieben (Gesetz, Compliance, Risiko)",
        "Vorgeschrieben",
        "Compliance",
        "gesetzlich vorgeschrieben",
        "mandatory",
        "Pflicht",
    ],
)
def test_required_spellings(registry, spelling):
    qtype = registry.question_types["activity_list"]
    question = registry.modules[MODULE].question("activities")
    answer = qtype.check(question, [{"activity": "Close", "share": 10, "category": spelling}], ())
    assert answer[0]["category"] == "required"


def test_required_work_counts_as_listed_time_and_scores_as_before(registry):
    qtype = registry.question_types["activity_list"]
    question = registry.modules[MODULE].question("activities")
    answer = qtype.check(question, ["Close; 30; required", "Calls; 30; customer"], ())
    # required work does not serve customers: 30 of 60 listed, as "reporting" scored in 1.0.0
    assert qtype.score(question, answer) == pytest.approx(0.5)
    assert "Close (30 % of working time, required by law, compliance or risk)" in qtype.describe(
        question, answer, "en"
    )


REQUIRED = [
    internal(
        "f1",
        MODULE,
        {
            "activities": [
                {"activity": "Monthly financial close", "share": 40, "category": "required"},
                {"activity": "Credit-limit checks", "share": 10, "category": "required"},
                {"activity": "Customer calls", "share": 30, "category": "customer"},
            ]
        },
    ),
    # f2 calls the credit checks "makes selling harder": one respondent naming it required
    # keeps it off the list of activities to cut
    internal(
        "f2",
        MODULE,
        {
            "activities": [
                {"activity": "monthly financial CLOSE", "share": 30, "category": "required"},
                {"activity": "credit-limit checks", "share": 20, "category": "selling_harder"},
                {"activity": "Board deck", "share": 10, "category": "reporting"},
            ]
        },
    ),
]


def test_required_work_is_never_proposed_for_cutting(registry, load):
    module, _ = assess_module(registry, MODULE, load(REQUIRED))
    audit = module.analysis["activity_audit"]
    # f1: required 50/80, customer 30/80; f2: required 30/60, harder 20/60, reporting 10/60
    assert audit["required_share"] == pytest.approx((50 / 80 + 30 / 60) / 2)
    assert audit["serving_share"] == pytest.approx((30 / 80) / 2)
    assert audit["listed_share"] == pytest.approx((80 + 60) / 2 / 100)
    assert audit["activities_to_review"] == [
        {"activity": "Board deck", "category": "reporting", "mean_share": 10.0, "mentions": 1}
    ]
    assert audit["required_activities"] == [
        {"activity": "Monthly financial close", "mean_share": 35.0, "mentions": 2},
        {"activity": "Credit-limit checks", "mean_share": 15.0, "mentions": 2},
    ]
    by_id = {f.id: f for f in module.findings}
    assert set(by_id) >= {"activity_to_review_1", "activity_to_streamline_1"}
    for finding in module.findings:
        text = finding.text.en or ""
        if "financial close" in text or "Credit-limit" in text:
            assert finding.id.startswith("activity_to_streamline_")
            assert "not to be cut, but to be made leaner" in text
            assert "nicht streichen, sondern schlanker machen" in (finding.text.de or "")
    assert "Board deck" in (by_id["activity_to_review_1"].text.en or "")


def test_required_recommendation_says_leaner_not_cut(registry):
    dimension = registry.modules[MODULE].dimension("activity_audit")
    assert dimension is not None
    texts = [r.en or "" for recs in dimension.recommendations.values() for r in recs]
    required = [t for t in texts if "required" in t]
    assert required and all("make them leaner" in t for t in required)
    assert not any("required" in t and "suspend" in t for t in texts)
