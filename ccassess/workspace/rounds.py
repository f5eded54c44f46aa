"""Rounds and the module definitions pinned to them.

A round is one pass of an assessment ("2026-11"). The first time a module is answered in a
round, its definition is stored (once per digest, in `module_definitions`) and pinned to the
round (`round_modules`), so a round is always scored with the questions it was answered with,
whatever is installed later. The functions taking a connection run inside the caller's
transaction (ccassess.workspace.db).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccassess.catalogs import _
from ccassess.definitions.loading import build_module
from ccassess.errors import CcassessError, ValidationError
from ccassess.io.canonical import canonical_json
from ccassess.model.questionnaire import Module
from ccassess.workspace.config import DATABASE_FILE
from ccassess.workspace.db import inserted_row, now

if TYPE_CHECKING:
    from ccassess.plugin.registry import Registry


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


def definition_digest(definition: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(definition).encode("utf-8")).hexdigest()


def default_round_name(existing: set[str], count: int) -> str:
    """Rounds are named by month ("2026-11"); a second one in a month gets a suffix."""
    base = datetime.now(UTC).strftime("%Y-%m")
    if base not in existing:
        return base
    number = 2
    while f"{base}-{number}" in existing:
        number += 1
    return f"{base}-{number}"


def select_rounds(db: sqlite3.Connection) -> list[Round]:
    """Every round, oldest first, with its complete respondents and open surveys counted."""
    rows = db.execute(
        """SELECT r.id, r.name, r.created, r.note,
                  (SELECT count(*) FROM respondents p WHERE p.round_id = r.id
                   AND p.complete = 1),
                  (SELECT count(*) FROM respondents p WHERE p.round_id = r.id
                   AND p.complete = 0)
           FROM rounds r ORDER BY r.id"""
    ).fetchall()
    return [Round(*row) for row in rows]


def insert_round(db: sqlite3.Connection, name: str | None, note: str | None) -> tuple[int, str]:
    """Add a round (named by month when `name` is None); returns its id and name."""
    count = db.execute("SELECT count(*) FROM rounds").fetchone()[0]
    if name is None:
        name = default_round_name({row[0] for row in db.execute("SELECT name FROM rounds")}, count)
    elif not name.strip() or len(name) > 100:
        raise CcassessError(_("a round name must be 1 to 100 characters"))
    elif db.execute("SELECT 1 FROM rounds WHERE name = ?", (name,)).fetchone():
        raise CcassessError(_("a round named {name} already exists").format(name=repr(name)))
    cursor = db.execute(
        "INSERT INTO rounds (name, created, note) VALUES (?, ?, ?)", (name, now(), note)
    )
    return inserted_row(cursor), name


def pin_definitions(
    db: sqlite3.Connection, round_id: int, modules: Iterable[Module], registry: Registry
) -> None:
    """Store the definitions of modules not yet pinned in this round (inside a write)."""
    pinned = {
        row[0]
        for row in db.execute("SELECT module_id FROM round_modules WHERE round_id = ?", (round_id,))
    }
    for module in modules:
        if module.id in pinned or not module.definition:
            continue
        digest = definition_digest(module.definition)
        entry = registry.entries.get(module.id)
        db.execute(
            """INSERT OR IGNORE INTO module_definitions
               (module_id, version, digest, definition, plugin, stored)
               VALUES (?, ?, ?, ?, ?, ?)""",
            (
                module.id,
                module.version,
                digest,
                canonical_json(module.definition),
                entry.plugin if entry else None,
                now(),
            ),
        )
        definition_id = db.execute(
            "SELECT id FROM module_definitions WHERE digest = ?", (digest,)
        ).fetchone()[0]
        db.execute(
            "INSERT INTO round_modules (round_id, module_id, definition_id) VALUES (?, ?, ?)",
            (round_id, module.id, definition_id),
        )


def select_stored_modules(db: sqlite3.Connection, round_id: int) -> dict[str, StoredModule]:
    """The definitions pinned to a round, by module id, in the order they were pinned."""
    rows = db.execute(
        """SELECT d.module_id, d.version, d.digest, d.definition, d.plugin
           FROM round_modules m JOIN module_definitions d ON d.id = m.definition_id
           WHERE m.round_id = ? ORDER BY m.rowid""",
        (round_id,),
    ).fetchall()
    return {
        row[0]: StoredModule(row[0], row[1], row[2], json.loads(row[3]), row[4]) for row in rows
    }


def rebuild_round_modules(
    round_: Round,
    stored: Mapping[str, StoredModule],
    wanted: Sequence[str],
    registry: Registry,
    *,
    db_path: Path,
    config_path: Path,
) -> RoundModules:
    """The round's modules (`wanted`; all stored and installed ones when empty), rebuilt
    exactly as they were answered where pinned, as installed otherwise."""
    if not wanted:
        wanted = list(dict.fromkeys([*stored, *registry.entries]))
    result = RoundModules({}, {})
    for module_id in wanted:
        entry = registry.entries.get(module_id)
        if module_id in registry.skipped_modules and entry is None:
            continue  # its plugin is broken and skipped (--skip-broken-plugins)
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
                    _(
                        "{file}: module {module} {version} as stored in round {round} cannot "
                        "be rebuilt ({reason}); is its plugin installed?"
                    ).format(
                        file=db_path,
                        module=repr(module_id),
                        version=item.version,
                        round=repr(round_.name),
                        reason=exc.problems[0].message,
                    )
                ) from None
            result.modules[module_id] = module
            result.plugins[module_id] = (entry.plugin if entry else None) or item.plugin or ""
            result.pinned.add(module_id)
            if entry is not None and entry.module.version != item.version:
                result.notes.append(
                    _(
                        "module {module}: round {round} uses version {version} as answered "
                        "(installed: {installed}); start a new round to use the installed "
                        "version"
                    ).format(
                        module=repr(module_id),
                        round=repr(round_.name),
                        version=item.version,
                        installed=entry.module.version,
                    )
                )
        elif entry is not None:
            result.modules[module_id] = entry.module
            result.plugins[module_id] = entry.plugin
        else:
            known = ", ".join(registry.entries) or _("none")
            raise CcassessError(
                _("{file}: module {module} is not loaded; loaded modules: {known}").format(
                    file=config_path, module=repr(module_id), known=known
                )
            )

    return result


def round_names(folder: Path) -> list[str]:
    """The names of the rounds in the workspace `folder`, oldest first, read without
    changing anything (shell completion: no migration, no lock); [] when there is none."""
    path = folder / DATABASE_FILE
    if not path.is_file():
        return []
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.2)
    except sqlite3.Error:
        return []
    try:
        return [name for (name,) in db.execute("SELECT name FROM rounds ORDER BY id")]
    except sqlite3.Error:  # not a workspace database, or locked
        return []
    finally:
        db.close()
