"""Dynamic shell completion: the workspace's round names and the loaded module ids.

click runs these callbacks when the shell asks (`_CCASSESS_COMPLETE=bash_complete`, see
docs/terminal.md). A completion must never fail loudly: without a workspace, with a
broken plugin or a locked database there are simply no suggestions.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

import click
from click.shell_completion import CompletionItem


def _workspace(ctx: click.Context) -> Path:
    """The workspace the command line names so far (-w), else the current directory."""
    context: click.Context | None = ctx
    while context is not None:
        folder = context.params.get("workspace_dir")
        if folder:
            return Path(folder)
        context = context.parent
    for key in ("ccassess.workspace", "ccassess.workspace_dir"):
        value: Any = ctx.meta.get(key)
        if isinstance(value, tuple):  # `-w` of input_options may be repeated
            value = value[0] if value else None
        if value:
            return Path(value)
    return Path.cwd()


def complete_rounds(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The names of the workspace's rounds that start with `incomplete`."""
    try:
        # late import: only completion reads the rounds this way
        from ccassess.workspace.rounds import round_names

        names = round_names(_workspace(ctx))
    except Exception:  # completion says nothing rather than fail in the shell
        return []
    return [CompletionItem(name) for name in names if name.startswith(incomplete)]


def complete_modules(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The ids of the loaded modules (with --plugins-dir) that start with `incomplete`."""
    plugins_dir = ctx.find_root().params.get("plugins_dir")
    try:
        # late import: completion loads the plugins only when a module id is asked for
        from ccassess.actions.load_plugins import load_registry

        with contextlib.redirect_stderr(io.StringIO()):  # nothing from a plugin reaches the shell
            registry = load_registry(Path(plugins_dir) if plugins_dir else None, skip_broken=True)
        ids = sorted(registry.entries)
    except Exception:  # completion says nothing rather than fail in the shell
        return []
    return [CompletionItem(module_id) for module_id in ids if module_id.startswith(incomplete)]
