"""The activity-audit section of the report: time shares per category and the activities to
review, for every module with the audit.

Contributed through `ccassess_report_sections` like any plugin's section; the template is
templates/sections/activity.html, its labels are in
locale/<lang>/LC_MESSAGES/ccassess_customer_or_reporting_labels.po.
"""

from __future__ import annotations

from typing import Any

from ccassess import AssessmentResult, ModuleResult, ReportSection, catalog_text, label

from .activities import CATEGORIES

#: After the silo heatmap (800), before the customer metrics (1000).
ORDER = 900
#: The catalog of this plugin's labels (locale/<lang>/LC_MESSAGES/<DOMAIN>.po).
DOMAIN = "ccassess_customer_or_reporting_labels"
#: The bar's colour for each category, by the theme's colour names (required work in the
#: neutral grey: it is neither serving customers nor waste).
COLOURS = {
    "customer": "level-5",
    "selling": "internal",
    "reporting": "level-1",
    "selling_harder": "level-2",
    "required": "muted",
}
#: The section's statistic and the dimension score agree to this much (points) when the
#: section names the dimension score as the same figure.
SAME_FIGURE = 0.05
#: The tables show at most this many entries each (the most time × mentions first) and count
#: the rest below the table (issue 23: a table grows with the answers, not with what the
#: report is to show).
MAX_SHOWN = 25


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
                "required_share": shares.get("required"),
                "listed_share": data.get("listed_share"),
                "respondents": data.get("respondents"),
                "score": _same_score(module, data, lang),
                **_listed("activities", data.get("activities_to_review") or [], lang),
                "has_other": any(
                    a.get("other")
                    for a in [
                        *(data.get("activities_to_review") or []),
                        *(data.get("required_activities") or []),
                    ]
                ),
                "free_text_threshold": result.privacy.free_text_threshold,
                **_listed("required", data.get("required_activities") or [], lang, "required"),
            }
        )
    if not audits:
        return []
    return [
        ReportSection(
            "activity",
            catalog_text("activity", DOMAIN),
            "sections/activity.html",
            ORDER,
            {"audits": audits},
            labels_domain=DOMAIN,
        )
    ]


def _same_score(module: ModuleResult, data: dict[str, Any], lang: str) -> dict[str, Any] | None:
    """The audit dimension's title and score when it is the serving share (as it is with the
    engine's mean of the respondents' scores); None otherwise, so no page calls two different
    figures by one name."""
    serving = data.get("serving_share")
    dimension = module.dimension(data.get("dimension") or "")
    if serving is None or dimension is None or dimension.score is None:
        return None
    if abs(dimension.score - serving * 100) > SAME_FIGURE:
        return None
    return {"title": dimension.title.get(lang), "score": dimension.score}


def _listed(
    name: str, entries: list[dict[str, Any]], lang: str, category: str | None = None
) -> dict[str, Any]:
    """The first MAX_SHOWN entries for the table and what is left out, counted."""
    rest = entries[MAX_SHOWN:]
    return {
        name: [
            _activity({**a, "category": category} if category else a, lang)
            for a in entries[:MAX_SHOWN]
        ],
        f"{name}_more": {
            "shown": MAX_SHOWN,
            "more": len(rest),
            "mentions": sum(int(a.get("mentions") or 0) for a in rest),
        }
        if rest
        else None,
    }


def _activity(entry: dict[str, Any], lang: str) -> dict[str, Any]:
    category = entry.get("category")
    share = entry.get("mean_share")
    label = entry.get("label") if entry.get("other") else None
    return {
        "activity": str(label.get(lang, ""))
        if isinstance(label, dict)
        else str(entry.get("activity", "")),
        "category": category,
        "category_label": _category_name(category, lang)
        if category in CATEGORIES
        else str(category or ""),
        # percent of working time → a share, as the pct filter shows it
        "time_share": share / 100 if isinstance(share, int | float) else None,
        "mentions": entry.get("mentions"),
    }


def _category_name(category: str, lang: str) -> str:
    return label(lang, f"activity_{category}", DOMAIN)
