"""The CLI as users meet it: exit statuses, one-line errors, nothing heavy at start-up."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ccassess import __version__


def test_version_and_help(run: Callable) -> None:
    assert run("--version").output.strip() == f"ccassess, version {__version__}"
    result = run("--help")
    assert result.exit_code == 0
    for command in ("demo", "modules", "plugins", "report", "score", "validate"):
        assert command in result.output


def test_usage_error_exits_2(run: Callable) -> None:
    result = run("score", "--format", "yaml")
    assert result.exit_code == 2 and "Invalid value for '--format'" in result.output


def test_modules_json(run: Callable) -> None:
    result = run("modules", "--format", "json", "--lang", "de")
    modules = {m["id"]: m for m in json.loads(result.stdout)}
    assert modules["leadership"]["title"] == "Führung und Verpflichtung"
    assert modules["leadership"]["languages"] == ["de", "en"]
    assert modules["leadership"]["questions"] > 10


def test_validate_all_modules_clean(run: Callable) -> None:
    result = run("validate", "--strict")
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.stdout


def test_validate_tells_modules_and_responses_apart(write: Callable, run: Callable) -> None:
    module = write(
        "own/mine.yaml",
        """
        id: mine
        version: 1.0.0
        title: {de: Meins, en: Mine}
        dimensions:
          - id: d
            title: {de: D}
            questions:
              - {id: q, type: likert, source: own, text: {de: F, en: Q}}
    """,
    )
    answers = write(
        "own/answers.yaml",
        """
        respondents:
          - {id: R1, perspective: internal, answers: {mine: {q: 6}}}
    """,
    )
    result = run("validate", module.parent)
    assert result.exit_code == 2
    assert f"{module}:6: dimensions[d].title.en: warning: missing translation" in result.stderr
    assert (
        f"error: {answers}:2: respondents[R1].answers.mine.q: 6 is not on the scale"
        in result.stderr
    )
    assert "checked 1 module(s), 1 respondent(s): 1 error(s), 1 warning(s)" in result.stdout


def test_validate_module_option(write: Callable, run: Callable) -> None:
    path = write("m.yaml", "id: x\nversion: 1.0.0\ntitle: {de: X, en: X}\ndimensions: []\n")
    result = run("validate", "--module", path)
    assert result.exit_code == 2
    assert f"error: {path}:4: dimensions: a module needs at least one dimension" in result.stderr


def test_score_bad_input_is_one_line_per_problem(write: Callable, run: Callable) -> None:
    path = write(
        "r.yaml",
        "respondent: {id: R1, perspective: internal, answers: {leadership: {lead_visible: 0}}}\n",
    )
    result = run("score", path)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"error: {path}:1: respondent.answers.leadership.lead_visible: 0 is not on the scale; "
        "allowed: 1–5"
    ]
    assert "Traceback" not in result.output


def test_a_plugin_bug_is_named_and_debug_shows_its_traceback(
    tmp_path: Path, write: Callable, run: Callable
) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "buggy.py").write_text(
        "from ccassess import QuestionType, hookimpl\n"
        "class Buggy(QuestionType):\n"
        "    name = 'buggy'\n"
        "    def check(self, question, value, departments):\n        return value\n"
        "    def score(self, question, value):\n        return 1 / 0\n"
        "@hookimpl\ndef ccassess_question_types():\n    return [Buggy()]\n"
        "@hookimpl\ndef ccassess_modules():\n    return [{'id': 'bug', 'version': '1.0.0',"
        " 'title': {'de': 'B', 'en': 'B'}, 'dimensions': [{'id': 'd', 'title': {'de': 'D', "
        "'en': 'D'}, 'questions': [{'id': 'q', 'type': 'buggy', 'source': 's', "
        "'text': {'de': 'F', 'en': 'Q'}}]}]}]\n"
    )
    answers = write("a.yaml", "respondent: {id: R, perspective: internal, answers: {bug: {q: 1}}}")
    result = run("--plugins-dir", folder, "score", answers)
    assert result.exit_code == 2
    assert result.stderr == (
        "error: plugin 'local:buggy': question type 'buggy', score(): raised "
        f"ZeroDivisionError: division by zero (at {folder / 'buggy.py'}:7)\n"
    )
    debug = run("--plugins-dir", folder, "--debug", "score", answers)
    assert debug.exit_code == 2 and "Traceback" in debug.stderr
    assert f'File "{folder / "buggy.py"}", line 7, in score' in debug.stderr


def test_unexpected_error_exits_1_with_debug_hint(capsys: pytest.CaptureFixture[str]) -> None:
    from ccassess.cli.app import report_exception

    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError as exc:
        assert report_exception(exc, debug=False) == 1
        assert report_exception(exc, debug=True) == 1
    quiet, debug = capsys.readouterr().err.split("bug in ccassess or a plugin; re-run with --debug")
    assert "error: unexpected ZeroDivisionError: division by zero" in quiet
    assert "Traceback" not in quiet and "Traceback" in debug


def test_startup_imports_nothing_heavy() -> None:
    """`ccassess modules` must not import WeasyPrint, openpyxl or the report layer."""
    probe = (
        "import sys\n"
        "from ccassess.cli import cli\n"
        "try:\n    cli.main(['modules'])\nexcept SystemExit as exit:\n    code = exit.code\n"
        "heavy = [m for m in ('weasyprint', 'openpyxl', 'ccassess.report.html', 'jinja2')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy, code)\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert "HEAVY [] 0" in output


def test_help_summaries_match_the_commands() -> None:
    """`--help` prints summaries from a table (to import no command module); they must say
    exactly what the commands' own docstrings say."""
    import click

    from ccassess.cli import cli

    ctx = click.Context(cli)
    assert set(cli.summaries) == set(cli.commands_by_module)
    for width in (80, 120, 200):
        lazy = click.HelpFormatter(width=width)
        cli.format_commands(ctx, lazy)
        eager = click.HelpFormatter(width=width)
        click.Group.format_commands(cli, ctx, eager)
        assert lazy.getvalue() == eager.getvalue()


def test_help_imports_no_command_module() -> None:
    probe = (
        "import sys\nfrom ccassess.cli import cli\n"
        "try:\n    cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('LOADED', sorted(m for m in sys.modules if m.startswith('ccassess.cli.')))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert "LOADED ['ccassess.cli.app', 'ccassess.cli.language']" in output


DEMO = Path(__file__).resolve().parents[1] / "plugins" / "ccassess_demo" / "muster_handels"


def test_score_table_mirrored_triples_add_up(run: Callable) -> None:
    """On every row, the mirrored internal and customer scores give the gap printed beside
    them (one number, one meaning, also in the terminal)."""
    result = run("score", "-a", DEMO / "assessment.yaml", DEMO / "responses", "--lang", "en")
    assert result.exit_code == 0, result.output
    checked = 0
    for line in result.output.splitlines():
        cells = line[44:].split()
        # score, level, customers' view, mirrored internal, mirrored customers, gap, coverage
        if len(cells) == 7 and cells[5][:1] in "+-0" and cells[3] != "–":
            internal, customers, gap = int(cells[3]), int(cells[4]), int(cells[5])
            assert internal - customers == gap, line
            checked += 1
    assert checked >= 10
