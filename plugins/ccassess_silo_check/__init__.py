"""Built-in module 'silo_check': do departments understand what the others need for customers?

Adds the silo matrix (department × department understanding, rows grouped under the
anonymity threshold, ready for a heatmap) with its weakest links, replaces the engine's score
of the matrix dimension by one that leaves out ratings of one's own department, and names the
weakest links as findings, and draws the matrix as the report's silo heatmap (its own
section, template and labels). Registered through the `ccassess` entry-point group like any
third-party plugin; the content is module.yaml.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccassess import hookimpl

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ccassess import (
        AssessmentResult,
        AssessmentSettings,
        Finding,
        Module,
        ModuleResult,
        ReportSection,
        Respondent,
    )

# The hooks import what they need when they run: the plugin loads with every command.

CCASSESS_PLUGIN_API = "1.1"
MODULE_FILE = Path(__file__).with_name("module.yaml")
TEMPLATES = Path(__file__).with_name("templates")
MODULE_ID = "silo_check"
ANALYSIS_KEY = "silo_matrix"


@hookimpl
def ccassess_modules() -> list[Path]:
    return [MODULE_FILE]


@hookimpl
def ccassess_module_analysis(
    module: Module,
    respondents: Sequence[Respondent],
    settings: AssessmentSettings,
    result: ModuleResult,
) -> dict[str, Any] | None:
    if module.id != MODULE_ID:
        return None
    from .matrix import DIMENSION, silo_matrix, understanding_score

    output: dict[str, Any] = {
        "key": ANALYSIS_KEY,
        "data": silo_matrix(module, respondents, settings),
    }
    score = understanding_score(module, respondents)
    if score is not None:
        output["dimension_scores"] = {DIMENSION: score}
    return output


@hookimpl
def ccassess_findings(
    module: Module, result: ModuleResult, settings: AssessmentSettings
) -> list[Finding] | None:
    if module.id != MODULE_ID or ANALYSIS_KEY not in result.analysis:
        return None
    from .matrix import weak_link_findings

    return weak_link_findings(result.analysis[ANALYSIS_KEY])


@hookimpl
def ccassess_template_dirs() -> list[Path]:
    return [TEMPLATES]


@hookimpl
def ccassess_report_sections(result: AssessmentResult, lang: str) -> list[ReportSection]:
    from .report import silo_sections

    return silo_sections(result, lang, ANALYSIS_KEY)
