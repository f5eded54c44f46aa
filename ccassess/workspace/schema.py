"""The workspace schema and its migrations.

The schema version lives in the database header (``PRAGMA user_version``). Opening a
workspace migrates an older schema step by step inside one transaction — all steps or none —
and refuses a newer one with a message saying to upgrade ccassess.

Version history:
1. rounds, module definitions as answered, respondents, answers, the import log.
2. survey progress (resumable terminal questionnaires), a content hash per respondent (to
   recognise re-imported sheets) and a completeness flag.
3. answers stored per respondent and module as one JSON object (question id → answer)
   instead of one row per answer: an import of 100,000 respondents writes 100,000 rows, not
   two million, and reading a round back parses one object per module. The index of
   respondent ids alone is dropped (never used by a query; every import paid for it).
4. the record of reports rendered for sharing (`releases`: per round, the salted
   fingerprints of the people behind each figure group, against differencing), and time
   stamps kept to the day: the ones stored before are cut to their day (to the second, they
   could match a respondent with the time they were in a workshop room).
5. respondents may also be `key_figures`: the company figures a consultant or controller
   enters once per round. Only the table's CHECK constraint changes (it admits one more
   value), so the stored table definition is edited in place, as SQLite documents for such
   changes; no row is touched.
6. invitations to the web questionnaire (`ccassess invite`, `ccassess serve`): only the
   SHA-256 hash of each link's token is stored; a round can be closed to the web.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ccassess.catalogs import _
from ccassess.importers.batch import content_hash
from ccassess.io.canonical import encode_answers
from ccassess.model.answers import Respondent
from ccassess.workspace.db import (
    APPLICATION_ID,
    WorkspaceDatabaseError,
    check_file,
    translated,
    write,
)

SCHEMA_VERSION = 6


def _run(db: sqlite3.Connection, script: str) -> None:
    """Run statements one by one (``executescript`` would commit the open transaction)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _version_1(db: sqlite3.Connection) -> None:
    _run(
        db,
        """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE rounds (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created TEXT NOT NULL,
            note TEXT
        );
        CREATE TABLE module_definitions (
            id INTEGER PRIMARY KEY,
            module_id TEXT NOT NULL,
            version TEXT NOT NULL,
            digest TEXT NOT NULL UNIQUE,
            definition TEXT NOT NULL,
            plugin TEXT,
            stored TEXT NOT NULL
        );
        CREATE TABLE round_modules (
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            module_id TEXT NOT NULL,
            definition_id INTEGER NOT NULL REFERENCES module_definitions(id),
            PRIMARY KEY (round_id, module_id)
        );
        CREATE TABLE imports (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            file TEXT NOT NULL,
            imported TEXT NOT NULL
        );
        CREATE TABLE respondents (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            respondent_id TEXT NOT NULL,
            perspective TEXT NOT NULL CHECK (perspective IN ('internal', 'customer')),
            department TEXT,
            role TEXT,
            name TEXT,
            source TEXT NOT NULL,
            import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            UNIQUE (round_id, respondent_id)
        );
        CREATE TABLE answers (
            respondent INTEGER NOT NULL REFERENCES respondents(id) ON DELETE CASCADE,
            module_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            value TEXT NOT NULL,
            answered TEXT NOT NULL,
            PRIMARY KEY (respondent, module_id, question_id)
        );
        """,
    )


