"""Options shared by commands that read responses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click


def input_options(function: Callable[..., Any]) -> Callable[..., Any]:
    function = click.option(
        "-a", "--assessment", type=click.Path(path_type=Path, dir_okay=False),
        help="The assessment's settings file (client, language, departments, …).",
    )(function)  # fmt: skip
    return click.argument("responses", nargs=-1, type=click.Path(path_type=Path))(function)


def load_cli_inputs(registry: Any, assessment: Path | None, responses: tuple[Path, ...],
                    lang: str | None) -> Any:  # fmt: skip
    from ccassess.inputs import load_inputs

    return load_inputs(registry, assessment, list(responses), lang)
