"""The plugin system: third-party plugins are used, broken ones are named and isolated."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from ccassess import PLUGIN_API_VERSION
from ccassess.actions.load_plugins import load_registry
from ccassess.errors import PluginError

FIXTURES = Path(__file__).parent / "fixtures"
# Three of each kind: six respondents, above the default anonymity threshold (5).
PARTNER_ANSWERS = "respondents:\n" + "".join(
    f"  - {{id: {kind}{n}, perspective: internal, answers: {{partner_check: {answers}}}}}\n"
    for kind, answers in (("A", "{t1: 2, s1: 1}"), ("B", "{t1: 6, s1: 2}"))
    for n in range(3)
)


@pytest.fixture
def plugins_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "plugins"
    folder.mkdir()
    shutil.copy(FIXTURES / "thirdparty" / "thirdparty_plugin.py", folder)
    return folder


def test_third_party_module_scoring_and_findings_are_used(
    plugins_dir: Path, write: Callable, run: Callable
) -> None:
    answers = write("answers.yaml", PARTNER_ANSWERS)
    listed = run("--plugins-dir", plugins_dir, "modules", "--format", "json")
    assert listed.exit_code == 0, listed.output
    assert "partner_check" in [m["id"] for m in json.loads(listed.stdout)]
    scored = run("--plugins-dir", plugins_dir, "score", answers, "--format", "json")
    assert scored.exit_code == 0, scored.output
    module = next(m for m in json.loads(scored.stdout)["modules"] if m["id"] == "partner_check")
    trust, speed = module["dimensions"]
    assert trust["score"] == 40.0  # slider 2/10 → 20, 6/10 → 60; mean 40 (the plugin's type)
    assert speed["score"] == 90.0 and speed["score_source"] == "local:thirdparty_plugin"
    assert module["score"] == 65.0  # (40 + 90) / 2 after the override
    assert module["analysis"]["local:thirdparty_plugin"] == {"respondents_seen": 6}
    assert [f["id"] for f in module["findings"]] == ["low_trust"]


def test_plugins_command_lists_origin_and_hooks(plugins_dir: Path, run: Callable) -> None:
    result = run("--plugins-dir", plugins_dir, "plugins", "--format", "json")
    plugins = {p["name"]: p for p in json.loads(result.stdout)}
    local = plugins["local:thirdparty_plugin"]
    assert local["origin"].startswith("plugins dir")
    assert "ccassess_question_types" in local["hooks"]
    assert plugins["leadership"]["origin"] == "entry point (ccassess)"
    assert plugins["leadership"]["version"]


def test_yaml_module_in_plugins_dir(tmp_path: Path, run: Callable) -> None:
    folder = tmp_path / "own"
    folder.mkdir()
    (folder / "mine.yaml").write_text(
        "id: mine\nversion: 0.1.0\ntitle: {de: Meins, en: Mine}\ndimensions:\n"
        "  - id: d\n    title: {de: D, en: D}\n    questions:\n"
        "      - {id: q, type: likert, source: own, text: {de: F, en: Q}}\n"
    )
    result = run("modules", env={"CCASSESS_PLUGINS_DIR": str(folder)})
    assert result.exit_code == 0 and "mine" in result.output


def broken_plugin(folder: Path, body: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "broken.py"
    path.write_text("from ccassess import hookimpl\n\n" + body)
    return path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "@hookimpl\ndef ccassess_modlues():\n    return []\n",
            "plugin 'local:broken', hook ccassess_modlues: implements a hook that does not exist",
        ),
        ("raise ImportError('no module named fancy')\n", "plugin 'local:broken': "),
        (
            "@hookimpl\ndef ccassess_modules():\n    raise RuntimeError('database down')\n",
            "plugin 'local:broken', hook ccassess_modules: raised RuntimeError: database down",
        ),
        (
            "@hookimpl\ndef ccassess_modules():\n    return 'leadership'\n",
            "plugin 'local:broken', hook ccassess_modules: must return a list of Module or str or "
            "Path or dict, got str",
        ),
        (
            "CCASSESS_PLUGIN_API = '2.0'\n",
            f"plugin 'local:broken': needs plugin API 2.0, this ccassess provides "
            f"{PLUGIN_API_VERSION}; skipped",
        ),
        (
            "@hookimpl\ndef ccassess_modules():\n"
            "    return [{'id': 'leadership', 'version': '1.0.0',"
            " 'title': 'x', 'dimensions': []}]\n",
            "plugin 'local:broken', hook ccassess_modules: invalid module",
        ),
    ],
)
def test_broken_plugins_are_named(tmp_path: Path, run: Callable, body: str, message: str) -> None:
    folder = tmp_path / "p"
    broken_plugin(folder, body)
    result = run("--plugins-dir", folder, "modules")
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    skipped = run("--plugins-dir", folder, "--skip-broken-plugins", "modules")
    assert skipped.exit_code == 3  # done, without a plugin: scripts notice
    assert "warning: skipped plugin 'local:broken'" in skipped.stderr
    assert "leadership" in skipped.stdout


def test_duplicate_module_id_names_both_plugins(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    broken_plugin(
        folder,
        "@hookimpl\ndef ccassess_modules():\n    import ccassess_leadership\n"
        "    return [ccassess_leadership.MODULE_FILE]\n",
    )
    with pytest.raises(
        PluginError,
        match="plugin 'local:broken', hook ccassess_modules: "
        "module id 'leadership' is already registered by plugin 'leadership'",
    ):
        load_registry(folder)


def test_rejected_plugin_leaves_nothing_active(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    source = (FIXTURES / "thirdparty" / "thirdparty_plugin.py").read_text()
    broken_plugin(
        folder,
        source.replace("from __future__ import annotations", "")
        + "\n@hookimpl\ndef ccassess_findings():\n    raise ValueError('boom')\n",
    )
    registry = load_registry(folder, skip_broken=True)
    assert "slider" in registry.question_types  # loaded fine so far
    from ccassess.actions.assess import assess
    from ccassess.model.settings import AssessmentSettings

    assess(registry, [], AssessmentSettings())
    assert registry.plugins.pm.get_plugin("local:broken") is None
    assert registry.plugins.pm.is_blocked("local:broken")
    assert [f.plugin for f in registry.plugins.failures] == ["local:broken"]
    assert "hook ccassess_findings: raised ValueError: boom" in registry.plugins.failures[0].message


def test_load_plugins_env_restricts_and_blocks(run: Callable) -> None:
    result = run("modules", "--format", "json", env={"CCASSESS_LOAD_PLUGINS": "leadership"})
    assert [m["id"] for m in json.loads(result.stdout)] == ["leadership"]
    none = run("modules", "--format", "json", env={"CCASSESS_LOAD_PLUGINS": ""})
    assert json.loads(none.stdout) == []
    registry_env = {"CCASSESS_LOAD_PLUGINS": "leadership,dos_donts"}
    import os

    old = {k: os.environ.get(k) for k in registry_env}
    os.environ.update(registry_env)
    try:
        registry = load_registry()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    assert registry.plugins.pm.is_blocked("customer_perception")
    assert set(registry.entries) == {"leadership", "dos_donts"}
