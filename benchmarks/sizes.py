"""Reports, import, scoring and batch at 100, 1,000 and 10,000 respondents (issue 23).

The workspaces are benchmarks/large.py's: every built-in module, 25 activities per internal
respondent (free text with a long tail of names written once), open answers, eight
departments. A report's time must follow what it shows, not the answers behind it: the
10,000-respondent report within 1.5× the 100-respondent one and under 400 MB, in every
format. The report is measured as a user renders it again (the round's scored result is kept
beside the workspace after the first report); the first report, which scores every answer,
is measured too ("first report"), like import, scoring (`ccassess score`) and a batch of two
workspaces without the kept result: these must grow no worse than linearly.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from benchmarks.measure import Run, alternate, median_wall, peak, run_once

CCASSESS = str(Path(sys.executable).parent / "ccassess")
FULL = (100, 1_000, 10_000)
QUICK = (30, 120)
FORMATS_FULL = ("pdf", "html", "json", "md")
FORMATS_QUICK = ("html", "json", "md")
#: 10,000 vs 100 respondents: at most this ratio of time, and this peak memory.
RATIO = 1.5
PEAK_MIB = 400


def sizes(quick: bool, runs: int | None, work: Path) -> dict[str, Any]:
    counts = QUICK if quick else FULL
    formats = FORMATS_QUICK if quick else FORMATS_FULL
    folders = {n: _prepare(work / f"size{n}", n) for n in counts}
    figures: dict[str, Any] = {}
    linear: dict[str, list[tuple[int, Run]]] = {"import": [], "score": [], "batch": []}
    first_report: list[tuple[int, Run]] = []
    for n, folder in folders.items():
        workspace = folder / "workspace"
        linear["import"].append((n, _import(folder, workspace)))
        plugins = ["--plugins-dir", str(folder / "plugins")]
        score = [CCASSESS, *plugins, "score", "-w", str(workspace), "--format", "json"]
        linear["score"].append((n, run_once(score)))
        report = [CCASSESS, *plugins, "report", "-w", str(workspace), "--format", "json"]
        for kept in workspace.glob(".ccassess-result*"):  # `score` keeps its result too
            kept.unlink()
        first_report.append((n, run_once([*report, "-o", str(folder / "first.json")])))
        linear["batch"].append((n, _batch(folder, workspace)))
    for name, points in [*linear.items(), ("first report", first_report)]:
        for n, run in points:
            figures[f"{name} {n}: s"] = run.wall
            figures[f"{name} {n}: peak MiB"] = run.peak_mib
        figures[f"{name}: growth exponent"] = _exponent(points)
    small, large = counts[0], counts[-1]
    met = True
    for fmt in formats:
        commands = {
            n: [
                CCASSESS,
                "--plugins-dir",
                str(folders[n] / "plugins"),
                "report",
                "-w",
                str(folders[n] / "workspace"),
                "--format",
                fmt,
                "-o",
                str(folders[n] / f"report.{fmt}"),
            ]
            for n in (small, large)
        }
        results = alternate(commands, runs=runs or (1 if quick else 3), warmup=1)
        ratio = median_wall(results[large]) / median_wall(results[small])
        figures[f"{fmt} {small}: s"] = median_wall(results[small])
        figures[f"{fmt} {large}: s"] = median_wall(results[large])
        figures[f"{fmt} {large}: peak MiB"] = peak(results[large])
        figures[f"{fmt} ratio"] = ratio
        met = met and ratio <= RATIO and peak(results[large]) < PEAK_MIB
    growth = [figures[f"{name}: growth exponent"] for name in linear]
    return {
        "figures": figures,
        "target": f"report {large} ≤ {RATIO}× {small}, < {PEAK_MIB} MB; the rest ≤ linear",
        "met": None if quick else met and all(g <= 1.1 for g in growth),
    }


def _prepare(folder: Path, count: int) -> Path:
    """The files, written by a child process (the harness's memory stays small)."""
    subprocess.run(
        [sys.executable, "-m", "benchmarks.large", str(folder), str(count)],
        check=True,
        capture_output=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return folder


def _import(folder: Path, workspace: Path) -> Run:
    from benchmarks.large import import_command, init_command

    run_once(init_command(folder, workspace))
    return run_once(import_command(folder, workspace))


def _batch(folder: Path, workspace: Path) -> Run:
    """Two workspaces of this size, scored afresh (the kept result turned off), as HTML."""
    copy = folder / "copy"
    shutil.copytree(workspace, copy / "workspace")
    out = folder / "batch"
    out.mkdir()
    env = {**os.environ, "CCASSESS_NO_CACHE": "1"}
    command = [CCASSESS, "--plugins-dir", str(folder / "plugins"), "report", "--format", "html"]
    command += ["-w", str(workspace), "-w", str(copy / "workspace"), "-o", str(out), "-j", "2"]
    return run_once(command, env=env)


def _exponent(points: list[tuple[int, Run]]) -> float:
    """How time grows with the respondents between the two largest sizes: 1.0 is linear."""
    (n0, a), (n1, b) = points[-2], points[-1]
    return math.log(b.wall / a.wall) / math.log(n1 / n0)