def _version_2(db: sqlite3.Connection) -> None:
    _run(
        db,
        """
        ALTER TABLE respondents ADD COLUMN content_hash TEXT;
        ALTER TABLE respondents ADD COLUMN complete INTEGER NOT NULL DEFAULT 1;
        CREATE TABLE surveys (
            respondent INTEGER PRIMARY KEY REFERENCES respondents(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            lang TEXT NOT NULL,
            modules TEXT NOT NULL,
            started TEXT NOT NULL,
            updated TEXT NOT NULL
        );
        CREATE INDEX respondents_by_id ON respondents(respondent_id);
        CREATE INDEX answers_by_module ON answers(module_id);
        """,
    )
    # Imported respondents get their content hash, so re-imports are recognised after upgrade.
    rows = db.execute(
        "SELECT id, respondent_id, perspective, department, role, name FROM respondents"
    ).fetchall()
    for row_id, respondent_id, perspective, department, role, name in rows:
        answers: dict[str, dict[str, object]] = {}
        for module_id, question_id, value in db.execute(
            "SELECT module_id, question_id, value FROM answers WHERE respondent = ?", (row_id,)
        ):
            answers.setdefault(module_id, {})[question_id] = json.loads(value)
        respondent = Respondent(respondent_id, perspective, answers, role, department, name)
        db.execute(
            "UPDATE respondents SET content_hash = ? WHERE id = ?",
            (content_hash(respondent), row_id),
        )


def _version_3(db: sqlite3.Connection) -> None:
    _run(
        db,
        """
        ALTER TABLE answers RENAME TO answers_v2;
        CREATE TABLE answers (
            respondent INTEGER NOT NULL REFERENCES respondents(id) ON DELETE CASCADE,
            module_id TEXT NOT NULL,
            answers TEXT NOT NULL,
            answered TEXT NOT NULL,
            PRIMARY KEY (respondent, module_id)
        )
        """,
    )
    grouped: dict[tuple[int, str], tuple[dict[str, object], str]] = {}
    for respondent, module_id, question_id, value, answered in db.execute(
        "SELECT respondent, module_id, question_id, value, answered FROM answers_v2 ORDER BY rowid"
    ):
        answers, latest = grouped.setdefault((respondent, module_id), ({}, answered))
        answers[question_id] = json.loads(value)
        grouped[(respondent, module_id)] = (answers, max(latest, answered))
    db.executemany(
        "INSERT INTO answers (respondent, module_id, answers, answered) VALUES (?, ?, ?, ?)",
        [
            (row, module_id, encode_answers(answers), answered)
            for (row, module_id), (answers, answered) in grouped.items()
        ],
    )
    # Lookups by id alone scan (forget matches id or name); the index only slowed imports.
    _run(db, "DROP TABLE answers_v2; DROP INDEX respondents_by_id")


#: Every stored time stamp (table, column): kept to the day from version 4 on.
TIME_STAMPS = (
    ("meta", "value"),
    ("rounds", "created"),
    ("module_definitions", "stored"),
    ("imports", "imported"),
    ("respondents", "created"),
    ("respondents", "updated"),
    ("answers", "answered"),
    ("surveys", "started"),
    ("surveys", "updated"),
)


def _version_4(db: sqlite3.Connection) -> None:
    _run(
        db,
        """
        CREATE TABLE releases (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            accepted INTEGER NOT NULL DEFAULT 0,
            groups TEXT NOT NULL
        )
        """,
    )
    db.execute(
        "INSERT OR IGNORE INTO meta (key, value) VALUES ('release_salt', ?)",
        (secrets.token_hex(16),),
    )
    for table, column in TIME_STAMPS:
        where = " WHERE key = 'created'" if table == "meta" else ""
        db.execute(f"UPDATE {table} SET {column} = substr({column}, 1, 10){where}")
    # The content hash leaves the name out from now on (an export without names is the same
    # respondent when imported again): hash every respondent again.
    answers: dict[int, dict[str, Any]] = {}
    for row, module_id, text in db.execute("SELECT respondent, module_id, answers FROM answers"):
        answers.setdefault(row, {})[module_id] = json.loads(text)
    people = db.execute(
        "SELECT id, respondent_id, perspective, department, role FROM respondents"
    ).fetchall()
    for row, respondent_id, perspective, department, role in people:
        respondent = Respondent(
            respondent_id, perspective, answers.get(row, {}), role, department, None
        )
        db.execute(
            "UPDATE respondents SET content_hash = ? WHERE id = ?",
            (content_hash(respondent), row),
        )


_PERSPECTIVES_V1 = "CHECK (perspective IN ('internal', 'customer'))"
_PERSPECTIVES_V5 = "CHECK (perspective IN ('internal', 'customer', 'key_figures'))"


