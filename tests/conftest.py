"""Shared fixtures: the real plugin registry, YAML writers and a CLI runner."""

from __future__ import annotations

import os
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ccassess.actions.load_plugins import load_registry
from ccassess.cli import cli
from ccassess.plugin.registry import Registry

# The suite never reads or writes the user's caches (ccassess/io/cache_files.py): one
# private cache folder per test session, inherited by the processes the tests start; set before any
# test
# module is collected (some load plugins at import).
_CACHE = tempfile.TemporaryDirectory(prefix="ccassess-test-cache-")
os.environ["CCASSESS_CACHE_DIR"] = _CACHE.name
os.environ.pop("CCASSESS_NO_CACHE", None)
# The CLI speaks the user's language (CCASSESS_LANG, LANG, …): the suite's messages are
# English unless a test asks for another language, whatever the machine's locale is.
os.environ["CCASSESS_LANG"] = "en"

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "plugins" / "ccassess_demo" / "muster_handels"


@pytest.fixture(scope="session")
def registry() -> Registry:
    """Every installed plugin, loaded through the entry points like in production."""
    return load_registry()


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a dedented text file below tmp_path and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), "utf-8")
        return path

    return _write


@pytest.fixture
def run() -> Callable[..., Result]:
    """Invoke the real CLI (with ccassess's exit-status policy) and return click's Result."""

    def _run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
        return CliRunner().invoke(cli, [str(a) for a in args], env=env, input=input)

    return _run
