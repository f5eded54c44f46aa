"""Options several commands share: where the answers are (files or a workspace), which round."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from ccassess.actions.inputs import load_inputs
from ccassess.catalogs import _
from ccassess.cli.completion import complete_modules, complete_rounds
from ccassess.errors import CcassessError
from ccassess.io.checker import control_character_problem
from ccassess.io.files import is_stdout
from ccassess.terminal import echo


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    ctx.meta[f"ccassess.{param.name}"] = value
    return value


def plain_text(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Refuse a name given on the command line that holds a control character (a sheet
    cannot hold one, a terminal runs it), naming the option: validation at the edge."""
    for item in value if isinstance(value, tuple) else (value,):
        problem = control_character_problem(item) if isinstance(item, str) else None
        if problem:
            name = next((o for o in param.opts if o.startswith("--")), param.human_readable_name)
            raise CcassessError(f"{name}: {problem}")
    return value


def input_options(function: Callable[..., Any]) -> Callable[..., Any]:
    function = click.option(
        "-w",
        "--workspace",
        type=click.Path(path_type=Path, file_okay=False),
        expose_value=False,
        callback=_remember,
        multiple=True,
        help="Read the responses from this workspace (default: the current directory when "
        "it is one and no response files are named). `report` takes several (batch).",
    )(function)
    function = click.option(
        "--round",
        "round_name",
        expose_value=False,
        callback=_remember,
        shell_complete=complete_rounds,
        help="The workspace round to use (default: the latest).",
    )(function)
    function = click.option(
        "-a",
        "--assessment",
        type=click.Path(path_type=Path, dir_okay=False),
        help="The assessment's settings file (client, language, departments, …).",
    )(function)
    return click.argument("responses", nargs=-1, type=click.Path(path_type=Path))(function)


def load_cli_inputs(
    registry: Any,
    assessment: Path | None,
    responses: tuple[Path, ...],
    lang: str | None,
    lazy: bool = False,
) -> Any:

    meta = click.get_current_context().meta
    workspaces = meta.get("ccassess.workspace") or ()
    if len(workspaces) > 1:
        raise click.UsageError(_("several workspaces (-w) are only supported by `ccassess report`"))
    inputs = load_inputs(
        registry,
        assessment,
        list(responses),
        lang,
        workspace=workspaces[0] if workspaces else None,
        round_name=meta.get("ccassess.round_name"),
        lazy=lazy,
    )
    if inputs.registry is not None and inputs.registry is not registry:
        # The command scores with `registry`: narrow it to the round's modules as answered.
        registry.entries = inputs.registry.entries
    for note in inputs.notes:
        echo(_("note: {message}").format(message=note), err=True)
    return inputs


def workspace_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "-w",
        "--workspace",
        "workspace_dir",
        type=click.Path(path_type=Path, file_okay=False),
        help="The workspace folder (default: the current directory).",
    )(function)


def assessment_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """-a for commands that write questionnaires from an assessment file instead."""
    return click.option(
        "-a",
        "--assessment",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Without a workspace: the assessment file (departments, modules, language).",
    )(function)


def round_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--round",
        "round_name",
        shell_complete=complete_rounds,
        help="The round (default: the latest).",
    )(function)


def format_for_output(
    fmt: str, output: Path | None, suffixes: Mapping[str, str], param: str = "fmt"
) -> str:
    """The output format: the output file's extension decides (x.html is HTML); a --format
    that says otherwise is an error, not a file whose content its name belies. Without an
    output, with `-` (standard output) or an extension of no format, --format decides."""
    if output is None or is_stdout(output):
        return fmt
    by_suffix = suffixes.get(output.suffix.lower())
    if by_suffix is None:
        return fmt
    source = click.get_current_context().get_parameter_source(param)
    if by_suffix != fmt and source not in (None, ParameterSource.DEFAULT):
        raise CcassessError(
            _(
                "{file}: the extension {suffix} means {format}, but --format is {option}; "
                "change one of them"
            ).format(file=output, suffix=repr(output.suffix), format=by_suffix, option=fmt)
        )
    return by_suffix


def written(what: str, path: Path) -> None:
    """Confirm an output; for standard output on stderr, so the data stays clean. `what` is
    a message marked with N_ ("Report"), translated here."""
    if is_stdout(path):
        echo(_("{what} written to standard output").format(what=_(what)), err=True)
    else:
        echo(_("{what} written to {path}").format(what=_(what), path=path))


def module_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """--module for commands that write questionnaires: only these modules."""
    return click.option(
        "--module",
        "modules",
        multiple=True,
        shell_complete=complete_modules,
        help="Only this module (repeatable).",
    )(function)
