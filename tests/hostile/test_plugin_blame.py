"""A real plugin (tests/fixtures/breakable), broken one way at a time: every failure in plugin
code names the plugin and the file and line in it, never the core; `--debug` shows the
plugin's traceback; `sys.exit()` in a plugin is a failure, not a success (issues #18, #24)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.hostile.conftest import assert_refused
from tests.hostile.kit import people, write_assessment, write_responses

BREAKABLE = Path(__file__).parent.parent / "fixtures" / "breakable"
PLUGIN = "local:breakable_plugin"


def install(tmp_path: Path) -> Path:
    """The fixture plugin in a plugins folder, as a user installs one there."""
    folder = tmp_path / "plugins"
    folder.mkdir()
    shutil.copy(BREAKABLE / "breakable_plugin.py", folder)
    shutil.copytree(BREAKABLE / "breakable_templates", folder / "breakable_templates")
    shutil.copytree(BREAKABLE / "complaints_demo", folder / "complaints_demo")
    shutil.copytree(BREAKABLE / "breakable_data", folder / "breakable_data")
    return folder


def complaint_answers(count: int = 4) -> list[dict]:
    answers = people("R", count)
    for index, person in enumerate(answers):
        person["answers"]["complaints"] = {"c1": index % 6, "c2": 2 + index % 3}
    return answers


@pytest.fixture
def setup(tmp_path: Path) -> dict[str, Path]:
    inputs = tmp_path / "in"
    return {
        "plugins": install(tmp_path),
        "assessment": write_assessment(inputs, modules=["leadership", "complaints"]),
        "answers": write_responses(inputs / "answers.yaml", complaint_answers()),
        "out": tmp_path / "out",
    }


def broken_run(run: Callable, setup: dict[str, Path], way: str, *args: object) -> Result:
    return run("--plugins-dir", setup["plugins"], *args, env={"BREAKABLE_WAY": way})


def report(setup: dict[str, Path], fmt: str = "html") -> list[object]:
    return [
        "report", "-a", setup["assessment"], setup["answers"],
        "--format", fmt, "-o", setup["out"].with_suffix("." + fmt),
    ]  # fmt: skip


def test_the_plugin_works_unbroken(run: Callable, setup: dict[str, Path]) -> None:
    result = broken_run(run, setup, "", *report(setup))
    assert result.exit_code == 0, result.output
    html = setup["out"].with_suffix(".html").read_text("utf-8")
    assert "Complaints score" in html and "Beschwerden versanden" in html


@pytest.mark.parametrize(
    ("way", "message"),
    [
        ("findings_raise", "hook ccassess_findings: raised RuntimeError: complaint database down"),
        ("exit_in_hook", "hook ccassess_findings: raised SystemExit (sys.exit(0))"),
        ("check_raises", "question type 'stars', check(): raised KeyError: 'stars'"),
        ("template_raises", "template 'complaints_broken.html': raised ZeroDivisionError"),
    ],
)
def test_a_failure_names_plugin_file_and_line(
    run: Callable, setup: dict[str, Path], way: str, message: str
) -> None:
    result = broken_run(run, setup, way, *report(setup))
    assert_refused(result, f"error: plugin {PLUGIN!r}", message)
    assert "core" not in result.stderr
    where = "complaints_broken.html:2" if way == "template_raises" else "breakable_plugin.py:"
    assert f"(at {setup['plugins']}" in result.stderr and where in result.stderr, result.stderr


def test_sys_exit_at_import_is_a_failure(run: Callable, setup: dict[str, Path]) -> None:
    result = broken_run(run, setup, "exit_at_import", *report(setup))
    assert_refused(result, f"plugin {PLUGIN!r}", "failed to import: SystemExit (sys.exit(0))")


def test_a_score_out_of_range_names_the_question_type(
    run: Callable, setup: dict[str, Path]
) -> None:
    result = broken_run(run, setup, "score_out_of_range", *report(setup))
    assert_refused(
        result, f"plugin {PLUGIN!r}", "question type 'stars', score(): returned", "from 0 to 1"
    )


def test_an_importer_failing_is_named(
    run: Callable, setup: dict[str, Path], tmp_path: Path
) -> None:
    answers = tmp_path / "answers.cmp"
    answers.write_text("A;internal;3;4\nB;internal;4;5\n", "utf-8")
    workspace = tmp_path / "ws"
    created = broken_run(run, setup, "", "init", workspace, "--from", setup["assessment"])
    assert created.exit_code == 0, created.output
    result = broken_run(run, setup, "importer_raises", "import", "-w", workspace, answers)
    assert_refused(result, f"plugin {PLUGIN!r}", "importer 'cmp', read(): raised KeyError")
    assert "breakable_plugin.py:" in result.stderr


def test_a_plugins_importer_reads_files_for_score_too(
    run: Callable, setup: dict[str, Path], tmp_path: Path
) -> None:
    answers = tmp_path / "answers.cmp"
    answers.write_text("A;internal;3;4\nB;internal;4;5\nC;internal;2;3\n", "utf-8")
    arguments = ["score", "-a", setup["assessment"], answers, "--format", "json"]
    result = broken_run(run, setup, "", *arguments)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["respondents"]["internal"] == 3
    failing = broken_run(run, setup, "importer_raises", *arguments)
    assert_refused(failing, f"plugin {PLUGIN!r}", "importer 'cmp', read(): raised KeyError")


def test_debug_shows_the_plugins_traceback(run: Callable, setup: dict[str, Path]) -> None:
    result = broken_run(run, setup, "findings_raise", "--debug", *report(setup))
    assert result.exit_code == 2
    assert "Traceback" in result.stderr
    assert 'breakable_plugin.py", line' in result.stderr
    assert "RuntimeError: complaint database down" in result.stderr


@pytest.mark.parametrize(
    ("way", "message"),
    [
        (
            "bad_severity",
            "hook ccassess_findings: Finding 'complaints_lost': severity 'apocalyptic' is not "
            "one of info, warning, critical",
        ),
        (
            "bad_priority",
            "hook ccassess_recommendations: Recommendation 'Log complaints in one place': "
            "priority 'high' is not a number from 0 to 100 (the priority scale)",
        ),
    ],
)
def test_a_bad_field_names_plugin_hook_and_field(
    run: Callable, setup: dict[str, Path], way: str, message: str
) -> None:
    result = broken_run(run, setup, way, *report(setup, "md"))
    assert_refused(result, f"error: plugin {PLUGIN!r}, {message}")
    assert not setup["out"].with_suffix(".md").exists()  # nothing half-written


# -- --skip-broken-plugins: exactly the broken plugin is left out, and it says so ----------


@pytest.mark.parametrize(
    "way",
    ["findings_raise", "exit_in_hook", "check_raises", "template_raises", "bad_severity"],
)
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_skipping_leaves_out_everything_of_the_plugin_and_says_so(
    run: Callable, setup: dict[str, Path], way: str, fmt: str
) -> None:
    result = broken_run(run, setup, way, "--skip-broken-plugins", *report(setup, fmt))
    if way == "template_raises" and fmt == "md":
        assert result.exit_code == 0, result.output  # Markdown uses no plugin templates
        return
    assert result.exit_code == 3, result.output  # done, but without a plugin
    warnings = [line for line in result.stderr.splitlines() if line]
    assert len(warnings) == 1 and warnings[0].startswith(
        f"warning: skipped plugin {PLUGIN!r}: plugin {PLUGIN!r}"
    ), warnings
    document = setup["out"].with_suffix("." + fmt).read_text("utf-8")
    # nothing of the plugin: not its module's chapter, score, finding or section …
    for trace in ("Beschwerdemanagement", "Beschwerden versanden", "Complaints score"):
        assert trace not in document
    # … the rest is there, and the report says what is missing and why
    assert "Führung und Verpflichtung" in document
    assert "Unvollständig: Plugins wurden wegen eines Fehlers weggelassen" in document
    assert "breakable" in document and "complaints" in document  # the plugin, its module


def test_skipping_is_in_the_json_result(run: Callable, setup: dict[str, Path]) -> None:
    result = broken_run(
        run, setup, "findings_raise", "--skip-broken-plugins",
        "score", "-a", setup["assessment"], setup["answers"], "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 3, result.output
    scored = json.loads(result.stdout)
    assert [m["id"] for m in scored["modules"]] == ["leadership"]
    (skipped,) = scored["skipped_plugins"]
    assert skipped["plugin"] == PLUGIN and skipped["modules"] == ["complaints"]
    assert "raised RuntimeError: complaint database down" in skipped["reason"]


def test_skipping_a_broken_importer(run: Callable, setup: dict[str, Path], tmp_path: Path) -> None:
    answers = tmp_path / "answers.cmp"
    answers.write_text("A;internal;3;4\nB;internal;4;5\n", "utf-8")
    workspace = tmp_path / "ws"
    created = broken_run(run, setup, "", "init", workspace, "--from", setup["assessment"])
    assert created.exit_code == 0, created.output
    result = broken_run(
        run, setup, "importer_raises", "--skip-broken-plugins", "import", "-w", workspace, answers
    )
    # without its plugin nobody reads the file: refused, and the plugin named in a warning
    assert result.exit_code == 2, result.output
    assert f"warning: skipped plugin {PLUGIN!r}" in result.stderr
    assert "unknown file type" in result.stderr


def test_a_broken_yaml_module_in_the_plugins_folder_is_skipped(
    run: Callable, setup: dict[str, Path]
) -> None:
    (setup["plugins"] / "mine.yaml").write_text(
        "id: mine\nversion: 0.1.0\ntitle: {de: M, en: M}\ndimensions:\n"
        "  - id: d\n    title: {de: D, en: D}\n    questions:\n"
        "      - {id: q, type: likret, source: s, text: {de: F, en: Q}}\n",
        "utf-8",
    )
    stopped = broken_run(run, setup, "", *report(setup, "md"))
    assert stopped.exit_code == 2 and "unknown question type 'likret'" in stopped.stderr
    result = broken_run(run, setup, "", "--skip-broken-plugins", *report(setup, "md"))
    assert result.exit_code == 3, result.output
    assert "warning: skipped plugin 'local:mine.yaml': invalid module:" in result.stderr
    assert "error:" not in result.stderr
    assert "Beschwerdemanagement" in setup["out"].with_suffix(".md").read_text("utf-8")


def test_warnings_of_a_module_are_not_errors(run: Callable, tmp_path: Path) -> None:
    folder = tmp_path / "own"
    folder.mkdir()
    (folder / "mine.yaml").write_text(
        "id: mine\nversion: 0.1.0\ntitle: {de: M, en: M}\ndimensions:\n"
        "  - id: d\n    title: {de: D, en: D}\n    questions:\n"
        "      - {id: q, type: likret, source: s, text: {de: F, en: Q}}\n"
        "      - {id: q2, type: likert, text: {de: F, en: Q}}\n",
        "utf-8",
    )
    result = run("--plugins-dir", folder, "modules")
    assert result.exit_code == 2
    for line in result.stderr.splitlines():
        assert line.startswith("error: ") != (": warning: " in line), line


# -- #24: stdout belongs to ccassess; shared data is read-only -------------------------------


def score_json(setup: dict[str, Path]) -> list[object]:
    return ["score", "-a", setup["assessment"], setup["answers"], "--format", "json"]


def test_what_a_plugin_prints_goes_to_stderr(run: Callable, setup: dict[str, Path]) -> None:
    result = broken_run(run, setup, "print_in_hook", *score_json(setup))
    assert result.exit_code == 0, result.output
    scored = json.loads(result.stdout)  # still valid JSON
    assert "complaints" in [m["id"] for m in scored["modules"]]
    assert "hello from the plugin" in result.stderr


@pytest.mark.parametrize(
    ("way", "message"),
    [
        (
            "mutate_result",
            "hook ccassess_module_analysis: changed the 'result' it was given; plugins get "
            "shared data to read, never to change",
        ),
        (
            "mutate_respondents",
            "hook ccassess_module_analysis: raised AttributeError: 'tuple' object has no "
            "attribute 'append'",
        ),
    ],
)
def test_changing_shared_data_is_an_error_naming_the_plugin(
    run: Callable, setup: dict[str, Path], way: str, message: str
) -> None:
    result = broken_run(run, setup, way, *score_json(setup))
    assert_refused(result, f"error: plugin {PLUGIN!r}, {message}")
    assert result.stdout == ""
    skipped = broken_run(run, setup, way, "--skip-broken-plugins", *score_json(setup))
    assert skipped.exit_code == 3, skipped.output
    scored = json.loads(skipped.stdout)
    assert [m["id"] for m in scored["modules"]] == ["leadership"]
    ids = [d["id"] for d in scored["modules"][0]["dimensions"]]
    assert len(ids) == len(set(ids))  # nothing appended


# -- HTML a plugin marks safe passes the allow-list sanitiser --------------------------------


@pytest.mark.parametrize("links", [False, True])
def test_html_marked_safe_by_a_plugin_is_sanitised(
    run: Callable, setup: dict[str, Path], tmp_path: Path, links: bool
) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "theme.yaml").write_text(f"plugin_links: {str(links).lower()}\n", "utf-8")
    result = broken_run(run, setup, "unsafe_html", *report(setup), "--theme", theme)
    assert result.exit_code == 0, result.output
    html = setup["out"].with_suffix(".html").read_text("utf-8")
    section = html[html.index('<div class="answer">') :]
    section = section[: section.index("</section>")]
    for hostile in (
        "onerror", "onclick", "javascript:", "<meta", "<form", "<input", "<iframe",
        "<object", "<script", "alert(3)", "data:text/html", "evil.example/\"",
    ):  # fmt: skip
        assert hostile not in section, (hostile, section)
    assert '<p class="kept">Text bleibt</p>' in section
    assert ('href="https://evil.example/login"' in section) is links  # the theme decides
    assert "Ihre Bank" in section  # the link's text stays either way


def test_a_plugin_template_may_not_turn_autoescaping_off(
    run: Callable, setup: dict[str, Path]
) -> None:
    template = setup["plugins"] / "breakable_templates" / "complaints.html"
    template.write_text(
        "<p>x</p>\n{% autoescape false %}{{ context.answer }}{% endautoescape %}\n", "utf-8"
    )
    result = broken_run(run, setup, "unsafe_html", *report(setup))
    assert_refused(result, f"plugin {PLUGIN!r}", "turns autoescaping off (line 2)")


# -- ccassess demo: the built-in demo unless --name says otherwise ---------------------------


def test_a_plugins_demo_does_not_take_over(run: Callable, setup: dict[str, Path]) -> None:
    out = setup["out"].with_suffix(".json")
    result = broken_run(run, setup, "", "demo", "--format", "json", "-o", out)
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text("utf-8"))["info"]["client"] == "Muster Handels GmbH"
    named = broken_run(
        run, setup, "", "demo", "--name", "complaints_demo", "--format", "json", "-o", out
    )
    assert named.exit_code == 0, named.output
    assert json.loads(out.read_text("utf-8"))["info"]["client"] == "Beschwerde-Demo AG"


def test_demo_list_and_an_unknown_name(run: Callable, setup: dict[str, Path]) -> None:
    listed = broken_run(run, setup, "", "demo", "--list")
    assert listed.exit_code == 0, listed.output
    lines = listed.stdout.splitlines()
    assert lines[0].startswith(f"complaints_demo\tplugin {PLUGIN!r}\t")
    assert lines[1].startswith("muster_handels (default)\tplugin 'demo'\t")
    unknown = broken_run(run, setup, "", "demo", "--name", "nope")
    assert_refused(
        unknown,
        "error: unknown demo 'nope'; installed demos: complaints_demo (plugin "
        f"{PLUGIN!r}), muster_handels (plugin 'demo')",
    )


# -- validate --module FILE: every problem of the file, installed or not ---------------------


def test_validate_module_lists_every_problem_of_an_installed_plugins_module(
    run: Callable, setup: dict[str, Path]
) -> None:
    module = setup["plugins"] / "breakable_data" / "complaints_invalid.yaml"
    for flags in ([], ["--skip-broken-plugins"]):
        result = broken_run(
            run, setup, "module_file_invalid", *flags, "validate", "--module", module
        )
        assert result.exit_code == 2, result.output
        errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
        assert len(errors) == 3, result.stderr  # all of them, and no false ones
        text = "\n".join(errors)
        assert "weight" in text and "'likret'" in text and "c3" in text
        assert "'stars'" not in text  # the plugin's own type is known
        assert f"warning: skipped plugin {PLUGIN!r}" in result.stderr
        assert "checked 1 module(s), 0 respondent(s): 3 error(s)" in result.stdout


def test_validate_module_of_a_plugin_not_installed(run: Callable, tmp_path: Path) -> None:
    module = tmp_path / "complaints.yaml"
    shutil.copy(BREAKABLE / "breakable_data" / "complaints_invalid.yaml", module)
    result = run("validate", "--module", module)
    assert result.exit_code == 2, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 5, result.stderr  # the three, and the two uses of a type not installed
    assert sum("unknown question type 'stars'" in line for line in errors) == 2


# -- a section's own CSS and labels ----------------------------------------------------------


@pytest.mark.parametrize(("lang", "label"), [("de", "Beschwerde-Wert"), ("en", "Complaint score")])
def test_a_section_brings_its_css_and_labels(
    run: Callable, setup: dict[str, Path], lang: str, label: str
) -> None:
    result = broken_run(run, setup, "", *report(setup), "--lang", lang)
    assert result.exit_code == 0, result.output
    html = setup["out"].with_suffix(".html").read_text("utf-8")
    assert '[data-section="complaints-extra"] .complaints { color: #123456; }' in html
    assert f'<p class="complaints">{label}: ' in html


def test_a_section_css_reaching_outside_is_refused(run: Callable, setup: dict[str, Path]) -> None:
    result = broken_run(run, setup, "bad_css", *report(setup))
    assert_refused(result, f"error: plugin {PLUGIN!r}: ", "http://evil.example/x.png")


def test_what_a_plugin_prints_at_import_goes_to_stderr(
    run: Callable, setup: dict[str, Path]
) -> None:
    (setup["plugins"] / "chatty.py").write_text("print('loading chatty')\n", "utf-8")
    result = broken_run(run, setup, "", *score_json(setup))
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)
    assert "loading chatty" in result.stderr


# -- the PDF: the same notice, and links only where the theme allows them --------------------


def pdf_text_and_links(path: Path) -> tuple[str, list[str]]:
    import pypdf

    reader = pypdf.PdfReader(str(path))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    links = [
        str(annotation.get_object().get("/A", {}).get("/URI", ""))
        for page in reader.pages
        for annotation in page.get("/Annots") or []
    ]
    return text, [link for link in links if link]


@pytest.mark.slow
def test_the_pdf_says_which_plugin_was_left_out(run: Callable, setup: dict[str, Path]) -> None:
    result = broken_run(
        run, setup, "findings_raise", "--skip-broken-plugins", *report(setup, "pdf")
    )
    assert result.exit_code == 3, result.output
    text, _ = pdf_text_and_links(setup["out"].with_suffix(".pdf"))
    assert "Unvollständig" in text and "breakable_plugin" in text
    assert "Beschwerden versanden" not in text


@pytest.mark.slow
@pytest.mark.parametrize("links", [False, True])
def test_links_in_the_pdf_only_where_the_theme_allows(
    run: Callable, setup: dict[str, Path], tmp_path: Path, links: bool
) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "theme.yaml").write_text(f"plugin_links: {str(links).lower()}\n", "utf-8")
    result = broken_run(run, setup, "unsafe_html", *report(setup, "pdf"), "--theme", theme)
    assert result.exit_code == 0, result.output
    text, found = pdf_text_and_links(setup["out"].with_suffix(".pdf"))
    assert "Ihre Bank" in text
    assert ("https://evil.example/login" in found) is links
    assert not [link for link in found if link.startswith(("javascript:", "data:"))]


# -- a batch of reports skips the same way: each report again without the plugin ----------


def batch(run: Callable, setup: dict[str, Path], tmp_path: Path) -> tuple[list[object], Path]:
    """`report -w A -w B -o DIR --format json` over two workspaces that use the plugin."""
    args: list[object] = ["report"]
    for name in ("nord", "sued"):
        folder = tmp_path / name
        created = broken_run(run, setup, "", "init", folder, "--from", setup["assessment"])
        assert created.exit_code == 0, created.output
        imported = broken_run(run, setup, "", "import", "-w", folder, setup["answers"])
        assert imported.exit_code == 0, imported.output
        args += ["-w", folder]
    out = tmp_path / "batch"
    out.mkdir()
    return [*args, "-o", out, "--format", "json"], out


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_skips_exactly_the_broken_plugin(
    run: Callable, setup: dict[str, Path], tmp_path: Path, jobs: str
) -> None:
    args, out = batch(run, setup, tmp_path)
    result = broken_run(
        run, setup, "findings_raise", "--skip-broken-plugins", *args, "--jobs", jobs
    )
    assert result.exit_code == 3, result.output  # done, but without a plugin
    assert f"warning: skipped plugin {PLUGIN!r}: plugin {PLUGIN!r}" in result.stderr
    written = sorted(out.iterdir())
    assert len(written) == 2, written
    for path in written:
        scored = json.loads(path.read_text("utf-8"))
        # nothing of the plugin: not its module (scores, findings), and it says so
        assert [m["id"] for m in scored["modules"]] == ["leadership"], path
        (skipped,) = scored.pop("skipped_plugins")
        rest = json.dumps(scored, ensure_ascii=False)
        for trace in ("Beschwerdemanagement", "Beschwerden versanden", "Complaints score"):
            assert trace not in rest
        assert skipped["plugin"] == PLUGIN and skipped["modules"] == ["complaints"]
        assert "raised RuntimeError: complaint database down" in skipped["reason"]


def test_a_batch_without_skipping_fails_naming_the_plugin(
    run: Callable, setup: dict[str, Path], tmp_path: Path
) -> None:
    args, out = batch(run, setup, tmp_path)
    result = broken_run(run, setup, "findings_raise", *args)
    assert result.exit_code == 2, result.output
    assert f"plugin {PLUGIN!r}, hook ccassess_findings: raised RuntimeError" in result.stderr
    assert list(out.iterdir()) == []
