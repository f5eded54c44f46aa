"""The built-in 'customer_understanding' module: the Kano type, its table and coefficients."""

from __future__ import annotations

from pathlib import Path

import pytest
from module_kit import assess_module, customer, dimension_score, finding_ids, internal

from ccassess import ValidationError
from ccassess.actions.validate import validate_paths
from ccassess.definitions.loading import build_module

MODULE = "customer_understanding"
REACTIONS = ("like", "expect", "neutral", "tolerate", "dislike")
# The standard Kano evaluation table, written out by hand: rows functional, columns
# dysfunctional, both in the order like, expect, neutral, tolerate, dislike.
TABLE = [
    ["Q", "A", "A", "A", "O"],
    ["R", "I", "I", "I", "M"],
    ["R", "I", "I", "I", "M"],
    ["R", "I", "I", "I", "M"],
    ["R", "R", "R", "R", "Q"],
]
LETTERS = {
    "A": "attractive",
    "O": "one_dimensional",
    "M": "must_be",
    "I": "indifferent",
    "R": "reverse",
    "Q": "questionable",
}


def test_definition_validates_without_warnings(registry):
    entry = registry.entries[MODULE]
    assert entry.plugin == MODULE
    assert entry.warnings == []
    assert validate_paths(registry, [], [Path(entry.module.origin or "")]).problems == []
    kano = entry.module.question("kano_same_day_answer")
    assert kano.type == "kano"
    assert kano.extra["functional"].de and kano.extra["dysfunctional"].en
    assert registry.question_types["kano"].scored is False


def test_kano_definition_needs_both_wordings(registry):
    definition = {
        "id": "kano_only",
        "version": "1.0.0",
        "title": {"de": "Kano", "en": "Kano"},
        "dimensions": [
            {
                "id": "features",
                "title": {"de": "Merkmale", "en": "Features"},
                "questions": [
                    {
                        "id": "feature",
                        "type": "kano",
                        "perspective": "customer",
                        "text": {"de": "Merkmal", "en": "Feature"},
                        "functional": {"de": "Wenn vorhanden?", "en": "If present?"},
                        "source": "Kano model (Kano 1984)",
                    }
                ],
            }
        ],
    }
    with pytest.raises(ValidationError) as caught:
        build_module(definition, registry.question_types, file="kano.yaml")
    assert "dimensions[features].questions[feature].dysfunctional: missing" in str(caught.value)


def _classify(registry, functional, dysfunctional) -> str:
    """Classify one answer pair through a real assessment of one customer."""
    module_result, _ = assess_module(
        registry,
        MODULE,
        [_respondent(registry, functional, dysfunctional)],
    )
    feature = module_result.analysis["kano"]["features"][0]
    return feature["category"]


def _respondent(registry, functional, dysfunctional):
    from ccassess import Respondent

    qtype = registry.question_types["kano"]
    question = registry.modules[MODULE].question("kano_same_day_answer")
    value = qtype.check(question, {"functional": functional, "dysfunctional": dysfunctional}, ())
    return Respondent("c", "customer", {MODULE: {"kano_same_day_answer": value}})


@pytest.mark.parametrize("row", range(5))
def test_evaluation_table(registry, row):
    for column in range(5):
        expected = LETTERS[TABLE[row][column]]
        assert _classify(registry, REACTIONS[row], REACTIONS[column]) == expected
        # numbers 1–5 mean the same reactions
        assert _classify(registry, row + 1, column + 1) == expected


def test_answers_accept_german_labels_numbers_and_pairs(registry):
    qtype = registry.question_types["kano"]
    question = registry.modules[MODULE].question("kano_same_day_answer")
    german = ["gefällt mir", "setze ich voraus", "ist mir egal", "nehme ich hin", "stört mich"]
    for label, reaction in zip(german, REACTIONS, strict=True):
        assert qtype.check(question, {"functional": label, "dysfunctional": "5"}, ()) == {
            "functional": reaction,
            "dysfunctional": "dislike",
        }
    assert qtype.check(question, ["like", 2], ()) == {
        "functional": "like",
        "dysfunctional": "expect",
    }
    assert "one-dimensional" in qtype.describe(
        question, {"functional": "like", "dysfunctional": "dislike"}, "en"
    )
    assert "Leistungsmerkmal" in qtype.describe(
        question, {"functional": "like", "dysfunctional": "dislike"}, "de"
    )


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({"functional": "like"}, "the dysfunctional answer is missing"),
        ({"functional": "maybe", "dysfunctional": "like"}, "functional: 'maybe' is not a Kano"),
        ({"functional": 6, "dysfunctional": "like"}, "not a Kano answer"),
        ({"functional": "like", "dysfunctional": "like", "extra": 1}, "unknown key 'extra'"),
        ("like", "expected {functional"),
    ],
)
def test_impossible_answers_are_rejected(load, answer, message):
    with pytest.raises(ValidationError) as caught:
        load([customer("c1", MODULE, {"kano_flexible_terms": answer})], name="kano.yaml")
    text = "\n".join(caught.value.lines())
    assert "kano.yaml" in text
    assert "respondents[c1].answers.customer_understanding.kano_flexible_terms" in text
    assert message in text


