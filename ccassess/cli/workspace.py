"""Workspace commands: init, import, round, compare, export, forget. Thin: logic is in
ccassess.workspace."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from ccassess.actions.import_files import import_files
from ccassess.actions.import_files import suggest_mapping as suggest
from ccassess.actions.rounds import compare_rounds, comparison_table
from ccassess.catalogs import N_, _, ngettext
from ccassess.cli.app import State, pass_state
from ccassess.cli.completion import complete_modules, complete_rounds
from ccassess.cli.language import LANGUAGE
from ccassess.cli.machine import format_option, print_json
from ccassess.cli.options import format_for_output, plain_text, round_option, workspace_option
from ccassess.cli.progress import ProgressLine, quiet_option
from ccassess.errors import CcassessError, PluginError
from ccassess.io.files import STDOUT, is_stdout
from ccassess.terminal import echo, visible
from ccassess.workspace import Workspace, open_workspace
from ccassess.workspace.export import export_bytes, write_export
from ccassess.workspace.setup import initial_settings


def _notes(lines: list[Any], prefix: str = N_("note: {message}")) -> None:
    for line in lines:
        echo(_(prefix).format(message=line), err=True)


@click.command("init")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--from",
    "source",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Start from an existing assessment file (assessment.yaml).",
)
@click.option("--client", callback=plain_text, help="The client's name.")
@click.option("--title", callback=plain_text, help="The assessment's title.")
@click.option("--language", type=LANGUAGE, help="Report language (default de).")
@click.option(
    "--department",
    "departments",
    multiple=True,
    callback=plain_text,
    help="A department (repeat for each; the silo check's matrix rows).",
)
@click.option(
    "--module",
    "modules",
    multiple=True,
    shell_complete=complete_modules,
    help="A module to use (repeat; default: every loaded module).",
)
@click.option(
    "--anonymity-threshold",
    type=int,
    help="Smallest group shown on its own in breakdowns (default 5, at least 3).",
)
@click.option(
    "--round",
    "round_name",
    callback=plain_text,
    help="Name of the first round (default: the month).",
)
@pass_state
def init_command(
    state: State, /, folder: Path, source: Path | None, round_name: str | None, **options: Any
) -> None:
    """Create an assessment workspace in FOLDER: a readable assessment.yaml and a database."""
    registry = state.registry()
    settings = initial_settings(source, **options)
    in_place = source is not None and source.resolve() == (folder / "assessment.yaml").resolve()
    with Workspace.create(
        folder, settings, registry, round_name, replace_config=in_place
    ) as workspace:
        modules = workspace.settings.modules or ()
        current = workspace.round()
    echo(
        ngettext(
            "Created workspace {folder} with {n} module(s); round {round}.",
            "Created workspace {folder} with {n} module(s); round {round}.",
            len(modules),
        ).format(folder=folder, n=len(modules), round=repr(current.name))
    )
    echo(
        _(
            "Next: edit {file}, then `ccassess sheet -w {folder}` or `ccassess survey -w {folder}`."
        ).format(file=folder / "assessment.yaml", folder=folder)
    )


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@workspace_option
@round_option
@click.option(
    "--replace", is_flag=True, help="Overwrite respondents already imported with different answers."
)
@click.option(
    "--from",
    "source",
    metavar="TOOL",
    help="Read the files as this format or survey tool (ms_forms, google_forms, "
    "limesurvey, surveymonkey, qualtrics, typeform, kobo, generic, …) instead of "
    "recognising it.",
)
@click.option(
    "--suggest-mapping",
    is_flag=True,
    help="Print a proposed mapping file for a survey-tool export (columns and "
    "answers to questions and values) and import nothing.",
)
@click.option(
    "--mapping",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Map a survey-tool export's columns and answers with this mapping file.",
)
@click.option(
    "--include-incomplete",
    is_flag=True,
    help="Also import responses a survey tool marks incomplete, preview or test.",
)
@click.option(
    "--ignore-origin",
    is_flag=True,
    help="Import answer sheets made in another workspace or for another round anyway "
    "(refused by default).",
)
@click.option(
    "--min-answers",
    metavar="N|N%",
    help="Skip survey-tool responses with fewer answered questions (a number, or a share "
    "of the export's questions such as 50%).",
)
@quiet_option
@pass_state
def import_command(
    state: State,
    files: tuple[Path, ...],
    workspace_dir: Path | None,
    round_name: str | None,
    replace: bool,
    source: str | None,
    suggest_mapping: bool,
    mapping: Path | None,
    include_incomplete: bool,
    ignore_origin: bool,
    min_answers: str | None,
    quiet: bool,
) -> None:
    """Import answer workbooks (.xlsx), CSV, YAML and JSON files and survey-tool exports
    (Microsoft Forms, Google Forms, LimeSurvey, SurveyMonkey, Qualtrics, Typeform,
    KoboToolbox) into the workspace.

    Everything is validated first and every problem listed with file, sheet, row and
    column; then all files are written in one transaction, or nothing is. A file imported
    twice is recognised and skipped.
    """
    registry = state.registry()
    options = {
        "from": source,
        "mapping": mapping,
        "include_incomplete": include_incomplete,
        "ignore_origin": ignore_origin,
        "min_answers": min_answers,
    }
    if suggest_mapping:
        if len(files) != 1:
            raise CcassessError(_("--suggest-mapping reads one export file at a time"))
        with open_workspace(workspace_dir) as workspace:
            text, notes = suggest(
                workspace, registry, files[0], round_name=round_name, options=options
            )
        _notes(notes)
        click.echo(text, nl=False)  # machine output: data kept intact
        return
    with open_workspace(workspace_dir) as workspace:
        try:
            with ProgressLine(_("Reading responses"), quiet=quiet) as progress:
                report = import_files(
                    workspace,
                    registry,
                    list(files),
                    round_name=round_name,
                    replace=replace,
                    options=options,
                    progress=progress,
                )
        except PluginError as exc:
            if state.skip_broken:
                raise  # the command runs again without the plugin (ccassess.cli.app)
            _not_imported(exc)
        except CcassessError as exc:
            _not_imported(exc)
    _notes(report.notes)
    _notes(report.warnings, N_("warning: {message}"))
    _notes(report.skipped)
    echo(report.summary())


def _not_imported(exc: CcassessError) -> NoReturn:
    """An import is all or nothing: say so after the errors."""
    for line in exc.lines():
        echo(_("error: {message}").format(message=line), err=True)
    echo(
        _(
            "Nothing was imported: the workspace is unchanged. Fix the problems above "
            "and run the same command again."
        ),
        err=True,
    )
    raise click.exceptions.Exit(exc.exit_code) from None


def _list_format(function: Any) -> Any:
    return format_option(default=None, help=N_("table (default) or json."))(function)


@click.group("round", invoke_without_command=True)
@workspace_option
@_list_format
@click.pass_context
def round_command(ctx: click.Context, workspace_dir: Path | None, fmt: str | None) -> None:
    """Assessment rounds: list them (default) or start a new one."""
    ctx.meta["ccassess.workspace_dir"] = workspace_dir
    ctx.meta["ccassess.round_format"] = fmt
    if ctx.invoked_subcommand is None:
        ctx.invoke(round_list_command)


@round_command.command("list")
@workspace_option
@_list_format
@click.pass_context
def round_list_command(
    ctx: click.Context, workspace_dir: Path | None = None, fmt: str | None = None
) -> None:
    """List the rounds with their respondents (the last is the current round)."""
    with open_workspace(workspace_dir or ctx.meta.get("ccassess.workspace_dir")) as workspace:
        rounds = workspace.rounds()
    if (fmt or ctx.meta.get("ccassess.round_format")) == "json":
        data = [
            {
                "name": item.name,
                "created": item.created,
                "respondents": item.respondents,
                "open_surveys": item.open_surveys,
                "note": item.note,
                "current": item is rounds[-1],
            }
            for item in rounds
        ]
        print_json("round-list", data)
        return
    for item in rounds:
        marker = "*" if item is rounds[-1] else " "
        n = item.respondents
        counts = ngettext("{n} respondent(s)", "{n} respondent(s)", n).format(n=n)
        if item.open_surveys:
            n = item.open_surveys
            counts += ", " + ngettext(
                "{n} unfinished survey(s)", "{n} unfinished survey(s)", n
            ).format(n=n)
        note = f"  {item.note}" if item.note else ""
        echo(f"{marker} {item.name:<16} {item.created[:10]}  {counts}{note}")


@round_command.command("new")
@click.argument("name", required=False, callback=plain_text)
@click.option("--note", callback=plain_text, help="A note shown in `ccassess round`.")
@workspace_option
@click.pass_context
def round_new_command(
    ctx: click.Context, name: str | None, note: str | None, workspace_dir: Path | None
) -> None:
    """Start a new round (the assessment repeated); it becomes the current round."""
    state: State = ctx.find_object(State)  # type: ignore[assignment]
    registry = state.registry()
    with open_workspace(workspace_dir or ctx.meta.get("ccassess.workspace_dir")) as workspace:
        created = workspace.new_round(registry, name, note)
    echo(
        _("Started round {round}; imports and surveys now go there.").format(
            round=repr(created.name)
        )
    )


@click.command("compare")
@click.argument("first", required=False, shell_complete=complete_rounds)
@click.argument("second", required=False, shell_complete=complete_rounds)
@workspace_option
@format_option()
@click.option(
    "--lang",
    type=LANGUAGE,
    default=None,
    help="Language (default: the assessment's).",
)
@pass_state
def compare_command(
    state: State,
    first: str | None,
    second: str | None,
    workspace_dir: Path | None,
    fmt: str,
    lang: str | None,
) -> None:
    """Compare two rounds per module and dimension (default: the last two rounds)."""
    registry = state.registry()
    with open_workspace(workspace_dir) as workspace:
        lang = lang or workspace.settings.language
        if first is None or second is None:
            names = [r.name for r in workspace.rounds()]
            if first is not None:
                names = [first, names[-1]]
            if len(names) < 2:
                raise CcassessError(
                    _(
                        "there is only one round; start another with "
                        "`ccassess round new`, or name two rounds"
                    )
                )
            first, second = names[-2], names[-1]
        comparison = compare_rounds(workspace, registry, first, second, lang)
    if fmt == "json":
        print_json("compare", comparison.to_data())
    else:
        echo(comparison_table(comparison, lang))


@click.command("export")
@workspace_option
@round_option
@format_option(("csv", "json"), default="csv")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The file to write (default: standard output, also -); the extension .csv or "
    ".json decides the format.",
)
@click.option("--names", is_flag=True, help="Include respondents' names (left out by default).")
@click.option(
    "--delimiter",
    type=click.Choice([",", ";", "tab"]),
    default=",",
    show_default=True,
    help="CSV delimiter (';' for German Excel).",
)
@pass_state
def export_command(
    state: State,
    workspace_dir: Path | None,
    round_name: str | None,
    fmt: str,
    output: Path | None,
    names: bool,
    delimiter: str,
) -> None:
    """Export a round's responses as CSV (one respondent per row) or JSON; both re-import."""
    registry = state.registry()
    fmt = format_for_output(fmt, output, {".csv": "csv", ".json": "json"})
    with open_workspace(workspace_dir) as workspace:
        round_ = workspace.round(round_name)
        data = export_bytes(
            workspace,
            registry,
            round_,
            fmt,
            with_names=names,
            delimiter="\t" if delimiter == "tab" else delimiter,
        )
    if output is None:
        output = STDOUT  # machine output: data kept intact
    path = write_export(output, data)
    if not is_stdout(path):
        echo(
            _("Exported round {round} to {path}").format(round=repr(round_.name), path=path),
            err=True,
        )


@click.command("forget")
@click.argument("respondent")
@workspace_option
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_state
def forget_command(state: State, respondent: str, workspace_dir: Path | None, yes: bool) -> None:
    """Delete everything of RESPONDENT (id or name) from the workspace, in every round.

    For GDPR erasure requests: the answers, metadata and survey progress are deleted and the
    database file is rewritten (VACUUM), so no trace remains in it.
    """
    with open_workspace(workspace_dir) as workspace:
        if not yes:
            if not sys.stdin.isatty():
                raise CcassessError(_("forget deletes data for good; confirm with --yes"))
            question = _("Delete every record of {respondent} for good?")
            click.confirm(visible(question.format(respondent=repr(respondent))), abort=True)
        forgotten = workspace.forget(respondent)
    for item in forgotten:
        echo(
            ngettext(
                "Deleted respondent {respondent} in round {round} ({n} answer(s)).",
                "Deleted respondent {respondent} in round {round} ({n} answer(s)).",
                item.answers,
            ).format(respondent=repr(item.respondent_id), round=repr(item.round), n=item.answers)
        )
    echo(_("The workspace database was rewritten; no trace of the respondent remains in it."))
