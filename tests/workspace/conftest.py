"""Fixtures for the workspace tests: a workspace folder made by the real `init`."""

from __future__ import annotations

from pathlib import Path

import pytest
from ws_kit import DEMO

from ccassess.definitions.settings import load_settings
from ccassess.plugin.registry import Registry
from ccassess.workspace import Workspace


@pytest.fixture
def make_workspace(tmp_path: Path, registry: Registry):
    """Factory: a workspace with the demo's settings (optionally only some modules)."""

    def _make(name: str = "ws", modules: list[str] | None = None) -> Path:
        from dataclasses import replace

        settings = load_settings(DEMO / "assessment.yaml")
        if modules is not None:
            settings = replace(settings, modules=tuple(modules))
        folder = tmp_path / name
        Workspace.create(folder, settings, registry, "R1").close()
        return folder

    return _make


@pytest.fixture
def workspace(make_workspace) -> Path:
    return make_workspace()
