"""The silo heatmap section of the report: the matrix of every module with one.

Contributed through `ccassess_report_sections` like any plugin's section; the template is
templates/sections/silo.html, its labels are in
locale/<lang>/LC_MESSAGES/ccassess_silo_check_labels.po.
"""

from __future__ import annotations

from typing import Any

from ccassess import AssessmentResult, ReportSection, catalog_text, label

from .matrix import OTHER

#: Between the perception gap (700) and the department breakdown (1100).
ORDER = 800
#: The catalog of this plugin's labels (locale/<lang>/LC_MESSAGES/<DOMAIN>.po).
DOMAIN = "ccassess_silo_check_labels"
#: How many of the weakest links the section lists.
WEAKEST_LINKS = 5


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
        ReportSection(
            "silo",
            catalog_text("silo", DOMAIN),
            "sections/silo.html",
            ORDER,
            context,
            labels_domain=DOMAIN,
        )
    ]


def _group_name(name: Any, lang: str) -> str:
    return label(lang, "other", DOMAIN) if name == OTHER else str(name)
