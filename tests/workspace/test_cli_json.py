"""`--format json` through the real CLI: each object names its schema and version, the list
shapes stay as they were, and in JSON mode an error is one line of JSON on stderr with the
same exit status as the text error (docs/cli-json.md)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from ws_kit import DEMO

from ccassess.cli import cli
from ccassess.cli.app import report_exception
from ccassess.cli.machine import SCHEMAS, remember_json
from ccassess.model.result import RESULT_FORMAT


def _error(stderr: str) -> dict:
    """The JSON error: the last line of stderr (notes and warnings before it are text)."""
    data = json.loads(stderr.strip().splitlines()[-1])
    assert data["schema"] == "ccassess.error/1"
    return data["error"]


def _imported(run: Callable, workspace: Path) -> Path:
    outcome = run("import", "-w", workspace, DEMO / "responses" / "internal.yaml")
    assert outcome.exit_code == 0, outcome.output
    return workspace


def test_objects_name_their_schema(workspace: Path, run: Callable, tmp_path: Path) -> None:
    _imported(run, workspace)
    score = json.loads(run("score", "-w", workspace, "--format", "json").stdout)
    assert score["schema"] == "ccassess.score/3"
    assert score["format"] == RESULT_FORMAT == SCHEMAS["score"]  # the result format, kept
    assert run("round", "new", "-w", workspace, "R2").exit_code == 0
    compare = json.loads(run("compare", "-w", workspace, "--format", "json").stdout)
    assert compare["schema"] == "ccassess.compare/1"
    assert (compare["before"], compare["after"]) == ("R1", "R2")
    answers, settings = DEMO / "responses" / "internal.yaml", DEMO / "assessment.yaml"
    validate = run("validate", answers, "-a", settings, "--format", "json")
    assert validate.exit_code == 0, validate.output
    assert json.loads(validate.stdout)["schema"] == "ccassess.validate/1"
    demos = json.loads(run("demo", "--list", "--format", "json").stdout)
    assert demos["schema"] == "ccassess.demo-list/1"
    assert {"name": "muster_handels", "default": True}.items() <= demos["demos"][0].items()


def test_lists_keep_their_shape(workspace: Path, run: Callable) -> None:
    rounds = json.loads(run("round", "-w", workspace, "--format", "json").stdout)
    assert [r["name"] for r in rounds] == ["R1"] and rounds[0]["current"] is True
    listed = json.loads(run("round", "list", "-w", workspace, "--format", "json").stdout)
    assert listed == rounds
    modules = json.loads(run("modules", "--format", "json").stdout)
    assert isinstance(modules, list) and {"id", "version", "questions"} <= set(modules[0])
    plugins = json.loads(run("plugins", "--format", "json").stdout)
    assert isinstance(plugins, list)


def test_invite_as_json(workspace: Path, run: Callable, tmp_path: Path) -> None:
    outcome = run(
        "invite", "-w", workspace, "--department", "Vertrieb", "--count", "2",
        "-o", tmp_path / "links", "--format", "json",
    )  # fmt: skip
    assert outcome.exit_code == 0, outcome.output
    data = json.loads(outcome.stdout)
    assert data["schema"] == "ccassess.invite/1"
    assert data["links"] == 2 and data["department"] == "Vertrieb"
    assert Path(data["csv"]).is_file() and Path(data["pdf"]).is_file()


def test_input_error_is_json_with_its_location(run: Callable, tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    text = run("score", missing)
    assert text.exit_code == 2 and text.stderr.startswith("error: ")
    outcome = run("score", missing, "--format", "json")
    assert outcome.exit_code == 2
    assert outcome.stdout == ""
    error = _error(outcome.stderr)
    assert error["exit_code"] == 2 and error["kind"] == "input"
    assert error["location"] == {"file": str(missing)}
    assert error["text"] == text.stderr.removeprefix("error: ").strip()
    assert [p["severity"] for p in error["problems"]] == ["error"]


def test_workspace_error_is_json(run: Callable, tmp_path: Path) -> None:
    outcome = run("round", "-w", tmp_path / "nowhere", "--format", "json")
    assert outcome.exit_code == 2
    assert "nowhere" in _error(outcome.stderr)["message"]
    compare = run("compare", "-w", tmp_path / "nowhere", "--format", "json")
    assert compare.exit_code == 2 and _error(compare.stderr)["exit_code"] == 2


@pytest.mark.parametrize(
    "args",
    [
        ("score", "--format", "json", "--lang", "xx"),  # --format read first (eager)
        ("score", "--lang", "xx", "--format", "json"),
        ("score", "--format=json", "--no-such-option"),  # a parse error: the line says json
    ],
)
def test_usage_error_is_json(run: Callable, args: tuple[str, ...]) -> None:
    outcome = run(*args)
    assert outcome.exit_code == 2
    error = _error(outcome.stderr)
    assert error["kind"] == "usage" and error["exit_code"] == 2


def test_validation_problems_stay_data_and_exit_2(run: Callable, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("respondent: x\nperspective: nobody\nanswers: {}\n", encoding="utf-8")
    outcome = run("validate", broken, "--format", "json")
    assert outcome.exit_code == 2
    data = json.loads(outcome.stdout)  # the report is the data: on stdout, not an error
    assert data["schema"] == "ccassess.validate/1" and data["errors"] >= 1


def test_unexpected_error_is_json_with_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert report_exception(RuntimeError("boom\nmore"), debug=False, as_json=True) == 1
    error = _error(capsys.readouterr().err)
    assert error == {
        "kind": "unexpected",
        "message": "unexpected RuntimeError: boom more",
        "text": "unexpected RuntimeError: boom more",
        "location": None,
        "exit_code": 1,
    }


def test_german_json_error_keeps_english_keys(run: Callable, tmp_path: Path) -> None:
    outcome = run("score", tmp_path / "x.yaml", "--format", "json", env={"CCASSESS_LANG": "de"})
    error = _error(outcome.stderr)
    assert set(error) == {"kind", "message", "text", "location", "exit_code", "problems"}


def _commands(group: click.Group, ctx: click.Context) -> list[click.Command]:
    found: list[click.Command] = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        found.append(command)
        if isinstance(command, click.Group):
            found.extend(_commands(command, ctx))
    return found


def test_every_json_format_makes_errors_json() -> None:
    """A command that offers --format json also answers its errors in JSON."""
    ctx = click.Context(cli)
    offering = []
    for command in _commands(cli, ctx):
        for param in command.params:
            choices = getattr(param.type, "choices", ())
            if param.name == "fmt" and "json" in choices:
                if command.name in ("report", "demo"):
                    assert param.callback is None
                    continue
                offering.append(command.name)
                assert param.callback is remember_json, command.name
    assert {"score", "validate", "modules", "plugins", "compare", "export", "round", "list"} <= set(
        offering
    )
    assert {"build", "invite"} <= set(offering)
    # report and demo write a file: their --format is the file's, their errors stay text
    assert not {"report", "demo"} & set(offering)


def test_every_schema_is_documented_with_its_version() -> None:
    page = (Path(__file__).parents[2] / "docs" / "cli-json.md").read_text(encoding="utf-8")
    for name, version in SCHEMAS.items():
        assert f"`ccassess.{name}/{version}`" in page, name
