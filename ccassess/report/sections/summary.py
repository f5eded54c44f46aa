"""The executive summary: overall score and level, strongest and weakest dimensions, the
perception gap, respondents, coverage and the most severe findings.
"""

from __future__ import annotations

from typing import Any

from ccassess.report.sections.view import SEVERITY_ORDER, View, mirror

#: How many findings the summary names (critical first, then warnings).
SUMMARY_FINDINGS = 3


def summary(view: View) -> dict[str, Any]:
    r = view.result
    scored = [d for d in view.all_dimensions() if d["score"] is not None]
    ranked = sorted(scored, key=lambda d: d["score"], reverse=True)
    count = min(3, len(ranked) // 2) if len(ranked) < 6 else 3
    overall = next((lv for lv in r.levels if lv.level == r.level), None)
    findings = sorted(
        ((f, m) for m in r.modules for f in m.findings if f.severity in ("critical", "warning")),
        key=lambda pair: SEVERITY_ORDER.get(pair[0].severity, 3),
    )[:SUMMARY_FINDINGS]
    return {
        "score": r.score,
        "level": r.level,
        "level_name": overall.name.get(view.lang) if overall else "",
        "level_description": overall.description.get(view.lang) if overall else "",
        "thresholds": [lv.minimum for lv in r.levels],
        "level_names": [lv.name.get(view.lang) for lv in r.levels],
        "strongest": ranked[:count],
        "weakest": list(reversed(ranked[-count:])) if count else [],
        "mirror": mirror(r.mirror),
        "respondents": {
            "internal": r.respondents.internal,
            "customer": r.respondents.customer,
            "total": r.respondents.total,
        },
        "coverage": {
            "share": r.coverage.share,
            "asked": r.coverage.asked,
            "answered": r.coverage.answered,
            "dont_know": r.coverage.dont_know,
        },
        "modules": len(r.modules),
        "findings": [
            {"severity": f.severity, "text": view.tr(f.text), "module": view.tr(m.title)}
            for f, m in findings
        ],
    }
