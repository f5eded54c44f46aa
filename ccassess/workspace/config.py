"""The workspace's readable config file: assessment.yaml plus a `workspace:` section.

The settings keys are those of any assessment file (client, title, language, departments,
anonymity threshold, modules, theme, …); `workspace:` adds the file format and the module
versions the workspace was set up with. Read strictly (ccassess.io.structured).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ccassess.catalogs import _
from ccassess.definitions.settings import build_settings
from ccassess.errors import Problems
from ccassess.io.checker import Checker
from ccassess.io.structured import read_structured
from ccassess.model.settings import AssessmentSettings

CONFIG_FILE = "assessment.yaml"
DATABASE_FILE = "ccassess.db"
#: The last scored result, beside the database (ccassess/actions/result_cache.py).
RESULT_CACHE_FILE = ".ccassess-result"
CONFIG_FORMAT = 1
WORKSPACE_KEYS = {"format", "module_versions"}


@dataclass
class WorkspaceConfig:
    settings: AssessmentSettings
    format: int = CONFIG_FORMAT
    #: The module versions the workspace was set up with (the database keeps the exact
    #: definitions each round was answered with; these are for people reading the file).
    module_versions: dict[str, str] = field(default_factory=dict)


def has_workspace_section(path: Path) -> bool:
    try:
        data = read_structured(path)
    except Exception:
        return False
    return isinstance(data, Mapping) and "workspace" in data


def load_config(path: Path) -> WorkspaceConfig:
    """Read and validate the config; raises ValidationError listing every problem."""
    data = read_structured(path)
    problems = Problems()
    check = Checker(str(path), problems)
    section: Mapping[str, Any] = {}
    if isinstance(data, dict):  # read_structured gives a mapping as a dict
        section = check.mapping(data.get("workspace") or {}, "workspace", data, "workspace")
        data.pop("workspace", None)
    check.known_keys(section, "workspace", WORKSPACE_KEYS)
    fmt = check.integer(section, "format", "workspace", default=CONFIG_FORMAT)
    if fmt is not None and fmt > CONFIG_FORMAT:
        check.error(
            "workspace.format",
            _(
                "format {found} is newer than this ccassess reads ({supported}); upgrade ccassess"
            ).format(found=fmt, supported=CONFIG_FORMAT),
            section,
            "format",
        )
    versions_raw = check.mapping(
        section.get("module_versions") or {},
        "workspace.module_versions",
        section,
        "module_versions",
    )
    versions = {str(k): str(v) for k, v in versions_raw.items()}
    problems.raise_if_errors()
    settings = build_settings(data, str(path), path.parent)
    return WorkspaceConfig(settings, fmt or CONFIG_FORMAT, versions)


def config_text(
    settings: AssessmentSettings, module_versions: Mapping[str, str], modules: Sequence[str]
) -> str:
    """The config file's text: commented, readable YAML."""
    import yaml

    data: dict[str, Any] = {
        "client": settings.client,
        "title": settings.title,
    }
    if settings.date:
        data["date"] = settings.date.isoformat()
    if settings.prepared_by:
        data["prepared_by"] = settings.prepared_by
    data["language"] = settings.language
    data["departments"] = list(settings.departments)
    if settings.invited:
        data["invited"] = settings.invitations()
    data["anonymity_threshold"] = settings.anonymity_threshold
    if settings.free_text_threshold != AssessmentSettings.free_text_threshold:
        data["free_text_threshold"] = settings.free_text_threshold
    data["modules"] = list(modules)
    if settings.theme:
        data["theme"] = settings.theme
    if settings.logo:
        data["logo"] = settings.logo
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False)
    workspace = yaml.safe_dump(
        {"workspace": {"format": CONFIG_FORMAT, "module_versions": dict(module_versions)}},
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
    )
    return (
        "# ccassess workspace: the assessment's settings (edit freely) and workspace fields.\n"
        "# Answers, rounds and the module definitions as answered are in ccassess.db;\n"
        "# never edit that file by hand.\n"
        f"{body}\n"
        "# The module versions this workspace was set up with. Each round keeps the exact\n"
        "# definitions its answers were given with, so reports stay reproducible.\n"
        f"{workspace}"
    )
