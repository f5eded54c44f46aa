"""Fixtures for the built-in modules' tests: the real registry (entry points, as installed)
and response files written to tmp_path and read back through load_responses."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from module_kit import write_responses

from ccassess import AssessmentSettings, Respondent
from ccassess.actions.load_plugins import load_registry
from ccassess.importers.response_files import load_responses
from ccassess.plugin.registry import Registry

LoadResponses = Callable[..., list[Respondent]]


@pytest.fixture(scope="session")
def registry() -> Registry:
    return load_registry()


@pytest.fixture
def load(registry: Registry, tmp_path: Path) -> LoadResponses:
    """Write respondents to a YAML file and read them back, validated (plugin checks too)."""

    def _load(
        respondents: Sequence[dict[str, Any]],
        settings: AssessmentSettings | None = None,
        name: str = "responses.yaml",
    ) -> list[Respondent]:
        path = write_responses(tmp_path, respondents, name)
        return load_responses(
            [path],
            registry.modules,
            registry.question_types,
            settings or AssessmentSettings(),
            plugins=registry.plugins,
        )

    return _load
