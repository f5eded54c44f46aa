"""The workspace: a folder with the config file and the SQLite database.

`Workspace` is the only code that reads or writes the database. It keeps rounds, the module
definitions each round was answered with, respondents and their answers, survey progress and
the import log. Writes are single transactions (see ccassess.workspace.db).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccassess.errors import CcassessError, Location, ValidationError
from ccassess.io.canonical import canonical_json, decode_answers, encode_answers, encode_respondent
from ccassess.model.answers import Respondent
from ccassess.model.questionnaire import Module
from ccassess.model.settings import AssessmentSettings
from ccassess.workspace import db as database
from ccassess.workspace.config import (
    CONFIG_FILE,
    DATABASE_FILE,
    WorkspaceConfig,
    config_text,
    has_workspace_section,
    load_config,
)
from ccassess.workspace.schema import migrate

if TYPE_CHECKING:
    from ccassess.plugin.registry import Registry

#: Environment variable naming a point where ccassess pauses (for interruption tests only).
PAUSE_ENV = "CCASSESS_TEST_PAUSE"
#: With a pause: go on once this file exists (for concurrency tests), instead of waiting to
#: be killed.
RESUME_ENV = "CCASSESS_TEST_RESUME"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


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


INSERT_ANSWERS = (
    "INSERT INTO answers (respondent, module_id, answers, answered) VALUES (?, ?, ?, ?)"
)


def definition_digest(definition: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(definition).encode("utf-8")).hexdigest()


def is_workspace(folder: Path) -> bool:
    """Whether `folder` holds a workspace (its database, or a config with `workspace:`)."""
    folder = Path(folder)
    if (folder / DATABASE_FILE).is_file():
        return True
    config = folder / CONFIG_FILE
    return config.is_file() and has_workspace_section(config)


@dataclass(frozen=True)
class Round:
    id: int
    name: str
    created: str
    note: str | None = None
    respondents: int = 0
    open_surveys: int = 0


@dataclass
class StoredModule:
    module_id: str
    version: str
    digest: str
    definition: dict[str, Any]
    plugin: str | None


@dataclass
class RoundModules:
    """The modules a round uses: rebuilt from stored definitions, or installed (not yet pinned)."""

    modules: dict[str, Module]
    plugins: dict[str, str]
    pinned: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)


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


@dataclass
class Forgotten:
    respondent_id: str
    round: str
    answers: int


class Workspace:
    """An open workspace. Use as a context manager, or call `close()`."""

    def __init__(self, folder: Path, config: WorkspaceConfig, connection: sqlite3.Connection):
        self.folder = folder
        self.config = config
        self.db = connection

    # -- opening ---------------------------------------------------------------------------

    @property
    def config_path(self) -> Path:
        return self.folder / CONFIG_FILE

    @property
    def db_path(self) -> Path:
        return self.folder / DATABASE_FILE

    @property
    def settings(self) -> AssessmentSettings:
        return self.config.settings

    @classmethod
    def open(cls, folder: str | Path) -> Workspace:
        """Open (and, when older, migrate) the workspace in `folder`."""
        folder = Path(folder)
        if not folder.is_dir():
            raise CcassessError(f"{folder}: no such folder; create a workspace with "
                                f"`ccassess init {folder}`")  # fmt: skip
        config_path = folder / CONFIG_FILE
        db_path = folder / DATABASE_FILE
        if not db_path.exists() and not config_path.exists():
            raise CcassessError(f"{folder}: not a ccassess workspace (no {CONFIG_FILE} and "
                                f"{DATABASE_FILE}); create one with `ccassess init`")  # fmt: skip
        if not config_path.exists():
            raise CcassessError(f"{config_path}: the workspace's config file is missing")
        config = load_config(config_path)
        connection = database.connect(db_path)
        try:
            migrate(connection, db_path)
        except BaseException:
            connection.close()
            raise
        return cls(folder, config, connection)

    @classmethod
    def create(
        cls,
        folder: str | Path,
        settings: AssessmentSettings,
        registry: Registry,
        first_round: str | None = None,
        *,
        replace_config: bool = False,
    ) -> Workspace:
        """Create config and database in `folder` (which may exist, but not as a workspace).

        An assessment.yaml already in the folder is only rewritten with `replace_config`
        (when the settings were read from it).
        """
        from ccassess.io.files import atomic_write_text

        folder = Path(folder)
        if is_workspace(folder) or (folder / DATABASE_FILE).exists():
            raise CcassessError(f"{folder}: is already a ccassess workspace")
        if (folder / CONFIG_FILE).exists() and not replace_config:
            raise CcassessError(f"{folder / CONFIG_FILE}: exists; use `ccassess init --from "
                                f"{folder / CONFIG_FILE} {folder}` to turn it into a "
                                "workspace")  # fmt: skip
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CcassessError(f"{folder}: cannot create the folder ({exc.strerror or exc})"
                                ) from None  # fmt: skip
        modules = registry.select(settings.modules)
        module_ids = [m.id for m in modules]
        db_path = folder / DATABASE_FILE
        connection = database.connect(db_path, create=True)
        try:
            migrate(connection, db_path)
            workspace = cls(folder, WorkspaceConfig(settings), connection)
            with database.write(connection, db_path):
                connection.execute("INSERT INTO meta (key, value) VALUES ('created', ?)",
                                   (now(),))  # fmt: skip
            workspace.new_round(registry, first_round)
            text = config_text(settings, {m.id: m.version for m in modules}, module_ids)
            atomic_write_text(folder / CONFIG_FILE, text)
            workspace.config = load_config(folder / CONFIG_FILE)
        except BaseException:
            connection.close()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
            raise
        return workspace

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write(self) -> Any:
        return database.write(self.db, self.db_path)

    def read(self) -> Any:
        return database.read(self.db, self.db_path)

    # -- rounds ----------------------------------------------------------------------------

    def rounds(self) -> list[Round]:
        with self.read() as db:
            rows = db.execute(
                """SELECT r.id, r.name, r.created, r.note,
                          (SELECT count(*) FROM respondents p WHERE p.round_id = r.id
                           AND p.complete = 1),
                          (SELECT count(*) FROM respondents p WHERE p.round_id = r.id
                           AND p.complete = 0)
                   FROM rounds r ORDER BY r.id"""
            ).fetchall()
        return [Round(*row) for row in rows]

    def round(self, name: str | None = None) -> Round:
        """A round by name; the current (latest) round when `name` is None."""
        rounds = self.rounds()
        if not rounds:
            raise CcassessError(f"{self.db_path}: the workspace has no rounds; "
                                "start one with `ccassess round new`")  # fmt: skip
        if name is None:
            return rounds[-1]
        for found in rounds:
            if found.name == name:
                return found
        names = ", ".join(r.name for r in rounds)
        raise CcassessError(f"no round {name!r} in this workspace; rounds: {names}")

    def earlier_rounds(self, current: Round) -> list[Round]:
        return [r for r in self.rounds() if r.id < current.id]

    def new_round(self, registry: Registry, name: str | None = None,
                  note: str | None = None) -> Round:  # fmt: skip
        """Start a round; it pins the installed versions of the workspace's modules."""
        modules = registry.select(self.settings.modules)
        with self.write() as db:
            count = db.execute("SELECT count(*) FROM rounds").fetchone()[0]
            if name is None:
                name = default_round_name(
                    {row[0] for row in db.execute("SELECT name FROM rounds")}, count
                )
            elif not name.strip() or len(name) > 100:
                raise CcassessError("a round name must be 1 to 100 characters")
            elif db.execute("SELECT 1 FROM rounds WHERE name = ?", (name,)).fetchone():
                raise CcassessError(f"a round named {name!r} already exists")
            cursor = db.execute("INSERT INTO rounds (name, created, note) VALUES (?, ?, ?)",
                                (name, now(), note))  # fmt: skip
            round_id = int(cursor.lastrowid)  # type: ignore[arg-type]
            self._pin(db, round_id, modules, registry)
        return self.round(name)

    # -- module definitions -----------------------------------------------------------------

    def _pin(self, db: sqlite3.Connection, round_id: int, modules: Iterable[Module],
             registry: Registry) -> None:  # fmt: skip
        """Store the definitions of modules not yet pinned in this round (inside a write)."""
        pinned = {row[0] for row in db.execute(
            "SELECT module_id FROM round_modules WHERE round_id = ?", (round_id,))}  # fmt: skip
        for module in modules:
            if module.id in pinned or not module.definition:
                continue
            digest = definition_digest(module.definition)
            entry = registry.entries.get(module.id)
            db.execute(
                """INSERT OR IGNORE INTO module_definitions
                   (module_id, version, digest, definition, plugin, stored)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                (module.id, module.version, digest, canonical_json(module.definition),
                 entry.plugin if entry else None, now()),
            )  # fmt: skip
            definition_id = db.execute("SELECT id FROM module_definitions WHERE digest = ?",
                                       (digest,)).fetchone()[0]  # fmt: skip
            db.execute("INSERT INTO round_modules (round_id, module_id, definition_id) "
                       "VALUES (?, ?, ?)", (round_id, module.id, definition_id))  # fmt: skip

    def pin(self, round_: Round, modules: Iterable[Module], registry: Registry) -> None:
        with self.write() as db:
            self._pin(db, round_.id, modules, registry)

    def stored_modules(self, round_: Round, db: sqlite3.Connection | None = None
                       ) -> dict[str, StoredModule]:  # fmt: skip
        query = """SELECT d.module_id, d.version, d.digest, d.definition, d.plugin
                   FROM round_modules m JOIN module_definitions d ON d.id = m.definition_id
                   WHERE m.round_id = ? ORDER BY m.rowid"""
        if db is None:
            with self.read() as reader:
                rows = reader.execute(query, (round_.id,)).fetchall()
        else:
            rows = db.execute(query, (round_.id,)).fetchall()
        return {row[0]: StoredModule(row[0], row[1], row[2], json.loads(row[3]), row[4])
                for row in rows}  # fmt: skip

    def round_modules(self, round_: Round, registry: Registry) -> RoundModules:
        """The round's modules, rebuilt exactly as they were answered where pinned."""
        from ccassess.definitions.loading import build_module

        stored = self.stored_modules(round_)
        wanted = list(self.settings.modules or [])
        if not wanted:
            wanted = list(dict.fromkeys([*stored, *registry.entries]))
        result = RoundModules({}, {})
        for module_id in wanted:
            entry = registry.entries.get(module_id)
            if module_id in stored:
                item = stored[module_id]
                try:
                    module = build_module(
                        item.definition,
                        registry.question_types,
                        file=f"<workspace: {module_id} {item.version}>",
                    ).module
                except ValidationError as exc:
                    raise CcassessError(
                        f"{self.db_path}: module {module_id!r} {item.version} as stored in round "
                        f"{round_.name!r} cannot be rebuilt ({exc.problems[0].message}); is "
                        "its plugin installed?") from None  # fmt: skip
                result.modules[module_id] = module
                result.plugins[module_id] = (entry.plugin if entry else None) or item.plugin or ""
                result.pinned.add(module_id)
                if entry is not None and entry.module.version != item.version:
                    result.notes.append(
                        f"module {module_id!r}: round {round_.name!r} uses version "
                        f"{item.version} as answered (installed: {entry.module.version}); "
                        "start a new round to use the installed version")  # fmt: skip
            elif entry is not None:
                result.modules[module_id] = entry.module
                result.plugins[module_id] = entry.plugin
            else:
                known = ", ".join(registry.entries) or "none"
                raise CcassessError(f"{self.config_path}: module {module_id!r} is not loaded; "
                                    f"loaded modules: {known}")  # fmt: skip
        return result

    def registry_for(self, round_: Round, registry: Registry) -> tuple[Registry, list[str]]:
        """A registry whose modules are the round's (as answered); plugins are the same."""
        from ccassess.plugin.registry import ModuleEntry, Registry

        found = self.round_modules(round_, registry)
        entries = {module_id: ModuleEntry(module, found.plugins[module_id])
                   for module_id, module in found.modules.items()}  # fmt: skip
        return Registry(registry.plugins, registry.question_types, entries), found.notes

    # -- respondents ------------------------------------------------------------------------

    def respondents(self, round_: Round | None = None, *, complete_only: bool = True,
                    with_names: bool = True) -> list[Respondent]:  # fmt: skip
        return [item.respondent for item in self.stored_respondents(
            round_, complete_only=complete_only, with_names=with_names)]  # fmt: skip

    def stored_respondents(self, round_: Round | None = None, *, complete_only: bool = True,
                           with_names: bool = True) -> list[StoredRespondent]:  # fmt: skip
        where = "WHERE 1 = 1"
        params: list[Any] = []
        if round_ is not None:
            where += " AND r.round_id = ?"
            params.append(round_.id)
        if complete_only:
            where += " AND r.complete = 1"
        with self.read() as db:
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
                id=row[1], perspective=row[2], answers=answers.get(row[0], {}),
                role=row[4], department=row[3], name=row[5] if with_names else None,
                origin=row[9] or row[6],
            )  # fmt: skip
            found.append(StoredRespondent(row[0], respondent, row[6], bool(row[7]), row[8],
                                          row[9], row[10]))  # fmt: skip
        return found

    def respondent_hashes(self, round_: Round) -> dict[str, tuple[str | None, str, str]]:
        """{respondent id: (content hash, origin, last change)} of a round, without answers."""
        with self.read() as db:
            return {row[0]: (row[1], row[2] or row[3], row[4]) for row in db.execute(
                """SELECT r.respondent_id, r.content_hash, i.file, r.source, r.updated
                   FROM respondents r LEFT JOIN imports i ON i.id = r.import_id
                   WHERE r.round_id = ?""", (round_.id,))}  # fmt: skip

    def insert_respondent(
        self,
        db: sqlite3.Connection,
        round_id: int,
        respondent: Respondent,
        *,
        source: str,
        import_id: int | None = None,
        content_hash: str | None = None,
        complete: bool = True,
    ) -> int:
        stamp = now()
        cursor = db.execute(
            """INSERT INTO respondents (round_id, respondent_id, perspective, department, role,
                   name, source, import_id, created, updated, content_hash, complete)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (round_id, respondent.id, respondent.perspective, respondent.department,
             respondent.role, respondent.name, source, import_id, stamp, stamp, content_hash,
             int(complete)),
        )  # fmt: skip
        row = int(cursor.lastrowid)  # type: ignore[arg-type]
        db.executemany(
            INSERT_ANSWERS,
            [(row, module_id, text, stamp) for module_id, text in
             encode_respondent(respondent.answers).items()],
        )  # fmt: skip
        return row

    def insert_encoded(
        self, db: sqlite3.Connection, round_id: int, items: Iterable[EncodedRespondent]
    ) -> None:
        """Insert many imported respondents at once (rows numbered here: one executemany
        per table instead of two statements per respondent)."""
        stamp = now()
        first = db.execute("SELECT coalesce(max(id), 0) + 1 FROM respondents").fetchone()[0]
        people = []
        answers = []
        for row, item in enumerate(items, start=first):
            people.append((row, round_id, item.id, item.perspective, item.department,
                           item.role, item.name, item.import_id, stamp, stamp,
                           item.content_hash))  # fmt: skip
            answers.extend((row, module_id, text, stamp) for module_id, text in
                           item.encoded.items())  # fmt: skip
        db.executemany(
            """INSERT INTO respondents (id, round_id, respondent_id, perspective, department,
                   role, name, source, import_id, created, updated, content_hash, complete)
               VALUES (?, ?, ?, ?, ?, ?, ?, 'import', ?, ?, ?, ?, 1)""",
            people,
        )
        db.executemany(
            INSERT_ANSWERS,
            answers,
        )

    def delete_respondent_row(self, db: sqlite3.Connection, row: int) -> None:
        db.execute("DELETE FROM respondents WHERE id = ?", (row,))

    # -- survey progress --------------------------------------------------------------------

    def save_answer(self, row: int, module_id: str, question_id: str, value: Any,
                    position: int) -> None:  # fmt: skip
        """Store one survey answer (None removes it) and the position, durably, at once."""
        stamp = now()
        with self.write() as db:
            found = db.execute("SELECT answers FROM answers WHERE respondent = ? AND "
                               "module_id = ?", (row, module_id)).fetchone()  # fmt: skip
            answers = decode_answers(found[0]) if found else {}
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
                db.execute("DELETE FROM answers WHERE respondent = ? AND module_id = ?",
                           (row, module_id))  # fmt: skip
            db.execute("UPDATE surveys SET position = ?, updated = ? WHERE respondent = ?",
                       (position, stamp, row))  # fmt: skip
            db.execute("UPDATE respondents SET updated = ? WHERE id = ?", (stamp, row))

    def save_position(self, row: int, position: int) -> None:
        with self.write() as db:
            db.execute("UPDATE surveys SET position = ?, updated = ? WHERE respondent = ?",
                       (position, now(), row))  # fmt: skip

    def start_survey(self, round_: Round, respondent: Respondent, lang: str,
                     modules: Sequence[Module], registry: Registry) -> int:  # fmt: skip
        """Create an unfinished survey respondent (and pin its modules); returns its row."""
        stamp = now()
        with self.write() as db:
            if db.execute("SELECT 1 FROM respondents WHERE round_id = ? AND respondent_id = ?",
                          (round_.id, respondent.id)).fetchone():  # fmt: skip
                raise CcassessError(f"respondent {respondent.id!r} is already in round "
                                    f"{round_.name!r}; continue with `ccassess survey --resume "
                                    f"{respondent.id}` or choose another --id")  # fmt: skip
            self._pin(db, round_.id, modules, registry)
            row = self.insert_respondent(db, round_.id, respondent, source="survey",
                                         complete=False)  # fmt: skip
            db.execute("INSERT INTO surveys (respondent, position, lang, modules, started, "
                       "updated) VALUES (?, 0, ?, ?, ?, ?)",
                       (row, lang, json.dumps([m.id for m in modules]), stamp, stamp))  # fmt: skip
        return row

    def open_surveys(self, round_: Round) -> list[tuple[str, int, str]]:
        """Unfinished surveys of a round: (respondent id, position, last change)."""
        with self.read() as db:
            return [tuple(row) for row in db.execute(  # type: ignore[misc]
                """SELECT p.respondent_id, s.position, s.updated FROM surveys s
                   JOIN respondents p ON p.id = s.respondent
                   WHERE p.round_id = ? AND p.complete = 0 ORDER BY s.updated""",
                (round_.id,))]  # fmt: skip

    def survey(self, round_: Round, respondent_id: str) -> tuple[int, int, str, list[str]]:
        """(row, position, language, module ids) of an unfinished survey."""
        with self.read() as db:
            row = db.execute(
                """SELECT p.id, s.position, s.lang, s.modules, p.complete FROM respondents p
                   LEFT JOIN surveys s ON s.respondent = p.id
                   WHERE p.round_id = ? AND p.respondent_id = ?""",
                (round_.id, respondent_id),
            ).fetchone()
        if row is None:
            raise CcassessError(f"no survey of respondent {respondent_id!r} in round "
                                f"{round_.name!r}")  # fmt: skip
        if row[1] is None or row[4]:
            raise CcassessError(f"the survey of respondent {respondent_id!r} is already "
                                "finished")  # fmt: skip
        return row[0], row[1], row[2], json.loads(row[3])

    def stored_respondent(self, row: int) -> StoredRespondent:
        with self.read() as db:
            round_id = db.execute("SELECT round_id FROM respondents WHERE id = ?",
                                  (row,)).fetchone()[0]  # fmt: skip
        found = [item for item in self.stored_respondents(self._round_by_id(round_id),
                                                          complete_only=False)
                 if item.row == row]  # fmt: skip
        return found[0]

    def _round_by_id(self, round_id: int) -> Round:
        return next(r for r in self.rounds() if r.id == round_id)

    def finish_survey(self, row: int, content_hash: str) -> None:
        with self.write() as db:
            db.execute("UPDATE respondents SET complete = 1, content_hash = ?, updated = ? "
                       "WHERE id = ?", (content_hash, now(), row))  # fmt: skip
            db.execute("DELETE FROM surveys WHERE respondent = ?", (row,))

    # -- privacy ----------------------------------------------------------------------------

    def forget(self, who: str) -> list[Forgotten]:
        """Delete every record of a respondent (by id or name) and scrub the database file."""
        with self.write() as db:
            rows = [(row, respondent_id, round_name, sum(
                        len(decode_answers(text)) for (text,) in db.execute(
                            "SELECT answers FROM answers WHERE respondent = ?", (row,))))
                    for row, respondent_id, round_name in db.execute(
                        """SELECT p.id, p.respondent_id, r.name FROM respondents p
                           JOIN rounds r ON r.id = p.round_id
                           WHERE p.respondent_id = ? OR p.name = ?""",
                        (who, who)).fetchall()]  # fmt: skip
            if not rows:
                raise CcassessError(f"no respondent {who!r} in this workspace (looked for the "
                                    "id and the name)")  # fmt: skip
            db.executemany("DELETE FROM respondents WHERE id = ?", [(row[0],) for row in rows])
            db.execute("DELETE FROM imports WHERE id NOT IN (SELECT import_id FROM respondents "
                       "WHERE import_id IS NOT NULL)")  # fmt: skip
        self.scrub()
        return [Forgotten(row[1], row[2], row[3]) for row in rows]

    def scrub(self) -> None:
        """Rewrite the database so deleted data is gone from the file and its WAL."""
        with database.translated(self.db_path):
            self._checkpoint()
            self.db.execute("VACUUM")
            self._checkpoint()

    def _checkpoint(self) -> None:
        busy, _, _ = self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise CcassessError(
                f"{self.db_path}: another process has the workspace open, so deleted data may "
                "remain in the write-ahead log; close it and run the command again")  # fmt: skip


def default_round_name(existing: set[str], count: int) -> str:
    """Rounds are named by month ("2026-11"); a second one in a month gets a suffix."""
    base = datetime.now(UTC).strftime("%Y-%m")
    if base not in existing:
        return base
    number = 2
    while f"{base}-{number}" in existing:
        number += 1
    return f"{base}-{number}"


def find_workspace(folder: str | Path | None = None) -> Path | None:
    """`folder` (default: the current directory) when it holds a workspace."""
    path = Path(folder) if folder is not None else Path.cwd()
    return path if is_workspace(path) else None


def open_workspace(folder: str | Path | None = None) -> Workspace:
    """Open the workspace in `folder`, or in the current directory."""
    path = Path(folder) if folder is not None else Path.cwd()
    if folder is None and not is_workspace(path):
        raise CcassessError(f"{path}: not a ccassess workspace; pass -w DIR or create one "
                            "with `ccassess init DIR`")  # fmt: skip
    return Workspace.open(path)


def respondents_by_id(items: Sequence[StoredRespondent]) -> dict[str, StoredRespondent]:
    return {item.respondent.id: item for item in items}
