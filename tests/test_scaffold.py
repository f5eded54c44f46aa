"""`ccassess plugin new`: the package it writes installs, passes its own tests and is used.

The installing tests work in a throw-away environment layered over the test environment (it
sees ccassess, pytest and hatchling from there and installs into its own site-packages), so a
plugin installed here never leaks into the shared environment, not even if the run is killed.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import site
import subprocess
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from ccassess import PLUGIN_API_VERSION
from ccassess.scaffold import create_plugin, plugin_names, template_files
from ccassess.testing import make_kit

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "plugins" / "ccassess_demo" / "muster_handels"

# -- the command and the library, without installing anything ------------------------------


def test_plugin_new_writes_a_complete_package(tmp_path: Path, run: Callable) -> None:
    result = run("plugin", "new", "acme-retail", "--dir", tmp_path)
    assert result.exit_code == 0, result.output
    root = tmp_path / "ccassess-acme-retail"
    assert f"Created {root}" in result.stdout
    files = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    assert files == [
        ".gitignore",
        "README.md",
        "pyproject.toml",
        "src/ccassess_acme_retail/__init__.py",
        "src/ccassess_acme_retail/locale/de/LC_MESSAGES/ccassess_acme_retail_labels.po",
        "src/ccassess_acme_retail/locale/en/LC_MESSAGES/ccassess_acme_retail_labels.po",
        "src/ccassess_acme_retail/module.yaml",
        "src/ccassess_acme_retail/templates/acme_retail.html",
        "tests/test_acme_retail.py",
    ]
    project = tomllib.loads((root / "pyproject.toml").read_text())
    assert project["project"]["name"] == "ccassess-acme-retail"
    assert project["project"]["entry-points"]["ccassess"] == {"acme_retail": "ccassess_acme_retail"}
    assert project["build-system"]["build-backend"] == "hatchling.build"
    assert any(dep.startswith("ccassess") for dep in project["project"]["dependencies"])
    for path in root.rglob("*"):
        if path.is_file():
            # every placeholder was filled ({{ … }} with spaces is the section's Jinja)
            assert not re.search(r"\{\{\w+\}\}", path.read_text()), path
    init = (root / "src/ccassess_acme_retail/__init__.py").read_text()
    assert f'CCASSESS_PLUGIN_API = "{PLUGIN_API_VERSION}"' in init
    assert not list(tmp_path.glob(".ccassess-*")), "the staging folder was left behind"


def test_new_module_is_valid_bilingual_and_has_sources(tmp_path: Path, run: Callable) -> None:
    root = create_plugin("acme", tmp_path)
    module_file = root / "src" / "ccassess_acme" / "module.yaml"
    checked = run("validate", "--strict", "--module", module_file)
    assert checked.exit_code == 0, checked.output
    assert "0 error(s), 0 warning(s)" in checked.stdout
    definition = yaml.safe_load(module_file.read_text())
    assert definition["id"] == "acme" and len(definition["dimensions"]) == 2
    questions = [q for d in definition["dimensions"] for q in d["questions"]]
    assert all(q["source"] for q in questions)


def test_new_plugin_works_in_the_kit_without_installing(tmp_path: Path) -> None:
    """The generated hook implementations, loaded from the file (fast feedback)."""
    root = create_plugin("acme", tmp_path)
    spec = importlib.util.spec_from_file_location(
        "scaffolded_acme", root / "src" / "ccassess_acme" / "__init__.py"
    )
    assert spec and spec.loader
    plugin = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(plugin)
    kit = make_kit(("acme", plugin))
    answers = {"cmp_response_time": 5, "cmp_repeat_concern": 1, "cmp_root_causes": "no"}
    module = kit.score([kit.respondent("internal", {"acme": answers})]).module("acme")
    assert [f.id for f in module.findings] == ["fixing_not_learning"]
    assert [f.origin for f in module.findings] == ["acme"]


def test_new_plugin_s_own_tests_pass_with_its_catalogs(tmp_path: Path) -> None:
    """The generated tests (its catalogs complete, its section in German and English) pass,
    run from the source folder; the slow test below runs them installed."""
    root = create_plugin("acme", tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "CCASSESS_"))}
    env["PYTHONPATH"] = os.pathsep.join([str(root / "src"), str(ROOT)])
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert re.search(r"\b6 passed\b", tests.stdout), tests.stdout
    # the test of the catalogs can fail: a German catalog without a key
    german = root / "src/ccassess_acme/locale/de/LC_MESSAGES/ccassess_acme_labels.po"
    german.write_text(german.read_text("utf-8").replace('msgid "intro"', 'msgid "intro_"'))
    broken = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests", "-k", "catalogs"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert broken.returncode == 1 and "1 failed" in broken.stdout, broken.stdout


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Acme", "plugin name 'Acme' is not valid: use lower-case letters and digits"),
        ("9lives", "plugin name '9lives' is not valid"),
        ("acme--retail", "plugin name 'acme--retail' is not valid"),
        ("acme/../x", "plugin name 'acme/../x' is not valid"),
        ("a" * 41, "at most 40 characters"),
        ("ccassess-acme", "give it without the 'ccassess-' prefix (e.g. 'acme')"),
        ("leadership", "a module 'leadership' is already installed"),
    ],
)
def test_bad_names_are_refused_in_one_line(
    tmp_path: Path, run: Callable, name: str, message: str
) -> None:
    result = run("plugin", "new", name, "--dir", tmp_path)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_existing_folder_is_refused(tmp_path: Path, run: Callable) -> None:
    (tmp_path / "ccassess-acme").mkdir()
    (tmp_path / "ccassess-acme" / "keep.txt").write_text("mine")
    result = run("plugin", "new", "acme", "--dir", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: {tmp_path / 'ccassess-acme'}: already exists; choose another name or --dir"
    )
    assert [p.name for p in (tmp_path / "ccassess-acme").iterdir()] == ["keep.txt"]


def test_missing_parent_folder_is_refused(tmp_path: Path, run: Callable) -> None:
    result = run("plugin", "new", "acme", "--dir", tmp_path / "nope")
    assert result.exit_code == 2 and "folder not found" in result.stderr


def test_names() -> None:
    names = plugin_names("acme_retail")
    assert (names.ident, names.package, names.distribution, names.title) == (
        "acme_retail",
        "ccassess_acme_retail",
        "ccassess-acme-retail",
        "Acme Retail",
    )


def test_templates_are_package_data_not_code() -> None:
    """Templates end in .tmpl: pytest does not collect them, ruff does not lint them."""
    files = template_files()
    assert files and all(p.suffix == ".tmpl" for p in files)


# -- installed into an environment, the way an author uses it ---------------------------------


@dataclass
class Overlay:
    """A virtual environment that sees the test environment's packages."""

    root: Path
    python: Path

    def run(
        self, *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess:
        clean = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("CCASSESS_", "PYTHON", "PYTEST_"))
        }
        clean["PYTHONDONTWRITEBYTECODE"] = "1"
        return subprocess.run(
            [str(self.python), *map(str, args)],
            cwd=cwd or self.root,
            env={**clean, **(env or {})},
            capture_output=True,
            text=True,
            timeout=300,
        )

    def install(self, project: Path) -> None:
        done = self.run(
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-e",
            project,
        )
        assert done.returncode == 0, done.stderr

    def ccassess(
        self, *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess:
        return self.run("-c", "from ccassess.cli import main; main()", *args, cwd=cwd, env=env)


def make_overlay(root: Path) -> Overlay:
    pytest.importorskip("hatchling", reason="hatchling builds the plugin (the test extra has it)")
    env_dir = root / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    parents = [
        *site.getsitepackages(),
        *([site.getusersitepackages()] if site.ENABLE_USER_SITE else []),
    ]
    lines = [f"import site; site.addsitedir({p!r})" for p in parents if Path(p).is_dir()]
    (Path(purelib) / "_ccassess_test_overlay.pth").write_text("\n".join(lines) + "\n")
    return Overlay(root, python)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Overlay, Path]:
    """`plugin new acme-retail`, then `pip install -e` it into an overlay environment."""
    root = tmp_path_factory.mktemp("scaffold")
    overlay = make_overlay(root)
    created = overlay.ccassess("plugin", "new", "acme-retail", "--dir", root)
    assert created.returncode == 0, created.stderr
    project = root / "ccassess-acme-retail"
    overlay.install(project)
    return overlay, project


