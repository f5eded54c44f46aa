"""`ccassess form`: the questionnaire for online survey tools (XLSForm, CSV, Markdown)."""

from __future__ import annotations

from pathlib import Path

import click

from ccassess.actions.questionnaires import form_request
from ccassess.catalogs import N_, _
from ccassess.cli.app import State, pass_state
from ccassess.cli.language import LANGUAGE
from ccassess.cli.options import (
    assessment_option,
    format_for_output,
    module_option,
    round_option,
    workspace_option,
    written,
)
from ccassess.forms.xlsform import write_form
from ccassess.terminal import echo


@click.command("form")
@workspace_option
@assessment_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write it (default: form-<perspective>.xlsx, .csv or .md); the "
    "extension .xlsx, .csv or .md decides the format; - for standard output.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsform", "csv", "markdown"]),
    default="xlsform",
    show_default=True,
    help="xlsform: KoboToolbox, ODK and other XLSForm tools; csv or markdown: a "
    "question list to copy into any other tool.",
)
@click.option(
    "--perspective",
    type=click.Choice(["customer", "internal", "key_figures"]),
    default="customer",
    show_default=True,
    help="Customers or staff (internal).",
)
@click.option(
    "--lang",
    type=LANGUAGE,
    default=None,
    help="Language of the question list, and the form's default language "
    "(default: the assessment's).",
)
@module_option
@round_option
@pass_state
def form_command(
    state: State,
    workspace_dir: Path | None,
    assessment: Path | None,
    output: Path | None,
    fmt: str,
    perspective: str,
    lang: str | None,
    modules: tuple[str, ...],
    round_name: str | None,
) -> None:
    """Write the questionnaire for an online survey tool, so that its export imports
    without editing: an XLSForm (KoboToolbox, ODK, …) or a CSV/Markdown question list.

    Import the answers with `ccassess import EXPORT`.
    """
    fmt = format_for_output(fmt, output, {".xlsx": "xlsform", ".csv": "csv", ".md": "markdown"})
    request = form_request(
        state.registry(),
        workspace_dir=workspace_dir,
        assessment=assessment,
        perspective=perspective,
        lang=lang,
        modules=list(modules),
        round_name=round_name,
    )
    path = write_form(request, fmt, output)
    for note in request.notes:
        echo(_("note: {message}").format(message=note), err=True)
    written(N_("Form"), path)
