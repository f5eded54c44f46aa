"""The benchmark suite runs (quick mode, small sizes). It asserts no timings: speed is
measured by `make bench`, never in tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_quick_benchmarks_run_and_write_json(tmp_path: Path) -> None:
    output = tmp_path / "results.json"
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stderr
    results = json.loads(output.read_text())["results"]
    assert set(results) == {
        "startup",
        "scoring",
        "import",
        "report",
        "scaling",
        "batch",
        "sizes",
        "board",
        "deck",
    }
    for name, outcome in results.items():
        assert outcome["figures"], name
        assert all(isinstance(v, int | float) for v in outcome["figures"].values()), name
    assert "s per page" in results["scaling"]["figures"]
    assert "json ratio" in results["sizes"]["figures"]
    assert f"Figures written to {output}" in completed.stdout
