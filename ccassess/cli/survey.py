"""`ccassess survey`: answer the questionnaire in the terminal, one question at a time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ccassess.cli.app import State, pass_state
from ccassess.cli.language import LANGUAGE
from ccassess.cli.options import module_option, plain_text, round_option, workspace_option
from ccassess.survey.console import console_for_terminal
from ccassess.survey.session import SurveyRequest, resume_survey, start_survey
from ccassess.workspace import open_workspace


@click.command("survey")
@workspace_option
@round_option
@click.option(
    "--resume",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[ID]",
    help="Continue an unfinished survey (the only one, or the one with this id).",
)
@click.option(
    "--lang",
    type=LANGUAGE,
    default=None,
    help="Language (default: the assessment's).",
)
@click.option(
    "--perspective",
    type=click.Choice(["internal", "customer", "key_figures"]),
    default=None,
    help="Staff (internal), a customer, or the round's key figures (asked when not given).",
)
@click.option(
    "--department",
    callback=plain_text,
    help="The respondent's department (asked when not given).",
)
@click.option("--role", callback=plain_text, help="The respondent's role.")
@click.option(
    "--name", callback=plain_text, help="The respondent's name (optional; never in reports)."
)
@click.option(
    "--id",
    "respondent_id",
    callback=plain_text,
    help="The respondent id (default: a random one).",
)
@module_option
@pass_state
def survey_command(
    state: State,
    /,
    workspace_dir: Path | None,
    round_name: str | None,
    resume: str | None,
    **options: Any,
) -> None:
    """Answer the questionnaire in the terminal, one question at a time.

    Every answer is saved at once; `q` pauses, and `ccassess survey --resume` continues.
    Without a terminal, answers are read from standard input line by line.
    """
    registry = state.registry()
    console = console_for_terminal()
    with open_workspace(workspace_dir) as workspace:
        if resume is not None:
            resume_survey(workspace, registry, resume or None, console, options["lang"], round_name)
            return
        request = SurveyRequest(
            perspective=options["perspective"],
            department=options["department"],
            role=options["role"],
            name=options["name"],
            respondent_id=options["respondent_id"],
            lang=options["lang"],
            modules=list(options["modules"]) or None,
        )
        start_survey(workspace, registry, request, console, round_name)
