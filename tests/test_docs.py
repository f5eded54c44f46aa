"""The documentation builds strictly, its references match the code, and its examples work.

`mkdocs build --strict` fails on a broken link, a missing page or a page left out of the nav.
The other tests keep the prose honest: every command and option shown exists, every Python
example compiles and imports only public names, every YAML example passes ccassess's own
validation, and the worked examples and plugin code blocks are run.
"""

from __future__ import annotations

import ast
import difflib
import importlib
import importlib.util
import inspect
import re
import shlex
import subprocess
import sys
import types
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import click
import pytest

import ccassess
import ccassess.readers
import ccassess.testing
from ccassess.cli import cli
from ccassess.testing import make_kit

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FENCE = re.compile(
    r"^(?P<indent> *)```(?P<lang>[\w+-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```", re.S | re.M
)
#: Pages other engineers own; their examples are theirs to keep true (they still must build).
OWNED_ELSEWHERE = {
    "report.md",
    "theming.md",
    "workspace.md",
    "collecting.md",
    "reference/module-format.md",
}


def pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if "gen" not in p.relative_to(DOCS).parts)


#: Pages generated from the code (scripts/generate_references.py): their code blocks are
#: signatures, not examples; test_committed_references_are_up_to_date keeps them true.
GENERATED = {"reference/hooks.md", "reference/cli.md", "reference/api.md"}


def our_pages() -> list[Path]:
    return [p for p in pages() if str(p.relative_to(DOCS)) not in OWNED_ELSEWHERE | GENERATED]


def blocks(page: Path, *langs: str) -> list[str]:
    found = []
    for match in FENCE.finditer(page.read_text("utf-8")):
        if match.group("lang") in langs:
            indent = len(match.group("indent"))
            found.append("\n".join(line[indent:] for line in match.group("body").splitlines()))
    return found


