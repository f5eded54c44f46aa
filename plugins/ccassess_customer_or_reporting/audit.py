"""The activity audit: pooled time shares per category and the activities to review. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ccassess import DONT_KNOW, Finding, Module, Respondent, Text

from .activities import CATEGORIES, SERVING, TO_REVIEW, activity_key

ANALYSIS_KEY = "activity_audit"
#: Findings name at most this many activities (the analysis data keeps them all).
MAX_ACTIVITY_FINDINGS = 10
#: From this share of all listed time spent on "reporting only", a warning finding.
REPORTING_WARNING_SHARE = 0.25


def activity_questions(module: Module) -> list[str]:
    return [q.id for _, q in module.questions() if q.type == "activity_list"]


def activity_audit(module: Module, respondents: Sequence[Respondent]) -> dict[str, Any] | None:
    """Shares are time-weighted over all listed time of all respondents (pooled)."""
    question_ids = activity_questions(module)
    if not question_ids:
        return None
    totals = dict.fromkeys(CATEGORIES, 0.0)
    answered = 0
    # activity key → {"texts": {text: count}, "shares": [...], "by_category": {cat: share}}
    review: dict[str, dict[str, Any]] = {}
    for respondent in respondents:
        items = [
            item
            for qid in question_ids
            if (value := respondent.answers.get(module.id, {}).get(qid)) not in (None, DONT_KNOW)
            for item in value
        ]
        if not items:
            continue
        answered += 1
        for item in items:
            totals[item["category"]] += item["share"]
            if item["category"] in TO_REVIEW:
                entry = review.setdefault(
                    activity_key(item["activity"]), {"texts": {}, "shares": [], "by_category": {}}
                )
                entry["texts"][item["activity"]] = entry["texts"].get(item["activity"], 0) + 1
                entry["shares"].append(item["share"])
                by_category = entry["by_category"]
                by_category[item["category"]] = by_category.get(item["category"], 0) + item["share"]
    listed = sum(totals.values())
    shares = {c: (totals[c] / listed if listed else None) for c in CATEGORIES}
    serving = sum(totals[c] for c in SERVING) / listed if listed else None
    to_review = [_review_entry(entry) for entry in review.values()]
    to_review.sort(key=lambda e: (-e["mean_share"] * e["mentions"], e["activity"].casefold()))
    return {
        "shares": shares,
        "serving_share": serving,
        "respondents": answered,
        "activities_to_review": to_review,
    }


def _review_entry(entry: dict[str, Any]) -> dict[str, Any]:
    # The most used spelling names the group; ties go to the first one seen.
    texts: dict[str, int] = entry["texts"]
    activity = max(texts, key=lambda text: texts[text])
    # When respondents disagree, the category with more time wins; a tie counts as the more
    # serious "makes selling harder".
    by_category: dict[str, float] = entry["by_category"]
    category = max(TO_REVIEW, key=lambda c: (by_category.get(c, 0), c == "selling_harder"))
    shares: list[float] = entry["shares"]
    return {
        "activity": activity,
        "category": category,
        "mean_share": sum(shares) / len(shares),
        "mentions": len(shares),
    }


def audit_findings(module: Module, data: dict[str, Any]) -> list[Finding]:
    findings = []
    dimension = _audit_dimension(module)
    reporting = data["shares"].get("reporting")
    if reporting is not None and reporting >= REPORTING_WARNING_SHARE:
        percent = round(reporting * 100)
        findings.append(
            Finding(
                id="reporting_share_high",
                severity="warning",
                text=Text(
                    f"{percent} % der erfassten Arbeitszeit dient nur dem Reporting. Diese Zeit "
                    "fehlt für Kunden und Verkauf; die unten genannten Tätigkeiten sind die "
                    "ersten Kandidaten zum Streichen, Zusammenlegen oder Automatisieren.",
                    f"{percent} % of the listed working time only serves reporting. That time "
                    "is missing for customers and selling; the activities named below are the "
                    "first candidates to cut, merge or automate.",
                ),
                dimension=dimension,
            )
        )
    for rank, entry in enumerate(data["activities_to_review"][:MAX_ACTIVITY_FINDINGS], start=1):
        findings.append(_activity_finding(rank, entry, dimension))
    return findings


def _activity_finding(rank: int, entry: dict[str, Any], dimension: str | None) -> Finding:
    activity = entry["activity"]
    share = round(entry["mean_share"])
    mentions = entry["mentions"]
    times_de = "einmal" if mentions == 1 else f"{mentions}-mal"
    times_en = "once" if mentions == 1 else f"{mentions} times"
    if entry["category"] == "selling_harder":
        de = (
            f"„{activity}“ erschwert nach Einschätzung der Befragten den Verkauf ({times_de} "
            f"genannt, im Mittel {share} % der Arbeitszeit): ein Kandidat, um ihn zu ändern oder "
            "abzuschaffen."
        )
        en = (
            f'"{activity}" makes selling harder in the respondents\' view (named {times_en}, '
            f"{share} % of working time on average): a candidate to change or cut."
        )
    else:
        de = (
            f"„{activity}“ dient nach Einschätzung der Befragten nur dem Reporting ({times_de} "
            f"genannt, im Mittel {share} % der Arbeitszeit): ein Kandidat zum Streichen oder "
            "Ändern."
        )
        en = (
            f'"{activity}" only serves reporting in the respondents\' view (named {times_en}, '
            f"{share} % of working time on average): a candidate to cut or change."
        )
    return Finding(
        id=f"activity_to_review_{rank}",
        severity="warning" if entry["category"] == "selling_harder" else "info",
        text=Text(de, en),
        dimension=dimension,
    )


def _audit_dimension(module: Module) -> str | None:
    for dimension, question in module.questions():
        if question.type == "activity_list":
            return dimension.id
    return None
