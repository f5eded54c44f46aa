"""Findings ranked by severity, then evidence; the priority rule; initiatives on the demo."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from ccassess.model.result import (
    DimensionResult,
    Finding,
    ModuleResult,
    PerspectiveScore,
    Recommendation,
    Stats,
)
from ccassess.report.markdown import render_markdown
from ccassess.report.sections.summary import summary
from ccassess.report.sections.view import View
from ccassess.scoring.findings import (
    disputed_findings,
    mark_small_samples,
    plan_initiatives,
    prioritise,
    priority_of,
    rank_findings,
)
from ccassess.text import Text


def finding(id: str, severity: str, evidence: str, n: int | None) -> Finding:
    return Finding(id, severity, Text.both(id), evidence=evidence, n=n)


def test_severity_first_then_customer_evidence_then_n():
    findings = [
        finding("warning_customer", "warning", "customer", 40),
        finding("critical_self_rated", "critical", "self_rated", 26),
        finding("critical_customer_small", "critical", "customer", 12),
        finding("critical_kpi", "critical", "kpi", 38),
        finding("info_kpi", "info", "kpi", 100),
        finding("critical_mirror", "critical", "mirror", 26),
    ]
    assert [f.id for f in rank_findings(findings)] == [
        "critical_kpi",
        "critical_mirror",
        "critical_customer_small",
        "critical_self_rated",
        "warning_customer",
        "info_kpi",
    ]


def test_small_sample_caveat_below_the_threshold():
    few, enough, unknown = (
        finding("few", "critical", "self_rated", 3),
        finding("enough", "critical", "self_rated", 5),
        finding("unknown", "critical", "self_rated", None),
    )
    mark_small_samples([few, enough, unknown], threshold=5)
    assert (few.small_sample, enough.small_sample, unknown.small_sample) == (True, False, False)


def test_a_disputed_dimension_becomes_a_finding():
    disputed = DimensionResult(
        "d1", Text("Konsequenz", "Consistency"), 1.0, score=60.0, disagreement=True
    )
    disputed.stats = Stats(n=12, sd=28.0)
    module = ModuleResult("m", "1.0.0", Text.both("M"), 1.0, dimensions=[disputed])
    definition = SimpleNamespace(id="m")  # only the module's id is read
    (found,) = disputed_findings(definition, module)  # type: ignore[arg-type]
    assert (found.id, found.dimension, found.n) == ("disputed_d1", "d1", 12)
    assert found.severity == "warning" and found.module == "m"
    assert "Consistency" in found.text.get("en") and "28" in found.text.get("en")


def two_dimension_module() -> ModuleResult:
    """The worked example of docs/concepts/scoring.md, "Priority"."""
    heard = DimensionResult("heard", Text.both("Heard"), 1.0, score=70.0, level=4)
    heard.by_perspective = {
        "internal": PerspectiveScore(70.0, 4, 26),
        "customer": PerspectiveScore(31.0, 2, 40),
    }
    data = DimensionResult("data", Text.both("Data"), 2.0, score=42.0, level=3)
    data.by_perspective = {"internal": PerspectiveScore(42.0, 3, 26)}
    module = ModuleResult("m", "1.0.0", Text.both("M"), 1.0, score=52.0, dimensions=[heard, data])
    module.recommendations = [
        Recommendation(Text.both("listen"), "m", "heard", 4, 5),
        Recommendation(Text.both("share data"), "m", "data", 3, 4),
    ]
    return module


def test_priority_worked_example():
    module = two_dimension_module()
    other = ModuleResult("o", "1.0.0", Text.both("O"), 2.0)
    prioritise([module, other])
    heard, data = module.recommendations
    # heard: weight share (1/2) × (1/2) = 0.25, confirmed by customers (31 ≤ 70): 1.0,
    # 100 − 31 = 69 → 17.25; data: (2/2) × (1/2) = 0.5, self-rated only: 0.8, 100 − 42 = 58 → 23.2
    assert heard.priority == pytest.approx(17.25) and heard.evidence == "customer"
    assert data.priority == pytest.approx(23.2) and data.evidence == "self_rated"
    assert (heard.priority_label, data.priority_label) == ("low", "low")
    assert priority_of(1.0, True, 0) == 100.0  # the top of the documented 0–100 range


def test_plugin_recommendation_uses_the_same_rule_and_its_initiative_key():
    module = two_dimension_module()
    second = ModuleResult("n", "1.0.0", Text.both("N"), 1.0, score=80.0)
    second.recommendations = [Recommendation(Text.both("plugin"), "n", priority=500.0)]
    second.recommendations[0].initiative = "m"
    prioritise([module, second])
    assert second.recommendations[0].priority == pytest.approx(0.8 * 20)
    initiatives = plan_initiatives([], [module, second])
    assert [i.id for i in initiatives] == ["m"]
    assert initiatives[0].recommendations == 3


def test_more_than_eight_groups_are_merged(demo_result):
    modules = []
    for index in range(10):
        module = ModuleResult(f"m{index}", "1.0.0", Text.both(f"M{index}"), 1.0, score=50.0)
        module.recommendations = [Recommendation(Text.both("x"), module.id, priority=90 - index)]
        modules.append(module)
    initiatives = plan_initiatives([], modules)
    assert len(initiatives) == 8
    assert initiatives[-1].id == "further" and initiatives[-1].recommendations == 3
    assert modules[9].recommendations[0].initiative == "further"


def test_demo_plan_has_five_to_eight_initiatives(demo_result):
    initiatives = demo_result.initiatives
    assert 5 <= len(initiatives) <= 8
    priorities = [i.priority for i in initiatives]
    assert priorities == sorted(priorities, reverse=True)
    recommendations = [r for m in demo_result.modules for r in m.recommendations]
    assert sum(i.recommendations for i in initiatives) == len(recommendations)
    assert {r.initiative for r in recommendations} == {i.id for i in initiatives}
    assert all(0 <= r.priority <= 100 for r in recommendations)
    assert all(i.title.get("de") and i.why.get("en") for i in initiatives)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_summary_lists_nps_and_not_heard_on_the_demo(demo_result, lang):
    shown = summary(View(demo_result, lang))["findings"]
    ids = [f["text"] for f in shown]
    all_findings = {f.id: f for m in demo_result.modules for f in m.findings}
    assert all_findings["nps_negative"].text.get(lang) in ids
    assert all_findings["customers_not_heard"].text.get(lang) in ids
    # the silo check's self-ratings no longer crowd out the customers' verdict
    assert shown[0]["evidence"] != "self_rated"
    markdown = render_markdown(demo_result, lang)
    key_findings = markdown.split("Key findings" if lang == "en" else "Wichtigste Befunde")[1]
    assert "NPS" in key_findings.split("\n## ")[0]


def test_summary_gauge_prints_the_shown_number(demo_result):
    shown = summary(View(demo_result, "de"))
    assert shown["score_label"] == str(round(demo_result.score))
