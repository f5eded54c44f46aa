"""The Kano analysis in the report: a part of each module's chapter that has it (after the
dispersion table, before the findings), with the category shares per feature as stacked bars
and a table of categories and better/worse coefficients.

Contributed through `ccassess_report_sections` as a part (`within`) of the module's section;
the template is templates/sections/kano.html, its labels are in
locale/<lang>/LC_MESSAGES/ccassess_customer_understanding_labels.po.
"""

from __future__ import annotations

from typing import Any

from ccassess import AssessmentResult, ModuleResult, ReportSection, Text, catalog_text, label

from .kano import CATEGORIES

#: The catalog of this plugin's labels (locale/<lang>/LC_MESSAGES/<DOMAIN>.po).
DOMAIN = "ccassess_customer_understanding_labels"
#: The categories in the order of the bars and the legend.
CATEGORY_ORDER = tuple(CATEGORIES.values())
#: Each category's colour, by the theme's colour names (and how much lighter).
COLOURS = {
    "must_be": ("primary", 0.0),
    "one_dimensional": ("internal", 0.0),
    "attractive": ("level-5", 0.0),
    "indifferent": ("muted", 0.45),
    "reverse": ("level-1", 0.0),
    "questionable": ("muted", 0.7),
}


def kano_sections(result: AssessmentResult, lang: str, key: str) -> list[ReportSection]:
    """A part of the chapter of each module with Kano data (analysis `key`) someone answered."""
    sections = []
    for module in result.modules:
        context = _kano(module, lang, key)
        if context is not None:
            sections.append(
                ReportSection(
                    f"kano-{module.id}",
                    catalog_text("kano_title", DOMAIN),
                    "sections/kano.html",
                    context=context,
                    in_toc=False,
                    labels_domain=DOMAIN,
                    within=f"module-{module.id}",
                )
            )
    return sections


def _kano(module: ModuleResult, lang: str, key: str) -> dict[str, Any] | None:
    data = module.analysis.get(key)
    if not isinstance(data, dict) or not data.get("features"):
        return None
    names = {c: label(lang, f"kano_{c}", DOMAIN) for c in CATEGORY_ORDER}
    features = []
    for feature in data["features"]:
        if not feature.get("n") or feature.get("suppressed"):
            continue  # nobody answered this feature
        shares = feature.get("shares") or {}
        category = feature.get("category")
        features.append(
            {
                "label": _local(feature.get("label"), lang) or str(feature.get("id", "")),
                "n": feature.get("n"),
                "category": category,
                "category_label": names.get(category, str(category or "–")),
                "shares": {c: shares.get(c) or 0.0 for c in CATEGORY_ORDER},
                "better": feature.get("better"),
                "worse": feature.get("worse"),
            }
        )
    if not features:
        return None
    unclassified = sum(int(f.get("dont_know") or 0) for f in data["features"])
    return {
        "features": features,
        "unclassified": (
            label(lang, "kano_unclassified", DOMAIN).format(n=unclassified) if unclassified else ""
        ),
        "categories": [
            {"id": c, "label": names[c], "colour": COLOURS[c][0], "tint": COLOURS[c][1]}
            for c in CATEGORY_ORDER
        ],
    }


def _local(value: Any, lang: str) -> str:
    """A text of the analysis data ({"de": …, "en": …} or plain) in the report's language."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return value.get(lang) or value.get("en") or next((v for v in value.values() if v), "")
    return value.get(lang) if isinstance(value, Text) else str(value)
