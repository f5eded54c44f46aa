"""Creating a workspace all at once: a full disk or an interruption leaves nothing behind.

The database and the config file are built as temporary files beside their targets and
moved into place at the end (the database first: it is what makes a folder a workspace, and
without its config it is removed again). What fails before that removes the temporary files
and the folders `init` made, so the folder is as it was.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from ccassess.catalogs import _
from ccassess.errors import CcassessError
from ccassess.workspace import db as database
from ccassess.workspace.config import CONFIG_FILE, DATABASE_FILE
from ccassess.workspace.db import WorkspaceDatabaseError


def create_files(folder: Path, build: Callable[[sqlite3.Connection], None], config: str) -> None:
    """Make `folder` a workspace: a database that `build` fills, and the `config` text."""
    made = _make_folders(folder)
    db_path = folder / DATABASE_FILE
    staged: list[Path] = []
    placed = False
    try:
        temporary = folder / f".{DATABASE_FILE}.{secrets.token_hex(6)}.part"
        staged.append(temporary)
        connection = database.connect(temporary, create=True)
        try:
            build(connection)
            # everything into the database file itself: only that file is moved
            with database.translated(db_path):
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            connection.close()
        staged.append(_staged_text(folder, CONFIG_FILE, config))
        os.replace(temporary, db_path)
        placed = True
        os.replace(staged[-1], folder / CONFIG_FILE)
        _sync(folder)
    except BaseException as exc:
        for path in staged:
            _remove_database(path)
        if placed:
            _remove_database(db_path)
        for path in made:
            with contextlib.suppress(OSError):
                path.rmdir()
        if isinstance(exc, WorkspaceDatabaseError | OSError):
            reason = exc.detail if isinstance(exc, WorkspaceDatabaseError) else exc.strerror
            raise CcassessError(
                _(
                    "{folder}: could not create the workspace ({reason}); no workspace was created"
                ).format(folder=folder, reason=reason or exc)
            ) from None
        raise


def _make_folders(folder: Path) -> list[Path]:
    """Create `folder` and its missing parents; return those created, innermost first."""
    missing = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        for path in missing:
            with contextlib.suppress(OSError):
                path.rmdir()
        raise CcassessError(
            _("{folder}: cannot create the folder ({reason})").format(
                folder=folder, reason=exc.strerror or exc
            )
        ) from None

    return missing


def _staged_text(folder: Path, name: str, text: str) -> Path:
    """`text` written and synced to a temporary file beside `name`."""
    handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
    except BaseException:
        _remove_database(Path(temporary))
        raise
    return Path(temporary)


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")


def _sync(folder: Path) -> None:
    """Make the renames durable (where the system allows opening a folder)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
