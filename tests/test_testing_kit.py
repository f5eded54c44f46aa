"""The test kit plugin authors use (`ccassess.testing`), including its pytest fixture."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

from ccassess import PLUGIN_API_VERSION, Finding, Text, ValidationError, hookimpl
from ccassess.errors import PluginError
from ccassess.testing import make_kit

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = {
    "id": "small",
    "version": "1.0.0",
    "title": {"de": "Klein", "en": "Small"},
    "dimensions": [
        {
            "id": "d",
            "title": {"de": "D", "en": "D"},
            "questions": [
                {"id": "q1", "type": "likert", "source": "t", "text": {"de": "F1", "en": "Q1"}},
                {
                    "id": "q2",
                    "type": "yes_partly_no",
                    "source": "t",
                    "perspective": "both",
                    "text": {
                        "internal": {"de": "F2", "en": "Q2"},
                        "customer": {"de": "K2", "en": "C2"},
                    },
                },
            ],
        }
    ],
}


def small_plugin(name: str = "small_plugin") -> types.ModuleType:
    plugin = types.ModuleType(name)
    plugin.ccassess_modules = hookimpl(lambda: [SMALL])  # type: ignore[attr-defined]
    return plugin


def thirdparty() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(
        "kit_thirdparty", FIXTURES / "thirdparty" / "thirdparty_plugin.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_plugins_in_isolation_by_object_name_or_pair() -> None:
    plugin = small_plugin()
    for kit in (make_kit(plugin), make_kit([plugin]), make_kit(("mine", plugin))):
        assert list(kit.registry.entries) == ["small"]  # no installed plugin: isolation
    assert make_kit(plugin).registry.entries["small"].plugin == "small_plugin"
    assert make_kit(("mine", plugin)).registry.entries["small"].plugin == "mine"
    by_name = make_kit("ccassess_leadership")
    assert list(by_name.registry.entries) == ["leadership"]
    everything = make_kit(entry_points=True)
    assert {"leadership", "silo_check"} <= set(everything.registry.entries)


def test_modules_without_python() -> None:
    kit = make_kit(modules=[SMALL])
    assert kit.module("small").title.get("de") == "Klein"
    with pytest.raises(KeyError, match="module 'nope' is not loaded; loaded: small"):
        kit.module("nope")


def test_yaml_module_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "id: mine\nversion: 0.1.0\ntitle: {de: Meins, en: Mine}\ndimensions:\n"
        "  - id: d\n    title: {de: D}\n    questions:\n"
        "      - {id: q, type: likert, source: own, text: {de: F, en: Q}}\n"
    )
    kit = make_kit(modules=[path])
    warnings = kit.check_module(path)
    assert [str(w) for w in warnings] == [
        f"{path}:6: dimensions[d].title.en: warning: missing translation"
    ]
    result = kit.score([kit.respondent("internal", {"mine": {"q": 5}})])
    assert result.module("mine").score == 100.0


def test_check_module_raises_with_every_problem() -> None:
    kit = make_kit()
    broken = {**SMALL, "version": "one", "weight": -1}
    with pytest.raises(ValidationError) as caught:
        kit.check_module(broken)
    messages = [p.message for p in caught.value.problems]
    assert any("not a semantic version" in m for m in messages)
    assert len(caught.value.problems) >= 2


def test_respondents_in_a_line_and_scores() -> None:
    kit = make_kit(small_plugin())
    people = kit.respondents(
        "internal", "small", {"q1": 5, "q2": "yes"}, {"q1": 3}, {"q1": "dont_know"}
    )
    assert [p.id for p in people] == ["R0001", "R0002", "R0003"]
    customer = kit.respondent("customer", {"small": {"q2": "no"}}, role="buyer")
    assert customer.role == "buyer" and customer.perspective == "customer"
    module = kit.score([*people, customer]).module("small")
    assert module.dimensions[0].questions[0].score == 75.0  # (100 + 50) / 2; don't know left out
    assert module.mirror is not None and module.mirror.gap == 100.0


def test_a_wrong_answer_raises_naming_the_question() -> None:
    kit = make_kit(small_plugin())
    with pytest.raises(ValidationError, match=r"respondent\.answers\.small\.q1: 9 is not on"):
        kit.respondent("internal", {"small": {"q1": 9}})
    with pytest.raises(ValidationError, match="for internal respondents, not customer"):
        kit.respondent("customer", {"small": {"q1": 3}})


def test_cross_field_checks_of_plugins_run() -> None:
    plugin = small_plugin()

    def validate(module: object, respondent: object) -> list[str]:
        return ["q1 and q2 contradict each other"]

    plugin.ccassess_validate_answers = hookimpl(validate)  # type: ignore[attr-defined]
    kit = make_kit(plugin)
    with pytest.raises(ValidationError, match=r"answers\.small: q1 and q2 contradict each other"):
        kit.respondent("internal", {"small": {"q1": 1, "q2": "yes"}})


def test_settings_as_a_mapping_are_validated() -> None:
    kit = make_kit(
        small_plugin(), settings={"departments": ["Sales", "IT"], "anonymity_threshold": 3}
    )
    assert kit.settings.departments == ("Sales", "IT")
    with pytest.raises(ValidationError, match="must be at least 3"):
        make_kit(settings={"anonymity_threshold": 1})


def test_read_responses(tmp_path: Path) -> None:
    kit = make_kit(small_plugin())
    (tmp_path / "r.yaml").write_text(
        "respondents:\n  - {id: A, perspective: internal, answers: {small: {q1: 4}}}\n"
    )
    (person,) = kit.read_responses(tmp_path)
    assert person.id == "A" and person.answers == {"small": {"q1": 4}}


def test_plugin_scoring_findings_and_analysis() -> None:
    kit = make_kit(("partner", thirdparty()))
    answers = [{"t1": 2, "s1": 1}, {"t1": 6, "s1": 2}]
    module = kit.score(kit.respondents("internal", "partner_check", *answers)).module(
        "partner_check"
    )
    assert module.dimension("trust").score == 40.0
    assert module.dimension("speed").score == 90.0  # the plugin's analysis overrides it
    assert [(f.id, f.origin) for f in module.findings] == [("low_trust", "partner")]


def test_broken_plugin_raises_or_is_listed() -> None:
    plugin = small_plugin("flaky")

    def raising(module: object) -> None:
        raise RuntimeError("boom")

    plugin.ccassess_findings = hookimpl(raising)  # type: ignore[attr-defined]
    strict = make_kit(plugin)
    with pytest.raises(
        PluginError, match="plugin 'flaky', hook ccassess_findings: raised RuntimeError: boom"
    ):
        strict.score([])
    lenient = make_kit(plugin, skip_broken=True)
    lenient.score([])
    assert lenient.failures == [
        "flaky: plugin 'flaky', hook ccassess_findings: raised RuntimeError: boom "
        f"(at {__file__}:{raising.__code__.co_firstlineno + 1})"
    ]

    future = types.ModuleType("future")
    future.CCASSESS_PLUGIN_API = "1.99"  # type: ignore[attr-defined]
    provides = re.escape(PLUGIN_API_VERSION)
    with pytest.raises(
        PluginError, match=rf"needs plugin API 1\.99, this ccassess provides {provides}"
    ):
        make_kit(future)


def test_report_text() -> None:
    if importlib.util.find_spec("ccassess.report.html") is None:
        pytest.skip("the report renderer (ccassess.report.html) is not written yet")
    plugin = small_plugin()
    plugin.ccassess_findings = hookimpl(  # type: ignore[attr-defined]
        lambda module: [Finding("kit_marker", "info", Text("Prüfzeichen", "Kit marker"))]
    )
    kit = make_kit(plugin)
    result = kit.score([kit.respondent("internal", {"small": {"q1": 4}})])
    english = kit.report_text(result, lang="en")
    assert "Small" in english and "Kit marker" in english and "<" not in english
    assert "Prüfzeichen" in kit.report_text(result, lang="de")


def test_the_fixture_comes_with_ccassess(tmp_path: Path) -> None:
    """The pytest11 entry point: any project's tests get `ccassess_kit` without a conftest."""
    (tmp_path / "test_mine.py").write_text(
        textwrap.dedent("""
        from ccassess.testing import Kit

        def test_kit(ccassess_kit):
            kit = ccassess_kit("ccassess_leadership")
            assert isinstance(kit, Kit)
            result = kit.score([kit.respondent("internal", {"leadership": {"lead_visible": 5}})])
            assert result.module("leadership").dimension("visible_leadership").score == 100.0
    """)
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-q",
            "--rootdir",
            str(tmp_path),
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout


def test_kit_holds_the_core_and_the_plugins_under_test() -> None:
    kit = make_kit(small_plugin())
    assert kit.registry.plugins.info["small_plugin"].origin == "extra"
    assert "likert" in kit.registry.question_types  # the core is always there
