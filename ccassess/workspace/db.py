"""The workspace database: SQLite with WAL, full fsync, foreign keys and a busy timeout.

Every write runs in a transaction begun with ``BEGIN IMMEDIATE`` (the write lock is taken at
the start, so two writers queue instead of failing half-way), and a transaction either
commits completely or not at all — a process killed at any point leaves the database as it
was before. Every sqlite3 error is turned into one clear line naming the file.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from ccassess.catalogs import N_, _
from ccassess.errors import CcassessError

SQLITE_HEADER = b"SQLite format 3\x00"
#: "ccas" — marks a database as a ccassess workspace (PRAGMA application_id).
APPLICATION_ID = 0x63636173
#: How long a writer waits for another one (milliseconds); override with CCASSESS_BUSY_TIMEOUT.
BUSY_TIMEOUT_MS = 30_000
#: Environment variable naming a point where ccassess pauses (for interruption tests only).
PAUSE_ENV = "CCASSESS_TEST_PAUSE"
#: With a pause: go on once this file exists (for concurrency tests), instead of waiting to
#: be killed.
RESUME_ENV = "CCASSESS_TEST_RESUME"


class WorkspaceDatabaseError(CcassessError):
    """The workspace database cannot be used (locked, read-only, damaged, not SQLite)."""

    #: SQLite's own words, where the error came from SQLite.
    detail: str | None = None
    #: What went wrong, for code that decides by it (the message is in the user's language):
    #: "locked", "read-only", "damaged", "unopenable", "full" or "other".
    kind: str = "other"


def now() -> str:
    """The time stamp stored in rows: the day (UTC). To the second, it could match a
    respondent with the time they were in a workshop room."""
    return datetime.now(UTC).date().isoformat()


def pause_point(name: str) -> None:
    """Test hook: with CCASSESS_TEST_PAUSE=<name>, announce and wait here (to be killed, or
    until the file named by CCASSESS_TEST_RESUME exists)."""
    if os.environ.get(PAUSE_ENV) == name:
        sys.stderr.write(f"ccassess: paused at {name}\n")
        sys.stderr.flush()
        resume = os.environ.get(RESUME_ENV)
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            if resume and os.path.exists(resume):
                return
            time.sleep(0.05)


def inserted_row(cursor: sqlite3.Cursor) -> int:
    """The id of the row that an INSERT through `cursor` has just added."""
    row = cursor.lastrowid
    assert row is not None, "no INSERT through this cursor"
    return row


def busy_timeout() -> int:
    value = os.environ.get("CCASSESS_BUSY_TIMEOUT", "")
    return int(value) if value.isdigit() else BUSY_TIMEOUT_MS


def explain(path: Path, exc: sqlite3.Error) -> WorkspaceDatabaseError:
    """One line for an sqlite3 error, saying what the user can do."""
    text = str(exc)
    lower = text.lower()
    kind = "other"
    if "locked" in lower or "busy" in lower:
        kind = "locked"
        message = _(
            "{path}: the workspace database is locked by another process (an import or "
            "survey still running?); try again when it has finished"
        )
    elif "readonly" in lower or "read-only" in lower:
        kind = "read-only"
        message = _(
            "{path}: the workspace database is read-only; ccassess needs to write to it and "
            "to its folder"
        )
    elif "malformed" in lower or "not a database" in lower or "disk image" in lower:
        kind = "damaged"
        message = _(
            "{path}: the workspace database is damaged ({reason}); restore it from a backup"
        )
    elif "unable to open" in lower:
        kind = "unopenable"
        message = _(
            "{path}: the workspace database cannot be opened (does the folder exist and is it "
            "writable?)"
        )
    elif "disk is full" in lower or "disk i/o" in lower:
        kind = "full"
        message = _(
            "{path}: the workspace database could not be written ({reason}); nothing was changed"
        )
    else:
        message = _("{path}: the workspace database failed: {reason}")
    error = WorkspaceDatabaseError(message.format(path=path, reason=text))
    error.detail = text
    error.kind = kind
    return error


@contextmanager
def translated(path: Path) -> Iterator[None]:
    """Turn sqlite3 errors raised inside the block into WorkspaceDatabaseError."""
    try:
        yield
    except sqlite3.Error as exc:
        raise explain(path, exc) from None


def check_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database before sqlite3 touches it."""
    try:
        # without blocking: a named pipe in the database's place is refused, not waited for
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as stream:
            mode = os.fstat(descriptor).st_mode
            if stat.S_ISDIR(mode):
                raise IsADirectoryError(path)
            if not stat.S_ISREG(mode):
                raise WorkspaceDatabaseError(
                    _(
                        "{path}: the workspace database is {kind}, not a regular file; "
                        "ccassess reads only regular files"
                    ).format(path=path, kind=_(_special_kind(mode)))
                )
            head = stream.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        raise WorkspaceDatabaseError(
            _("{path}: the workspace database is missing").format(path=path)
        ) from None
    except IsADirectoryError:
        raise WorkspaceDatabaseError(
            _("{path}: is a folder, not a workspace database").format(path=path)
        ) from None
    except OSError as exc:
        raise WorkspaceDatabaseError(
            _("{path}: cannot read the workspace database ({reason})").format(
                path=path, reason=exc.strerror or exc
            )
        ) from None
    if head != SQLITE_HEADER:
        message = (
            _("{path}: the workspace database is empty; restore it from a backup")
            if not head
            else _(
                "{path}: the workspace database is not an SQLite database; restore it from a backup"
            )
        )
        raise WorkspaceDatabaseError(message.format(path=path))