def test_kano_analysis_hand_computed(registry, load):
    same_day = (
        [("like", "dislike")] * 3  # O
        + [("expect", "dislike")] * 2  # M
        + [("like", "neutral")] * 2  # A
        + [("neutral", "neutral")]  # I
        + [("dislike", "like")]  # R
        + [("like", "like")]  # Q
    )
    # personal contact: 2 × M (written in German and numbers), 2 × A → a tie
    personal = [("ist mir egal", 5), (3, "stört mich"), ("gefällt mir", "nehme ich hin"), (1, 4)]
    raw = []
    for index, (functional, dysfunctional) in enumerate(same_day):
        answers = {
            "kano_same_day_answer": {"functional": functional, "dysfunctional": dysfunctional}
        }
        if index < len(personal):
            f, d = personal[index]
            answers["kano_personal_contact"] = {"functional": f, "dysfunctional": d}
        if index == 0:
            answers["kano_flexible_terms"] = {"functional": "dislike", "dysfunctional": "dislike"}
        if index == 1:
            answers["kano_flexible_terms"] = "dont_know"
        raw.append(customer(f"c{index}", MODULE, answers))
    # one internal respondent answers likert items: Kano stays out of all scores
    raw.append(internal("r1", MODULE, {"tg_personas": 1, "tg_depth": 2}))
    raw.append(internal("r2", MODULE, {"tg_personas": 2, "tg_depth": 1}))
    module, _ = assess_module(registry, MODULE, load(raw))

    features = {f["id"]: f for f in module.analysis["kano"]["features"]}
    assert list(features) == [
        "kano_same_day_answer",
        "kano_personal_contact",
        "kano_flexible_terms",
    ]
    same = features["kano_same_day_answer"]
    assert same["label"] == {
        "de": "Antwort auf Serviceanfragen am selben Tag",
        "en": "Same-day answer to service requests",
    }
    assert same["n"] == 10
    assert same["shares"] == pytest.approx(
        {
            "one_dimensional": 0.3,
            "must_be": 0.2,
            "attractive": 0.2,
            "indifferent": 0.1,
            "reverse": 0.1,
            "questionable": 0.1,
        }
    )
    assert same["category"] == "one_dimensional"
    # better = (A + O)/(A + O + M + I) = (2 + 3)/8; worse = −(O + M)/8 = −5/8
    assert same["better"] == pytest.approx(0.625)
    assert same["worse"] == pytest.approx(-0.625)

    personal_result = features["kano_personal_contact"]
    assert personal_result["n"] == 4
    assert personal_result["category"] == "must_be"  # tie M = A: must-be has more impact
    assert personal_result["better"] == pytest.approx(0.5)  # 2/4
    assert personal_result["worse"] == pytest.approx(-0.5)  # −2/4

    flexible = features["kano_flexible_terms"]
    assert flexible["n"] == 1  # "don't know" is not counted
    assert flexible["category"] == "questionable"
    assert flexible["better"] is None and flexible["worse"] is None  # A + O + M + I = 0

    # Kano is classified, not scored: its dimension has no score, it adds no coverage
    assert dimension_score(module, "kano_features") is None
    assert module.dimension("kano_features").coverage.asked == 0
    # target_groups: tg_personas (0 + 25)/2 = 12.5, tg_depth (25 + 0)/2 = 12.5 → 12.5,
    # the only scored dimension, so also the module score
    assert dimension_score(module, "target_groups") == pytest.approx(12.5)
    assert module.score == pytest.approx(12.5)
    assert finding_ids(module) == {"shallow_target_groups"}  # 12.5 < 40


def test_empty_kano(registry):
    module, _ = assess_module(registry, MODULE, [])
    for feature in module.analysis["kano"]["features"]:
        assert feature["n"] == 0
        assert feature["category"] is None
        assert feature["better"] is None and feature["worse"] is None