@pytest.mark.slow
def test_installed_plugin_passes_its_own_tests(installed: tuple[Overlay, Path]) -> None:
    overlay, project = installed
    tests = overlay.run("-m", "pytest", "-p", "no:cacheprovider", cwd=project)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert re.search(r"\b6 passed\b", tests.stdout), tests.stdout
    assert "ccassess_kit" in tests.stdout  # the kit's report header: it came as a pytest plugin


@pytest.mark.slow
def test_installed_plugin_module_is_listed(installed: tuple[Overlay, Path]) -> None:
    overlay, _ = installed
    listed = overlay.ccassess("modules", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    modules = {m["id"]: m for m in json.loads(listed.stdout)}
    assert modules["acme_retail"]["plugin"] == "acme_retail"
    assert modules["acme_retail"]["dimensions"] == 2
    assert "leadership" in modules  # the built-in ones are still there
    plugins = json.loads(overlay.ccassess("plugins", "--format", "json").stdout)
    mine = next(p for p in plugins if p["name"] == "acme_retail")
    assert mine["origin"] == "entry point (ccassess-acme-retail)" and mine["version"] == "0.1.0"
    assert mine["hooks"] == [
        "ccassess_findings",
        "ccassess_modules",
        "ccassess_report_sections",
        "ccassess_template_dirs",
    ]


@pytest.mark.slow
def test_installed_plugin_appears_in_the_rendered_report(
    installed: tuple[Overlay, Path], tmp_path: Path
) -> None:
    if importlib.util.find_spec("ccassess.report.html") is None:
        pytest.skip("the report renderer (ccassess.report.html) is not written yet")
    from pypdf import PdfReader

    overlay, _ = installed
    (tmp_path / "assessment.yaml").write_text(
        "client: Beispiel AG\nlanguage: en\nmodules: [leadership, acme_retail]\n"
    )
    (tmp_path / "answers.yaml").write_text(
        "respondents:\n"
        "  - {id: A, perspective: internal, answers: {acme_retail: {cmp_response_time: 5,"
        " cmp_root_causes: 'no'}, leadership: {lead_visible: 3}}}\n"
        "  - {id: B, perspective: customer, answers: {acme_retail: {cmp_taken_seriously: 2}}}\n"
    )
    report = overlay.ccassess(
        "report", "-a", "assessment.yaml", "answers.yaml", "-o", "report.pdf", cwd=tmp_path
    )
    assert report.returncode == 0, report.stderr
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "report.pdf").pages)
    text = " ".join(text.split())
    assert "Acme Retail: complaint handling" in text
    assert "Responding to complaints" in text and "Learning from complaints" in text


