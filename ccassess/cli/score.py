"""`ccassess score`: the scored result as a table or JSON."""

from __future__ import annotations

from pathlib import Path

import click

from ccassess.actions.sharing import assess_for_sharing
from ccassess.cli.app import State, pass_state
from ccassess.cli.language import LANGUAGE
from ccassess.cli.machine import format_option, print_json
from ccassess.cli.options import input_options, load_cli_inputs
from ccassess.cli.score_table import score_table
from ccassess.model.serial import to_data
from ccassess.terminal import echo


@click.command("score")
@input_options
@format_option()
@click.option(
    "--lang",
    type=LANGUAGE,
    default=None,
    help="Language of the table (default: the assessment's).",
)
@pass_state
def score_command(
    state: State, responses: tuple[Path, ...], assessment: Path | None, fmt: str, lang: str | None
) -> None:
    """Score responses: overall, module and dimension scores with maturity levels."""
    registry = state.registry()
    inputs = load_cli_inputs(registry, assessment, responses, lang)
    # the figures a report would show: withheld where they differ from a shared report by
    # fewer respondents than the threshold (nothing is recorded: a score is not shared)
    result, _ = assess_for_sharing(registry, inputs)
    if fmt == "json":
        print_json("score", to_data(result))  # the result format, with its schema
    else:
        echo(score_table(result, lang or inputs.settings.language))
