"""Built-in module 'customer_metrics': CSAT, NPS, CES, churn, retention and CLV.

Computes each metric from raw customer ratings or from internal figures (formulas documented
in module.yaml and README.md), maps it to a score and maturity level by documented thresholds,
combines the metric with the practice items of its dimension, rejects impossible figures while
responses are validated, adds findings (negative NPS, high churn, …) and the report's
customer-metrics section (its own template and labels). Registered through the `ccassess`
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

# The hooks import what they need when they run: the plugin loads with every command.

CCASSESS_PLUGIN_API = "1.1"
MODULE_FILE = Path(__file__).with_name("module.yaml")
TEMPLATES = Path(__file__).with_name("templates")
MODULE_ID = "customer_metrics"
ANALYSIS_KEY = "customer_metrics"


@hookimpl
def ccassess_modules() -> list[Path]:
    return [MODULE_FILE]


@hookimpl
def ccassess_validate_answers(module: Module, respondent: Respondent) -> list[str] | None:
    if module.id != MODULE_ID:
        return None
    from .checks import check_figures

    return check_figures(respondent.answers.get(module.id, {}))


@hookimpl
def ccassess_module_analysis(
    module: Module,
    respondents: Sequence[Respondent],
    settings: AssessmentSettings,
    result: ModuleResult,
) -> dict[str, Any] | None:
    if module.id != MODULE_ID:
        return None
    from .metrics import analyse

    data, dimension_scores = analyse(module, respondents, result, settings.anonymity_threshold)
    return {"key": ANALYSIS_KEY, "data": data, "dimension_scores": dimension_scores}


@hookimpl
def ccassess_findings(
    module: Module, result: ModuleResult, settings: AssessmentSettings
) -> list[Finding] | None:
    if module.id != MODULE_ID or ANALYSIS_KEY not in result.analysis:
        return None
    from .findings import metric_findings

    return metric_findings(result.analysis[ANALYSIS_KEY], result.respondents)


@hookimpl
def ccassess_template_dirs() -> list[Path]:
    return [TEMPLATES]


@hookimpl
def ccassess_report_sections(result: AssessmentResult, lang: str) -> list[ReportSection]:
    from .report import metrics_sections

    return metrics_sections(result, lang, ANALYSIS_KEY)
