"""Agreement (r_wg) and reliability (Cronbach's alpha) as the engine computes them: within
each perspective, never pooled; the flags they raise reach the JSON and the report."""

from __future__ import annotations

import json
import random

import pytest

from ccassess.actions.assess import assess
from ccassess.actions.inputs import load_demo
from ccassess.actions.load_plugins import load_registry
from ccassess.model.serial import result_to_json
from ccassess.report import ReportOptions
from ccassess.report.html import render_html
from ccassess.scoring.engine import question_scores
from ccassess.scoring.stats import cronbach_alpha
from ccassess.testing import Kit, make_kit


def _text(name: str) -> dict[str, str]:
    return {"de": name, "en": name}


def _mirrored(qid: str) -> dict:
    return {
        "id": qid,
        "type": "likert",
        "source": "t",
        "perspective": "both",
        "text": {"internal": _text(qid), "customer": _text(qid)},
    }


MODULE = {
    "id": "agree",
    "version": "1.0.0",
    "title": _text("Agreement"),
    "dimensions": [
        {"id": "scale", "title": _text("Scale"), "questions": [_mirrored(q) for q in "abcd"]},
        {
            "id": "plain",
            "title": _text("Plain"),
            "questions": [
                {"id": "y", "type": "yes_partly_no", "source": "t", "text": _text("y")},
            ],
        },
    ],
}


@pytest.fixture(scope="module")
def kit() -> Kit:
    return make_kit(modules=[MODULE])


def answers(rng: random.Random, choices: list, plain: str | None = None) -> dict:
    given: dict = {q: rng.choice(choices) for q in "abcd"}
    if plain is not None:
        given["y"] = plain
    return {"agree": given}


def test_random_answers_agree_about_as_little_as_chance(kit: Kit) -> None:
    rng = random.Random(11)
    people = [kit.respondent("internal", answers(rng, [1, 2, 3, 4, 5])) for _ in range(600)]
    people += [kit.respondent("customer", answers(rng, [1, 2, 3, 4, 5])) for _ in range(600)]
    scale = kit.score(people).module("agree").dimension("scale")
    assert scale is not None
    for perspective in ("internal", "customer"):
        agreement = scale.agreement[perspective]
        assert agreement.items == 4 and agreement.n == 600
        assert agreement.rwg is not None and agreement.rwg < 0.2  # r_wg(J) ≈ 0, not 29 %
        assert agreement.disputed
        for question in scale.questions:
            single = question.by_perspective[perspective].rwg
            assert single is not None and single < 0.1  # single-item r_wg ≈ 0
    assert scale.disagreement


def test_identical_answers_agree_fully(kit: Kit) -> None:
    rng = random.Random(1)
    people = [kit.respondent("internal", answers(rng, [4], "yes")) for _ in range(5)]
    people += [kit.respondent("customer", answers(rng, [2])) for _ in range(5)]
    module = kit.score(people).module("agree")
    scale = module.dimension("scale")
    assert scale is not None
    # staff and customers answer differently, yet each group agrees fully within itself
    for perspective in ("internal", "customer"):
        assert scale.agreement[perspective].rwg == 1.0
        assert scale.agreement[perspective].band == "very strong"
        assert not scale.agreement[perspective].disputed
        assert scale.questions[0].by_perspective[perspective].rwg == 1.0
    assert not scale.disagreement
    plain = module.dimension("plain")
    assert plain is not None
    # yes / partly / no is not a scale of points: no r_wg, the SD is the spread
    assert plain.agreement["internal"].rwg is None and plain.agreement["internal"].sd == 0.0
    assert "customer" not in plain.agreement


def test_disputed_without_a_scale_is_judged_on_the_spread(kit: Kit) -> None:
    people = [
        kit.respondent("internal", {"agree": {"y": value}}) for value in ("yes", "no", "yes", "no")
    ]
    plain = kit.score(people).module("agree").dimension("plain")
    assert plain is not None and plain.agreement["internal"].sd == pytest.approx(57.735, abs=1e-3)
    assert plain.agreement["internal"].disputed and plain.disagreement


