"""The load-and-kill benchmark of `ccassess serve` runs (quick: 20 respondents) and finds
nothing lost: every page the server acknowledged, also before a SIGKILL, is in the
workspace, and the server starts again on it. Timings are not asserted (see benchmarks/)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_serve_benchmark_loses_nothing_when_killed(tmp_path: Path) -> None:
    output = tmp_path / "results.json"
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--only", "serve", "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stderr
    figures = json.loads(output.read_text())["results"]["serve"]["figures"]
    assert figures["page saves"] == 20 * 8
    assert figures["failed requests"] == 0
    assert figures["answers lost"] == 0 and figures["answers extra"] == 0
    assert figures["respondent rows"] == 20
    assert figures["answers acked pre-kill"] > 0
    assert figures["lost after kill"] == 0
    assert figures["restarted"] == 1
