"""Assessment workspaces: a folder with a readable config file and an SQLite database.

    ccassess init kunde-2026              # config + database + the first round
    ccassess sheet -w kunde-2026          # answer workbooks for respondents
    ccassess import -w kunde-2026 *.xlsx  # validated, all files in one transaction
    ccassess survey -w kunde-2026         # the terminal questionnaire
    ccassess report -w kunde-2026         # score and report the latest round

See docs/workspace.md.
"""

from __future__ import annotations

from ccassess.workspace.config import CONFIG_FILE, DATABASE_FILE, WorkspaceConfig, load_config
from ccassess.workspace.db import WorkspaceDatabaseError
from ccassess.workspace.privacy import Forgotten
from ccassess.workspace.rounds import Round
from ccassess.workspace.schema import SCHEMA_VERSION
from ccassess.workspace.store import Workspace, find_workspace, is_workspace, open_workspace

__all__ = [
    "CONFIG_FILE",
    "DATABASE_FILE",
    "SCHEMA_VERSION",
    "Forgotten",
    "Round",
    "Workspace",
    "WorkspaceConfig",
    "WorkspaceDatabaseError",
    "find_workspace",
    "is_workspace",
    "load_config",
    "open_workspace",
]
