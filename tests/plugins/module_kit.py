"""Helpers for the built-in modules' tests (imported by the test files and conftest.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from ccassess import AssessmentResult, AssessmentSettings, ModuleResult, Respondent
from ccassess.actions.assess import assess
from ccassess.plugin.registry import Registry


def write_responses(folder: Path, respondents: Sequence[dict[str, Any]], name: str) -> Path:
    path = folder / name
    text = yaml.safe_dump({"respondents": list(respondents)}, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


#: Thresholds 1: every figure shown (the arithmetic tests); privacy is tested on its own.
ARITHMETIC = AssessmentSettings(anonymity_threshold=1, free_text_threshold=1)


def assess_module(
    registry: Registry,
    module_id: str,
    respondents: Sequence[Respondent],
    settings: AssessmentSettings | None = None,
) -> tuple[ModuleResult, AssessmentResult]:
    """Assess only this module; its result and the whole assessment result. Without settings
    every figure is shown however few answered it (hand-computed cases stay small)."""
    settings = replace(settings or ARITHMETIC, modules=(module_id,))
    result = assess(registry, respondents, settings)
    module = result.module(module_id)
    assert module is not None
    return module, result


def internal(rid: str, module: str, answers: dict[str, Any], department: str | None = None) -> dict:
    raw: dict[str, Any] = {"id": rid, "perspective": "internal", "answers": {module: answers}}
    if department:
        raw["department"] = department
    return raw


def key_figures(rid: str, module: str, answers: dict[str, Any]) -> dict:
    """The round's company figures, entered once by a consultant or controller."""
    return {"id": rid, "perspective": "key_figures", "answers": {module: answers}}


def customer(rid: str, module: str, answers: dict[str, Any]) -> dict:
    return {"id": rid, "perspective": "customer", "answers": {module: answers}}


def finding_ids(module: ModuleResult) -> set[str]:
    """The module's rule and plugin findings (not the core's "disputed dimension" notes,
    which depend on the spread statistic and are tested in tests/scoring)."""
    return {f.id for f in module.findings if f.origin != "core"}


def dimension_score(module: ModuleResult, dimension_id: str) -> float | None:
    dimension = module.dimension(dimension_id)
    assert dimension is not None
    return dimension.score
