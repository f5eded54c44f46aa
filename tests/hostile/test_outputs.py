"""Where outputs go: the extension decides the format (or a clash with --format is an error),
`-o` writes through a symbolic link (the link stays), `-o -` is standard output, and a batch
never writes one client's report over another's."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.conftest import assert_refused
from tests.hostile.kit import make_workspace, people, write_responses


@pytest.fixture
def workspace(run: Callable, tmp_path: Path) -> Path:
    folder = make_workspace(run, tmp_path)
    answers = write_responses(tmp_path / "answers.yaml", people("P", 4))
    assert run("import", "-w", folder, answers).exit_code == 0
    return folder


def test_the_extension_decides_the_report_format(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    html = tmp_path / "x.html"
    result = run("report", "-w", workspace, "-o", html)
    assert result.exit_code == 0, result.output
    assert html.read_bytes().startswith(b"<!DOCTYPE html>")  # not a PDF named .html
    markdown = tmp_path / "x.md"
    assert run("report", "-w", workspace, "-o", markdown).exit_code == 0
    assert not markdown.read_bytes().startswith(b"%PDF")
    clash = run("report", "-w", workspace, "-o", tmp_path / "y.html", "--format", "pdf")
    assert_refused(clash, "y.html: the extension '.html' means html, but --format is pdf")
    assert not (tmp_path / "y.html").exists()
    # the same for the other commands that write files
    sheet = tmp_path / "bogen.csv"
    assert run("sheet", "-w", workspace, "-o", sheet).exit_code == 0
    assert sheet.read_text("utf-8-sig").startswith("section,")
    export = tmp_path / "export.json"
    assert run("export", "-w", workspace, "-o", export).exit_code == 0
    json.loads(export.read_text("utf-8"))
    form = tmp_path / "form.md"
    result = run("form", "-w", workspace, "-o", form, "--perspective", "internal")
    assert result.exit_code == 0, result.output
    assert not form.read_bytes().startswith(b"PK")
    assert_refused(
        run("sheet", "-w", workspace, "-o", tmp_path / "b.xlsx", "--format", "csv"),
        "the extension '.xlsx' means xlsx, but --format is csv",
    )


COMMANDS = {
    "report": ["report", "--format", "json"],
    "export": ["export"],
    "sheet": ["sheet", "--format", "csv"],
    "form": ["form", "--format", "csv", "--perspective", "internal"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_output_through_a_symlink_keeps_the_link(
    workspace: Path, tmp_path: Path, run: Callable, command: str
) -> None:
    target = tmp_path / "elsewhere" / "real.out"
    target.parent.mkdir()
    target.write_text("old", "utf-8")
    link = tmp_path / "link.out"
    link.symlink_to(target)
    result = run(*COMMANDS[command], "-w", workspace, "-o", link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink(), "the link was replaced by a file"
    assert target.read_text("utf-8") != "old"
    assert [p.name for p in target.parent.iterdir()] == ["real.out"]  # no temporary left


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_dash_is_standard_output(
    workspace: Path, tmp_path: Path, run: Callable, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*COMMANDS[command], "-w", workspace, "-o", "-")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "-").exists()
    assert result.stdout.lstrip("\ufeff")[:1] in ("{", "i", "s", "C")  # the data itself
    assert "written to" not in result.stdout
    if command == "report":
        assert json.loads(result.stdout)["info"]["client"] == "Beispiel AG"


def test_a_pdf_report_to_standard_output(workspace: Path, run: Callable) -> None:
    result = run("report", "-w", workspace, "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"%PDF")


def test_a_batch_never_writes_one_clients_report_over_another(
    run: Callable, tmp_path: Path
) -> None:
    first = make_workspace(run, tmp_path, "nord")
    second = make_workspace(run, tmp_path, "sued")  # the same client name: "Beispiel AG"
    third = make_workspace(run, tmp_path, "west", client="Beispiel-AG")  # the same as a file name
    for number, folder in enumerate((first, second, third)):
        answers = write_responses(tmp_path / f"a{number}.yaml", people(f"P{number}", 3 + number))
        assert run("import", "-w", folder, answers).exit_code == 0
    out = tmp_path / "out"
    out.mkdir()
    result = run("report", "-w", first, "-w", second, "-w", third, "-o", out, "--format", "json")
    assert result.exit_code == 0, result.output
    written = sorted(out.iterdir())
    assert len(written) == 3, written
    counts = sorted(json.loads(p.read_text("utf-8"))["respondents"]["internal"] for p in written)
    assert counts == [3, 4, 5]
    twice = run("report", "-w", first, "-w", first, "-o", out, "--format", "json")
    assert_refused(twice, "the workspace is named twice in the batch")
