"""The benchmarks. Each returns a dict of figures plus whether its target was met."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.measure import alternate, median_wall, paired_ratio

BIN = Path(sys.executable).parent
CCASSESS = str(BIN / "ccassess")
PYTHON = sys.executable


def startup(quick: bool, runs: int | None, work: Path) -> dict[str, Any]:
    n = runs or (3 if quick else 15)
    results = alternate(
        {
            "import click": [PYTHON, "-c", "import click"],
            "--help": [CCASSESS, "--help"],
            "modules": [CCASSESS, "modules"],
        },
        runs=n,
    )
    base = results["import click"]
    help_ratio = paired_ratio(results["--help"], base)
    modules_ratio = paired_ratio(results["modules"], base)
    return {
        "figures": {
            "import click s": median_wall(base),
            "--help s": median_wall(results["--help"]),
            "modules s": median_wall(results["modules"]),
            "--help ratio": help_ratio,
            "modules ratio": modules_ratio,
        },
        "target": "both ratios ≤ 1.5",
        "met": help_ratio <= 1.5 and modules_ratio <= 1.5,
    }


def scoring(quick: bool, runs: int | None, work: Path) -> dict[str, Any]:
    from benchmarks.synthetic import DEPARTMENTS, raw_respondents
    from ccassess.assessment import assess
    from ccassess.checking import Checker
    from ccassess.errors import Problems
    from ccassess.model import AssessmentSettings
    from ccassess.registry import load_registry
    from ccassess.responses import ResponseValidator

    count = 500 if quick else 10_000
    registry = load_registry()
    settings = AssessmentSettings(departments=DEPARTMENTS)
    raw = raw_respondents(list(registry.modules.values()), count)
    best = None
    for _ in range(runs or (1 if quick else 3)):
        started = time.perf_counter()
        problems = Problems()
        validator = ResponseValidator(registry.modules, registry.question_types, settings,
                                      problems, registry.plugins)  # fmt: skip
        check = Checker("<synthetic>", problems)
        respondents = [validator.respondent(r, f"respondents[{i}]", check)
                       for i, r in enumerate(raw)]  # fmt: skip
        problems.raise_if_errors()
        validated = time.perf_counter()
        assess(registry, respondents, settings)  # type: ignore[arg-type]
        done = time.perf_counter()
        figures = (validated - started, done - validated, done - started)
        best = figures if best is None or figures[2] < best[2] else best
    assert best is not None
    answers = sum(len(a) for r in raw for a in r["answers"].values())
    return {
        "figures": {
            "respondents": count,
            "answers": answers,
            "validate s": best[0],
            "score s": best[1],
            "total s": best[2],
            "answers/s": answers / best[2],
        },
        "target": "10,000 respondents in < 2 s",
        "met": None if quick else best[2] < 2.0,
    }


SUITES = {"startup": startup, "scoring": scoring}
