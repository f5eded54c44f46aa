"""`ccassess modules` and `ccassess plugins`: what is loaded."""

from __future__ import annotations

from typing import Any

import click

from ccassess.catalogs import N_, _, cli_language
from ccassess.cli.app import State, pass_state
from ccassess.cli.language import LANGUAGE
from ccassess.cli.machine import format_option, print_json
from ccassess.terminal import echo


@click.command("modules")
@format_option()
@click.option(
    "--lang",
    type=LANGUAGE,
    default=None,
    help=N_("Language of the titles (default: the CLI's language)."),
)
@pass_state
def modules_command(state: State, fmt: str, lang: str | None) -> None:
    """List the loaded assessment modules."""
    lang = lang or cli_language()  # the person at the terminal reads the titles
    registry = state.registry()
    rows: list[dict[str, Any]] = []
    for module_id, entry in registry.entries.items():
        summary = entry.summary  # all this needs: cached modules stay unloaded
        rows.append(
            {
                "id": module_id,
                "version": summary.version,
                "title": summary.title.get(lang),
                "dimensions": summary.dimensions,
                "questions": summary.questions,
                "languages": list(summary.languages),
                "plugin": entry.plugin,
            }
        )
    if fmt == "json":
        print_json("modules", rows)
        return
    if not rows:
        echo(_("No modules loaded."))
        return
    # TRANSLATORS: column headers of `ccassess modules`: module id, version, number of
    # dimensions, number of questions, languages, title (keep them short)
    head = [_("module"), _("version"), _("dims"), _("qs"), _("lang"), _("title")]
    echo(f"{head[0]:<24} {head[1]:<8} {head[2]:>4} {head[3]:>4}  {head[4]:<6} {head[5]}")
    for row in rows:
        echo(
            f"{row['id']:<24} {row['version']:<8} {row['dimensions']:>4} "
            f"{row['questions']:>4}  {','.join(row['languages']):<6} {row['title']}"
        )


@click.command("plugins")
@format_option()
@pass_state
def plugins_command(state: State, fmt: str) -> None:
    """List the loaded plugins: name, version, origin and the hooks they implement."""
    registry = state.registry()
    infos = [info for name, info in registry.plugins.info.items() if name != "core"]
    if fmt == "json":
        print_json("plugins", [info.__dict__ for info in infos])
        return
    for info in infos:
        echo(f"{info.name} {info.version or ''}".rstrip() + f"  [{info.origin}]")
        echo("    " + _("hooks: {hooks}").format(hooks=", ".join(info.hooks) or "-"))