def test_alpha_is_computed_within_each_perspective_not_pooled(kit: Kit) -> None:
    # staff answer high and customers low, each item at random within the group: the items
    # hang together only through the difference between the groups
    rng = random.Random(7)
    staff = [[rng.choice([4, 5]) for _ in "abcd"] for _ in range(40)]
    customers = [[rng.choice([1, 2]) for _ in "abcd"] for _ in range(40)]
    people = [
        kit.respondent(perspective, {"agree": dict(zip("abcd", row, strict=True))})
        for perspective, rows in (("internal", staff), ("customer", customers))
        for row in rows
    ]
    scale = kit.score(people).module("agree").dimension("scale")
    assert scale is not None
    pooled = cronbach_alpha([[float(v) for v in row] for row in staff + customers])
    assert pooled is not None and pooled > 0.8
    for perspective in ("internal", "customer"):
        reliability = scale.reliability[perspective]
        assert reliability.n == 40 and reliability.items == 4
        assert reliability.alpha is not None and reliability.alpha < 0.4
    assert scale.inconsistent


def test_alpha_needs_enough_complete_respondents(kit: Kit) -> None:
    rng = random.Random(3)
    people = [kit.respondent("internal", answers(rng, [1, 3, 5])) for _ in range(9)]
    scale = kit.score(people).module("agree").dimension("scale")
    assert scale is not None
    assert scale.reliability["internal"].alpha is None and scale.reliability["internal"].n == 9
    assert not scale.inconsistent


@pytest.fixture(scope="module")
def flagged(kit: Kit):
    rng = random.Random(5)
    people = [kit.respondent("internal", answers(rng, [1, 5], "yes")) for _ in range(30)]
    people += [kit.respondent("customer", answers(rng, [3])) for _ in range(3)]
    return kit.score(people)


def test_three_customers_are_no_group_at_threshold_five() -> None:
    """At the anonymity threshold 5 the three customers' figures are not shown at all (no
    longer shown and flagged "n below 5"), and no agreement is computed from them."""
    kit = make_kit(modules=[MODULE], settings={"anonymity_threshold": 5})
    rng = random.Random(5)
    people = [kit.respondent("internal", answers(rng, [1, 5], "yes")) for _ in range(30)]
    people += [kit.respondent("customer", answers(rng, [3])) for _ in range(3)]
    result = kit.score(people)
    for dimension in result.modules[0].dimensions:
        assert dimension.by_perspective["customer"].score is None
        assert "customer" not in dimension.agreement
    assert result.by_perspective["customer"].score is None
    assert result.by_perspective["internal"].score is not None


def test_the_json_carries_agreement_and_reliability(flagged) -> None:
    data = json.loads(result_to_json(flagged))
    assert data["format"] == 3 and data["method_version"] == "2.2"
    scale = data["modules"][0]["dimensions"][0]
    assert set(scale["agreement"]) == {"internal", "customer"}
    assert {"n", "rwg", "band", "items", "sd", "disputed"} <= set(scale["agreement"]["internal"])
    assert {"alpha", "n", "items"} <= set(scale["reliability"]["internal"])
    assert scale["disagreement"] is True and scale["inconsistent"] is True
    assert "rwg" in scale["questions"][0]["by_perspective"]["internal"]
    assert "consensus" not in json.dumps(data)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "de",
            [
                "Übereinstimmung (r_wg)",
                "Skala uneinheitlich – Einzelfragen lesen",
                "uneinig: Mitarbeitende",
                "Cronbachs Alpha",
            ],
        ),
        (
            "en",
            [
                "Agreement (r_wg)",
                "scale inconsistent – read the individual items",
                "disputed: staff",
                "Cronbach's alpha",
            ],
        ),
    ],
)
def test_the_flags_appear_in_the_report(kit: Kit, flagged, lang: str, words: list[str]) -> None:
    html = render_html(flagged, kit.registry.plugins, ReportOptions(format="html", lang=lang))
    page = html.inline_html()
    for word in words:
        assert word in page, word
    assert "Einigkeit" not in page and "Consensus" not in page


def test_the_demo_scales_hold_together_within_each_group() -> None:
    # the demo draws answers from latent traits: its scales are consistent within each
    # group, not only pooled (where the perception gap alone would lift alpha)
    registry = load_registry()
    demo = load_demo(registry)
    module = registry.modules["customer_perception"]
    table = question_scores(module, demo.respondents, registry.question_types)
    continuity = next(d for d in module.dimensions if d.id == "continuity")
    columns = [table.columns[q.id] for q in continuity.questions if table.scored[q.id]]
    pooled = cronbach_alpha([row for row in zip(*columns, strict=True) if None not in row])
    assert pooled is not None and round(pooled, 2) == 0.95
    result = assess(registry, demo.respondents, demo.settings).module("customer_perception")
    assert result is not None
    scored = result.dimension("continuity")
    assert scored is not None and not scored.inconsistent
    alphas = {p: r.alpha for p, r in scored.reliability.items()}
    assert round(alphas["internal"] or 0, 2) == 0.83 and round(alphas["customer"] or 0, 2) == 0.96
