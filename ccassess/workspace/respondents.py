"""Respondents and their answers in the workspace database.

A respondent is one row in `respondents` (per round); its answers are one canonical JSON
object per module in `answers` (ccassess.io.canonical). The functions run inside the
caller's transaction (ccassess.workspace.db).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ccassess.errors import Location
from ccassess.io.canonical import decode_answers, encode_respondent
from ccassess.model.answers import Respondent
from ccassess.workspace.db import inserted_row, now

INSERT_ANSWERS = (
    "INSERT INTO answers (respondent, module_id, answers, answered) VALUES (?, ?, ?, ?)"
)


@dataclass(slots=True)
class EncodedRespondent:
    """An imported respondent ready to be written: metadata, encoded answers, hash.

    Kept instead of the validated `Respondent` while an import decides what to write: a
    hundred thousand of these fit in a fraction of the memory the answer dicts would take."""

    id: str
    perspective: str
    department: str | None
    role: str | None
    name: str | None
    encoded: dict[str, str]
    content_hash: str
    import_id: int | None = None
    #: Where it was read (file and place), for messages.
    file: str = ""
    location: Location | None = None


@dataclass
class StoredRespondent:
    row: int
    respondent: Respondent
    source: str
    complete: bool
    content_hash: str | None
    origin: str | None
    updated: str


def select_respondents(
    db: sqlite3.Connection,
    round_id: int | None = None,
    *,
    complete_only: bool = True,
    with_names: bool = True,
) -> list[StoredRespondent]:
    """The respondents of a round (of all rounds when `round_id` is None), with answers."""
    where = "WHERE 1 = 1"
    params: list[Any] = []
    if round_id is not None:
        where += " AND r.round_id = ?"
        params.append(round_id)
    if complete_only:
        where += " AND r.complete = 1"
    rows = db.execute(
        f"""SELECT r.id, r.respondent_id, r.perspective, r.department, r.role, r.name,
                   r.source, r.complete, r.content_hash, i.file, r.updated
            FROM respondents r LEFT JOIN imports i ON i.id = r.import_id
            {where} ORDER BY r.round_id, r.respondent_id""",
        params,
    ).fetchall()
    answers: dict[int, dict[str, dict[str, Any]]] = {}
    for row, module_id, encoded in db.execute(
        f"""SELECT a.respondent, a.module_id, a.answers
            FROM answers a JOIN respondents r ON r.id = a.respondent
            {where} ORDER BY a.rowid""",
        params,
    ):
        answers.setdefault(row, {})[module_id] = decode_answers(encoded)
    found = []
    for row in rows:
        respondent = Respondent(
            id=row[1],
            perspective=row[2],
            answers=answers.get(row[0], {}),
            role=row[4],
            department=row[3],
            name=row[5] if with_names else None,
            origin=row[9] or row[6],
        )
        found.append(
            StoredRespondent(row[0], respondent, row[6], bool(row[7]), row[8], row[9], row[10])
        )
    return found


def select_respondent_rows(db: sqlite3.Connection, round_id: int) -> list[tuple[Any, ...]]:
    """What a round's completed respondents are, without answers or names (the result
    cache's key): ids, perspectives, departments, roles, content hashes, origins, changes."""
    return db.execute(
        """SELECT r.respondent_id, r.perspective, r.department, r.role, r.content_hash,
                  r.source, i.file, r.updated
           FROM respondents r LEFT JOIN imports i ON i.id = r.import_id
           WHERE r.round_id = ? AND r.complete = 1 ORDER BY r.respondent_id""",
        (round_id,),
    ).fetchall()


def select_respondent_names(db: sqlite3.Connection, round_id: int) -> list[str]:
    """The names given in a round (only to remove them from open-text comments)."""
    rows = db.execute(
        """SELECT name FROM respondents
           WHERE round_id = ? AND complete = 1 AND name IS NOT NULL AND name != ''
           ORDER BY name""",
        (round_id,),
    ).fetchall()
    return [row[0] for row in rows]


def select_respondent_hashes(
    db: sqlite3.Connection, round_id: int
) -> dict[str, tuple[str | None, str, str]]:
    """{respondent id: (content hash, origin, last change)} of a round, without answers."""
    return {
        row[0]: (row[1], row[2] or row[3], row[4])
        for row in db.execute(
            """SELECT r.respondent_id, r.content_hash, i.file, r.source, r.updated
               FROM respondents r LEFT JOIN imports i ON i.id = r.import_id
               WHERE r.round_id = ?""",
            (round_id,),
        )
    }


def insert_respondent(
    db: sqlite3.Connection,
    round_id: int,
    respondent: Respondent,
    *,
    source: str,
    import_id: int | None = None,
    content_hash: str | None = None,
    complete: bool = True,
) -> int:
    """Write one respondent and its answers; returns its row."""
    stamp = now()
    cursor = db.execute(
        """INSERT INTO respondents (round_id, respondent_id, perspective, department, role,
               name, source, import_id, created, updated, content_hash, complete)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            round_id,
            respondent.id,
            respondent.perspective,
            respondent.department,
            respondent.role,
            respondent.name,
            source,
            import_id,
            stamp,
            stamp,
            content_hash,
            int(complete),
        ),
    )
    row = inserted_row(cursor)
    db.executemany(
        INSERT_ANSWERS,
        [
            (row, module_id, text, stamp)
            for module_id, text in encode_respondent(respondent.answers).items()
        ],
    )
    return row


def insert_encoded(
    db: sqlite3.Connection, round_id: int, items: Iterable[EncodedRespondent]
) -> None:
    """Insert many imported respondents at once (rows numbered here: one executemany
    per table instead of two statements per respondent)."""
    stamp = now()
    first = db.execute("SELECT coalesce(max(id), 0) + 1 FROM respondents").fetchone()[0]
    people: list[tuple[Any, ...]] = []
    answers: list[tuple[int, str, str, str]] = []
    for row, item in enumerate(items, start=first):
        people.append(
            (
                row,
                round_id,
                item.id,
                item.perspective,
                item.department,
                item.role,
                item.name,
                item.import_id,
                stamp,
                stamp,
                item.content_hash,
            )
        )
        answers.extend((row, module_id, text, stamp) for module_id, text in item.encoded.items())
    db.executemany(
        """INSERT INTO respondents (id, round_id, respondent_id, perspective, department,
               role, name, source, import_id, created, updated, content_hash, complete)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'import', ?, ?, ?, ?, 1)""",
        people,
    )
    db.executemany(INSERT_ANSWERS, answers)


def select_respondent(db: sqlite3.Connection, row: int) -> StoredRespondent:
    """One respondent by row, complete or not."""
    round_id = db.execute("SELECT round_id FROM respondents WHERE id = ?", (row,)).fetchone()[0]
    found = select_respondents(db, round_id, complete_only=False)
    return next(item for item in found if item.row == row)