@pytest.fixture(scope="module")
def hooks() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(
        "ccassess_docs_hooks", DOCS / "gen" / "mkdocs_hooks.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the build -----------------------------------------------------------------------------------


def test_mkdocs_build_is_strict_and_complete(tmp_path: Path, hooks: types.ModuleType) -> None:
    site = tmp_path / "site"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--config-file",
            str(ROOT / "mkdocs.yml"),
            "--site-dir",
            str(site),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    for page in pages():
        relative = page.relative_to(DOCS).with_suffix("")
        built = site / ("" if relative.name == "index" else relative) / "index.html"
        if relative.name == "index":
            built = site / relative.parent / "index.html"
        assert built.is_file(), f"{page} was not built"
    reference = (site / "reference" / "hooks" / "index.html").read_text()
    for name, _ in hooks.hookspecs():
        assert f'id="{name}"' in reference
    commands = (site / "reference" / "cli" / "index.html").read_text()
    for ctx, _ in hooks.walk_commands(cli, "ccassess"):
        assert f'id="{ctx.command_path.replace(" ", "-")}"' in commands
    for module_id in hooks.built_in_modules():
        assert (site / "modules" / module_id / "index.html").is_file()
    layout = (site / "architecture" / "index.html").read_text()
    assert "ccassess/scoring/engine.py" in layout and "generated: package-layout" not in layout


# -- generated references -----------------------------------------------------------------------


def test_hook_reference_is_the_hookspec_docstrings(hooks: types.ModuleType) -> None:
    from ccassess import hookspecs

    text = hooks.hook_reference()
    specs = [name for name in vars(hookspecs) if name.startswith("ccassess_")]
    assert [name for name, _ in hooks.hookspecs()] == specs
    for name, function in hooks.hookspecs():
        doc = hooks.rst_to_md(inspect.getdoc(function) or "")
        assert f"## {name}" in text and doc in text
        signature, params = hooks.signature_of(function)
        assert signature in text
        assert f"def {name}({', '.join(params)}):" in text


def test_cli_reference_walks_lazy_commands_and_options(hooks: types.ModuleType) -> None:
    text = hooks.cli_reference()
    paths = [ctx.command_path for ctx, _ in hooks.walk_commands(cli, "ccassess")]
    for command in ("ccassess plugin new", "ccassess validate", "ccassess report"):
        assert command in paths
    for ctx, command in hooks.walk_commands(cli, "ccassess"):
        assert f"{{#{ctx.command_path.replace(' ', '-')}}}" in text
        for param in command.get_params(ctx):
            if isinstance(param, click.Option) and not param.hidden:
                assert f"`{param.get_help_record(ctx)[0]}`".replace("|", "\\|") in text


#: The public modules and the names each exports (docs/plugins/api.md).
PUBLIC = {
    "ccassess": ccassess.__all__,
    "ccassess.testing": ccassess.testing.__all__,
    "ccassess.readers": ccassess.readers.__all__,
}


def test_api_reference_lists_every_public_name(hooks: types.ModuleType) -> None:
    text = hooks.api_reference()
    assert set(hooks.PUBLIC_MODULES) == set(PUBLIC)
    for module, names in PUBLIC.items():
        assert f"## {module}" in text
        for name in names:
            assert f"| `{name}` |" in text


def test_public_modules_export_what_they_list() -> None:
    """Every name in a public module's __all__ can be imported from it."""
    for module, names in PUBLIC.items():
        loaded = importlib.import_module(module)
        for name in names:
            assert getattr(loaded, name) is not None, f"{module}.{name}"


# -- commands, options and code in the prose ------------------------------------------------------


def command_lines(page: Path) -> Iterator[str]:
    for body in blocks(page, "sh", "bash", "console"):
        joined = re.sub(r"\\\n\s*", " ", body)
        for line in joined.splitlines():
            line = line.strip().removeprefix("$ ")
            if line.startswith("ccassess "):
                yield line
    for match in re.finditer(r"`(ccassess (?:[a-z-][^`]*))`", page.read_text("utf-8")):
        yield match.group(1)


def check_command_line(line: str) -> None:
    """The command (and subcommand) exists and every --option belongs to it or to ccassess."""
    try:
        tokens = shlex.split(line, comments=True)[1:]
    except ValueError:
        tokens = line.split()[1:]
    ctx = click.Context(cli, info_name="ccassess")
    command: click.Command = cli
    allowed = {opt for p in cli.params for opt in (*p.opts, *p.secondary_opts)}
    expects_value = {
        opt for p in cli.params if isinstance(p, click.Option) and not p.is_flag for opt in p.opts
    }
    skip = False
    for token in tokens:
        if skip:
            skip = False
            continue
        if token.startswith("-"):
            name = token.split("=")[0]
            if name.startswith("--") or len(name) == 2:
                assert name in allowed | {"-h", "--help", "--version"}, f"{line!r}: {name}"
                skip = name in expects_value and "=" not in token
            continue
        if isinstance(command, click.Group):
            sub = command.get_command(ctx, token)
            if sub is None and token in ("…", "...", "FOLDER", "COMMAND"):
                return
            assert sub is not None, f"{line!r}: no command {token!r}"
            ctx = click.Context(sub, info_name=token, parent=ctx)
            command = sub
            allowed |= {opt for p in sub.params for opt in (*p.opts, *p.secondary_opts)}
            expects_value |= {
                opt
                for p in sub.params
                if isinstance(p, click.Option) and not p.is_flag
                for opt in p.opts
            }
        # positional arguments of a command are not checked


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_commands_and_options_shown_exist(page: Path) -> None:
    for line in command_lines(page):
        check_command_line(line)


def public_import_problems(source: str) -> list[str]:
    problems = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module in PUBLIC:
            public = PUBLIC[node.module]
            problems += [
                f"{node.module}.{a.name} is not public" for a in node.names if a.name not in public
            ]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ccassess."):
            problems.append(f"{node.module} is not a public module")
    return problems


@pytest.mark.parametrize("page", our_pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_python_examples_compile_and_use_only_the_public_api(page: Path) -> None:
    for source in blocks(page, "python"):
        compile(source, str(page), "exec")
        assert public_import_problems(source) == [], page


@pytest.mark.parametrize("page", our_pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_yaml_examples_pass_validation(page: Path, tmp_path: Path) -> None:
    """Modules, responses and settings shown in the docs are what ccassess accepts."""
    import yaml

    from ccassess.actions.load_plugins import load_registry
    from ccassess.definitions.loading import load_module_file
    from ccassess.definitions.settings import load_settings
    from ccassess.importers.response_files import load_responses

    registry = load_registry()
    modules = dict(registry.modules)
    sources = blocks(page, "yaml")
    for index, source in enumerate(sources):
        data = yaml.safe_load(source)
        path = tmp_path / f"example{index}.yaml"
        path.write_text(source, "utf-8")
        if isinstance(data, dict) and "dimensions" in data:
            loaded = load_module_file(path, registry.question_types)
            assert loaded.warnings == [], [str(w) for w in loaded.warnings]
            modules[loaded.module.id] = loaded.module
        elif isinstance(data, dict) and "client" in data:
            load_settings(path)
    for index, source in enumerate(sources):
        data = yaml.safe_load(source)
        if isinstance(data, dict) and ("respondents" in data or "respondent" in data):
            path = tmp_path / f"example{index}.yaml"
            load_responses([path], modules, registry.question_types, ccassess.AssessmentSettings())


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_no_code_fence_inside_a_list(page: Path) -> None:
    """Python-Markdown renders an indented fence (in a list item) as inline code: garbled."""
    indented = [
        n for n, line in enumerate(page.read_text().splitlines(), 1) if re.match(r"^\s+```", line)
    ]
    assert indented == [], f"{page}: indented code fences on lines {indented}"


def test_architecture_names_only_files_that_exist() -> None:
    text = (DOCS / "architecture.md").read_text()
    named = set(
        re.findall(
            r"`((?:ccassess|plugins|docs|templates|tests|scripts|benchmarks)"
            r"/[\w./-]*)`",
            text,
        )
    )
    assert len(named) > 20
    for path in named:
        assert (ROOT / path.rstrip("/")).exists(), f"architecture.md names {path}"


# -- worked examples and plugin code run ----------------------------------------------------------


def test_scoring_worked_example_is_what_ccassess_computes(tmp_path: Path) -> None:
    page = DOCS / "concepts" / "scoring.md"
    module_yaml, answers_yaml = blocks(page, "yaml")
    (tmp_path / "calc.yaml").write_text(module_yaml)
    (tmp_path / "answers.yaml").write_text(answers_yaml)
    kit = make_kit(modules=[tmp_path / "calc.yaml"])
    module = kit.score(kit.read_responses(tmp_path / "answers.yaml")).module("calc")
    d1, d2, d3 = module.dimensions
    text = " ".join(page.read_text().split())
    assert [q.score for q in d1.questions] == [75.0, 75.0] and d2.questions[0].score == 75.0
    assert f"(1 × 75 + 3 × 75) / 4 = **{d1.score:g}** → level {d1.level}" in text
    assert f"d2 = **{d2.score:g}** → level {d2.level}" in text
    assert d3.score is None and d3.level is None
    assert f"Module.** (1 × 75 + 3 × 75) / 4 = **{module.score:g}** → level {module.level}" in text
    coverage = module.coverage
    assert (
        f"Asked {coverage.asked} " in text
        and f'answered {coverage.answered}, "don\'t know" {coverage.dont_know}' in text
    )
    assert d1.stats.mean == 65.625 and round(d1.stats.sd, 1) == 22.1 and not d1.disagreement
    assert d2.mirror.internal == 75.0 and d2.mirror.customer == 0.0 and d2.mirror.gap == 75.0
    assert module.mirror.gap == 75.0
    assert module.by_perspective["internal"].score == 75.0
    assert module.by_perspective["customer"].score == 0.0
    assert "the gap is 75 − 0 = **+75** points" in text
    assert "NPS = 40 − 30 = **10**" in text and "**[−41; 61]**" in text
    assert "Wilson interval **[40 %; 89 %]**" in text


def extending_plugin(tmp_path: Path) -> types.ModuleType:
    """The running example of docs/plugins/extending.md as a plugin module."""
    page = DOCS / "plugins" / "extending.md"
    code = [b for b in blocks(page, "python") if "ccassess_kit" not in b]
    (template,) = blocks(page, "jinja")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "acme_speed.html").write_text(template)
    for catalog in blocks(page, "po"):  # its catalogs: the first line names the file
        path = tmp_path / catalog.splitlines()[0].removeprefix("# ")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(catalog, "utf-8")
    plugin = types.ModuleType("docs_acme")
    plugin.__file__ = str(tmp_path / "__init__.py")
    exec(compile("\n\n".join(code), str(page), "exec"), plugin.__dict__)
    return plugin


def test_extending_example_runs(tmp_path: Path) -> None:
    plugin = extending_plugin(tmp_path)
    kit = make_kit(("acme", plugin))
    assert "slider" in kit.registry.question_types
    staff = kit.respondent(
        "internal",
        {
            "partner_check": {
                "trust_overall": 3,
                "tickets": 20,
                "tickets_same_day": 5,
                "speed_felt": 3,
            }
        },
    )
    with pytest.raises(ccassess.ValidationError, match=r"tickets_same_day \(9\) is greater"):
        kit.respondent("internal", {"partner_check": {"tickets": 4, "tickets_same_day": 9}})
    with pytest.raises(ccassess.ValidationError, match="is not on the slider; allowed: 0–10"):
        kit.respondent("internal", {"partner_check": {"trust_overall": 11}})
    (tmp_path / "answers.acme").write_text("P1;internal;speed_felt;2\nP2;internal;trust_overall;8")
    imported = kit.import_files(tmp_path / "answers.acme")
    assert [(r.id, r.answers["partner_check"]) for r in imported] == [
        ("P1", {"speed_felt": 2}),
        ("P2", {"trust_overall": 8}),
    ]
    (tmp_path / "bad.acme").write_text("P1;customer\n")
    with pytest.raises(ccassess.ValidationError, match=r"bad\.acme:1: expected respondent;"):
        kit.import_files(tmp_path / "bad.acme")

    result = kit.score([staff, *imported])
    module = result.module("partner_check")
    assert module.analysis["acme_speed"] == {"same_day_share": 0.25}
    speed = module.dimension("speed")  # engine: speed_felt 3 → 50, 2 → 25; same-day share 25 %
    assert speed.score_source == "acme" and speed.score == pytest.approx((25 + 37.5) / 2)
    assert [(f.id, f.origin) for f in module.findings] == [("few_same_day_solutions", "acme")]
    assert [r.origin for r in module.recommendations] == ["acme"]
    text = kit.report_text(result, lang="en")
    assert "Acme: same-day solutions" in text and "25 % of tickets were solved" in text
    text = kit.report_text(result, lang="de")  # from the plugin's German catalog
    assert "Acme: Lösungen am selben Tag" in text and "25 % der Tickets wurden" in text


def test_extending_and_tutorial_test_examples_run(tmp_path: Path) -> None:
    plugin = extending_plugin(tmp_path)
    (test_block,) = [
        b for b in blocks(DOCS / "plugins" / "extending.md", "python") if "ccassess_kit" in b
    ]
    run_test_functions(test_block, {"ccassess_acme": plugin}, tmp_path)


def run_test_functions(source: str, modules: dict[str, Any], folder: Path) -> list[str]:
    """Exec a code block as a test module and call its test functions with the kit fixture."""
    saved = {name: sys.modules.get(name) for name in modules}
    sys.modules.update(modules)
    try:
        namespace: dict[str, Any] = {"__name__": "docs_example", "__file__": str(folder / "t.py")}
        exec(compile(source, "docs example", "exec"), namespace)
        ran = []
        for name, function in list(namespace.items()):
            if name.startswith("test_") and callable(function):
                wanted = function.__code__.co_varnames[: function.__code__.co_argcount]
                function(**({"ccassess_kit": make_kit} if "ccassess_kit" in wanted else {}))
                ran.append(name)
        assert ran, "no test functions in the example"
        return ran
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module


def test_testing_page_examples_run_against_a_new_plugin(tmp_path: Path) -> None:
    """docs/plugins/testing.md, run against `ccassess plugin new acme` and the YAML module of
    docs/plugins/yaml-modules.md."""
    from ccassess.scaffold import create_plugin

    root = create_plugin("acme", tmp_path)
    spec = importlib.util.spec_from_file_location(
        "ccassess_acme", root / "src" / "ccassess_acme" / "__init__.py"
    )
    assert spec and spec.loader
    plugin = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(plugin)
    (onboarding,) = [
        b for b in blocks(DOCS / "plugins" / "yaml-modules.md", "yaml") if "dimensions:" in b
    ]
    (tmp_path / "onboarding.yaml").write_text(onboarding)
    (tmp_path / "tests").mkdir()
    source = "\n\n".join(blocks(DOCS / "plugins" / "testing.md", "python"))  # one test module
    ran = run_test_functions(source, {"ccassess_acme": plugin}, tmp_path / "tests")
    assert len(ran) >= 7


def test_tutorial_plugin_code_runs(tmp_path: Path) -> None:
    from ccassess.scaffold import create_plugin

    root = create_plugin("acme", tmp_path)
    (source,) = blocks(DOCS / "plugins" / "tutorial.md", "python")
    plugin = types.ModuleType("tutorial_acme")
    plugin.__file__ = str(root / "src" / "ccassess_acme" / "__init__.py")
    exec(compile(source, "tutorial", "exec"), plugin.__dict__)
    kit = make_kit(("acme", plugin))
    answers = {"cmp_response_time": 5, "cmp_root_causes": "no", "cmp_feedback_to_teams": 1}
    module = kit.score([kit.respondent("internal", {"acme": answers})]).module("acme")
    assert [f.id for f in module.findings] == ["fixing_not_learning"]


# -- documented messages are the real ones -----------------------------------------------------


def failure_of(*plugins: tuple[str, Any], score: bool = False) -> str:
    kit = make_kit(*plugins, skip_broken=True)
    if score:
        kit.score([])
    (failure,) = kit.failures
    return failure.split(": ", 1)[1]


def plugin_named(**attributes: Any) -> types.ModuleType:
    plugin = types.ModuleType("acme")
    for name, value in attributes.items():
        setattr(plugin, name, ccassess.hookimpl(value) if callable(value) else value)
    return plugin


def test_documented_plugin_failure_messages_are_the_real_ones() -> None:
    text = (DOCS / "plugins" / "api.md").read_text()

    def raising(module: Any) -> None:
        raise RuntimeError("database down")

    small = {
        "id": "small",
        "version": "1.0.0",
        "title": {"de": "K", "en": "S"},
        "dimensions": [
            {
                "id": "d",
                "title": {"de": "D", "en": "D"},
                "questions": [
                    {"id": "q", "type": "likert", "source": "s", "text": {"de": "F", "en": "Q"}}
                ],
            }
        ],
    }

    slider = extending_slider()
    leadership = importlib.import_module("ccassess_leadership")
    messages = [
        failure_of(("acme", plugin_named(CCASSESS_PLUGIN_API="2.0"))),
        failure_of(("acme", plugin_named(CCASSESS_PLUGIN_API="one"))),
        failure_of(("acme", plugin_named(ccassess_modlues=lambda: []))),
        failure_of(
            ("acme", plugin_named(ccassess_modules=lambda: [small], ccassess_findings=raising)),
            score=True,
        ),
        failure_of(("acme", plugin_named(ccassess_modules=lambda: "leadership"))),
        failure_of(
            ("leadership", leadership),
            ("acme", plugin_named(ccassess_modules=lambda: [leadership.MODULE_FILE])),
        ),
        failure_of(
            ("other", plugin_named(ccassess_question_types=lambda: [slider])),
            ("acme", plugin_named(ccassess_question_types=lambda: [slider])),
        ),
    ]
    wrapper = plugin_named(ccassess_modules=lambda: [small])
    wrapper.ccassess_findings = ccassess.hookimpl(wrapper=True)(wrong_wrapper)  # type: ignore
    messages.append(failure_of(("acme", wrapper), score=True))
    for message in messages:
        # where in the plugin it failed: the docs show an example path
        shown = re.sub(r" \(at [^)]*\)$", " (at …", message)
        assert f"`{shown}" in text if shown != message else f"`{message}`" in text, message
    assert "error: " + messages[0] in text
    assert "warning: skipped plugin 'acme': " + messages[0] in text
    invalid = failure_of(
        (
            "acme",
            plugin_named(
                ccassess_modules=lambda: [
                    {
                        "id": "x",
                        "version": "1.0.0",
                        "title": {"de": "X", "en": "X"},
                        "dimensions": [
                            {
                                "id": "speed",
                                "title": {"de": "T", "en": "T"},
                                "questions": [
                                    {
                                        "id": "q1",
                                        "type": "likret",
                                        "source": "s",
                                        "text": {"de": "F", "en": "Q"},
                                    }
                                ],
                            }
                        ],
                    }
                ]
            ),
        )
    )
    assert invalid.startswith("plugin 'acme', hook ccassess_modules: invalid module: ")
    assert "dimensions[speed].questions[q1].type: unknown question type 'likret'" in invalid
    assert "dimensions[speed].questions[q1].type: unknown question type 'likret'; known: " in text


def wrong_wrapper() -> Generator[None, Any, Any]:
    yield
    return 42  # a wrapper must return the list of results


def extending_slider() -> ccassess.QuestionType:
    class Slider(ccassess.QuestionType):
        name = "slider"

    return Slider()


def test_committed_references_are_up_to_date() -> None:
    """docs/reference/{hooks,cli,api}.md are generated from the code and committed, so that
    links to them read in the repository; regenerate with scripts/generate_references.py."""
    spec = importlib.util.spec_from_file_location(
        "generate_references", ROOT / "scripts" / "generate_references.py"
    )
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    for page, text in script.generated().items():
        committed = (DOCS / page).read_text("utf-8")
        changed = [
            line
            for line in difflib.unified_diff(committed.splitlines(), text.splitlines(), n=0)
            if line.startswith(("+", "-"))
        ]
        assert not changed, (
            f"{page} is out of date: run .venv/bin/python scripts/generate_references.py",
            changed[:6],
        )
