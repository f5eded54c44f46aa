"""Forgetting a respondent: every record deleted, and the database file scrubbed.

SQLite keeps deleted pages in the file and its write-ahead log; `secure_delete` (set by
ccassess.workspace.db) zeroes them, and `scrub` checkpoints and vacuums so nothing of a
forgotten respondent remains on disk.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ccassess.catalogs import _
from ccassess.errors import CcassessError
from ccassess.io.canonical import decode_answers
from ccassess.workspace.db import WorkspaceDatabaseError, translated


@dataclass
class Forgotten:
    respondent_id: str
    round: str
    answers: int


def delete_respondent(db: sqlite3.Connection, who: str) -> list[Forgotten]:
    """Delete every record of a respondent (by id or name) and imports left without one
    (inside a write)."""
    rows = [
        (
            row,
            respondent_id,
            round_name,
            sum(
                len(decode_answers(text))
                for (text,) in db.execute(
                    "SELECT answers FROM answers WHERE respondent = ?", (row,)
                )
            ),
        )
        for row, respondent_id, round_name in db.execute(
            """SELECT p.id, p.respondent_id, r.name FROM respondents p
               JOIN rounds r ON r.id = p.round_id
               WHERE p.respondent_id = ? OR p.name = ?""",
            (who, who),
        ).fetchall()
    ]
    if not rows:
        raise CcassessError(
            _("no respondent {who} in this workspace (looked for the id and the name)").format(
                who=repr(who)
            )
        )
    db.executemany("DELETE FROM respondents WHERE id = ?", [(row[0],) for row in rows])
    db.execute(
        "DELETE FROM imports WHERE id NOT IN (SELECT import_id FROM respondents "
        "WHERE import_id IS NOT NULL)"
    )
    return [Forgotten(row[1], row[2], row[3]) for row in rows]


def check_intact(connection: sqlite3.Connection, path: Path) -> None:
    """Refuse a damaged database before anything is deleted: `scrub` rewrites the whole
    file, and damage found half-way would leave it changed (outside a transaction)."""
    try:
        found = connection.execute("PRAGMA integrity_check(1)").fetchone()
        problem = None if found and found[0] == "ok" else str(found[0] if found else "no answer")
    except sqlite3.DatabaseError as exc:
        problem = str(exc)
    if problem is not None:
        problem = " ".join(problem.replace("*** in database main ***", "").split())
        raise WorkspaceDatabaseError(
            _(
                "{path}: the workspace database is damaged ({problem}); nothing was changed; "
                "restore it from a backup"
            ).format(path=path, problem=problem)
        )


def scrub(connection: sqlite3.Connection, path: Path) -> None:
    """Rewrite the database so deleted data is gone from the file and its WAL (outside a
    transaction)."""
    with translated(path):
        _checkpoint(connection, path)
        connection.execute("VACUUM")
        _checkpoint(connection, path)


def _checkpoint(connection: sqlite3.Connection, path: Path) -> None:
    busy = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    if busy:
        raise CcassessError(
            _(
                "{path}: another process has the workspace open, so deleted data may remain in "
                "the write-ahead log; close it and run the command again"
            ).format(path=path)
        )
