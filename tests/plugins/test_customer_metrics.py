"""The built-in 'customer_metrics' module: formulas, thresholds, validation, findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from module_kit import (
    assess_module,
    customer,
    dimension_score,
    finding_ids,
    internal,
    key_figures,
)

from ccassess import AssessmentSettings, ValidationError
from ccassess.actions.validate import validate_paths

MODULE = "customer_metrics"
METRICS = ("csat", "nps", "ces", "churn", "retention", "clv")


def test_definition_validates_without_warnings(registry):
    entry = registry.entries[MODULE]
    assert entry.plugin == MODULE
    assert entry.warnings == []
    assert validate_paths(registry, [], [Path(entry.module.origin or "")]).problems == []
    for metric in METRICS:
        formula = entry.module.formulas[metric]
        assert formula.de and formula.en


# Ten customers, the round's key figures and two staff members, computed by hand below.
CSAT = [5, 5, 4, 4, 4, 3, 3, 2, 1, 5]  # 6 of 10 are 4 or 5 → CSAT 60 %
NPS = [10, 9, 9, 8, 7, 6, 5, 3, 0, 10]  # promoters 4, passives 2, detractors 4 → NPS 0
CES = [6, 5, 5, 4, 7, 3, 6, 5, 5, 4]  # sum 50 → CES 5.0
FIGURES = {
    "customers_start": 200,
    "customers_lost": 30,
    "customers_new": 50,
    "customers_end": 220,
    "avg_annual_value": 1200,
    "avg_lifetime_years": 4.5,
    "nps_promoters": 60,
    "nps_passives": 30,
    "nps_detractors": 10,
}
WORKED = [
    customer(f"c{i}", MODULE, {"csat_rating": c, "nps_rating": n, "ces_rating": e})
    for i, (c, n, e) in enumerate(zip(CSAT, NPS, CES, strict=True))
] + [
    key_figures("kf", MODULE, FIGURES),
    internal(
        "r1",
        MODULE,
        {
            "sat_measured_regularly": 5,
            "sat_management_review": 4,
            "eff_repeat_contacts": 2,
            "ret_churn_tracked": 1,
            "val_clv_known": 3,
        },
    ),
    internal(
        "r2",
        MODULE,
        {
            "sat_measured_regularly": 4,
            "sat_management_review": 4,
            "eff_repeat_contacts": 2,
            "ret_churn_tracked": 2,
            "val_clv_known": 4,
        },
    ),
]


def test_worked_example_metrics(registry, load):
    module, _ = assess_module(registry, MODULE, load(WORKED))
    metrics = module.analysis["customer_metrics"]["metrics"]
    assert list(metrics) == list(METRICS)

    csat = metrics["csat"]
    assert csat["value"] == pytest.approx(60.0)
    assert (csat["source"], csat["n"]) == ("customer_ratings", 10)
    assert csat["inputs"] == {"satisfied": 6, "responses": 10}
    # 60 % lies between the anchors 50 → 20 and 65 → 40: 20 + 10/15 × 20 = 33.33, level 2
    assert csat["score"] == pytest.approx(100 / 3)
    assert csat["level"] == 2
    assert csat["formula"]["en"].startswith("CSAT = satisfied answers")

    nps = metrics["nps"]
    assert nps["value"] == pytest.approx(0.0)  # (4 − 4)/10 × 100
    assert nps["inputs"] == {"promoters": 4, "passives": 2, "detractors": 4}
    assert (nps["score"], nps["level"]) == (pytest.approx(20.0), 2)
    # staff figures: (60 − 10)/100 × 100 = 50, kept beside the customers' own NPS
    assert nps["internal_figure"] == pytest.approx(50.0)

    ces = metrics["ces"]
    assert ces["value"] == pytest.approx(5.0)
    assert (ces["score"], ces["level"]) == (pytest.approx(40.0), 3)

    churn = metrics["churn"]
    assert churn["value"] == pytest.approx(15.0)  # 30/200 × 100, from the key figures
    assert churn["source"] == "internal_figures"
    assert (churn["score"], churn["level"]) == (pytest.approx(40.0), 3)
    assert churn["higher_is_better"] is False

    retention = metrics["retention"]
    assert retention["value"] == pytest.approx(85.0)  # (220 − 50)/200 × 100
    assert (retention["score"], retention["level"]) == (pytest.approx(40.0), 3)
    assert retention["note"] is None

    clv = metrics["clv"]
    assert clv["value"] == pytest.approx(5400.0)  # 1200 × 4.5
    assert clv["unit"] == "EUR"
    assert clv["score"] is None and clv["level"] is None  # no absolute benchmark


def test_worked_example_dimension_and_module_scores(registry, load):
    module, _ = assess_module(registry, MODULE, load(WORKED))
    # One metric, one level: the KPIs are outcome figures with their own level and never part
    # of a dimension score. Dimensions holding a customer rating score their practice items.
    # satisfaction: practice items (100 + 75)/2 = 87.5 and (75 + 75)/2 = 75 → 81.25 (the
    # csat_rating likert is left out)
    assert dimension_score(module, "satisfaction") == pytest.approx(81.25)
    # the engine's staff score on the practice items (a KPI-carrying analysis never replaces it)
    assert module.dimension("satisfaction").score_source is None
    # loyalty: no practice answers → no score (the NPS is not a stand-in)
    assert dimension_score(module, "loyalty") is None
    # effort: eff_repeat_contacts (reverse) 2, 2 → 75; the CES is not blended in
    assert dimension_score(module, "effort") == pytest.approx(75.0)
    # retention: no rating question, the engine's: ret_churn_tracked 1, 2 → 12.5
    assert dimension_score(module, "retention") == pytest.approx(12.5)
    assert module.dimension("retention").score_source is None
    # customer_value: the engine's: val_clv_known 3, 4 → 62.5
    assert dimension_score(module, "customer_value") == pytest.approx(62.5)
    # module: (81.25 + 75 + 12.5 + 62.5)/4 = 57.8125
    assert module.score == pytest.approx((81.25 + 75 + 12.5 + 62.5) / 4)
    explained = module.analysis["customer_metrics"]["dimensions"]
    assert explained["satisfaction"] == pytest.approx({"practice": 81.25, "outcome_score": 100 / 3})
    # retention's outcome: (churn 40 + retention 40)/2 on the anchors, shown, not blended
    assert explained["retention"] == pytest.approx({"practice": 12.5, "outcome_score": 40.0})


def test_worked_example_findings(registry, load):
    module, _ = assess_module(registry, MODULE, load(WORKED))
    # staff NPS 50 vs customers 0 → gap; the rule churn_blind_spot fires on the internal
    # practice score of retention (12.5 < 40); NPS 0 is not negative, churn 15 % ≤ 20 %
    assert finding_ids(module) == {"nps_self_image_gap", "churn_blind_spot"}
    gap = next(f for f in module.findings if f.id == "nps_self_image_gap")
    assert "an NPS of 50" in gap.text.en and "only 0" in gap.text.en


def test_aggregates_only(registry, load):
    respondents = load(
        [
            key_figures(
                "r1",
                MODULE,
                {
                    "csat_satisfied": 45,
                    "csat_responses": 60,
                    "nps_promoters": 50,
                    "nps_passives": 30,
                    "nps_detractors": 20,
                    "ces_average": 5.5,
                    "customers_start": 100,
                    "customers_lost": 8,
                },
            ),
        ]
    )
    module, _ = assess_module(registry, MODULE, respondents)
    metrics = module.analysis["customer_metrics"]["metrics"]
    # CSAT 45/60 = 75 % → score 60, level 4
    assert (metrics["csat"]["value"], metrics["csat"]["score"]) == pytest.approx((75.0, 60.0))
    assert metrics["csat"]["source"] == "internal_figures"
    # NPS (50 − 20)/100 = 30 → score 50, level 3
    assert (metrics["nps"]["value"], metrics["nps"]["score"]) == pytest.approx((30.0, 50.0))
    assert metrics["nps"]["level"] == 3
    # CES 5.5 → score 60
    assert metrics["ces"]["score"] == pytest.approx(60.0)
    # churn 8 % → 80 − 3/5 × 20 = 68; retention without end/new: 100 − 8 = 92 → 68
    assert (metrics["churn"]["value"], metrics["churn"]["score"]) == pytest.approx((8.0, 68.0))
    retention = metrics["retention"]
    assert (retention["value"], retention["score"]) == pytest.approx((92.0, 68.0))
    assert "100 − churn" in retention["note"]["en"]
    assert metrics["clv"]["value"] is None


def test_zero_customers_at_start(registry, load):
    respondents = load([key_figures("r1", MODULE, {"customers_start": 0, "customers_lost": 0})])
    module, _ = assess_module(registry, MODULE, respondents)
    metrics = module.analysis["customer_metrics"]["metrics"]
    for metric in ("churn", "retention"):
        assert metrics[metric]["value"] is None
        assert metrics[metric]["score"] is None
        assert "no customers at the start" in metrics[metric]["note"]["en"]
    assert "churn_high" not in finding_ids(module)


def test_all_detractors(registry, load):
    respondents = load(
        [customer(f"c{i}", MODULE, {"nps_rating": v}) for i, v in enumerate([0, 3, 6, 6, 2])]
    )
    module, _ = assess_module(registry, MODULE, respondents)
    nps = module.analysis["customer_metrics"]["metrics"]["nps"]
    assert nps["value"] == pytest.approx(-100.0)  # (0 − 5)/5 × 100
    assert (nps["score"], nps["level"]) == (0, 1)
    assert dimension_score(module, "loyalty") is None  # no practice answers; NPS not blended
    finding = next(f for f in module.findings if f.id == "nps_negative")
    assert finding.severity == "critical"
    assert "(−100;" in finding.text.en and "(−100;" in finding.text.de
    assert "n = 5; caution: fewer than 30 answers" in finding.text.en


def test_empty_input(registry):
    module, _ = assess_module(registry, MODULE, [])
    data = module.analysis["customer_metrics"]
    for metric in METRICS:
        assert data["metrics"][metric]["value"] is None
        assert data["metrics"][metric]["score"] is None
    assert all(d == {"practice": None, "outcome_score": None} for d in data["dimensions"].values())
    assert module.score is None
    assert finding_ids(module) == set()


def test_practice_answers_without_figures(registry, load):
    respondents = load(
        [
            internal("r1", MODULE, {"sat_close_loop": 5}),
            key_figures("kf", MODULE, {"ces_average": "dont_know"}),
        ]
    )
    module, _ = assess_module(registry, MODULE, respondents)
    assert all(m["value"] is None for m in module.analysis["customer_metrics"]["metrics"].values())
    assert "no_metrics" in finding_ids(module)
    assert dimension_score(module, "satisfaction") == pytest.approx(100.0)  # engine's, kept


def test_high_churn_and_low_satisfaction(registry, load):
    respondents = load(
        [
            key_figures(
                "r1",
                MODULE,
                {
                    "customers_start": 80,
                    "customers_lost": 20,
                    "csat_satisfied": 12,
                    "csat_responses": 40,
                    "ces_average": 3,
                },
            ),
        ]
    )
    module, _ = assess_module(registry, MODULE, respondents)
    ids = finding_ids(module)
    # churn 20/80 = 25 % > 20 %; CSAT 12/40 = 30 % < 50 %; CES 3 < 4
    assert {"churn_high", "csat_low", "ces_low"} <= ids
    churn = next(f for f in module.findings if f.id == "churn_high")
    assert "25.0%" in churn.text.en and "25,0 %" in churn.text.de


@pytest.mark.parametrize(
    ("metric", "value", "score"),
    [
        ("csat", 0, 0),
        ("csat", 50, 20),
        ("csat", 85, 80),
        ("csat", 100, 100),
        ("nps", -100, 0),
        ("nps", 0, 20),
        ("nps", 60, 80),
        ("nps", 100, 100),
        ("ces", 1, 0),
        ("ces", 4, 20),
        ("ces", 7, 100),
        ("churn", 0, 100),
        ("churn", 25, 20),
        ("churn", 100, 0),
        ("retention", 75, 20),
        ("retention", 95, 80),
        ("retention", 100, 100),
    ],
)
def test_thresholds(metric, value, score):
    from ccassess_customer_metrics.metrics import metric_score

    assert metric_score(metric, value) == pytest.approx(score)


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            {"customers_start": 100, "customers_lost": 120},
            "customers_lost (120) is greater than customers_start (100)",
        ),
        (
            {"csat_satisfied": 50, "csat_responses": 40},
            "csat_satisfied (50) is greater than csat_responses (40)",
        ),
        (
            {"customers_new": 30, "customers_end": 20},
            "customers_new (30) is greater than customers_end (20)",
        ),
        (
            {"customers_start": 100, "customers_new": 10, "customers_end": 150},
            "customers_end (150) − customers_new (10) = 140 is greater than customers_start (100)",
        ),
        ({"customers_lost": 2.5}, "customers_lost (2.5) must be a whole number"),
    ],
)
def test_impossible_figures_rejected_at_validation(load, answers, expected):
    with pytest.raises(ValidationError) as caught:
        load([key_figures("r1", MODULE, answers)], name="figures.yaml")
    lines = caught.value.lines()
    assert len(lines) == 1
    assert "figures.yaml" in lines[0]
    assert "respondents[r1].answers.customer_metrics" in lines[0]
    assert expected in lines[0]


@pytest.mark.parametrize(
    ("answers", "path", "expected"),
    [
        ({"nps_rating": 11}, "nps_rating", "not on the scale"),
        ({"csat_rating": 0}, "csat_rating", "not on the scale"),
    ],
)
def test_ratings_off_the_scale_rejected(load, answers, path, expected):
    with pytest.raises(ValidationError) as caught:
        load([customer("c1", MODULE, answers)], name="ratings.yaml")
    text = "\n".join(caught.value.lines())
    assert f"respondents[c1].answers.customer_metrics.{path}" in text
    assert "ratings.yaml" in text and expected in text


def test_negative_count_rejected(load):
    with pytest.raises(ValidationError) as caught:
        load([key_figures("r1", MODULE, {"customers_end": -5})], name="counts.yaml")
    text = "\n".join(caught.value.lines())
    assert "respondents[r1].answers.customer_metrics.customers_end" in text
    assert "below the minimum 0" in text


def test_validate_command_reports_cross_field_problems(registry, tmp_path):
    """`ccassess validate` runs the same checks when it is given the plugins."""
    from module_kit import write_responses

    from ccassess.errors import Problems
    from ccassess.importers.response_files import ResponseValidator, raw_respondents
    from ccassess.io.checker import Checker
    from ccassess.io.structured import read_structured
    from ccassess.model.settings import AssessmentSettings

    path = write_responses(
        tmp_path, [key_figures("r1", MODULE, {"customers_start": 5, "customers_lost": 6})], "v.yaml"
    )
    problems = Problems()
    validator = ResponseValidator(
        registry.modules, registry.question_types, AssessmentSettings(), problems, registry.plugins
    )
    check = Checker(str(path), problems)
    for raw, rpath in raw_respondents(read_structured(path), check):
        validator.respondent(raw, rpath, check)
    assert [p.message for p in problems.errors] == [
        "customers_lost (6) is greater than customers_start (5): a period cannot lose more of "
        "its customers than it started with"
    ]
    assert problems.errors[0].location.line == 5


# -- intervals, small samples and one level per KPI -------------------------------------------


def nps_customers(promoters: int, passives: int, detractors: int) -> list[dict]:
    ratings = [10] * promoters + [8] * passives + [3] * detractors
    return [customer(f"c{i}", MODULE, {"nps_rating": v}) for i, v in enumerate(ratings)]


def test_nps_interval_from_the_variance_of_the_difference(registry, load):
    # the demo's figures: 5 promoters, 15 passives, 18 detractors → NPS −34.2
    module, _ = assess_module(registry, MODULE, load(nps_customers(5, 15, 18)))
    nps = module.analysis["customer_metrics"]["metrics"]["nps"]
    p, d, n = 5 / 38, 18 / 38, 38
    half = 1.959963984540054 * 100 * ((p + d - (p - d) ** 2) / n) ** 0.5
    assert nps["value"] == pytest.approx(-1300 / 38)
    assert nps["interval"] == pytest.approx([nps["value"] - half, nps["value"] + half])
    assert nps["interval"] == pytest.approx([-56.4, -12.0], abs=0.1)
    assert (nps["interval_method"], nps["confidence"]) == ("nps_difference_variance", 0.95)
    assert nps["kind"] == "outcome" and nps["level"] == 1
    assert nps["small_sample"] is None  # 38 ≥ 30
    assert nps["anchor"]["convention"] is True
    assert "not a standard" in nps["anchor"]["basis"]["en"]
    assert nps["anchor"]["thresholds"] == [0, 20, 40, 60]
    finding = next(f for f in module.findings if f.id == "nps_negative")
    assert "(−34; 95% interval −56 to −12, n = 38)" in finding.text.en
    assert "(−34; 95-%-Intervall −56 bis −12, n = 38)" in finding.text.de


def test_csat_wilson_and_ces_t_intervals(registry, load):
    # CSAT: 3 of 10 satisfied; CES: 2, 4, 6 (mean 4, sd 2)
    csat_ratings = [5, 4, 4] + [2] * 7
    respondents = [
        customer(f"c{i}", MODULE, {"csat_rating": v}) for i, v in enumerate(csat_ratings)
    ] + [customer(f"e{i}", MODULE, {"ces_rating": v}) for i, v in enumerate([2, 4, 6])]
    module, _ = assess_module(registry, MODULE, load(respondents))
    metrics = module.analysis["customer_metrics"]["metrics"]
    csat = metrics["csat"]
    assert csat["value"] == pytest.approx(30.0)
    # Wilson for 3/10: 10.8 % to 60.3 %
    assert csat["interval"] == pytest.approx([10.78, 60.32], abs=0.01)
    assert csat["interval_method"] == "wilson"
    ces = metrics["ces"]
    # t(2) = 4.303: 4 ± 4.303 × 2/√3
    assert ces["interval"] == pytest.approx(
        [4 - 4.3027 * 2 / 3**0.5, 4 + 4.3027 * 2 / 3**0.5], abs=1e-3
    )
    assert ces["interval_method"] == "t"
    # 10 answers: below the minimum 30, flagged
    assert csat["small_sample"] == {"reason": "minimum_sample", "n": 10, "minimum": 30}
    finding = next(f for f in module.findings if f.id == "csat_low")
    assert "caution: fewer than 30 answers" in finding.text.en
    # census figures and figures without a sample have no interval
    for metric in ("churn", "retention", "clv"):
        assert metrics[metric]["interval"] is None and metrics[metric]["small_sample"] is None


def test_customer_kpis_below_the_anonymity_threshold_are_not_shown(registry, load):
    """3 customers' effort ratings at threshold 5: no value, interval or counts, only why."""
    respondents = [customer(f"e{i}", MODULE, {"ces_rating": v}) for i, v in enumerate([2, 4, 6])]
    module, result = assess_module(registry, MODULE, load(respondents), AssessmentSettings())
    ces = module.analysis["customer_metrics"]["metrics"]["ces"]
    assert ces["value"] is None and ces["interval"] is None and not ces["inputs"]
    assert ces["small_sample"] == {"reason": "anonymity_threshold", "n": 3, "minimum": 5}
    assert not [o for o in result.outcomes if o.id == "ces"]


