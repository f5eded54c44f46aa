"""Fixtures for the survey-tool tests: a customer workspace made by the real `init`, with the
built-in modules and a small test module (a matrix, a multiple choice, a free text)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from tools_kit import KONTAKT, MODULES

from ccassess.cli import cli


@pytest.fixture
def plugins_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "kontakt.yaml").write_text(KONTAKT, "utf-8")
    return folder


@pytest.fixture
def cc(plugins_dir: Path) -> Callable[..., Result]:
    """The real CLI with the test module loaded."""

    def _run(*args: object) -> Result:
        return CliRunner().invoke(
            cli, [str(a) for a in args], env={"CCASSESS_PLUGINS_DIR": str(plugins_dir)}
        )

    return _run


@pytest.fixture
def ws(tmp_path: Path, cc: Callable[..., Result]) -> Path:
    folder = tmp_path / "ws"
    args = [arg for module in MODULES for arg in ("--module", module)]
    result = cc("init", folder, *args, "--department", "Vertrieb", "--round", "R1")
    assert result.exit_code == 0, result.output
    return folder
