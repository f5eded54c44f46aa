"""The record of reports rendered for sharing: per round, the people behind each figure
group, as salted fingerprints (never respondent ids), so that a later report cannot be
subtracted from an earlier one (ccassess.scoring.privacy, docs/security.md "Differencing").

A report never waits for another process's write (an import may hold the lock for long): when
the database is locked, the record goes to a file in the workspace's `.ccassess-releases`
folder, which is read like the table and moved into it by the next record that can write.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ccassess.catalogs import _
from ccassess.errors import CcassessError
from ccassess.io.files import atomic_write_text
from ccassess.scoring.privacy import FigureKey, Release
from ccassess.workspace.db import now

SALT_KEY = "release_salt"
PENDING_FOLDER = ".ccassess-releases"


def release_salt(db: sqlite3.Connection) -> str | None:
    """The workspace's secret for fingerprints (None before the first shared report)."""
    row = db.execute("SELECT value FROM meta WHERE key = ?", (SALT_KEY,)).fetchone()
    return row[0] if row else None


def ensure_salt(db: sqlite3.Connection) -> str:
    salt = release_salt(db)
    if salt is None:
        salt = secrets.token_hex(16)
        db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (SALT_KEY, salt))
    return salt


def _release(day: str, text: str) -> Release:
    data = json.loads(text)
    sets = [frozenset(people) for people in data["sets"]]
    groups = {(kind, name, module): sets[index] for kind, name, module, index in data["groups"]}
    return Release(day, groups)


def select_releases(db: sqlite3.Connection, round_id: int) -> list[Release]:
    return [
        _release(day, text)
        for day, text in db.execute(
            "SELECT day, groups FROM releases WHERE round_id = ? ORDER BY id", (round_id,)
        )
    ]


def encode_groups(groups: Mapping[FigureKey, frozenset[str]]) -> str:
    """The groups as JSON, each distinct set of people once (a module's staff are mostly the
    staff of every module: the record stays small for large workspaces)."""
    sets: dict[frozenset[str], int] = {}
    rows = []
    for (kind, name, module), people in sorted(groups.items()):
        rows.append([kind, name, module, sets.setdefault(people, len(sets))])
    data = {"sets": [sorted(people) for people in sets], "groups": rows}
    return json.dumps(data, separators=(",", ":"))


def release_texts(db: sqlite3.Connection, folder: Path, round_id: int, name: str) -> set[str]:
    """The distinct recorded texts of a round's shared reports (those waiting in files too),
    without decoding them: what a kept result depends on (ccassess.actions.result_cache)."""
    texts = {
        row[0]
        for row in db.execute(
            "SELECT DISTINCT groups FROM releases WHERE round_id = ?", (round_id,)
        )
    }
    return texts | {str(r["groups"]) for _, r in pending_records(folder) if r["round"] == name}


def decode_groups(text: str) -> dict[FigureKey, frozenset[str]]:
    """The groups of `encode_groups`' text."""
    return dict(_release("", text).groups)


def insert_release(
    db: sqlite3.Connection, round_id: int, groups_text: str, accepted: int, day: str | None = None
) -> None:
    """Record a shared report; `accepted`: how many differences the consultant accepted."""
    db.execute(
        "INSERT INTO releases (round_id, day, accepted, groups) VALUES (?, ?, ?, ?)",
        (round_id, day or now(), accepted, groups_text),
    )


def write_pending(folder: Path, round_name: str, groups_text: str, accepted: int) -> None:
    """Keep a record in a file while the database is locked (or read-only)."""
    pending = folder / PENDING_FOLDER
    try:
        pending.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise CcassessError(
            _(
                "{folder}: cannot record this report for the differencing check "
                "({reason}); no report was written"
            ).format(folder=pending, reason=exc.strerror or exc)
        ) from None

    record = {"round": round_name, "day": now(), "accepted": accepted, "groups": groups_text}
    atomic_write_text(pending / f"{uuid.uuid4().hex}.json", json.dumps(record))


def pending_records(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    found = []
    for path in sorted((folder / PENDING_FOLDER).glob("*.json")):
        try:
            record = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(record, dict) and {"round", "day", "accepted", "groups"} <= record.keys():
            found.append((path, record))
    return found


def pending_releases(folder: Path, round_name: str) -> list[Release]:
    return [
        _release(str(record["day"]), str(record["groups"]))
        for _, record in pending_records(folder)
        if record["round"] == round_name
    ]
