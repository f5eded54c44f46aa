"""Broken plugins: the message names the plugin (and the hook); with --skip-broken-plugins the
command goes on without it and the rest works.

A plugin declaring an incompatible API version is in tests/test_plugins.py (README.md).
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from ccassess import hookspecs
from tests.hostile.conftest import assert_refused
from tests.hostile.kit import make_workspace, people, write_assessment, write_responses

HOOKS = sorted(name for name in dir(hookspecs) if name.startswith("ccassess_"))
#: The command that calls each hook; `report` calls most of them.
CALLED_BY = {hook: "report" for hook in HOOKS} | {
    "ccassess_importers": "import",
    "ccassess_demo_assessments": "demo",
}


def write_plugin(folder: Path, body: str, name: str = "broken") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.py"
    path.write_text("import time\nfrom ccassess import hookimpl\n\n" + body)
    return path


def hook_returning(hook: str, statement: str) -> str:
    arguments = ", ".join(inspect.signature(getattr(hookspecs, hook)).parameters)
    return f"@hookimpl\ndef {hook}({arguments}):\n    {statement}\n"


@pytest.fixture
def command(run: Callable, tmp_path: Path) -> Callable[..., tuple[list, Callable[[], None]]]:
    """command(kind) → (arguments, check): the CLI call and a check that it worked."""
    assessment = write_assessment(tmp_path / "in")
    answers = write_responses(tmp_path / "in" / "answers.yaml", people("R", 4))
    output = tmp_path / "out.html"

    def make(kind: str) -> tuple[list, Callable[[], None]]:
        if kind == "report":
            return (
                ["report", "-a", assessment, answers, "--format", "html", "-o", output],
                lambda: _check_report(output),
            )
        if kind == "demo":
            demo = tmp_path / "demo.json"
            return (["demo", "--format", "json", "-o", demo], lambda: _check_demo(demo))
        workspace = make_workspace(run, tmp_path)
        return (["import", "-w", workspace, answers], lambda: _check_import(run, workspace))

    return make


def _check_report(output: Path) -> None:
    assert "Führung und Verpflichtung" in output.read_text("utf-8")


def _check_demo(output: Path) -> None:
    assert len(json.loads(output.read_text())["modules"]) == 7


def _check_import(run: Callable, workspace: Path) -> None:
    result = run("score", "-w", workspace, "--format", "json")
    assert json.loads(result.stdout)["respondents"]["internal"] == 4


def assert_named_then_skipped(
    run: Callable, folder: Path, arguments: list, works: Callable[[], None], message: str
) -> None:
    """Without the flag: exit 2 with `message`; with it: a warning, the command works and
    exits 3 (it went on without a plugin)."""
    assert_refused(run("--plugins-dir", folder, *arguments), f"error: {message}")
    skipped = run("--plugins-dir", folder, "--skip-broken-plugins", *arguments)
    assert skipped.exit_code == 3, skipped.output
    assert f"warning: skipped plugin 'local:broken': {message}" in skipped.stderr.splitlines()
    assert "Traceback" not in skipped.output
    works()


def test_plugin_that_fails_to_import(run: Callable, command: Callable, tmp_path: Path) -> None:
    folder = tmp_path / "plugins"
    path = write_plugin(folder, "import ccassess_fancy_dependency\n")
    arguments, works = command("report")
    assert_named_then_skipped(
        run,
        folder,
        arguments,
        works,
        f"plugin 'local:broken': {path}: failed to import: "
        "ModuleNotFoundError: No module named "
        "'ccassess_fancy_dependency' (at line 4)",
    )


@pytest.mark.parametrize("hook", HOOKS)
def test_plugin_raising_in_each_hook(
    run: Callable, command: Callable, tmp_path: Path, hook: str
) -> None:
    folder = tmp_path / "plugins"
    path = write_plugin(folder, hook_returning(hook, "raise RuntimeError('database down')"))
    arguments, works = command(CALLED_BY[hook])
    assert_named_then_skipped(
        run,
        folder,
        arguments,
        works,
        f"plugin 'local:broken', hook {hook}: raised RuntimeError: database down (at {path}:6)",
    )


EXPECTED = {
    "ccassess_question_types": "must return a list of QuestionType, got int",
    "ccassess_modules": "must return a list of Module or str or Path or dict, got int",
    "ccassess_validate_answers": "must return a list of str, got int",
    "ccassess_module_analysis": "must return None, a ccassess.Analysis or a dict with 'data', "
    "'key' and 'dimension_scores', got int",
    "ccassess_findings": "must return a list of Finding, got int",
    "ccassess_recommendations": "must return a list of Recommendation, got int",
    "ccassess_report_sections": "must return a list of ReportSection, got int",
    "ccassess_template_dirs": "must return a list of str or Path, got int",
    "ccassess_importers": "must return a list of object, got int",
    "ccassess_demo_assessments": "must return a list of str or Path, got int",
}


def test_every_hook_has_a_wrong_type_case() -> None:
    assert sorted(EXPECTED) == HOOKS


@pytest.mark.parametrize("hook", HOOKS)
def test_plugin_returning_the_wrong_type(
    run: Callable, command: Callable, tmp_path: Path, hook: str
) -> None:
    folder = tmp_path / "plugins"
    write_plugin(folder, hook_returning(hook, "return 42"))
    arguments, works = command(CALLED_BY[hook])
    assert_named_then_skipped(
        run, folder, arguments, works, f"plugin 'local:broken', hook {hook}: {EXPECTED[hook]}"
    )


def test_plugin_registering_a_module_id_that_exists(
    run: Callable, command: Callable, tmp_path: Path
) -> None:
    folder = tmp_path / "plugins"
    write_plugin(
        folder,
        "import ccassess_leadership\n\n"
        + hook_returning("ccassess_modules", "return [ccassess_leadership.MODULE_FILE]"),
    )
    arguments, works = command("report")
    assert_named_then_skipped(
        run,
        folder,
        arguments,
        works,
        "plugin 'local:broken', hook ccassess_modules: module id "
        "'leadership' is already registered by plugin 'leadership'",
    )
    listed = run("--plugins-dir", folder, "--skip-broken-plugins", "modules", "--format", "json")
    owner = {m["id"]: m["plugin"] for m in json.loads(listed.stdout)}
    assert owner["leadership"] == "leadership"  # the first one keeps it


def test_plugin_taking_seconds_in_a_hook(run: Callable, command: Callable, tmp_path: Path) -> None:
    folder = tmp_path / "plugins"
    write_plugin(folder, hook_returning("ccassess_findings", "time.sleep(0.3)"), name="slow")
    arguments, works = command("report")
    result = run("--plugins-dir", folder, *arguments, env={"CCASSESS_SLOW_HOOK_SECONDS": "0.2"})
    assert result.exit_code == 0, result.output
    # The slow hook is named (a busy machine may make others slow too: only ours must be).
    slow = re.compile(
        r"warning: plugin '[\w:-]+', hook ccassess_\w+: took \d+\.\d s \(hooks "
        r"should be fast\)"
    )
    lines = result.stderr.splitlines()
    assert lines and all(slow.fullmatch(line) for line in lines), lines
    ours = [line for line in lines if "'local:slow'" in line]
    assert len(ours) == 1 and "'local:slow', hook ccassess_findings: took" in ours[0], lines
    works()


@pytest.mark.parametrize("declared", ["2.0", "1.9", "0.9"])
def test_plugin_declaring_an_incompatible_api_version(
    run: Callable, command: Callable, tmp_path: Path, declared: str
) -> None:
    from ccassess import PLUGIN_API_VERSION

    folder = tmp_path / "plugins"
    declaration = f"CCASSESS_PLUGIN_API = {declared!r}\n\n"
    write_plugin(folder, declaration + hook_returning("ccassess_findings", "return []"))
    arguments, works = command("report")
    assert_named_then_skipped(
        run,
        folder,
        arguments,
        works,
        f"plugin 'local:broken': needs plugin API {declared}, this "
        f"ccassess provides {PLUGIN_API_VERSION}; skipped (upgrade "
        "ccassess or the plugin)",
    )
