"""`ccassess validate`: check modules and response files, listing every problem."""

from __future__ import annotations

from pathlib import Path

import click

from ccassess.actions.validate import validate_paths
from ccassess.catalogs import N_
from ccassess.cli.app import State, pass_state
from ccassess.cli.machine import format_option, print_json
from ccassess.terminal import echo


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--module",
    "module_files",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A module YAML file to check (may be repeated).",
)
@click.option(
    "-a",
    "--assessment",
    type=click.Path(path_type=Path),
    help="The assessment's settings (departments matter for the silo matrix).",
)
@click.option(
    "--theme",
    type=click.Path(path_type=Path, file_okay=False),
    help="A theme folder to check (default: the assessment's theme, if it names one).",
)
@click.option(
    "--strict", is_flag=True, help="Treat warnings (e.g. missing translations) as errors."
)
@format_option(
    help=N_("table: one line per problem and a summary; json: the same as data on stdout.")
)
@click.pass_context
@pass_state
def validate_command(
    state: State,
    ctx: click.Context,
    paths: tuple[Path, ...],
    module_files: tuple[Path, ...],
    assessment: Path | None,
    theme: Path | None,
    strict: bool,
    fmt: str,
) -> None:
    """Check module definitions and response files.

    Without arguments every loaded module is checked. PATHS may be module files, response
    files, answer sheets (.xlsx, .csv), survey-tool exports or folders of them; module and
    response files are told apart by their content. A theme (--theme, or the assessment's)
    is checked too: colours below WCAG AA contrast are warnings. The exit status is 2 when
    anything is wrong (with --strict also for warnings), in either format. A file given with
    --module is checked whole, whether its plugin is installed or not (an installed plugin
    that fails to load is named in a warning).
    """
    if module_files:
        # a module file given to check is checked whole, even when it belongs to an installed
        # plugin that fails to load because of it: that plugin is named in a warning, and
        # every problem of the file is listed below
        state.skip_broken = True
    report = validate_paths(state.registry(), list(paths), list(module_files), assessment, theme)
    if fmt == "json":
        print_json("validate", report.to_data())
    else:
        for line in report.lines():
            echo(line, err=True)
        echo(report.summary())
    if report.errors or (strict and report.warnings):
        ctx.exit(2)
