"""The silo heatmap section of the report: the matrix of every module with one.

Contributed through `ccassess_report_sections` like any plugin's section; the template is
templates/sections/silo.html, its strings are `LABELS` below.
"""

from __future__ import annotations

from typing import Any

from ccassess import AssessmentResult, ReportSection, Text

from .matrix import OTHER

#: Between the perception gap (700) and the department breakdown (1100).
ORDER = 800
#: How many of the weakest links the section lists.
WEAKEST_LINKS = 5
LABELS = {
    "silo": Text("Silo-Heatmap", "Silo heatmap"),
    "silo_intro": Text(
        "Jede Zeile zeigt, wie gut eine Abteilung nach eigener Einschätzung versteht, was die "
        "Abteilungen in den Spalten von ihr brauchen (0–100).",
        "Each row shows how well a department believes it understands what the departments in "
        "the columns need from it (0–100).",
    ),
    "colour_scale": Text("Farbskala: Wert 0–100", "Colour scale: score 0–100"),
    "low": Text("schwach", "weak"),
    "high": Text("stark", "strong"),
    "weakest_links": Text("Schwächste Verbindungen", "Weakest links"),
    "rater": Text("bewertet von", "rated by"),
    "department": Text("Abteilung", "Department"),
    "score": Text("Wert", "Score"),
    "n": Text("n", "n"),
    "merged_note": Text(
        "Abteilungen mit weniger als {threshold} Befragten sind unter „Sonstige“ "
        "zusammengefasst, damit niemand erkennbar ist.",
        "Departments with fewer than {threshold} respondents are merged into “other” so "
        "that nobody can be identified.",
    ),
    "other": Text("Sonstige", "other"),
    "merged_small": Text(
        "Abteilungen mit weniger als {threshold} Bewertenden ({count}): {into}.",
        "Departments with fewer than {threshold} raters ({count}): {into}.",
    ),
    "merged_protect": Text(
        "{names}: genug Bewertende, aber ebenfalls {into}, damit sich die kleinen Abteilungen "
        "nicht aus den übrigen Werten herausrechnen lassen.",
        "{names}: enough raters, but {into} as well, so that the small departments cannot be "
        "computed from the rest.",
    ),
    "merged_into": Text("unter „Sonstige“ zusammengefasst", "merged into “other”"),
    "left_out_into": Text("nicht einzeln gezeigt", "not shown on their own"),
}


def silo_sections(result: AssessmentResult, lang: str, key: str) -> list[ReportSection]:
    """The heatmap section, when a module has the silo matrix (analysis `key`) with data."""
    matrices = []
    for module in result.modules:
        data = module.analysis.get(key)
        if not isinstance(data, dict) or not data.get("departments") or not data.get("raters"):
            continue
        matrices.append(
            {
                "module": module.title.get(lang),
                "departments": [str(d) for d in data["departments"]],
                "raters": [_group_name(name, lang) for name in data["raters"]],
                "matrix": data.get("matrix") or [],
                "weakest_links": [
                    {
                        "rater": _group_name(link.get("rater"), lang),
                        "target": str(link.get("target")),
                        "score": link.get("score"),
                        "n": link.get("n"),
                    }
                    for link in (data.get("weakest_links") or [])[:WEAKEST_LINKS]
                ],
                "merged_note": bool(data.get("merged_note")),
                # small departments by number only: their names would say who is few
                "merged_small": len(data.get("merged_small") or []),
                "merged_to_protect": ", ".join(str(d) for d in data.get("merged_to_protect") or []),
                "left_out": bool(data.get("left_out")),
            }
        )
    if not matrices:
        return []
    context = {"matrices": matrices, "threshold": result.info.anonymity_threshold}
    return [
        ReportSection("silo", LABELS["silo"], "sections/silo.html", ORDER, context, labels=LABELS)
    ]


def _group_name(name: Any, lang: str) -> str:
    return LABELS["other"].get(lang) if name == OTHER else str(name)