def test_anonymity_threshold_comes_from_the_settings(registry, load):
    from ccassess import AssessmentSettings

    settings = AssessmentSettings(anonymity_threshold=12)
    module, _ = assess_module(registry, MODULE, load(nps_customers(2, 3, 5)), settings)
    nps = module.analysis["customer_metrics"]["metrics"]["nps"]
    assert nps["small_sample"] == {"reason": "anonymity_threshold", "n": 10, "minimum": 12}


def test_interval_from_company_figures(registry, load):
    figures = {"nps_promoters": 40, "nps_passives": 40, "nps_detractors": 20}
    module, _ = assess_module(registry, MODULE, load([key_figures("r1", MODULE, figures)]))
    nps = module.analysis["customer_metrics"]["metrics"]["nps"]
    assert nps["source"] == "internal_figures" and nps["n"] == 100
    # p = .4, d = .2: 1.96 × 100 × √((.6 − .04)/100) = 14.67
    assert nps["interval"] == pytest.approx([20 - 14.67, 20 + 14.67], abs=0.01)


def test_one_level_per_kpi_classified_on_the_displayed_value(registry):
    from ccassess_customer_metrics.metrics import outcome_level

    module = registry.modules[MODULE]
    # 19.96 is shown as 20.0, where level 3 begins: the level is 3, as displayed
    assert outcome_level("nps", 19.96, module) == 3
    assert outcome_level("nps", 19.94, module) == 2
    assert outcome_level("churn", 5.04, module) == 5  # shown as 5.0: lower is better
    assert outcome_level("clv", 5000, module) is None


def test_the_public_api_offers_the_intervals():
    import ccassess

    for name in ("Interval", "mean_interval", "wilson_interval", "nps_interval", "welch_interval"):
        assert name in ccassess.__all__
    assert ccassess.nps_interval(5, 15, 18).low == pytest.approx(-56.43, abs=0.01)