# -- broken plugins, installed like real ones ---------------------------------------------------


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Overlay:
    """Three installed plugins, each broken in one documented way."""
    root = tmp_path_factory.mktemp("broken")
    overlay = make_overlay(root)
    future = create_plugin("api-future", root)
    init = future / "src" / "ccassess_api_future" / "__init__.py"
    init.write_text(init.read_text().replace(f'= "{PLUGIN_API_VERSION}"', '= "2.0"'))
    raises = create_plugin("hook-raises", root)
    init = raises / "src" / "ccassess_hook_raises" / "__init__.py"
    init.write_text(
        init.read_text().replace(
            "    if module.id != MODULE_ID:\n        return None\n    responding",
            '    raise RuntimeError("database down")\n    responding',
            1,
        )
    )
    bad = create_plugin("bad-yaml", root)
    module_file = bad / "src" / "ccassess_bad_yaml" / "module.yaml"
    module_file.write_text(module_file.read_text().replace("type: likert", "type: likret", 1))
    for project in (future, raises, bad):
        overlay.install(project)
    return overlay


DEMO_ARGS = ("-a", str(DEMO / "assessment.yaml"), str(DEMO / "responses"), "--format", "json")
API_MESSAGE = (
    f"plugin 'api_future': needs plugin API 2.0, this ccassess provides "
    f"{PLUGIN_API_VERSION}; skipped (upgrade ccassess or the plugin)"
)
YAML_MESSAGE = "plugin 'bad_yaml', hook ccassess_modules: invalid module: "
RAISE_MESSAGE = "plugin 'hook_raises', hook ccassess_findings: raised RuntimeError: database down"


@pytest.mark.slow
def test_broken_installed_plugins_stop_with_the_documented_message(broken: Overlay) -> None:
    listed = broken.ccassess("modules")
    assert listed.returncode == 2
    assert listed.stderr.strip() == f"error: {API_MESSAGE}"  # the first one, alphabetically


@pytest.mark.slow
def test_broken_installed_plugins_are_skipped_and_the_others_work(broken: Overlay) -> None:
    listed = broken.ccassess("--skip-broken-plugins", "modules", "--format", "json")
    assert listed.returncode == 3, listed.stderr
    warnings = listed.stderr.strip().splitlines()
    assert f"warning: skipped plugin 'api_future': {API_MESSAGE}" in warnings
    yaml_warning = next(w for w in warnings if "'bad_yaml'" in w)
    assert yaml_warning.startswith(f"warning: skipped plugin 'bad_yaml': {YAML_MESSAGE}")
    assert "module.yaml:" in yaml_warning and "unknown question type 'likret'" in yaml_warning
    ids = [m["id"] for m in json.loads(listed.stdout)]
    assert "leadership" in ids and "hook_raises" in ids
    assert "api_future" not in ids and "bad_yaml" not in ids

    scored = broken.ccassess("--skip-broken-plugins", "score", *DEMO_ARGS)
    assert scored.returncode == 3, scored.stderr
    result = json.loads(scored.stdout)
    assert len(result["modules"]) == 7 and result["score"] is not None


@pytest.mark.slow
def test_a_hook_failing_while_scoring_stops_with_the_documented_message(broken: Overlay) -> None:
    demo_modules = yaml.safe_load((DEMO / "assessment.yaml").read_text())["modules"]
    only = ",".join([*demo_modules, "hook_raises"])  # built-in plugins are named like their module
    failing = broken.ccassess("score", *DEMO_ARGS, env={"CCASSESS_LOAD_PLUGINS": only})
    assert failing.returncode == 2
    # --format json: the error is the last line of standard error, as JSON (docs/cli-json.md)
    error = json.loads(failing.stderr.strip().splitlines()[-1])["error"]
    assert error["text"].startswith(f"{RAISE_MESSAGE} (at ") and error["exit_code"] == 2


@pytest.mark.slow
def test_a_hook_failing_while_scoring_is_reported_when_skipped(broken: Overlay) -> None:
    scored = broken.ccassess("--skip-broken-plugins", "score", *DEMO_ARGS)
    assert scored.returncode == 3
    assert f"warning: skipped plugin 'hook_raises': {RAISE_MESSAGE}" in scored.stderr
