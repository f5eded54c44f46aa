"""What a board gets, timed: the board profile against the full report, and the slide deck
against `ccassess score --format json` on the same workspace (the demo's answers)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from benchmarks.measure import alternate, median_wall, paired_ratio
from benchmarks.workloads import demo_workspace

CCASSESS = str(Path(sys.executable).parent / "ccassess")


def board_profile(quick: bool, runs: int | None, work: Path) -> dict[str, Any]:
    folder = work / "board"
    folder.mkdir()
    workspace = demo_workspace(CCASSESS, folder / "ws")
    results = alternate(
        {
            "full": [CCASSESS, "report", "-w", str(workspace), "-o", str(folder / "f.pdf")],
            "board": [
                CCASSESS, "report", "-w", str(workspace), "--profile", "board",
                "-o", str(folder / "b.pdf"),
            ],
        },
        runs=runs or (1 if quick else 5),
        warmup=0 if quick else 1,
    )  # fmt: skip
    ratio = paired_ratio(results["board"], results["full"])
    return {
        "figures": {
            "full s": median_wall(results["full"]),
            "board s": median_wall(results["board"]),
            "ratio": ratio,
        },
        "target": "board ≤ 0.4 × the full report",
        "met": None if quick else ratio <= 0.4,
    }


def deck(quick: bool, runs: int | None, work: Path) -> dict[str, Any]:
    folder = work / "deck"
    folder.mkdir()
    workspace = demo_workspace(CCASSESS, folder / "ws")
    results = alternate(
        {
            "json": [CCASSESS, "score", "-w", str(workspace), "--format", "json"],
            "pptx": [CCASSESS, "report", "-w", str(workspace), "-o", str(folder / "d.pptx")],
        },
        runs=runs or (1 if quick else 7),
        warmup=0 if quick else 1,
    )
    ratio = paired_ratio(results["pptx"], results["json"])
    return {
        "figures": {
            "score json s": median_wall(results["json"]),
            "pptx s": median_wall(results["pptx"]),
            "ratio": ratio,
        },
        "target": "pptx ≤ 1.5 × score --format json",
        "met": None if quick else ratio <= 1.5,
    }
