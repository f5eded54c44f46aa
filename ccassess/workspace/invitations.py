"""Invitations to the web questionnaire and the web respondents' progress.

A link's token is random (`secrets.token_urlsafe(24)`: 192 bits) and only its SHA-256 hash
is stored, so the database alone opens no questionnaire. Kinds: `personal` (one respondent,
single use), `workshop` (one link per department; every visit starts a new respondent, who
continues on a `visit` link of their own). A web respondent is an unfinished respondent row
plus a `surveys` row (ccassess.workspace.surveys) whose position is the page reached; a page
of answers is written in one transaction. The functions run inside the caller's transaction.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ccassess.io.canonical import decode_answers
from ccassess.model.answers import Respondent
from ccassess.workspace.db import now
from ccassess.workspace.surveys import merge_answers

#: 24 random bytes: 192 bits, well above the 128 the issue asks for.
TOKEN_BYTES = 24


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


@dataclass(frozen=True)
class Invitation:
    row: int
    round_id: int
    kind: str
    perspective: str
    department: str | None
    respondent: int | None
    used: str | None


def insert_invitation(
    db: sqlite3.Connection,
    round_id: int,
    kind: str,
    perspective: str,
    department: str | None,
    respondent: int | None = None,
    token: str | None = None,
) -> str:
    """A new invitation; returns its token (the only time it is seen)."""
    token = token or new_token()
    db.execute(
        """INSERT INTO invitations (round_id, token_hash, kind, perspective, department,
               respondent, created) VALUES (?, ?, ?, ?, ?, ?, ?)""",
        (round_id, token_hash(token), kind, perspective, department, respondent, now()),
    )
    return token


def find_invitation(db: sqlite3.Connection, token: str) -> Invitation | None:
    found = db.execute(
        """SELECT id, round_id, kind, perspective, department, respondent, used
           FROM invitations WHERE token_hash = ?""",
        (token_hash(token),),
    ).fetchone()
    return None if found is None else Invitation(*found)


def respondent_of(db: sqlite3.Connection, invitation: int) -> int | None:
    found = db.execute("SELECT respondent FROM invitations WHERE id = ?", (invitation,)).fetchone()
    return None if found is None else found[0]


def mark_web(db: sqlite3.Connection, respondent: int) -> None:
    """A survey respondent who answers in the browser (not resumed in the terminal)."""
    db.execute("UPDATE respondents SET source = 'web' WHERE id = ?", (respondent,))


def attach_respondent(db: sqlite3.Connection, invitation: int, respondent: int) -> None:
    db.execute("UPDATE invitations SET respondent = ? WHERE id = ?", (respondent, invitation))


def mark_used(db: sqlite3.Connection, invitation: int) -> None:
    db.execute("UPDATE invitations SET used = ? WHERE id = ?", (now(), invitation))


def survey_state(db: sqlite3.Connection, respondent: int) -> tuple[int, str, str, bool] | None:
    """(position, language, module ids as JSON, complete) of a web respondent."""
    found = db.execute(
        """SELECT s.position, s.lang, s.modules, p.complete FROM respondents p
           JOIN surveys s ON s.respondent = p.id WHERE p.id = ?""",
        (respondent,),
    ).fetchone()
    return None if found is None else (found[0], found[1], found[2], bool(found[3]))


def web_respondent(db: sqlite3.Connection, respondent: int) -> Respondent:
    """One respondent and their answers, read by row alone (a page load must not read the
    whole round)."""
    found = db.execute(
        "SELECT respondent_id, perspective, department FROM respondents WHERE id = ?",
        (respondent,),
    ).fetchone()
    answers = {
        module_id: decode_answers(text)
        for module_id, text in db.execute(
            "SELECT module_id, answers FROM answers WHERE respondent = ?", (respondent,)
        )
    }
    return Respondent(found[0], found[1], answers, None, found[2])


def save_page(
    db: sqlite3.Connection,
    respondent: int,
    module_id: str,
    answers: Mapping[str, Any],
    position: int,
) -> None:
    """Store one page's answers (None removes an answer) and the page reached."""
    stamp = now()
    merge_answers(db, respondent, module_id, answers, stamp)
    set_position(db, respondent, position, stamp)


def set_position(
    db: sqlite3.Connection, respondent: int, position: int, stamp: str | None = None
) -> None:
    stamp = stamp or now()
    db.execute(
        "UPDATE surveys SET position = ?, updated = ? WHERE respondent = ?",
        (position, stamp, respondent),
    )
    db.execute("UPDATE respondents SET updated = ? WHERE id = ?", (stamp, respondent))


def set_language(db: sqlite3.Connection, respondent: int, lang: str) -> None:
    db.execute("UPDATE surveys SET lang = ? WHERE respondent = ?", (lang, respondent))


def round_closed(db: sqlite3.Connection, round_id: int) -> bool:
    found = db.execute("SELECT closed FROM rounds WHERE id = ?", (round_id,)).fetchone()
    return bool(found and found[0])


def set_round_closed(db: sqlite3.Connection, round_id: int, closed: bool) -> None:
    db.execute("UPDATE rounds SET closed = ? WHERE id = ?", (now() if closed else None, round_id))


@dataclass(frozen=True)
class Progress:
    """Web respondents of one group (perspective, department): started and completed."""

    perspective: str
    department: str | None
    started: int
    completed: int


def web_progress(db: sqlite3.Connection, round_id: int) -> list[Progress]:
    """Counts only: who answered what is never read here."""
    rows = db.execute(
        """SELECT i.perspective, i.department, count(p.id), coalesce(sum(p.complete), 0)
           FROM invitations i JOIN respondents p ON p.id = i.respondent
           WHERE i.round_id = ? AND i.kind != 'workshop'
           GROUP BY i.perspective, i.department ORDER BY i.perspective, i.department""",
        (round_id,),
    ).fetchall()
    return [Progress(*row) for row in rows]


def invited_counts(db: sqlite3.Connection, round_id: int) -> dict[tuple[str, str | None], int]:
    """Personal invitations per (perspective, department)."""
    return {
        (perspective, department): count
        for perspective, department, count in db.execute(
            """SELECT perspective, department, count(*) FROM invitations
               WHERE round_id = ? AND kind = 'personal' GROUP BY perspective, department""",
            (round_id,),
        )
    }


def secret(db: sqlite3.Connection, key: str) -> str:
    """A random secret kept in the workspace (the server's CSRF key survives restarts)."""
    db.execute(
        "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (key, secrets.token_hex(32))
    )
    return str(db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()[0])
