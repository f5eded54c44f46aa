"""The executive summary: the three headline numbers, never blended (practice maturity from
the staff's answers, the customers' view, outcome KPIs against their anchors), the
perception gap on the mirrored questions, strongest and weakest dimensions, respondents,
coverage and the most severe findings.
"""

from __future__ import annotations

from typing import Any

from ccassess.format import number, with_unit
from ccassess.model.result import Finding, ModuleResult, Outcome
from ccassess.report.i18n import Translator
from ccassess.report.sections.view import View, mirror, perspective
from ccassess.scoring.findings import finding_rank

#: How many findings the summary names, ranked across modules by severity, then evidence.
SUMMARY_FINDINGS = 5


def summary(view: View) -> dict[str, Any]:
    r = view.result
    # strengths and weaknesses are ranked on one kind of evidence: the staff's own ratings
    # (every dimension with a maturity score), the customers' figure shown beside
    scored = [d for d in view.all_dimensions() if d["score"] is not None]
    ranked = sorted(scored, key=lambda d: d["score"], reverse=True)
    count = min(3, len(ranked) // 2) if len(ranked) < 6 else 3
    overall = next((lv for lv in r.levels if lv.level == r.level), None)
    findings = ranked_findings(r.modules)[:SUMMARY_FINDINGS]
    return {
        "skipped_plugins": [
            {"plugin": p.plugin, "reason": p.reason, "modules": p.modules}
            for p in r.skipped_plugins
        ],
        "score": r.score,
        "level": r.level,
        "score_shown": None if r.score is None else round(r.score),
        "score_label": number(r.score, view.lang),
        "staff": perspective(r.by_perspective.get("internal"), r.levels, view.lang),
        "customers": perspective(r.by_perspective.get("customer"), r.levels, view.lang),
        "outcomes": [outcome(o, view) for o in r.outcomes],
        "level_name": overall.name.get(view.lang) if overall else "",
        "level_description": overall.description.get(view.lang) if overall else "",
        "customer_level_name": view.level_name(
            r.by_perspective["customer"].level if "customer" in r.by_perspective else None
        ),
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
        "findings": [finding_row(f, m, view) for f, m in findings],
    }


def ranked_findings(modules: list[ModuleResult]) -> list[tuple[Finding, ModuleResult]]:
    """Critical and warning findings of every module, ranked by severity, then evidence
    (customers before self-ratings), then n; ties keep report order."""
    pairs = [(f, m) for m in modules for f in m.findings if f.severity in ("critical", "warning")]
    return sorted(pairs, key=lambda pair: finding_rank(pair[0]))


def finding_row(finding: Finding, module: ModuleResult, view: View) -> dict[str, Any]:
    """A finding as shown: text, module, what it rests on (evidence, n) and any caveat."""
    t = Translator(view.lang)
    evidence = str(t(f"evidence_{finding.evidence}")) if finding.evidence else ""
    basis = evidence + (f", n = {number(finding.n, view.lang)}" if finding.n else "")
    caveat = (
        str(t("finding_small_sample", threshold=view.result.info.anonymity_threshold))
        if finding.small_sample
        else ""
    )
    return {
        "severity": finding.severity,
        "text": view.tr(finding.text),
        "module": view.tr(module.title),
        "evidence": finding.evidence,
        "basis": basis,
        "caveat": caveat,
    }


def outcome(item: Outcome, view: View) -> dict[str, Any]:
    """An outcome KPI as shown: value, unit, n, interval and its band by the anchors."""
    digits = item.digits
    sign = "+" if item.signed and round(item.value or 0, digits) > 0 else ""
    anchors = item.thresholds or []
    return {
        "id": item.id,
        "label": view.tr(item.label),
        "value": f"{sign}{number(item.value, view.lang, digits)}",
        # a unit that is a range is the figure's scale ("3,8 (1–7)"), not a unit ("54 %")
        "unit": "" if "–" in item.unit else item.unit,
        "shown": with_unit(
            f"{sign}{number(item.value, view.lang, digits)}",
            "" if "–" in item.unit else item.unit,
            view.lang,
        ),
        "scale": item.unit if "–" in item.unit else "",
        "n": item.n,
        "low": None if item.low is None else number(item.low, view.lang, digits),
        "high": None if item.high is None else number(item.high, view.lang, digits),
        "level": item.level,
        "anchors": [number(a, view.lang, digits) for a in anchors],
        "higher_is_better": item.higher_is_better,
        "company_figure": item.source == "internal_figures",
    }
