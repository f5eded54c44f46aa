"""`ccassess benchmark build`: an anonymised norm file from several clients' workspaces."""

from __future__ import annotations

from pathlib import Path

import click

from ccassess.actions.benchmark import build_benchmark, norms_json
from ccassess.catalogs import N_, ngettext
from ccassess.cli.app import State, pass_state
from ccassess.cli.machine import format_option, print_json
from ccassess.cli.options import written
from ccassess.io.files import atomic_write_text
from ccassess.terminal import echo


@click.group("benchmark")
def benchmark_command() -> None:
    """Benchmarks across your own clients: a norm file for report --benchmark."""


@benchmark_command.command("build")
@click.argument(
    "workspaces", nargs=-1, required=True, type=click.Path(path_type=Path, file_okay=False)
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The norm file to write (JSON).",
)
@format_option(help=N_("table: a summary line; json: the same as data on stdout."))
@pass_state
def build_command(state: State, /, workspaces: tuple[Path, ...], output: Path, fmt: str) -> None:
    """Score each workspace (its latest round) and write the clients' score distributions.

    The file holds no client names and no respondent data: per metric the sorted client
    scores (at least 5 clients), and a salted hash per workspace so none counts twice.
    """
    norms = build_benchmark(state.registry(), workspaces)
    atomic_write_text(output, norms_json(norms))
    if fmt == "json":
        data = {"clients": norms.clients, "metrics": len(norms.metrics), "output": str(output)}
        print_json("benchmark-build", data)
        return
    clients = ngettext("{n} client", "{n} clients", norms.clients).format(n=norms.clients)
    metrics = len(norms.metrics)
    echo(f"{clients}, " + ngettext("{n} metric", "{n} metrics", metrics).format(n=metrics))
    written(N_("Norm file"), output)
