"""Exporting a workspace's responses as CSV (one respondent per row) or JSON.

Both formats can be imported again (`ccassess import`). Names are left out unless asked for;
text that a spreadsheet would run as a formula is neutralised (ccassess.io.csvfile).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccassess.forms.sheet_csv import table_rows
from ccassess.io.csvfile import write_csv
from ccassess.io.files import atomic_write_bytes
from ccassess.workspace.db import now
from ccassess.workspace.rounds import Round
from ccassess.workspace.store import Workspace

if TYPE_CHECKING:
    from ccassess.plugin.registry import Registry

EXPORT_FORMATS = ("csv", "json")


def export_data(
    workspace: Workspace, registry: Registry, round_: Round, *, with_names: bool = False
) -> dict[str, Any]:
    """The round's completed respondents in the response-file format."""
    respondents = workspace.respondents(round_, with_names=with_names)
    items = []
    for respondent in respondents:
        item: dict[str, Any] = {"id": respondent.id, "perspective": respondent.perspective}
        for key in ("department", "role", "name"):
            value = getattr(respondent, key)
            if value is not None:
                item[key] = value
        item["answers"] = respondent.answers
        items.append(item)
    return {
        "ccassess": {
            "export": 1,
            "round": round_.name,
            "exported": now(),
            "client": workspace.settings.client,
        },
        "respondents": items,
    }


def export_bytes(
    workspace: Workspace,
    registry: Registry,
    round_: Round,
    fmt: str,
    *,
    with_names: bool = False,
    delimiter: str = ",",
) -> bytes:
    if fmt == "json":
        data = export_data(workspace, registry, round_, with_names=with_names)
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    modules = list(workspace.round_modules(round_, registry).modules.values())
    respondents = workspace.respondents(round_, with_names=with_names)
    rows = table_rows(
        modules, registry.question_types, respondents, workspace.settings.departments, with_names
    )
    return write_csv(rows, delimiter)


def write_export(path: Path, data: bytes) -> Path:
    return atomic_write_bytes(path, data)
