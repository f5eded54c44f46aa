"""`ccassess sheet`: an answer sheet (Excel workbook or CSV) for respondents to fill in."""

from __future__ import annotations

from pathlib import Path

import click

from ccassess.actions.questionnaires import write_sheet
from ccassess.catalogs import N_, _
from ccassess.cli.app import State, pass_state
from ccassess.cli.language import LANGUAGE
from ccassess.cli.options import (
    assessment_option,
    format_for_output,
    module_option,
    plain_text,
    round_option,
    workspace_option,
    written,
)
from ccassess.terminal import echo


@click.command("sheet")
@workspace_option
@assessment_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write it (default: answers-<perspective>.xlsx or .csv); the extension "
    ".xlsx or .csv decides the format; - for standard output.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["xlsx", "csv"]), default="xlsx", show_default=True
)
@click.option(
    "--perspective",
    type=click.Choice(["internal", "customer", "key_figures"]),
    default="internal",
    show_default=True,
    help="Staff (internal), customers, or the round's key figures (consultant or controller).",
)
@click.option(
    "--lang",
    type=LANGUAGE,
    default=None,
    help="Language (default: the assessment's).",
)
@module_option
@click.option("--id", "respondent_id", callback=plain_text, help="Fill in this respondent id.")
@round_option
@pass_state
def sheet_command(
    state: State,
    workspace_dir: Path | None,
    assessment: Path | None,
    output: Path | None,
    fmt: str,
    perspective: str,
    lang: str | None,
    modules: tuple[str, ...],
    respondent_id: str | None,
    round_name: str | None,
) -> None:
    """Write an answer sheet for respondents to fill in (Excel workbook or CSV).

    The workbook has an instructions sheet, the respondent's details and one sheet per
    module with drop-down lists for every scale. Filled sheets go back in with
    `ccassess import`.
    """
    fmt = format_for_output(fmt, output, {".xlsx": "xlsx", ".csv": "csv"})
    notes: list[str] = []
    path = write_sheet(
        state.registry(),
        workspace_dir=workspace_dir,
        assessment=assessment,
        output=output,
        fmt=fmt,
        perspective=perspective,
        lang=lang,
        modules=list(modules),
        respondent_id=respondent_id,
        round_name=round_name,
        notes=notes,
    )
    for note in notes:
        echo(_("note: {message}").format(message=note), err=True)
    written(N_("Answer sheet"), path)
