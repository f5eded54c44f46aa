"""`python -m benchmarks [--quick] [--only NAME ...] [--runs N]`: run, print, write JSON."""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
from pathlib import Path

from benchmarks.suites import NOT_QUICK, SUITES

RESULTS = Path(__file__).with_name("results.json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes; proves it works")
    parser.add_argument("--only", nargs="*", choices=sorted(SUITES), help="run only these")
    parser.add_argument("--runs", type=int, default=None, help="repetitions per measurement")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the JSON")
    args = parser.parse_args(argv)
    names = args.only or [n for n in SUITES if not (args.quick and n in NOT_QUICK)]
    report: dict[str, object] = {
        "quick": args.quick,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": __import__("os").cpu_count(),
        "results": {},
    }
    print(f"{'benchmark':<10} {'figure':<22} {'value':>14}   target")
    with tempfile.TemporaryDirectory(prefix="ccassess-bench-") as work:
        for name in names:
            outcome = SUITES[name](args.quick, args.runs, Path(work))
            report["results"][name] = outcome  # type: ignore[index]
            first = True
            for figure, value in outcome["figures"].items():
                shown = f"{value:,.3f}" if isinstance(value, float) else f"{value:,}"
                target = ""
                if first:
                    met = outcome["met"]
                    verdict = "" if met is None else (" (met)" if met else " (MISSED)")
                    target = outcome["target"] + verdict
                print(f"{name if first else '':<10} {figure:<22} {shown:>14}   {target}")
                first = False
            sys.stdout.flush()
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\nFigures written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
