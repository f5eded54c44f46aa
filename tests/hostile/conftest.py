"""Helpers for the hostile-input catalogue: run the real CLI, assert the exact failure."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result


def assert_refused(result: Result, *fragments: str, lines: int | None = 1) -> None:
    """Exit 2, no traceback, every error line starts with 'error: ', fragments present.
    With --format json the error is JSON (docs/cli-json.md): its problems are the lines."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    if result.stderr.strip().endswith("}"):
        errors += _json_error_lines(result.stderr.strip().splitlines()[-1])
    assert errors, result.stderr
    if lines is not None:
        assert len(errors) == lines, errors
    text = "\n".join(errors)
    for fragment in fragments:
        assert fragment in text, (fragment, text)


def _json_error_lines(line: str) -> list[str]:
    """The error lines the text mode prints, from a JSON error (`ccassess.error/1`)."""
    error = json.loads(line)["error"]
    assert error["exit_code"] == 2
    problems = error.get("problems")
    if not problems:
        return [f"error: {error['text']}"]
    return [f"error: {p['text']}" for p in problems if p["severity"] == "error"]


@pytest.fixture
def module_file(tmp_path: Path) -> Callable[[str], Path]:
    def _write(text: str, name: str = "module.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, "utf-8")
        return path

    return _write


# Hypothesis: modest example counts in CI; `HYPOTHESIS_PROFILE=long pytest tests/hostile`
# runs 50x more (see docs/security.md).
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(__import__("os").environ.get("HYPOTHESIS_PROFILE", "ci"))
