"""The activity audit: time shares per category, the share of working time listed, the
activities to review (cut or change) and the required ones (make leaner). Pure.

Every share is one statistic: the mean over respondents of each respondent's share of their
own listed working time (every respondent counts equally, however much time they listed). The
share serving customers or selling is therefore the activity-audit dimension score ÷ 100.

Activity names are free text and can identify the few people who do a job: a name appears
only when at least the free-text threshold of respondents gave it (`free_text_minimum`,
never below the anonymity threshold); the others are counted per category under "other
activities". With fewer respondents than the anonymity threshold there is no audit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ccassess import DONT_KNOW, Finding, Module, Respondent, Text

from .activities import CATEGORIES, REQUIRED, SERVING, TO_REVIEW, activity_key

ANALYSIS_KEY = "activity_audit"
#: Findings name at most this many activities to cut or change (the analysis keeps them all).
MAX_ACTIVITY_FINDINGS = 10
#: … and at most this many required activities to make leaner.
MAX_REQUIRED_FINDINGS = 5
#: From this share of the listed working time spent on "reporting only", a warning finding.
REPORTING_WARNING_SHARE = 0.25
#: Categories whose activities the audit names (all but those serving customers or selling).
NAMED = (REQUIRED, *TO_REVIEW)


def activity_questions(module: Module) -> list[str]:
    return [q.id for _, q in module.questions() if q.type == "activity_list"]


#: What activities named by too few respondents are counted as.
OTHER_ACTIVITIES = Text("andere Tätigkeiten", "other activities")


def activity_audit(
    module: Module,
    respondents: Sequence[Respondent],
    free_text_minimum: int = 10,
    anonymity_threshold: int = 5,
) -> dict[str, Any] | None:
    """Shares per category as the mean of the respondents' own shares of their listed time."""
    question_ids = activity_questions(module)
    if not question_ids:
        return None
    share_sums = dict.fromkeys(CATEGORIES, 0.0)
    listed_sum = 0.0
    answered = 0
    # activity key → {"texts": {text: count}, "shares": [...], "by_category": {cat: share}}
    named: dict[str, dict[str, Any]] = {}
    for respondent in respondents:
        items = [
            item
            for qid in question_ids
            if (value := respondent.answers.get(module.id, {}).get(qid)) not in (None, DONT_KNOW)
            for item in value
        ]
        listed = sum(item["share"] for item in items)
        if not listed:
            continue
        answered += 1
        listed_sum += listed
        own = dict.fromkeys(CATEGORIES, 0.0)
        for item in items:
            own[item["category"]] += item["share"]
            if item["category"] in NAMED:
                entry = named.setdefault(
                    activity_key(item["activity"]),
                    {"texts": {}, "shares": [], "by_category": {}, "people": set()},
                )
                entry["people"].add(respondent.id)
                entry["texts"][item["activity"]] = entry["texts"].get(item["activity"], 0) + 1
                entry["shares"].append(item["share"])
                by_category = entry["by_category"]
                by_category[item["category"]] = by_category.get(item["category"], 0) + item["share"]
        for category in CATEGORIES:
            share_sums[category] += own[category] / listed
    if 0 < answered < anonymity_threshold:
        return None  # every share would rest on fewer people than the threshold
    shares = {c: (share_sums[c] / answered if answered else None) for c in CATEGORIES}
    serving = sum(share_sums[c] for c in SERVING) / answered if answered else None
    common = [e for e in named.values() if len(e["people"]) >= free_text_minimum]
    rare = [e for e in named.values() if len(e["people"]) < free_text_minimum]
    entries = [_named_entry(entry) for entry in common]
    entries.sort(key=lambda e: (-e["mean_share"] * e["mentions"], e["activity"].casefold()))
    entries.extend(_other_entries(rare, anonymity_threshold))
    return {
        "statistic": "mean_of_respondents",
        "dimension": _audit_dimension(module),
        "shares": shares,
        "serving_share": serving,
        "required_share": shares[REQUIRED],
        # per cent of working time listed at all, as a share (mean over respondents)
        "listed_share": listed_sum / answered / 100 if answered else None,
        "respondents": answered,
        "activities_to_review": [e for e in entries if e["category"] in TO_REVIEW],
        "required_activities": [
            {k: v for k, v in e.items() if k != "category"}
            for e in entries
            if e["category"] == REQUIRED
        ],
    }


def _other_entries(rare: list[dict[str, Any]], threshold: int) -> list[dict[str, Any]]:
    """Activities named by too few, counted per category under a neutral label (their mean
    share only when at least `threshold` people stand behind it)."""
    by_category: dict[str, dict[str, Any]] = {}
    for entry in rare:
        category = _named_entry(entry)["category"]
        other = by_category.setdefault(category, {"shares": [], "people": set(), "names": 0})
        other["shares"].extend(entry["shares"])
        other["people"] |= entry["people"]
        other["names"] += 1
    return [
        {
            "activity": None,
            "other": True,
            "label": OTHER_ACTIVITIES.to_data(),
            "category": category,
            "mean_share": sum(o["shares"]) / len(o["shares"])
            if len(o["people"]) >= threshold
            else None,
            "mentions": len(o["shares"]),
            "activities": o["names"],
        }
        for category, o in sorted(by_category.items())
    ]