def _special_kind(mode: int) -> str:
    """What a file that is neither regular nor a folder is (a message marked for
    translation)."""
    if stat.S_ISFIFO(mode):
        return N_("a named pipe")
    if stat.S_ISSOCK(mode):
        return N_("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return N_("a device")
    return N_("a special file")


def connect(path: Path, *, create: bool = False) -> sqlite3.Connection:
    """An autocommit connection with ccassess's pragmas (transactions are explicit)."""
    if not create:
        check_file(path)
    with translated(path):
        connection = sqlite3.connect(
            str(path),
            timeout=busy_timeout() / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        try:
            connection.execute(f"PRAGMA busy_timeout = {busy_timeout()}")
            connection.execute("PRAGMA foreign_keys = ON")
            mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise sqlite3.OperationalError(
                    _("cannot switch to WAL journal (got {mode})").format(mode=mode)
                )
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute("PRAGMA secure_delete = ON")
            # Touch the schema now: a damaged or foreign file fails here, with a clear line.
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except BaseException:
            connection.close()
            raise
    return connection


def _rollback(connection: sqlite3.Connection) -> None:
    try:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
    except sqlite3.Error:
        pass  # the transaction is gone either way; SQLite rolls back on close


@contextmanager
def _transaction(
    connection: sqlite3.Connection, path: Path, begin: str
) -> Iterator[sqlite3.Connection]:
    with translated(path):
        connection.execute(begin)
    try:
        yield connection
        connection.execute("COMMIT")
    except sqlite3.Error as exc:
        _rollback(connection)
        raise explain(path, exc) from None
    except json.JSONDecodeError:  # stored answers or definitions that are no longer JSON
        _rollback(connection)
        raise WorkspaceDatabaseError(
            _(
                "{path}: the workspace database is damaged (a stored value is not valid JSON); "
                "restore it from a backup"
            ).format(path=path)
        ) from None
    except BaseException:
        _rollback(connection)
        raise


def write(connection: sqlite3.Connection, path: Path) -> AbstractContextManager[sqlite3.Connection]:
    """A write transaction: BEGIN IMMEDIATE … COMMIT, rolled back on any exception."""
    return _transaction(connection, path, "BEGIN IMMEDIATE")


def read(connection: sqlite3.Connection, path: Path) -> AbstractContextManager[sqlite3.Connection]:
    """A read transaction: one consistent snapshot for several queries."""
    return _transaction(connection, path, "BEGIN")
