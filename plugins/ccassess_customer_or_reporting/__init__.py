"""Built-in module 'customer_or_reporting': does what we do help the customer, or only reporting?

Contributes the `activity_list` question type (activities with a share of working time and a
category), the activity-audit analysis (time shares per category, activities to review) and
findings naming the "reporting only" and "makes selling harder" activities, and the report's
activity-audit section (its own template and labels). Registered through the `ccassess`
entry-point group like any third-party plugin; the content is module.yaml.
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

    from .activities import ActivityList

# The hooks import what they need when they run: the plugin loads with every command.

CCASSESS_PLUGIN_API = "1.1"
MODULE_FILE = Path(__file__).with_name("module.yaml")
TEMPLATES = Path(__file__).with_name("templates")


@hookimpl
def ccassess_question_types() -> list[ActivityList]:
    from .activities import ActivityList

    return [ActivityList()]


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
    """Any module with an activity_list question gets the audit (not only ours)."""
    from .audit import ANALYSIS_KEY, activity_audit

    data = activity_audit(
        module, respondents, settings.free_text_minimum, settings.anonymity_threshold
    )
    if data is None:
        return None
    return {"key": ANALYSIS_KEY, "data": data}


@hookimpl
def ccassess_findings(
    module: Module, result: ModuleResult, settings: AssessmentSettings
) -> list[Finding] | None:
    from .audit import ANALYSIS_KEY, activity_questions, audit_findings

    data = result.analysis.get(ANALYSIS_KEY)
    if not activity_questions(module) or not data:
        return None
    return audit_findings(module, data)


@hookimpl
def ccassess_template_dirs() -> list[Path]:
    return [TEMPLATES]


@hookimpl
def ccassess_report_sections(result: AssessmentResult, lang: str) -> list[ReportSection]:
    from .audit import ANALYSIS_KEY
    from .report import activity_sections

    return activity_sections(result, lang, ANALYSIS_KEY)
