"""Shell completion through click's protocol (`_CCASSESS_COMPLETE=bash_complete` with
COMP_WORDS/COMP_CWORD), as bash asks: round names from a real workspace, module ids from the
loaded plugins, and nothing (but no error) where there is nothing to suggest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from ccassess.cli import cli


def complete(line: str, cwd: Path | None = None) -> list[str]:
    """What bash would offer for the last word of `line` (a trailing space: a new word)."""
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    env = {
        "_CCASSESS_COMPLETE": "bash_complete",
        "COMP_WORDS": line,
        "COMP_CWORD": str(cword),
    }
    runner = CliRunner()
    if cwd is None:
        outcome = runner.invoke(cli, [], env=env, prog_name="ccassess")
    else:
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(cwd)
            outcome = runner.invoke(cli, [], env=env, prog_name="ccassess")
    assert outcome.exit_code == 0, outcome.output
    assert outcome.stderr == ""  # a completion never talks to the shell's screen
    return [row.split(",", 1)[1] for row in outcome.stdout.splitlines() if row]


@pytest.fixture
def rounds(run: Callable, tmp_path: Path) -> Path:
    """A workspace made by `init`, with a second round from `round new`."""
    folder = tmp_path / "ws"
    assert run("init", folder, "--round", "2026-spring").exit_code == 0
    assert run("round", "new", "-w", folder, "2026-autumn").exit_code == 0
    return folder


def test_round_names_for_round_options_and_compare(rounds: Path) -> None:
    assert complete(f"ccassess score -w {rounds} --round ") == ["2026-spring", "2026-autumn"]
    assert complete(f"ccassess sheet -w {rounds} --round 2026-a") == ["2026-autumn"]
    assert complete(f"ccassess export --workspace {rounds} --round 2026-s") == ["2026-spring"]
    assert complete(f"ccassess compare -w {rounds} ") == ["2026-spring", "2026-autumn"]
    assert complete(f"ccassess compare -w {rounds} 2026-spring 2026-") == [
        "2026-spring",
        "2026-autumn",
    ]


def test_round_names_from_the_current_directory(rounds: Path) -> None:
    assert complete("ccassess report --round 2026", cwd=rounds) == ["2026-spring", "2026-autumn"]
    assert complete("ccassess compare ", cwd=rounds) == ["2026-spring", "2026-autumn"]


def test_no_workspace_no_suggestions(tmp_path: Path) -> None:
    assert complete("ccassess compare ", cwd=tmp_path) == []
    assert complete(f"ccassess score -w {tmp_path / 'nowhere'} --round ") == []
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "ccassess.db").write_bytes(b"not a database at all" * 100)
    assert complete(f"ccassess score -w {damaged} --round ") == []


def test_module_ids(rounds: Path) -> None:
    offered = complete("ccassess sheet --module ")
    assert {"customer_metrics", "silo_check"} <= set(offered)
    assert complete("ccassess init x --module customer_m") == ["customer_metrics"]
    assert complete(f"ccassess survey -w {rounds} --module silo") == ["silo_check"]
    assert complete("ccassess form --module nothing_like_this") == []


def test_module_ids_of_a_plugins_dir(tmp_path: Path) -> None:
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "broken.py").write_text("raise RuntimeError('broken')\n", encoding="utf-8")
    # a broken plugin: no error in the shell, the other modules are still offered
    offered = complete(f"ccassess --plugins-dir {plugins} sheet --module silo")
    assert offered == ["silo_check"]


def test_commands_and_subcommands(rounds: Path) -> None:
    assert complete("ccassess round ") == ["list", "new"]
    assert "compare" in complete("ccassess comp")


@pytest.mark.parametrize(
    ("shell", "marker"),
    [("bash", "complete -o nosort -F"), ("zsh", "#compdef ccassess"), ("fish", "complete")],
)
def test_the_shell_scripts(shell: str, marker: str) -> None:
    outcome = CliRunner().invoke(
        cli, [], env={"_CCASSESS_COMPLETE": f"{shell}_source"}, prog_name="ccassess"
    )
    assert outcome.exit_code == 0
    assert marker in outcome.stdout and "_CCASSESS_COMPLETE" in outcome.stdout
