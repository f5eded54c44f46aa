"""`ccassess plugin new`: start a plugin package of your own."""

from __future__ import annotations

from pathlib import Path

import click

from ccassess.actions.load_plugins import load_registry
from ccassess.catalogs import _
from ccassess.cli.app import State, pass_state
from ccassess.errors import CcassessError
from ccassess.scaffold import create_plugin, plugin_names
from ccassess.terminal import echo


@click.group("plugin")
def plugin_command() -> None:
    """Write your own plugins (assessment modules, scoring, findings, report sections)."""


@plugin_command.command("new")
@click.argument("name")
@click.option(
    "--dir",
    "parent",
    type=click.Path(path_type=Path, file_okay=False),
    default=".",
    show_default=True,
    help="The folder in which to create ccassess-NAME/.",
)
@pass_state
def new_command(state: State, name: str, parent: Path) -> None:
    """Create a ready plugin package ccassess-NAME/ to start from.

    It holds pyproject.toml with the `ccassess` entry point, a bilingual module in YAML, a
    Python file with one hook implementation (a finding), a README and tests using the test
    kit. NAME is lower case, e.g. `acme` or `acme-retail`; it becomes the module id.
    """
    plugin_names(name)  # a bad name fails before the plugins are loaded
    path = create_plugin(name, parent, taken_module_ids=_installed_module_ids(state))
    names = plugin_names(name)
    echo(_("Created {path}").format(path=path))
    echo(_("Next steps:"))
    steps = [  # commands to type (not translated), each with what it does
        (f"cd {path}", ""),
        ("pip install -e '.[test]'", ""),
        ("pytest", _("the plugin's tests, with ccassess's test kit")),
        ("ccassess modules", _("lists {module}").format(module=repr(names.ident))),
    ]
    for command, comment in steps:
        echo(f"  {command:<24}# {comment}" if comment else f"  {command}")


def _installed_module_ids(state: State) -> set[str]:
    """Module ids already loaded; a broken plugin must not stop anyone starting a new one."""
    try:
        registry = load_registry(state.plugins_dir, skip_broken=True)
    except CcassessError:  # e.g. an invalid YAML module in --plugins-dir
        return set()
    return set(registry.entries)
