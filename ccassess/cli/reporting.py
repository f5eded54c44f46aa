"""`ccassess report` and `ccassess demo`: render a result as PDF, HTML, JSON or Markdown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ccassess.cli.app import State, pass_state
from ccassess.cli.options import input_options, load_cli_inputs

FORMATS = ["pdf", "html", "json", "md", "xlsx"]


def output_options(function: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option(
            "--format",
            "fmt",
            type=click.Choice(FORMATS),
            default="pdf",
            show_default=True,
            help="pdf, html (self-contained), json (the scored "
            "result), md (summary) or xlsx (the action plan).",
        ),
        click.option(
            "--lang",
            type=click.Choice(["de", "en"]),
            default=None,
            help="Report language (default: the assessment's).",
        ),
        click.option(
            "-o",
            "--output",
            type=click.Path(path_type=Path),
            help="Where to write the report (default: ./<client>-report.<format>).",
        ),
        click.option(
            "--theme",
            type=click.Path(path_type=Path, file_okay=False),
            help="A theme folder overriding logo, colours, fonts and templates.",
        ),
        click.option(
            "--appendix",
            is_flag=True,
            help="Add the answers appendix (pseudonymous ids, never names).",
        ),
        click.option(
            "--pdf-variant",
            type=click.Choice(["pdf/a-3b", "pdf/ua-1"]),
            default=None,
            help="Archival (PDF/A-3b) or tagged, accessible (PDF/UA-1) PDF.",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _render(state: State, result: Any, settings: Any, **options: Any) -> None:
    from ccassess.report import ReportOptions, write_report

    report_options = ReportOptions(
        format=options["fmt"],
        lang=options["lang"] or settings.language,
        output=options["output"],
        theme=options["theme"] or (Path(settings.theme) if settings.theme else None),
        appendix=options["appendix"],
        pdf_variant=options["pdf_variant"],
    )
    path = write_report(result, state.registry().plugins, report_options)
    click.echo(f"Report written to {path}")


@click.command("report")
@input_options
@output_options
@pass_state
def report_command(
    state: State, responses: tuple[Path, ...], assessment: Path | None, **options: Any
) -> None:
    """Score responses and write the maturity report."""
    from ccassess.assessment import assess

    registry = state.registry()
    inputs = load_cli_inputs(registry, assessment, responses, options["lang"])
    result = assess(
        registry, inputs.respondents, inputs.settings, include_answers=options["appendix"]
    )
    _render(state, result, inputs.settings, **options)


@click.command("demo")
@output_options
@click.option("--name", default=None, help="Which demo assessment (default: the first).")
@pass_state
def demo_command(state: State, name: str | None, **options: Any) -> None:
    """Score the bundled demo assessment (Muster Handels GmbH) and write its report."""
    from ccassess.assessment import assess
    from ccassess.inputs import load_demo

    registry = state.registry()
    inputs = load_demo(registry, name, options["lang"])
    result = assess(
        registry, inputs.respondents, inputs.settings, include_answers=options["appendix"]
    )
    _render(state, result, inputs.settings, **options)
