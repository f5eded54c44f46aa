"""Timing and memory of whole processes, with the standard library only.

Each command runs as a child; `os.wait4` returns that child's own resource usage, so the peak
memory (ru_maxrss) is the command's, not the harness's.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass
class Run:
    wall: float
    peak_mib: float
    returncode: int


def run_once(command: Sequence[str], cwd: str | None = None, env: dict | None = None) -> Run:
    started = time.perf_counter()
    process = subprocess.Popen(
        list(command), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({code}): {stderr.strip()[-500:]}")
    return Run(wall=wall, peak_mib=usage.ru_maxrss / 1024, returncode=code)


def alternate(
    commands: dict[str, Sequence[str]], runs: int, warmup: int = 1, **kwargs: object
) -> dict[str, list[Run]]:
    """Run the commands in turn (A B C A B C …) so machine drift hits all of them alike."""
    for _ in range(warmup):
        for command in commands.values():
            run_once(command, **kwargs)  # type: ignore[arg-type]
    results: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            results[name].append(run_once(command, **kwargs))  # type: ignore[arg-type]
    return results


def median_wall(runs: list[Run]) -> float:
    return statistics.median(r.wall for r in runs)


def peak(runs: list[Run]) -> float:
    return max(r.peak_mib for r in runs)


def paired_ratio(a: list[Run], b: list[Run]) -> float:
    """Median of the run-by-run ratios a/b (robust against drift between pairs)."""
    return statistics.median(x.wall / y.wall for x, y in zip(a, b, strict=True))
