"""The built-in report sections as a plugin, registered at start-up.

Kept tiny on purpose: the section builders (and what they import) load only when a report
is rendered, so commands like `ccassess modules` stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ccassess.markers import hookimpl

if TYPE_CHECKING:
    from ccassess.model.result import AssessmentResult
    from ccassess.report.section import ReportSection


@hookimpl
def ccassess_report_sections(result: AssessmentResult, lang: str) -> list[ReportSection]:
    # late import: registered with every command, needed only for a report
    from ccassess.report.sections import builtin_sections

    return builtin_sections(result, lang)
