"""The Kano analysis in the report: a part of each module's chapter that has it (after the
dispersion table, before the findings), with the category shares per feature as stacked bars
and a table of categories and better/worse coefficients.

Contributed through `ccassess_report_sections` as a part (`within`) of the module's section;
the template is templates/sections/kano.html, its strings are `LABELS` below.
"""

from __future__ import annotations

from typing import Any

from ccassess import AssessmentResult, ModuleResult, ReportSection, Text

from .kano import CATEGORIES

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
LABELS = {
    "kano_title": Text("Kano-Analyse der Leistungsmerkmale", "Kano analysis of the features"),
    "kano_intro": Text(
        "Wie Kunden einzelne Merkmale einordnen (Anteile der Antworten). Better/Worse: wie "
        "stark ein Merkmal Zufriedenheit stiftet bzw. sein Fehlen Unzufriedenheit.",
        "How customers classify each feature (share of answers). Better/worse: how much a "
        "feature adds satisfaction, and how much its absence causes dissatisfaction.",
    ),
    "kano_feature": Text("Merkmal", "Feature"),
    "kano_category": Text("Kategorie", "Category"),
    "kano_better": Text("Better", "Better"),
    "kano_worse": Text("Worse", "Worse"),
    "kano_must_be": Text("Basismerkmal", "Must-be"),
    "kano_one_dimensional": Text("Leistungsmerkmal", "One-dimensional"),
    "kano_attractive": Text("Begeisterungsmerkmal", "Attractive"),
    "kano_indifferent": Text("Unerheblich", "Indifferent"),
    "kano_reverse": Text("Rückweisend", "Reverse"),
    "kano_questionable": Text("Fraglich", "Questionable"),
    "kano_unclassified": Text(
        "Nicht eingeordnet: {n} Antwortpaar(e) mit „weiß nicht“ auf einer Seite (die "
        "Auswertungstabelle braucht beide Antworten; sie zählen nicht in n und den Anteilen).",
        'Not classified: {n} answer pair(s) with "don\'t know" on one side (the evaluation '
        "table needs both answers; they are not in n or the shares).",
    ),
    "n": Text("n", "n"),
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
                    LABELS["kano_title"],
                    "sections/kano.html",
                    context=context,
                    in_toc=False,
                    labels=LABELS,
                    within=f"module-{module.id}",
                )
            )
    return sections


def _kano(module: ModuleResult, lang: str, key: str) -> dict[str, Any] | None:
    data = module.analysis.get(key)
    if not isinstance(data, dict) or not data.get("features"):
        return None
    names = {c: LABELS[f"kano_{c}"].get(lang) for c in CATEGORY_ORDER}
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
            LABELS["kano_unclassified"].get(lang).format(n=unclassified) if unclassified else ""
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
        return value.get(lang) or next((v for v in value.values() if v), "")
    return value.get(lang) if isinstance(value, Text) else str(value)
