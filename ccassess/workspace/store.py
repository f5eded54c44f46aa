"""The workspace: a folder with the config file and the SQLite database.

`Workspace` is the only code that opens the database. It keeps rounds and the module
definitions each round was answered with (ccassess.workspace.rounds), respondents and their
answers (.respondents), survey progress (.surveys) and forgetting (.privacy); its methods
run those modules' functions in single transactions (see ccassess.workspace.db).
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccassess.catalogs import _
from ccassess.errors import CcassessError
from ccassess.io.files import atomic_write_bytes
from ccassess.model.answers import Respondent
from ccassess.model.questionnaire import Module
from ccassess.model.settings import AssessmentSettings
from ccassess.plugin.registry import ModuleEntry, Registry
from ccassess.scoring.privacy import FigureKey, Release
from ccassess.workspace import db as database
from ccassess.workspace import privacy, releases, surveys
from ccassess.workspace.config import (
    CONFIG_FILE,
    DATABASE_FILE,
    RESULT_CACHE_FILE,
    WorkspaceConfig,
    config_text,
    has_workspace_section,
    load_config,
)
from ccassess.workspace.creation import create_files
from ccassess.workspace.db import now
from ccassess.workspace.privacy import Forgotten
from ccassess.workspace.respondents import (
    StoredRespondent,
    select_respondent,
    select_respondent_hashes,
    select_respondent_names,
    select_respondent_rows,
    select_respondents,
)
from ccassess.workspace.rounds import (
    Round,
    RoundModules,
    StoredModule,
    insert_round,
    pin_definitions,
    rebuild_round_modules,
    select_rounds,
    select_stored_modules,
)
from ccassess.workspace.schema import inspect, migrate

if TYPE_CHECKING:
    from ccassess.plugin.registry import Registry


def is_workspace(folder: Path) -> bool:
    """Whether `folder` holds a workspace (its database, or a config with `workspace:`)."""
    folder = Path(folder)
    if (folder / DATABASE_FILE).is_file():
        return True
    config = folder / CONFIG_FILE
    return config.is_file() and has_workspace_section(config)


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
            raise CcassessError(
                _(
                    "{folder}: no such folder; create a workspace with `ccassess init {folder}`"
                ).format(folder=folder)
            )
        config_path = folder / CONFIG_FILE
        db_path = folder / DATABASE_FILE
        if not db_path.exists() and not config_path.exists():
            raise CcassessError(
                _(
                    "{folder}: not a ccassess workspace (no {config} and {database}); create "
                    "one with `ccassess init`"
                ).format(folder=folder, config=CONFIG_FILE, database=DATABASE_FILE)
            )
        if not config_path.exists():
            raise CcassessError(
                _("{file}: the workspace's config file is missing").format(file=config_path)
            )
        config = load_config(config_path)
        inspect(db_path)  # read-only: nothing is changed in a file that is not a workspace
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
        folder = Path(folder)
        if is_workspace(folder) or (folder / DATABASE_FILE).exists():
            raise CcassessError(
                _("{folder}: is already a ccassess workspace").format(folder=folder)
            )
        if (folder / CONFIG_FILE).exists() and not replace_config:
            raise CcassessError(
                _(
                    "{file}: exists; use `ccassess init --from {file} {folder}` to turn it "
                    "into a workspace"
                ).format(file=folder / CONFIG_FILE, folder=folder)
            )
        modules = registry.select(settings.modules)
        db_path = folder / DATABASE_FILE
        settings, logo = _bring_logo(settings)

        def build(connection: sqlite3.Connection) -> None:
            if logo is not None and settings.logo:  # the folder exists now
                atomic_write_bytes(folder / settings.logo, logo)
            migrate(connection, db_path)
            workspace = cls(folder, WorkspaceConfig(settings), connection)
            with database.write(connection, db_path):
                connection.execute("INSERT INTO meta (key, value) VALUES ('created', ?)", (now(),))
            workspace.new_round(registry, first_round)

        text = config_text(settings, {m.id: m.version for m in modules}, [m.id for m in modules])
        create_files(folder, build, text)
        workspace = cls.open(folder)
        return workspace

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write(self) -> AbstractContextManager[sqlite3.Connection]:
        return database.write(self.db, self.db_path)

    def read(self) -> AbstractContextManager[sqlite3.Connection]:
        return database.read(self.db, self.db_path)

    # -- rounds and their module definitions -----------------------------------------------

    def rounds(self) -> list[Round]:
        with self.read() as db:
            return select_rounds(db)

    def round(self, name: str | None = None) -> Round:
        """A round by name; the current (latest) round when `name` is None."""
        rounds = self.rounds()
        if not rounds:
            raise CcassessError(
                _(
                    "{file}: the workspace has no rounds; start one with `ccassess round new`"
                ).format(file=self.db_path)
            )
        if name is None:
            return rounds[-1]
        for found in rounds:
            if found.name == name:
                return found
        names = ", ".join(r.name for r in rounds)
        raise CcassessError(
            _("no round {name} in this workspace; rounds: {names}").format(
                name=repr(name), names=names
            )
        )

    def earlier_rounds(self, current: Round) -> list[Round]:
        return [r for r in self.rounds() if r.id < current.id]

    def new_round(
        self, registry: Registry, name: str | None = None, note: str | None = None
    ) -> Round:
        """Start a round; it pins the installed versions of the workspace's modules."""
        modules = registry.select(self.settings.modules)
        with self.write() as db:
            round_id, name = insert_round(db, name, note)
            pin_definitions(db, round_id, modules, registry)
        return self.round(name)

    def pin(self, round_: Round, modules: Iterable[Module], registry: Registry) -> None:
        with self.write() as db:
            pin_definitions(db, round_.id, modules, registry)

    def stored_modules(self, round_: Round) -> dict[str, StoredModule]:
        with self.read() as db:
            return select_stored_modules(db, round_.id)

    def round_modules(self, round_: Round, registry: Registry) -> RoundModules:
        """The round's modules, rebuilt exactly as they were answered where pinned."""
        return rebuild_round_modules(
            round_,
            self.stored_modules(round_),
            list(self.settings.modules or []),
            registry,
            db_path=self.db_path,
            config_path=self.config_path,
        )

    def registry_for(self, round_: Round, registry: Registry) -> tuple[Registry, list[str]]:
        """A registry whose modules are the round's (as answered); plugins are the same."""
        found = self.round_modules(round_, registry)
        entries = {
            module_id: ModuleEntry(module, found.plugins[module_id])
            for module_id, module in found.modules.items()
        }
        return Registry(registry.plugins, registry.question_types, entries), found.notes

    # -- respondents ------------------------------------------------------------------------

    def respondents(
        self, round_: Round | None = None, *, complete_only: bool = True, with_names: bool = True
    ) -> list[Respondent]:
        return [
            item.respondent
            for item in self.stored_respondents(
                round_, complete_only=complete_only, with_names=with_names
            )
        ]

    def stored_respondents(
        self, round_: Round | None = None, *, complete_only: bool = True, with_names: bool = True
    ) -> list[StoredRespondent]:
        with self.read() as db:
            return select_respondents(
                db,
                None if round_ is None else round_.id,
                complete_only=complete_only,
                with_names=with_names,
            )

    def respondent_rows(self, round_: Round) -> list[tuple[Any, ...]]:
        """A round's completed respondents without answers or names (the result cache's key)."""
        with self.read() as db:
            return select_respondent_rows(db, round_.id)

    def respondent_names(self, round_: Round) -> list[str]:
        """The names given in a round, without anything else (open-text comments drop them)."""
        with self.read() as db:
            return select_respondent_names(db, round_.id)

    def stored_respondent(self, row: int) -> StoredRespondent:
        with self.read() as db:
            return select_respondent(db, row)

    def respondent_hashes(self, round_: Round) -> dict[str, tuple[str | None, str, str]]:
        """{respondent id: (content hash, origin, last change)} of a round, without answers."""
        with self.read() as db:
            return select_respondent_hashes(db, round_.id)

    # -- survey progress --------------------------------------------------------------------

    def start_survey(
        self,
        round_: Round,
        respondent: Respondent,
        lang: str,
        modules: Sequence[Module],
        registry: Registry,
    ) -> int:
        """Create an unfinished survey respondent (and pin its modules); returns its row."""
        with self.write() as db:
            return surveys.insert_survey(db, round_, respondent, lang, modules, registry)

    def save_answer(
        self, row: int, module_id: str, question_id: str, value: Any, position: int
    ) -> None:
        """Store one survey answer (None removes it) and the position, durably, at once."""
        with self.write() as db:
            surveys.save_answer(db, row, module_id, question_id, value, position)

    def save_position(self, row: int, position: int) -> None:
        with self.write() as db:
            surveys.save_position(db, row, position)

    def open_surveys(self, round_: Round) -> list[tuple[str, int, str]]:
        """Unfinished surveys of a round: (respondent id, position, last change)."""
        with self.read() as db:
            return surveys.select_open_surveys(db, round_.id)

    def survey(self, round_: Round, respondent_id: str) -> tuple[int, int, str, list[str]]:
        """(row, position, language, module ids) of an unfinished survey."""
        with self.read() as db:
            return surveys.select_survey(db, round_, respondent_id)

    def finish_survey(self, row: int, content_hash: str) -> None:
        with self.write() as db:
            surveys.finish_survey(db, row, content_hash)

    # -- privacy ----------------------------------------------------------------------------

    def releases(self, round_: Round) -> tuple[str, list[Release]]:
        """The fingerprint salt and the round's reports rendered for sharing, oldest first."""
        with self.read() as db:
            salt = releases.release_salt(db)
            found = releases.select_releases(db, round_.id)
        if salt is None:  # a workspace made before schema 4 always has one; just in case
            with self.write() as db:
                salt = releases.ensure_salt(db)
        return salt, found + releases.pending_releases(self.folder, round_.name)

    def release_texts(self, round_: Round) -> tuple[str | None, set[str]]:
        """The fingerprint salt and the distinct recorded texts of the round's shared reports."""
        with self.read() as db:
            salt = releases.release_salt(db)
            return salt, releases.release_texts(db, self.folder, round_.id, round_.name)

    def record_release(
        self, round_: Round, groups: Mapping[FigureKey, frozenset[str]], accepted: int = 0
    ) -> None:
        """Remember who is behind each figure group of a report rendered for sharing; never
        waits for another process's write (the record waits in a file then)."""
        text = releases.encode_groups(groups)
        self.db.execute("PRAGMA busy_timeout = 200")
        try:
            with self.write() as db:
                releases.insert_release(db, round_.id, text, accepted)
                pending = releases.pending_records(self.folder)
                names = {r.name: r.id for r in select_rounds(db)}
                for _path, record in pending:
                    if record["round"] in names:
                        releases.insert_release(
                            db,
                            names[record["round"]],
                            str(record["groups"]),
                            int(record["accepted"]),
                            str(record["day"]),
                        )
        except database.WorkspaceDatabaseError as exc:
            if exc.kind not in ("locked", "read-only"):
                raise
            releases.write_pending(self.folder, round_.name, text, accepted)
            return
        finally:
            self.db.execute(f"PRAGMA busy_timeout = {database.busy_timeout()}")
        for path, _record in pending:
            path.unlink(missing_ok=True)

    def forget(self, who: str) -> list[Forgotten]:
        """Delete every record of a respondent (by id or name) and scrub the database file."""
        privacy.check_intact(self.db, self.db_path)
        with self.write() as db:
            forgotten = privacy.delete_respondent(db, who)
        # the kept results may hold the respondent's answers (appendix)
        for kept in self.folder.glob(f"{RESULT_CACHE_FILE}*"):
            kept.unlink(missing_ok=True)
        privacy.scrub(self.db, self.db_path)
        return forgotten


def _bring_logo(settings: AssessmentSettings) -> tuple[AssessmentSettings, bytes | None]:
    """The client's logo to copy into the workspace (a workspace's `logo:` must name a file
    inside it, ccassess.definitions.settings), wherever the assessment file had it."""
    if not settings.logo:
        return settings, None
    source = Path(settings.logo)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise CcassessError(
            _("{file}: cannot read the logo ({reason})").format(
                file=source, reason=exc.strerror or exc
            )
        ) from None
    return dataclasses.replace(settings, logo=f"logo{source.suffix.lower()}"), data


def find_workspace(folder: str | Path | None = None) -> Path | None:
    """`folder` (default: the current directory) when it holds a workspace."""
    path = Path(folder) if folder is not None else Path.cwd()
    return path if is_workspace(path) else None


def open_workspace(folder: str | Path | None = None) -> Workspace:
    """Open the workspace in `folder`, or in the current directory."""
    path = Path(folder) if folder is not None else Path.cwd()
    if folder is None and not is_workspace(path):
        raise CcassessError(
            _(
                "{folder}: not a ccassess workspace; pass -w DIR or create one with "
                "`ccassess init DIR`"
            ).format(folder=path)
        )

    return Workspace.open(path)