def _named_entry(entry: dict[str, Any]) -> dict[str, Any]:
    # The most used spelling names the group; ties go to the first one seen.
    texts: dict[str, int] = entry["texts"]
    activity = max(texts, key=lambda text: texts[text])
    # Work someone classified as required is never proposed for cutting, however the others
    # classified it. Otherwise the category with more time wins; a tie counts as the more
    # serious "makes selling harder".
    by_category: dict[str, float] = entry["by_category"]
    if REQUIRED in by_category:
        category = REQUIRED
    else:
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
    dimension = data.get("dimension") or _audit_dimension(module)
    reporting = data["shares"].get("reporting")
    if reporting is not None and reporting >= REPORTING_WARNING_SHARE:
        percent = round(reporting * 100)
        findings.append(
            Finding(
                id="reporting_share_high",
                severity="warning",
                text=Text(
                    f"Im Mittel der Befragten dient {percent} % der erfassten Arbeitszeit nur dem "
                    "Reporting. Diese Zeit fehlt für Kunden und Verkauf; die als „nur Reporting“ "
                    "genannten Tätigkeiten sind die ersten Kandidaten zum Streichen, "
                    "Zusammenlegen oder Automatisieren. Vorgeschriebene Arbeit (Gesetz, "
                    "Compliance, Risiko) gehört nicht dazu.",
                    f"On average across respondents, {percent}% of the listed working time "
                    "only serves reporting. That time is missing for customers and selling; the "
                    'activities named as "reporting only" are the first candidates to cut, merge '
                    "or automate. Required work (law, compliance, risk) is not among them.",
                ),
                dimension=dimension,
                evidence="self_rated",
                n=data.get("respondents"),
            )
        )
    named = [e for e in data["activities_to_review"] if not e.get("other")]
    for rank, entry in enumerate(named[:MAX_ACTIVITY_FINDINGS], start=1):
        findings.append(_activity_finding(rank, entry, dimension))
    required = [e for e in data.get("required_activities") or [] if not e.get("other")]
    for rank, entry in enumerate(required[:MAX_REQUIRED_FINDINGS], start=1):
        findings.append(_required_finding(rank, entry, dimension))
    return findings


def _times(mentions: int) -> tuple[str, str]:
    if mentions == 1:
        return "einmal", "once"
    return f"{mentions}-mal", f"{mentions} times"


def _activity_finding(rank: int, entry: dict[str, Any], dimension: str | None) -> Finding:
    activity = entry["activity"]
    share = round(entry["mean_share"])
    times_de, times_en = _times(entry["mentions"])
    if entry["category"] == "selling_harder":
        de = (
            f"„{activity}“ erschwert nach Einschätzung der Befragten den Verkauf ({times_de} "
            f"genannt, im Mittel {share} % der Arbeitszeit der Nennenden): ein Kandidat, um ihn "
            "zu ändern oder abzuschaffen."
        )
        en = (
            f'"{activity}" makes selling harder in the respondents\' view (named {times_en}, '
            f"{share}% of the working time of those naming it, on average): a candidate to "
            "change or cut."
        )
    else:
        de = (
            f"„{activity}“ dient nach Einschätzung der Befragten nur dem Reporting ({times_de} "
            f"genannt, im Mittel {share} % der Arbeitszeit der Nennenden): ein Kandidat zum "
            "Streichen oder Ändern."
        )
        en = (
            f'"{activity}" only serves reporting in the respondents\' view (named {times_en}, '
            f"{share}% of the working time of those naming it, on average): a candidate to cut "
            "or change."
        )
    return Finding(
        id=f"activity_to_review_{rank}",
        severity="warning" if entry["category"] == "selling_harder" else "info",
        text=Text(de, en),
        dimension=dimension,
        evidence="self_rated",
        n=entry["mentions"],
    )


def _required_finding(rank: int, entry: dict[str, Any], dimension: str | None) -> Finding:
    """Required work is never proposed for cutting: only for doing it with less effort."""
    activity = entry["activity"]
    share = round(entry["mean_share"])
    times_de, times_en = _times(entry["mentions"])
    return Finding(
        id=f"activity_to_streamline_{rank}",
        severity="info",
        text=Text(
            f"„{activity}“ ist nach Einschätzung der Befragten vorgeschriebene Arbeit (Gesetz, "
            f"Compliance, Risiko) ({times_de} genannt, im Mittel {share} % der Arbeitszeit der "
            "Nennenden): nicht streichen, sondern schlanker machen – klären, was die Vorschrift "
            "tatsächlich verlangt, und den Rest vereinfachen, bündeln oder automatisieren.",
            f'"{activity}" is required work (law, compliance, risk) in the respondents\' view '
            f"(named {times_en}, {share}% of the working time of those naming it, on average): "
            "not to be cut, but to be made leaner – establish what the rule actually requires "
            "and simplify, bundle or automate the rest.",
        ),
        dimension=dimension,
        evidence="self_rated",
        n=entry["mentions"],
    )


def _audit_dimension(module: Module) -> str | None:
    for dimension, question in module.questions():
        if question.type == "activity_list":
            return dimension.id
    return None
