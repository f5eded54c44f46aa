"""Survey progress: unfinished terminal questionnaires in the workspace database.

A survey is a respondent row marked incomplete plus a `surveys` row with the position, the
language and the modules asked. Each answer is stored as it is given, so a survey can be
resumed after an interruption. The functions run inside the caller's write transaction
(ccassess.workspace.db).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ccassess.catalogs import _
from ccassess.errors import CcassessError
from ccassess.io.canonical import decode_answers, encode_answers
from ccassess.model.answers import Respondent, normalise_id, respondent_key
from ccassess.model.questionnaire import Module
from ccassess.workspace.db import now
from ccassess.workspace.respondents import insert_respondent
from ccassess.workspace.rounds import Round, pin_definitions

if TYPE_CHECKING:
    from ccassess.plugin.registry import Registry


def insert_survey(
    db: sqlite3.Connection,
    round_: Round,
    respondent: Respondent,
    lang: str,
    modules: Sequence[Module],
    registry: Registry,
) -> int:
    """Create an unfinished survey respondent (and pin its modules); returns its row."""
    stamp = now()
    respondent.id = normalise_id(respondent.id)
    # an id spelled differently (case, Unicode form, invisible characters) is the same person
    taken = {
        respondent_key(rid)
        for (rid,) in db.execute(
            "SELECT respondent_id FROM respondents WHERE round_id = ?", (round_.id,)
        )
    }
    if respondent_key(respondent.id) in taken:
        raise CcassessError(
            _(
                "respondent {respondent} is already in round {round}; continue with "
                "`ccassess survey --resume {id}` or choose another --id"
            ).format(respondent=repr(respondent.id), round=repr(round_.name), id=respondent.id)
        )
    pin_definitions(db, round_.id, modules, registry)
    row = insert_respondent(db, round_.id, respondent, source="survey", complete=False)
    db.execute(
        "INSERT INTO surveys (respondent, position, lang, modules, started, updated) "
        "VALUES (?, 0, ?, ?, ?, ?)",
        (row, lang, json.dumps([m.id for m in modules]), stamp, stamp),
    )
    return row


def save_answer(
    db: sqlite3.Connection, row: int, module_id: str, question_id: str, value: Any, position: int
) -> None:
    """Store one survey answer (None removes it) and the position."""
    stamp = now()
    merge_answers(db, row, module_id, {question_id: value}, stamp)
    db.execute(
        "UPDATE surveys SET position = ?, updated = ? WHERE respondent = ?",
        (position, stamp, row),
    )
    db.execute("UPDATE respondents SET updated = ? WHERE id = ?", (stamp, row))


def merge_answers(
    db: sqlite3.Connection, row: int, module_id: str, changes: Mapping[str, Any], stamp: str
) -> None:
    """Change a respondent's stored answers to one module (None removes an answer); the row
    goes when no answer is left. The terminal survey stores one answer at a time, the web
    questionnaire a page."""
    found = db.execute(
        "SELECT answers FROM answers WHERE respondent = ? AND module_id = ?", (row, module_id)
    ).fetchone()
    answers = decode_answers(found[0]) if found else {}
    for question_id, value in changes.items():
        if value is None:
            answers.pop(question_id, None)
        else:
            answers[question_id] = value
    if answers:
        db.execute(
            """INSERT INTO answers (respondent, module_id, answers, answered)
               VALUES (?, ?, ?, ?)
               ON CONFLICT (respondent, module_id)
               DO UPDATE SET answers = excluded.answers, answered = excluded.answered""",
            (row, module_id, encode_answers(answers), stamp),
        )
    else:
        db.execute("DELETE FROM answers WHERE respondent = ? AND module_id = ?", (row, module_id))


def save_position(db: sqlite3.Connection, row: int, position: int) -> None:
    db.execute(
        "UPDATE surveys SET position = ?, updated = ? WHERE respondent = ?",
        (position, now(), row),
    )


def select_open_surveys(db: sqlite3.Connection, round_id: int) -> list[tuple[str, int, str]]:
    """Unfinished terminal surveys of a round: (respondent id, position, last change); the
    web questionnaire's respondents continue on their links."""
    return [
        tuple(row)
        for row in db.execute(
            """SELECT p.respondent_id, s.position, s.updated FROM surveys s
               JOIN respondents p ON p.id = s.respondent
               WHERE p.round_id = ? AND p.complete = 0 AND p.source = 'survey'
               ORDER BY s.updated, s.respondent""",
            (round_id,),
        )
    ]


def select_survey(
    db: sqlite3.Connection, round_: Round, respondent_id: str
) -> tuple[int, int, str, list[str]]:
    """(row, position, language, module ids) of an unfinished survey."""
    wanted = respondent_key(respondent_id)
    row = next(
        (
            found[:5]
            for found in db.execute(
                """SELECT p.id, s.position, s.lang, s.modules, p.complete, p.respondent_id
                   FROM respondents p LEFT JOIN surveys s ON s.respondent = p.id
                   WHERE p.round_id = ?""",
                (round_.id,),
            )
            if respondent_key(found[5]) == wanted
        ),
        None,
    )
    if row is None:
        raise CcassessError(
            _("no survey of respondent {respondent} in round {round}").format(
                respondent=repr(respondent_id), round=repr(round_.name)
            )
        )
    if row[1] is None or row[4]:
        raise CcassessError(
            _("the survey of respondent {respondent} is already finished").format(
                respondent=repr(respondent_id)
            )
        )

    return row[0], row[1], row[2], json.loads(row[3])


def finish_survey(db: sqlite3.Connection, row: int, content_hash: str) -> None:
    """Mark the respondent complete and drop its survey progress."""
    db.execute(
        "UPDATE respondents SET complete = 1, content_hash = ?, updated = ? WHERE id = ?",
        (content_hash, now(), row),
    )
    db.execute("DELETE FROM surveys WHERE respondent = ?", (row,))
