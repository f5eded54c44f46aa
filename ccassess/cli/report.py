"""`ccassess report` and `ccassess demo`: render a result as PDF, HTML, JSON or Markdown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ccassess.actions.batch import BatchJob, render_batch
from ccassess.actions.inputs import BUILTIN_DEMO, demos, load_demo
from ccassess.actions.sharing import assess_for_sharing
from ccassess.catalogs import N_, _, cli_language, ngettext
from ccassess.cli.app import SKIPPED_PLUGIN_EXIT, State, pass_state
from ccassess.cli.language import LANGUAGE
from ccassess.cli.machine import print_json
from ccassess.cli.options import format_for_output, input_options, load_cli_inputs, written
from ccassess.cli.progress import ProgressLine, quiet_option
from ccassess.errors import CcassessError
from ccassess.io.files import check_target
from ccassess.report import ReportOptions, write_report
from ccassess.report.notes import withheld_note
from ccassess.report.profiles import PROFILES
from ccassess.terminal import echo

FORMATS = ["pdf", "html", "json", "md", "xlsx", "pptx"]
#: The extensions of --output that decide the format.
SUFFIXES = {
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".md": "md",
    ".markdown": "md",
    ".xlsx": "xlsx",
    ".pptx": "pptx",
}


def output_options(function: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option(
            "--format",
            "fmt",
            type=click.Choice(FORMATS),
            default="pdf",
            show_default=True,
            help="pdf, html (self-contained), json (the scored "
            "result), md (summary), xlsx (the action plan) or pptx (slides with editable charts).",
        ),
        click.option(
            "--lang",
            type=LANGUAGE,
            default=None,
            help="Report language (default: the assessment's).",
        ),
        click.option(
            "-o",
            "--output",
            type=click.Path(path_type=Path),
            help="Where to write the report (default: ./<client>-report.<format>); its "
            "extension decides the format (.pdf, .html, .json, .md, .xlsx); - for standard "
            "output.",
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
            "--profile",
            type=click.Choice(list(PROFILES)),
            default="full",
            show_default=True,
            help="full: every section; board: the short report for a board (6–8 pages).",
        ),
        click.option(
            "--benchmark",
            type=click.Path(path_type=Path, dir_okay=False),
            default=None,
            help="A norm file (ccassess benchmark build): show where this client stands "
            "among your other clients.",
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
    return quiet_option(function)


def _report_options(options: dict[str, Any]) -> Any:
    """The output options as given; the assessment fills language and theme later."""
    return ReportOptions(
        format=options["fmt"],
        lang=options["lang"] or "",
        output=options["output"],
        theme=options["theme"],
        appendix=options["appendix"],
        pdf_variant=options["pdf_variant"],
        profile=options["profile"],
        benchmark=options["benchmark"],
    )


def _score_and_render(state: State, registry: Any, inputs: Any, options: dict[str, Any]) -> None:
    options["fmt"] = format_for_output(options["fmt"], options["output"], SUFFIXES)
    result, record = assess_for_sharing(
        registry,
        inputs,
        include_answers=options["appendix"],
        accept_risk=options.get("accept_differencing_risk", False),
    )
    for held in result.privacy.withheld:
        note = withheld_note(held, result.privacy.threshold, cli_language())
        echo(_("note: {message}").format(message=note), err=True)
    for accepted in result.privacy.accepted:
        note = withheld_note(accepted, result.privacy.threshold, cli_language(), accepted=True)
        echo(_("warning: {message}").format(message=note), err=True)
    report_options = _report_options(options).for_assessment(inputs.settings)
    if report_options.output is not None:
        check_target(report_options.output)  # a report that cannot be written is not shared
    record()  # first: a report that is out must never be missing from the record
    label = _("Rendering the report ({format})").format(format=report_options.format)
    with ProgressLine(label, total=1, quiet=options["quiet"]) as progress:

        def warn(message: str) -> None:  # above the progress line, as write_report would
            progress.echo(_("warning: {message}").format(message=message))

        path = write_report(result, registry.plugins, report_options, warn=warn)
        progress(1)
    written(N_("Report"), path)


@click.command("report")
@input_options
@output_options
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="With several workspaces (-w A -w B …): render in this many parallel processes.",
)
@click.option(
    "--accept-differencing-risk",
    is_flag=True,
    help="Show figures that differ from an earlier shared report of the round by fewer "
    "respondents than the anonymity threshold (subtracting the two reports could expose "
    "them); recorded in the workspace.",
)
@pass_state
def report_command(
    state: State, /, responses: tuple[Path, ...], assessment: Path | None, **options: Any
) -> None:
    """Score responses and write the maturity report.

    With several workspaces (`-w A -w B …`) each gets its report (in its own folder, or in
    the folder given with --output), rendered in --jobs parallel processes.
    """
    workspaces = click.get_current_context().meta.get("ccassess.workspace") or ()
    if len(workspaces) > 1:
        _batch(state, workspaces, responses, assessment, **options)
        return
    options.pop("jobs")
    registry = state.registry()
    inputs = load_cli_inputs(registry, assessment, responses, options["lang"], lazy=True)
    _score_and_render(state, registry, inputs, options)


def _batch(
    state: State,
    workspaces: tuple[Path, ...],
    responses: tuple[Path, ...],
    assessment: Path | None,
    **options: Any,
) -> None:
    if responses or assessment:
        raise click.UsageError(_("a batch takes workspaces only (-w), no response files or -a"))
    output = options["output"]
    if output is not None and not output.is_dir():
        raise click.UsageError(_("with several workspaces, --output must be an existing folder"))
    report_options = _report_options(options)
    accept = options["accept_differencing_risk"]
    jobs = [
        BatchJob(w, report_options, state.plugins_dir, state.skip_broken, accept)
        for w in workspaces
    ]
    failed = []
    skipped = False
    with ProgressLine(_("Rendering reports"), total=len(jobs), quiet=options["quiet"]) as progress:
        outcomes = render_batch(jobs, options["jobs"], progress)
    for outcome in outcomes:
        for plugin, why in outcome.skipped:
            skipped = True
            line = _("warning: skipped plugin {plugin}: {message}").format(
                plugin=repr(plugin), message=why
            )
            if line not in state.attempts.printed:  # once, not once per report
                state.attempts.printed.add(line)
                echo(line, err=True)
        if outcome.error:
            failed.append(f"{outcome.workspace}: {outcome.error}")
        else:
            echo(_("{what} written to {path}").format(what=_("Report"), path=outcome.output))
    if failed:
        raise CcassessError(
            ngettext(
                "{n} of {total} report failed; first: {error}",
                "{n} of {total} reports failed; first: {error}",
                len(jobs),
            ).format(n=len(failed), total=len(jobs), error=failed[0])
        )
    if skipped:  # done, but without a plugin (docs/plugins/api.md)
        click.get_current_context().exit(SKIPPED_PLUGIN_EXIT)


@click.command("demo")
@output_options
@click.option(
    "--name",
    default=None,
    help=f"Which demo assessment (default: the built-in one, {BUILTIN_DEMO}); see --list.",
)
@click.option(
    "--list", "list_demos", is_flag=True, help="List the installed demos and their plugins."
)
@pass_state
def demo_command(state: State, /, name: str | None, list_demos: bool, **options: Any) -> None:
    """Score the bundled demo assessment (Muster Handels GmbH) and write its report."""
    registry = state.registry()
    if list_demos:
        if options["fmt"] == "json":
            rows = [
                {
                    "name": demo.name,
                    "default": demo.name == BUILTIN_DEMO,
                    "plugin": demo.plugin,
                    "folder": str(demo.folder),
                }
                for demo in demos(registry)
            ]
            print_json("demo-list", {"demos": rows})
            return
        for demo in demos(registry):
            default = " " + _("(default)") if demo.name == BUILTIN_DEMO else ""
            plugin = _("plugin {plugin}").format(plugin=repr(demo.plugin))
            click.echo(f"{demo.name}{default}\t{plugin}\t{demo.folder}")
        return
    inputs = load_demo(registry, name, options["lang"])
    _score_and_render(state, registry, inputs, options)
