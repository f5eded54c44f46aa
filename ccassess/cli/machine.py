"""Machine output: `--format json` shapes with a schema name and version, and errors as JSON.

Every JSON object a command prints on standard output starts with
`"schema": "ccassess.<name>/<version>"` (docs/cli-json.md). The version is a whole number
that changes only when a field is removed, renamed or changes its meaning; new fields come
without a new version. Lists (`modules`, `plugins`, `round list`) are JSON arrays, as they were
before versions: their schema is named in the docs.

With `--format json`, an error is one line of JSON on standard error (the last line; notes and
warnings before it stay text) with the same exit status: `{"schema": "ccassess.error/1",
"error": {"message": …, "location": {…}, "exit_code": 2, …}}`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import click

#: The current version of each schema (docs/cli-json.md lists the shapes).
SCHEMAS = {
    "benchmark-build": 1,
    "compare": 1,
    "demo-list": 1,
    "error": 1,
    "invite": 1,
    "modules": 1,
    "plugins": 1,
    "round-list": 1,
    "score": 3,  # the result format (`"format": 3`), the same as `report --format json`
    "validate": 1,
}


def schema(name: str) -> str:
    """The schema name of a command's JSON output, e.g. "ccassess.validate/1"."""
    return f"ccassess.{name}/{SCHEMAS[name]}"


def print_json(name: str, data: dict[str, Any] | list[Any]) -> None:
    """Print a command's JSON on standard output (an object gets its schema first)."""
    if isinstance(data, dict):
        data = {"schema": schema(name), **data}
    # machine output: data kept intact (JSON escapes control characters)
    import json  # only when JSON is asked for: `ccassess modules` starts without it

    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def remember_json(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Note that the command speaks JSON, so that its errors are JSON too: on the run's
    `Attempts` (cli/app.py), which outlives the click context an error ends."""
    if value == "json":
        attempts = getattr(ctx.obj, "attempts", None)
        if attempts is not None:
            attempts.json_errors = True
    return value


def format_option(
    choices: Sequence[str] = ("table", "json"),
    default: str | None = "table",
    help: str | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The `--format` option of a command that prints data; `json` also makes errors JSON."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=default is not None,
        is_eager=True,  # read first: an error in a later option is JSON already
        callback=remember_json,
        help=help,
    )


def asks_for_json(args: Sequence[str]) -> bool:
    """Whether the command line says `--format json` (for usage errors found before the
    option was read)."""
    for index, arg in enumerate(args):
        if arg == "--":
            return False
        if arg == "--format=json" or (
            arg == "--format" and index + 1 < len(args) and args[index + 1] == "json"
        ):
            return True
    return False


def error_json(
    message: str,
    exit_code: int,
    *,
    kind: str,
    location: Any = None,
    problems: Sequence[Any] = (),
    text: str | None = None,
) -> str:
    """One line of JSON describing an error (`ccassess.error/1`)."""
    error: dict[str, Any] = {
        "kind": kind,
        "message": message,
        "text": text if text is not None else message,
        "location": location_data(location),
        "exit_code": exit_code,
    }
    if problems:
        error["problems"] = [
            {
                "severity": problem.severity,
                "message": problem.message,
                "location": location_data(problem.location),
                "text": str(problem),
            }
            for problem in problems
        ]
    import json

    return json.dumps({"schema": schema("error"), "error": error}, ensure_ascii=False)


def location_data(location: Any) -> dict[str, Any] | None:
    """A `Location` as data: only the parts it has (None without a location)."""
    if location is None:
        return None
    parts = ("file", "line", "path", "sheet", "row", "column")
    return {key: getattr(location, key) for key in parts if getattr(location, key) is not None}
