"""`ccassess chart NAME`: one chart of the report as SVG or PNG, for other decks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ccassess.actions.assess import assess
from ccassess.catalogs import N_, _
from ccassess.cli.app import State, pass_state
from ccassess.cli.language import LANGUAGE
from ccassess.cli.options import input_options, load_cli_inputs, written
from ccassess.errors import CcassessError
from ccassess.io.files import atomic_write_bytes, atomic_write_text
from ccassess.report.single_chart import CHARTS, chart_svg, svg_to_png


@click.command("chart")
@click.argument("name", type=click.Choice(list(CHARTS)))
@input_options
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The file to write: .svg or .png.",
)
@click.option("--lang", type=LANGUAGE, default=None, help="Label language.")
@click.option("--theme", type=click.Path(path_type=Path, file_okay=False), help="A theme folder.")
@pass_state
def chart_command(
    state: State,
    /,
    name: str,
    responses: tuple[Path, ...],
    assessment: Path | None,
    output: Path,
    lang: str | None,
    theme: Path | None,
    **_options: Any,
) -> None:
    """Write one chart of the report (ranking, gap, maturity-scale) as SVG or PNG.

    The chart is the report's own, in the theme's colours; paste it into another deck.
    """
    suffix = output.suffix.lower()
    if suffix not in (".svg", ".png"):
        raise CcassessError(
            _("{file}: the chart is written as .svg or .png, not {suffix}").format(
                file=output, suffix=repr(suffix)
            )
        )
    registry = state.registry()
    inputs = load_cli_inputs(registry, assessment, responses, lang)
    result = assess(registry, inputs.respondents, inputs.settings)
    settings = inputs.settings
    theme_dir = theme or (Path(settings.theme) if settings.theme else None)
    svg = chart_svg(result, name, lang or settings.language, theme_dir)
    if suffix == ".svg":
        atomic_write_text(output, svg)
    else:
        atomic_write_bytes(output, svg_to_png(svg))
    written(N_("Chart"), output)
