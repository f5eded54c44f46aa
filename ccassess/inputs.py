"""Turning what a user points at (an assessment file, response files, the demo) into
validated settings and respondents. Shared by the CLI commands and the test kit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ccassess.errors import CcassessError
from ccassess.model import AssessmentSettings, Respondent
from ccassess.registry import Registry
from ccassess.responses import load_responses
from ccassess.settings import load_settings

ASSESSMENT_FILE = "assessment.yaml"


@dataclass
class Inputs:
    settings: AssessmentSettings
    respondents: list[Respondent]


def load_inputs(
    registry: Registry,
    assessment: str | Path | None,
    responses: Sequence[str | Path],
    language: str | None = None,
) -> Inputs:
    """Settings from the assessment file (or defaults) and validated respondents."""
    settings = load_settings(assessment) if assessment else AssessmentSettings()
    if language:
        from dataclasses import replace

        settings = replace(settings, language=language)
    if not responses:
        raise CcassessError("no responses given; name response files or folders")
    modules = {m.id: m for m in registry.select(settings.modules)}
    respondents = load_responses(
        responses, modules, registry.question_types, settings, plugins=registry.plugins
    )
    return Inputs(settings, respondents)


def demo_folder(registry: Registry, name: str | None = None) -> Path:
    """The folder of a demo assessment contributed by a plugin (the first, or by name)."""
    folders: list[Path] = []
    for plugin, result in registry.plugins.call_each("ccassess_demo_assessments"):
        folders.extend(Path(p) for p in registry.plugins.expect_list(
            plugin, "ccassess_demo_assessments", result, (str, Path)))  # fmt: skip
    if name:
        folders = [f for f in folders if f.name == name]
    if not folders:
        raise CcassessError("no demo assessment is installed (the 'demo' plugin is not loaded)")
    return folders[0]


def load_demo(registry: Registry, name: str | None = None, language: str | None = None) -> Inputs:
    folder = demo_folder(registry, name)
    return load_inputs(registry, folder / ASSESSMENT_FILE, [folder / "responses"], language)
