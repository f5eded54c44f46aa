"""Built-in module 'customer_understanding': target groups, journey, feedback, empathy, co-creation.

Contributes the `kano` question type (a feature asked functionally and dysfunctionally,
classified with the standard 5 × 5 evaluation table) and the Kano analysis: per feature the
category shares, the dominant category and the better/worse coefficients, shown in the report
as a part of the module's chapter (its own template and labels). Registered through the
`ccassess` entry-point group like any third-party plugin; the content is module.yaml.
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
        Module,
        ModuleResult,
        ReportSection,
        Respondent,
    )

    from .kano import Kano

# The hooks import what they need when they run: the plugin loads with every command.

CCASSESS_PLUGIN_API = "1.1"
MODULE_FILE = Path(__file__).with_name("module.yaml")
TEMPLATES = Path(__file__).with_name("templates")
ANALYSIS_KEY = "kano"


@hookimpl
def ccassess_question_types() -> list[Kano]:
    from .kano import Kano

    return [Kano()]


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
    """Any module with kano questions gets the Kano analysis (not only ours)."""
    from .kano import Kano, kano_features

    if not any(q.type == Kano.name for _, q in module.questions()):
        return None
    features = kano_features(module, respondents, settings.anonymity_threshold)
    return {"key": ANALYSIS_KEY, "data": {"features": features}}


@hookimpl
def ccassess_template_dirs() -> list[Path]:
    return [TEMPLATES]


@hookimpl
def ccassess_report_sections(result: AssessmentResult, lang: str) -> list[ReportSection]:
    from .report import kano_sections

    return kano_sections(result, lang, ANALYSIS_KEY)
