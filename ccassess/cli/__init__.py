"""The command line: parse arguments, call the library, print. Nothing heavy at import time.

Exit status: 0 success, 2 bad input or usage (one line per problem, no traceback), 1 an
unexpected error (a short message and a hint to re-run with --debug). The policy lives in
`ccassess.cli.app.CcassessGroup.main`, so click's test runner sees exactly what users see.
"""

from __future__ import annotations

from ccassess.cli.app import cli


def main() -> None:
    """Console-script entry point."""
    cli.main(prog_name="ccassess")


__all__ = ["cli", "main"]
