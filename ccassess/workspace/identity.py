"""The workspace's identity: a random id, made when a sheet is first stamped with it.

Answer sheets carry it (with the round), so an import can refuse a filled sheet that was made
for another workspace. It is kept in the `meta` table; a workspace that never wrote a sheet
has none, and then every stamped sheet is another workspace's.
"""

from __future__ import annotations

import uuid

from ccassess.workspace.store import Workspace

_KEY = "workspace_id"


def stored_workspace_id(workspace: Workspace) -> str | None:
    """The workspace's id, or None when it has not been given one yet (nothing written)."""
    with workspace.read() as db:
        row = db.execute("SELECT value FROM meta WHERE key = ?", (_KEY,)).fetchone()
    return str(row[0]) if row else None


def workspace_id(workspace: Workspace) -> str:
    """The workspace's id, made (once, in a write transaction) when it has none."""
    found = stored_workspace_id(workspace)
    if found is not None:
        return found
    with workspace.write() as db:
        db.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (_KEY, uuid.uuid4().hex)
        )
        row = db.execute("SELECT value FROM meta WHERE key = ?", (_KEY,)).fetchone()
    return str(row[0])