def _version_5(db: sqlite3.Connection) -> None:
    (sql,) = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'respondents'"
    ).fetchone()
    if _PERSPECTIVES_V1 not in sql:
        raise WorkspaceDatabaseError(_("the respondents table has an unexpected definition"))
    (version,) = db.execute("PRAGMA schema_version").fetchone()
    db.execute("PRAGMA writable_schema = ON")
    db.execute(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'respondents'",
        (sql.replace(_PERSPECTIVES_V1, _PERSPECTIVES_V5),),
    )
    db.execute(f"PRAGMA schema_version = {int(version) + 1}")
    db.execute("PRAGMA writable_schema = OFF")


def _version_6(db: sqlite3.Connection) -> None:
    _run(
        db,
        """
        CREATE TABLE invitations (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            token_hash TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('personal', 'workshop', 'visit')),
            perspective TEXT NOT NULL CHECK (perspective IN ('internal', 'customer')),
            department TEXT,
            respondent INTEGER REFERENCES respondents(id) ON DELETE SET NULL,
            created TEXT NOT NULL,
            used TEXT
        );
        CREATE INDEX invitations_by_round ON invitations(round_id);
        ALTER TABLE rounds ADD COLUMN closed TEXT
        """,
    )


MIGRATIONS: list[tuple[int, Callable[[sqlite3.Connection], None]]] = [
    (1, _version_1),
    (2, _version_2),
    (3, _version_3),
    (4, _version_4),
    (5, _version_5),
    (6, _version_6),
]


def schema_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def check_version(db: sqlite3.Connection, path: Path) -> int:
    """The database's schema version; refuse newer schemas and foreign databases."""
    version = schema_version(db)
    if version > SCHEMA_VERSION:
        raise WorkspaceDatabaseError(
            _(
                "{path}: this workspace was written by a newer ccassess (schema version "
                "{version}; this ccassess reads up to {supported}); upgrade ccassess to open it"
            ).format(path=path, version=version, supported=SCHEMA_VERSION)
        )
    application = int(db.execute("PRAGMA application_id").fetchone()[0])
    tables = db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    if application not in (0, APPLICATION_ID) or (application == 0 and tables and version == 0):
        raise WorkspaceDatabaseError(
            _("{path}: an SQLite database, but not a ccassess workspace").format(path=path)
        )
    return version


#: The tables each schema version has (a database without them is not a workspace).
TABLES = {
    1: {"meta", "rounds", "module_definitions", "round_modules", "imports", "respondents"}
    | {"answers"},
}
TABLES[2] = TABLES[3] = TABLES[1] | {"surveys"}
TABLES[4] = TABLES[5] = TABLES[3] | {"releases"}
TABLES[6] = TABLES[5] | {"invitations"}


def inspect(path: Path) -> int:
    """The schema version of the existing workspace database at `path`, read without
    changing anything; a file that is not a ccassess workspace of a schema this ccassess
    knows is refused before anything can write to it.

    The file is opened read-only. Without a write-ahead log beside it the whole database is
    in the file, and it is opened as immutable, so that not even an empty log or index is
    created beside another application's database.
    """
    check_file(path)
    immutable = not Path(f"{path}-wal").exists()
    uri = path.resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")
    with translated(path):
        connection = sqlite3.connect(uri, uri=True)
        try:
            version = check_version(connection, path)
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        finally:
            connection.close()
    if version not in TABLES or not TABLES[version] <= tables:
        raise WorkspaceDatabaseError(
            _("{path}: an SQLite database, but not a ccassess workspace").format(path=path)
        )
    return version


def migrate(db: sqlite3.Connection, path: Path, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema to `target` in one transaction; returns the version found before."""
    found = check_version(db, path)
    if found >= target:
        return found
    with write(db, path):
        found = check_version(db, path)  # another process may have migrated meanwhile
        for number, step in MIGRATIONS:
            if found < number <= target:
                step(db)
        db.execute(f"PRAGMA user_version = {int(target)}")
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    return found
