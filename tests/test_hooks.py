"""Hooks are called through pluggy behind one typed facade (`Plugins.hooks`).

pluggy orders the implementations — the order plugins were loaded in, moved by ``tryfirst`` and
``trylast`` — and runs wrappers (``wrapper=True``, old-style ``hookwrapper=True``) around them.
A failing implementation is named (plugin and hook) and, skipping broken plugins, left out with
everything its plugin contributed.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Generator
from typing import Any

import pluggy
import pytest

from ccassess import Finding, QuestionType, Text, hookimpl, hookspecs
from ccassess.actions.load_plugins import load_registry
from ccassess.errors import PluginError
from ccassess.plugin.hooks import Hooks
from ccassess.testing import Kit, make_kit

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
            ],
        }
    ],
}


def plugin(**hooks: Callable[..., Any]) -> types.SimpleNamespace:
    """A plugin object with the given (already marked) hook implementations."""
    return types.SimpleNamespace(**hooks)


def finding(label: str) -> Finding:
    return Finding(label, "info", Text.both(label))


def adds_finding(label: str, **options: bool) -> types.SimpleNamespace:
    """A plugin whose `ccassess_findings` returns one finding with the id `label`."""

    def ccassess_findings(module: Any, result: Any, settings: Any) -> list[Finding]:
        return [finding(label)]

    return plugin(ccassess_findings=hookimpl(**options)(ccassess_findings))


def scored_findings(kit: Kit) -> list[tuple[str, str]]:
    """(finding id, origin) of the module "small", scored with one respondent."""
    result = kit.score([kit.respondent("internal", {"small": {"q1": 4}})])
    return [(f.id, f.origin) for f in result.module("small").findings]


def kit_with(*plugins: tuple[str, Any], skip_broken: bool = False) -> Kit:
    return make_kit(*plugins, modules=[SMALL], skip_broken=skip_broken)


# -- one facade method per hook ------------------------------------------------------------


def test_the_facade_has_one_method_per_hook() -> None:
    specs = sorted(name for name in vars(hookspecs) if name.startswith("ccassess_"))
    methods = sorted(f"ccassess_{name}" for name in vars(Hooks) if not name.startswith("_"))
    assert [m for m in methods if m != "ccassess_local_modules"] == specs


# -- order ---------------------------------------------------------------------------------


def test_plugins_are_called_in_load_order() -> None:
    kit = kit_with(("one", adds_finding("one")), ("two", adds_finding("two")))
    assert scored_findings(kit) == [("one", "one"), ("two", "two")]


def test_tryfirst_and_trylast_move_an_implementation() -> None:
    kit = kit_with(
        ("last", adds_finding("last", trylast=True)),
        ("plain", adds_finding("plain")),
        ("first", adds_finding("first", tryfirst=True)),
    )
    assert scored_findings(kit) == [("first", "first"), ("plain", "plain"), ("last", "last")]


def test_tryfirst_decides_which_demo_is_the_first() -> None:
    from ccassess.actions.inputs import demo_folder

    registry = load_registry(
        entry_points=False,
        extra_plugins=[
            ("early", plugin(ccassess_demo_assessments=hookimpl(lambda: ["early"]))),
            ("eager", plugin(ccassess_demo_assessments=hookimpl(tryfirst=True)(lambda: ["eager"]))),
        ],
    )
    assert demo_folder(registry).name == "eager"


# -- wrappers ------------------------------------------------------------------------------


def test_a_wrapper_sees_and_changes_the_results() -> None:
    seen: list[list[str]] = []

    @hookimpl(wrapper=True)
    def ccassess_findings(module: Any) -> Generator[None, list[list[Finding]], list[Any]]:
        results = yield
        seen.extend([f.id for f in result] for result in results)
        kept = [result for result in results if result[0].id != "dropped"]
        return [[finding(f"wrapped:{module.id}")], *kept]

    kit = kit_with(
        ("wrapper", plugin(ccassess_findings=ccassess_findings)),
        ("kept", adds_finding("kept")),
        ("dropped", adds_finding("dropped")),
    )
    assert scored_findings(kit) == [("wrapped:small", "wrapper"), ("kept", "kept")]
    assert seen == [["kept"], ["dropped"]]


def test_an_old_style_hookwrapper_can_force_a_result() -> None:
    @hookimpl(hookwrapper=True)
    def ccassess_findings() -> Generator[None, pluggy.Result[list[Any]], None]:
        outcome = yield
        outcome.force_result([*outcome.get_result(), [finding("forced")]])

    kit = kit_with(
        ("old", plugin(ccassess_findings=ccassess_findings)), ("plain", adds_finding("plain"))
    )
    assert scored_findings(kit) == [("plain", "plain"), ("forced", "old")]


def test_an_implementation_that_raises_is_not_seen_by_wrappers() -> None:
    seen: list[Any] = []

    @hookimpl(wrapper=True)
    def ccassess_findings() -> Generator[None, list[Any], list[Any]]:
        results = yield
        seen.append(results)
        return results

    kit = kit_with(
        ("wrapper", plugin(ccassess_findings=ccassess_findings)),
        ("broken", plugin(ccassess_findings=hookimpl(raises))),
        ("plain", adds_finding("plain")),
        skip_broken=True,
    )
    assert scored_findings(kit) == [("plain", "plain")]
    assert [[f.id for f in result] for result in seen[0]] == [["plain"]]
    assert [failure.split(" (at ")[0] for failure in kit.failures] == [
        "broken: plugin 'broken', hook ccassess_findings: raised RuntimeError: database down"
    ]
    assert kit.failures[0].endswith(f"(at {__file__}:{RAISES_LINE})")


# -- failures ------------------------------------------------------------------------------


class Slider(QuestionType):
    """The question type of the plugin below; a module of another plugin uses it."""

    name = "slider_of_broken"


USES_SLIDER = {
    **SMALL,
    "id": "uses_slider",
    "dimensions": [
        {
            **SMALL["dimensions"][0],
            "questions": [
                {
                    "id": "s",
                    "type": "slider_of_broken",
                    "source": "t",
                    "text": {"de": "S", "en": "S"},
                },
            ],
        }
    ],
}


def raises() -> None:
    raise RuntimeError("database down")


#: The line of `raises` that raises: the failure names it.
RAISES_LINE = raises.__code__.co_firstlineno + 1


def test_a_raising_implementation_is_named() -> None:
    broken = plugin(ccassess_findings=hookimpl(tryfirst=True)(raises))
    kit = kit_with(("broken", broken), ("plain", adds_finding("plain")))
    with pytest.raises(
        PluginError,
        match=r"^plugin 'broken', hook ccassess_findings: raised RuntimeError: database down "
        r"\(at .*test_hooks.py:\d+\)$",
    ):
        scored_findings(kit)


def test_a_plugin_failing_while_plugins_load_leaves_nothing_behind() -> None:
    broken = plugin(
        ccassess_question_types=hookimpl(lambda: [Slider()]),
        ccassess_modules=hookimpl(raises),
    )
    uses_slider = plugin(ccassess_modules=hookimpl(lambda: [USES_SLIDER]))
    kit = kit_with(("broken", broken), ("other", uses_slider), skip_broken=True)
    assert kit.failures[0].startswith(
        "broken: plugin 'broken', hook ccassess_modules: raised RuntimeError: database down (at "
    )
    assert "slider_of_broken" not in kit.registry.question_types  # its question type
    assert list(kit.registry.entries) == ["small"]  # and the module that needs it are gone
    assert "broken" not in kit.registry.plugins.info


def test_a_plugin_failing_later_is_left_out_of_the_rest_of_the_run() -> None:
    broken = plugin(ccassess_findings=hookimpl(tryfirst=True)(raises))
    kit = kit_with(("broken", broken), ("plain", adds_finding("plain")), skip_broken=True)
    assert scored_findings(kit) == [("plain", "plain")]  # the others' results stand
    plugins = kit.registry.plugins
    assert plugins.pm.get_plugin("broken") is None and plugins.pm.is_blocked("broken")
    assert "broken" not in plugins.info
    assert scored_findings(kit) == [("plain", "plain")]  # it is not called again
    assert [f.plugin for f in plugins.failures] == ["broken"]


def test_a_wrapper_returning_the_wrong_thing_is_named_and_changes_nothing() -> None:
    @hookimpl(wrapper=True)
    def ccassess_findings() -> Generator[None, list[Any], Any]:
        yield
        return 42

    kit = kit_with(
        ("wrapper", plugin(ccassess_findings=ccassess_findings)),
        ("plain", adds_finding("plain")),
        skip_broken=True,
    )
    assert scored_findings(kit) == [("plain", "plain")]
    assert kit.failures == [
        "wrapper: plugin 'wrapper', hook ccassess_findings: as a wrapper, "
        "must return a list of results, got int"
    ]


def test_a_raising_wrapper_is_named_and_changes_nothing() -> None:
    @hookimpl(wrapper=True)
    def ccassess_findings() -> Generator[None, list[Any], Any]:
        yield
        raise ValueError("wrapped badly")

    kit = kit_with(
        ("wrapper", plugin(ccassess_findings=ccassess_findings)), ("plain", adds_finding("plain"))
    )
    with pytest.raises(
        PluginError,
        match=r"^plugin 'wrapper', hook ccassess_findings: raised ValueError: wrapped badly "
        r"\(at .*test_hooks.py:\d+\)$",
    ):
        scored_findings(kit)


def test_tryfirst_does_not_take_a_name_from_a_plugin_loaded_earlier() -> None:
    class Likert(QuestionType):
        name = "likert"

    eager = plugin(ccassess_question_types=hookimpl(tryfirst=True)(lambda: [Likert()]))
    kit = make_kit(("eager", eager), skip_broken=True)
    assert kit.failures == [
        "eager: plugin 'eager', hook ccassess_question_types: question type "
        "'likert' is already defined by plugin 'core'"
    ]
    assert type(kit.registry.question_types["likert"]) is not Likert
