"""Helpers for the tests of `ccassess serve`: invitations made by the real CLI, the real app
under Starlette's TestClient, and a form filler that answers whatever a page asks."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

from starlette.testclient import TestClient

from ccassess.plugin.registry import Registry
from ccassess.web.app import build_app
from ccassess.web.context import ServerContext, open_context
from ccassess.workspace import Workspace

MODULES = ["silo_check", "customer_or_reporting", "customer_understanding"]


def invite(run: Callable, folder: Path, *args: str) -> list[str]:
    """Run `ccassess invite` and return the links' paths (/r/… or /w/…)."""
    stem = folder.parent / f"inv-{len(list(folder.parent.glob('inv-*.csv')))}"
    result = run("invite", "-w", str(folder), "-o", str(stem), *args)
    assert result.exit_code == 0, result.output
    with open(stem.with_name(stem.name + ".csv"), encoding="utf-8-sig") as stream:
        rows = list(csv.DictReader(stream))
    return [re.sub(r"^https?://[^/]+", "", row["link"]) for row in rows]


def client(folder: Path, registry: Registry) -> tuple[TestClient, ServerContext]:
    ctx = open_context(Workspace.open(folder), registry, admin_token="admin-secret-token")
    return TestClient(build_app(ctx), follow_redirects=False), ctx


def hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', html)
    assert found, f"no hidden field {name}"
    return found.group(1)


def answers_for(html: str, text: str = "Kundenberatung") -> dict[str, str | list[str]]:
    """A filled-in form for the page: the first choice of every radio group, the second of
    every drop-down, `text` or a number in typed fields (item rows: only the first row)."""
    form: dict[str, str | list[str]] = {"csrf": hidden(html, "csrf"), "go": "next"}
    for name in re.findall(r'type="radio" name="([^"]+)"', html):
        form[name] = "0"
    for name in re.findall(r'<select id="[^"]+" name="([^"]+\.0\.[^"]+)"', html):
        options = re.search(
            rf'name="{re.escape(name)}">\s*<option value=""></option>\s*<option value="([^"]+)"',
            html,
        )
        form[name] = options.group(1) if options else ""
    for name, mode in re.findall(r'name="([^"]+)" type="text"( inputmode="decimal")?', html):
        if re.search(r"\.\d+\.", name) and not re.search(r"\.0\.", name):
            continue  # item rows after the first stay empty
        form[name] = "40" if mode else text
    for name in re.findall(r'<textarea id="[^"]+" name="([^"]+)"', html):
        form[name] = text
    return form
