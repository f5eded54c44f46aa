"""The activity-audit section of the report: time shares per category and the activities to
review, for every module with the audit.

Contributed through `ccassess_report_sections` like any plugin's section; the template is
templates/sections/activity.html, its strings are `LABELS` below.
"""

from __future__ import annotations

from typing import Any

from ccassess import AssessmentResult, ReportSection, Text

from .activities import CATEGORIES

#: After the silo heatmap (800), before the customer metrics (1000).
ORDER = 900
#: The bar's colour for each category, by the theme's colour names.
COLOURS = {
    "customer": "level-5",
    "selling": "internal",
    "reporting": "level-1",
    "selling_harder": "level-2",
}
LABELS = {
    "activity": Text("Tätigkeitsanalyse", "Activity audit"),
    "activity_intro": Text(
        "Die Befragten haben ihre wichtigsten Tätigkeiten mit Zeitanteil genannt und "
        "eingeordnet: dient sie dem Kunden, dem Verkauf, nur dem Reporting – oder macht sie "
        "den Verkauf sogar schwerer?",
        "Respondents listed their main activities with their share of working time and "
        "classified them: does it serve the customer, selling, only reporting – or does it "
        "even make selling harder?",
    ),
    "activity_customer": Text("dient dem Kunden", "serves the customer"),
    "activity_selling": Text("hilft beim Verkauf", "helps selling"),
    "activity_reporting": Text("nur Reporting", "reporting only"),
    "activity_selling_harder": Text("erschwert den Verkauf", "makes selling harder"),
    "serving_share": Text(
        "{share} der Arbeitszeit dienen Kunden oder dem Verkauf ({n} Befragte).",
        "{share} of working time serves customers or selling ({n} respondents).",
    ),
    "activities_to_review": Text("Tätigkeiten auf dem Prüfstand", "Activities to cut or change"),
    "activity_name": Text("Tätigkeit", "Activity"),
    "category": Text("Einordnung", "Category"),
    "time_share": Text("Zeitanteil", "Share of time"),
    "mentions": Text("Nennungen", "Mentions"),
}


def activity_sections(result: AssessmentResult, lang: str, key: str) -> list[ReportSection]:
    """The audit section, when a module has the activity audit (analysis `key`) with data."""
    audits = []
    for module in result.modules:
        data = module.analysis.get(key)
        if (
            not isinstance(data, dict)
            or not data.get("respondents")
            or not any((data.get("shares") or {}).values())
        ):
            continue
        shares = data["shares"]
        audits.append(
            {
                "module": module.title.get(lang),
                "segments": [
                    {
                        "id": kind,
                        "label": _category_name(kind, lang),
                        "share": shares.get(kind) or 0.0,
                        "colour": COLOURS[kind],
                    }
                    for kind in CATEGORIES
                    if kind in shares
                ],
                "serving_share": data.get("serving_share"),
                "respondents": data.get("respondents"),
                "activities": [_activity(a, lang) for a in data.get("activities_to_review") or []],
            }
        )
    if not audits:
        return []
    return [
        ReportSection(
            "activity",
            LABELS["activity"],
            "sections/activity.html",
            ORDER,
            {"audits": audits},
            labels=LABELS,
        )
    ]


def _activity(entry: dict[str, Any], lang: str) -> dict[str, Any]:
    category = entry.get("category")
    share = entry.get("mean_share")
    return {
        "activity": str(entry.get("activity", "")),
        "category": category,
        "category_label": _category_name(category, lang)
        if category in CATEGORIES
        else str(category or ""),
        # percent of working time → a share, as the pct filter shows it
        "time_share": share / 100 if isinstance(share, int | float) else None,
        "mentions": entry.get("mentions"),
    }


def _category_name(category: str, lang: str) -> str:
    return LABELS[f"activity_{category}"].get(lang)
