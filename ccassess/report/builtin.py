"""The built-in report sections, contributed through `ccassess_report_sections` like any
plugin's (registered as the internal plugin "core-report").

Everything a template shows is computed here from the AssessmentResult: orderings, top and
bottom lists, shares, sentences' numbers. Templates only format. Each section exists only
where its data exists.

Orders: cover 100, contents 200, summary 300, overview 400, modules 500 (one each, in the
assessment's order), perception gap 700, departments 1100, trend 1150, action plan 1200,
method 1300, answer appendix 1350. The orders between are the plugins' (the built-in modules'
silo heatmap 800, activity audit 900, customer metrics 1000).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ccassess.format import number
from ccassess.model.result import AssessmentResult, DimensionResult, LevelInfo, ModuleResult
from ccassess.report.i18n import text
from ccassess.report.section import ReportSection
from ccassess.scoring.stats import ALPHA_MIN_RESPONDENTS, DISAGREEMENT_SD

ORDER = {
    "cover": 100,
    "contents": 200,
    "summary": 300,
    "overview": 400,
    "module": 500,
    "perception_gap": 700,
    "departments": 1100,
    "trend": 1150,
    "action_plan": 1200,
    "method": 1300,
    "answers": 1350,
}
#: Radar axes are labelled by name up to this many dimensions, by number beyond.
RADAR_NAMED_AXES = 12
#: Fewer dimensions than this make no radar (a module table still follows).
RADAR_MIN_AXES = 3
ITEM_GAPS = 10
SUMMARY_FINDINGS = 3
SEVERITY_ORDER = {"critical": 0, "warning": 1, "info": 2}


def builtin_sections(result: AssessmentResult, lang: str) -> list[ReportSection]:
    view = _View(result, lang)
    sections = [
        ReportSection(
            "cover", text("report_title"), "sections/cover.html", ORDER["cover"], {}, in_toc=False
        ),
        ReportSection(
            "contents",
            text("contents"),
            "sections/contents.html",
            ORDER["contents"],
            {},
            in_toc=False,
        ),
        ReportSection(
            "summary", text("summary"), "sections/summary.html", ORDER["summary"], view.summary()
        ),
        ReportSection(
            "overview",
            text("overview"),
            "sections/overview.html",
            ORDER["overview"],
            view.overview(),
        ),
    ]
    for module in result.modules:
        sections.append(
            ReportSection(
                f"module-{module.id}",
                module.title,
                "sections/module.html",
                ORDER["module"],
                view.module(module),
            )
        )
    optional = [
        ("perception_gap", "sections/perception_gap.html", view.perception_gap()),
        ("departments", "sections/departments.html", view.departments()),
        ("trend", "sections/trend.html", view.trend()),
        ("action_plan", "sections/action_plan.html", view.action_plan()),
        ("method", "sections/method.html", view.method()),
        ("answers", "sections/answers.html", view.answers()),
    ]
    for key, template, context in optional:
        if context is not None:
            sections.append(
                ReportSection(key.replace("_", "-"), text(key), template, ORDER[key], context)
            )
    return sections


def _level_name(levels: list[LevelInfo], level: int | None, lang: str) -> str:
    info = next((lv for lv in levels if lv.level == level), None)
    return info.name.get(lang) if info else ""


class _View:
    """Plain-data views of the result for the built-in templates, in one language."""

    def __init__(self, result: AssessmentResult, lang: str) -> None:
        self.result = result
        self.lang = lang

    def tr(self, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, dict):  # bilingual data from a plugin's analysis
            return value.get(self.lang) or next((v for v in value.values() if v), "")
        return value.get(self.lang) if hasattr(value, "get") else str(value)

    def levels(self, module: ModuleResult | None = None) -> list[LevelInfo]:
        return (module.levels if module and module.levels else None) or self.result.levels

    def level_name(self, level: int | None, module: ModuleResult | None = None) -> str:
        return _level_name(self.levels(module), level, self.lang)

    def dimension_row(self, module: ModuleResult, dimension: DimensionResult) -> dict[str, Any]:
        internal = dimension.by_perspective.get("internal")
        customer = dimension.by_perspective.get("customer")
        return {
            "id": dimension.id,
            "module": self.tr(module.title),
            "title": self.tr(dimension.title),
            "score": dimension.score,
            "level": dimension.level,
            "level_name": self.level_name(dimension.level, module),
            "level_description": self.tr(dimension.level_description),
            "internal": internal.score if internal else None,
            "customer": customer.score if customer else None,
            "n": dimension.stats.n,
            "sd": dimension.stats.sd,
            "consensus": dimension.stats.consensus,
            "disagreement": dimension.disagreement,
            "weight": dimension.weight,
            "coverage": dimension.coverage.share,
        }

    def all_dimensions(self) -> list[dict[str, Any]]:
        return [self.dimension_row(m, d) for m in self.result.modules for d in m.dimensions]

    # -- sections --------------------------------------------------------------------------

    def summary(self) -> dict[str, Any]:
        r = self.result
        scored = [d for d in self.all_dimensions() if d["score"] is not None]
        ranked = sorted(scored, key=lambda d: d["score"], reverse=True)
        count = min(3, len(ranked) // 2) if len(ranked) < 6 else 3
        overall = next((lv for lv in r.levels if lv.level == r.level), None)
        findings = sorted(
            (
                (f, m)
                for m in r.modules
                for f in m.findings
                if f.severity in ("critical", "warning")
            ),
            key=lambda pair: SEVERITY_ORDER.get(pair[0].severity, 3),
        )[:SUMMARY_FINDINGS]
        return {
            "score": r.score,
            "level": r.level,
            "level_name": overall.name.get(self.lang) if overall else "",
            "level_description": overall.description.get(self.lang) if overall else "",
            "thresholds": [lv.minimum for lv in r.levels],
            "level_names": [lv.name.get(self.lang) for lv in r.levels],
            "strongest": ranked[:count],
            "weakest": list(reversed(ranked[-count:])) if count else [],
            "mirror": _mirror(r.mirror),
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
                {"severity": f.severity, "text": self.tr(f.text), "module": self.tr(m.title)}
                for f, m in findings
            ],
        }

    def overview(self) -> dict[str, Any]:
        r = self.result
        rows = [d for d in self.all_dimensions() if d["score"] is not None]  # unscored: no axis
        numbered = len(rows) > RADAR_NAMED_AXES
        series = [
            {
                "name": text("series_overall").get(self.lang),
                "role": "overall",
                "values": [d["score"] for d in rows],
            }
        ]
        for role in ("internal", "customer"):
            values = [d[role] for d in rows]
            if any(v is not None for v in values):
                series.append(
                    {"name": text(f"series_{role}").get(self.lang), "role": role, "values": values}
                )
        modules = []
        for module in r.modules:
            internal = module.by_perspective.get("internal")
            customer = module.by_perspective.get("customer")
            modules.append(
                {
                    "id": module.id,
                    "title": self.tr(module.title),
                    "score": module.score,
                    "level": module.level,
                    "level_name": self.level_name(module.level, module),
                    "internal": internal.score if internal else None,
                    "customer": customer.score if customer else None,
                    "gap": module.mirror.gap if module.mirror else None,
                    "respondents": module.respondents,
                    "coverage": module.coverage.share,
                }
            )
        internal = r.by_perspective.get("internal")
        customer = r.by_perspective.get("customer")
        return {
            "axes": [d["title"] for d in rows],
            "key": _axis_key(rows) if numbered else [],
            "numbered": numbered,
            "radar": len(rows) >= RADAR_MIN_AXES,
            "series": series,
            "modules": modules,
            "overall": {
                "score": r.score,
                "level": r.level,
                "level_name": self.level_name(r.level),
                "internal": internal.score if internal else None,
                "customer": customer.score if customer else None,
                "gap": r.mirror.gap if r.mirror else None,
                "respondents": r.respondents.total,
                "coverage": r.coverage.share,
            },
        }

    def module(self, module: ModuleResult) -> dict[str, Any]:
        rows = [self.dimension_row(module, d) for d in module.dimensions]
        levels = self.levels(module)
        level = next((lv for lv in levels if lv.level == module.level), None)
        internal = module.by_perspective.get("internal")
        customer = module.by_perspective.get("customer")
        titles = {d.id: self.tr(d.title) for d in module.dimensions}
        findings = sorted(module.findings, key=lambda f: SEVERITY_ORDER.get(f.severity, 3))
        recommendations = sorted(module.recommendations, key=lambda rec: -rec.priority)
        several = [row for row in rows if row["n"] > 1]
        return {
            "id": module.id,
            "title": self.tr(module.title),
            "description": self.tr(module.description),
            "score": module.score,
            "level": module.level,
            "level_name": level.name.get(self.lang) if level else "",
            "level_description": level.description.get(self.lang) if level else "",
            "internal": internal.score if internal else None,
            "customer": customer.score if customer else None,
            "gap": module.mirror.gap if module.mirror else None,
            "respondents": module.respondents,
            "coverage": module.coverage.share,
            "thresholds": [lv.minimum for lv in levels],
            "dimensions": rows,
            "has_perspectives": any(
                r["internal"] is not None and r["customer"] is not None for r in rows
            ),
            "dispersion": several,
            "disputed": [row["title"] for row in several if row["disagreement"]],
            "disagreement_sd": DISAGREEMENT_SD,
            "findings": [
                {
                    "severity": f.severity,
                    "text": self.tr(f.text),
                    "dimension": titles.get(f.dimension or "", ""),
                }
                for f in findings
            ],
            "recommendations": [
                {
                    "text": self.tr(rec.text),
                    "dimension": titles.get(rec.dimension or "", ""),
                    "current": rec.current_level,
                    "target": rec.target_level,
                    "priority": rec.priority_label,
                }
                for rec in recommendations
            ],
        }

    def perception_gap(self) -> dict[str, Any] | None:
        r = self.result
        dimensions = []
        items = []
        for module in r.modules:
            for dimension in module.dimensions:
                if dimension.mirror is not None:
                    dimensions.append(
                        {
                            "label": self.tr(dimension.title),
                            "module": self.tr(module.title),
                            "internal": dimension.mirror.internal,
                            "customer": dimension.mirror.customer,
                            "gap": dimension.mirror.gap,
                        }
                    )
                for question in dimension.questions:
                    if question.mirror is None:
                        continue
                    internal = question.by_perspective.get("internal")
                    customer = question.by_perspective.get("customer")
                    items.append(
                        {
                            "text": self.tr(question.text),
                            "id": question.id,
                            "module": self.tr(module.title),
                            "dimension": self.tr(dimension.title),
                            "internal": question.mirror.internal,
                            "customer": question.mirror.customer,
                            "gap": question.mirror.gap,
                            "n_internal": internal.n if internal else 0,
                            "n_customer": customer.n if customer else 0,
                        }
                    )
        if not dimensions and r.mirror is None:
            return None
        dimensions.sort(key=lambda d: -d["gap"])
        items.sort(key=lambda item: -abs(item["gap"]))
        return {
            "mirror": _mirror(r.mirror),
            "dimensions": dimensions,
            "item_gaps": items[:ITEM_GAPS],
        }

    def _group_name(self, name: Any) -> str:
        return text("other").get(self.lang) if name == "other" else str(name)

    def departments(self) -> dict[str, Any] | None:
        breakdown = self.result.departments
        if breakdown is None or (not breakdown.groups and not breakdown.left_out):
            return None
        groups = breakdown.groups
        names = [self._group_name("other") if g.merged else g.name for g in groups]
        return {
            "threshold": breakdown.threshold,
            "groups": [
                {"name": name, "n": g.n, "score": g.score, "level": g.level, "merged": g.merged}
                for name, g in zip(names, groups, strict=True)
            ],
            "columns": [
                f"{name} (n = {number(g.n, self.lang)})"
                for name, g in zip(names, groups, strict=True)
            ],
            "rows": [
                *(self.tr(m.title) for m in self.result.modules),
                text("overall").get(self.lang),
            ],
            "matrix": [
                *([g.modules.get(m.id) for g in groups] for m in self.result.modules),
                [g.score for g in groups],
            ],
            "merged_departments": breakdown.merged_departments,
            "left_out": breakdown.left_out,
        }

    def trend(self) -> dict[str, Any] | None:
        """Earlier rounds beside the current one; changes against the previous round."""
        points = self.result.trend
        if not points:
            return None
        previous = points[-1]

        def row(label: str, scores: list[float | None]) -> dict[str, Any]:
            change = None
            if scores[-1] is not None and scores[-2] is not None:
                change = scores[-1] - scores[-2]
            return {"label": label, "scores": scores, "change": change}

        rows = [
            row(text("overall").get(self.lang), [p.score for p in points] + [self.result.score])
        ]
        changes = []
        for module in self.result.modules:
            history = [p.modules.get(module.id) for p in points]
            rows.append(row(self.tr(module.title), [*history, module.score]))
            for dimension in module.dimensions:
                before = previous.dimensions.get(module.id, {}).get(dimension.id)
                if before is not None and dimension.score is not None:
                    changes.append({
                        "module": self.tr(module.title),
                        "dimension": self.tr(dimension.title),
                        "before": before,
                        "now": dimension.score,
                        "change": dimension.score - before,
                    })  # fmt: skip
        changes.sort(key=lambda c: -abs(c["change"]))
        return {
            "rounds": [p.round for p in points] + [text("current_round").get(self.lang)],
            "dates": [p.date for p in points] + [self.result.info.date],
            "rows": rows,
            "dimension_changes": changes[:10],
        }

    def action_plan(self) -> dict[str, Any] | None:
        items = []
        for module in self.result.modules:
            titles = {d.id: self.tr(d.title) for d in module.dimensions}
            for rec in module.recommendations:
                items.append(
                    {
                        "text": self.tr(rec.text),
                        "module": self.tr(module.title),
                        "dimension": titles.get(rec.dimension or "", ""),
                        "current": rec.current_level,
                        "target": rec.target_level,
                        "current_name": self.level_name(rec.current_level, module),
                        "target_name": self.level_name(rec.target_level, module),
                        "priority": rec.priority,
                        "priority_label": rec.priority_label,
                    }
                )
        if not items:
            return None
        items.sort(key=lambda item: -item["priority"])
        for rank, item in enumerate(items, start=1):
            item["rank"] = rank
        return {"actions": items}

    def method(self) -> dict[str, Any]:
        r = self.result
        types: Counter[str] = Counter()
        reverse = False
        modules = []
        total_weight = sum(m.weight for m in r.modules if m.score is not None) or 1.0
        default = [(lv.minimum, lv.level) for lv in r.levels]
        own_levels = []
        formulas = []
        for module in r.modules:
            sources: Counter[str] = Counter()
            for dimension in module.dimensions:
                for question in dimension.questions:
                    types[question.type] += 1
                    reverse = reverse or question.reverse
                    sources[question.source] += 1
            if module.levels and [(lv.minimum, lv.level) for lv in module.levels] != default:
                own_levels.append(self.tr(module.title))
            for name, formula in module.formulas.items():
                formulas.append(
                    {"module": self.tr(module.title), "name": name, "text": self.tr(formula)}
                )
            modules.append(
                {
                    "id": module.id,
                    "title": self.tr(module.title),
                    "version": module.version,
                    "plugin": module.plugin or "",
                    "weight": module.weight,
                    "share": module.weight / total_weight if module.score is not None else None,
                    "dimensions": [
                        {
                            "title": self.tr(d.title),
                            "weight": d.weight,
                            "questions": len(d.questions),
                        }
                        for d in module.dimensions
                    ],
                    "sources": [{"source": s, "count": c} for s, c in sorted(sources.items())],
                }
            )
        levels = r.levels
        return {
            "types": [{"type": name, "count": count} for name, count in sorted(types.items())],
            "reverse": reverse,
            "modules": modules,
            "levels": [
                {
                    "level": lv.level,
                    "minimum": lv.minimum,
                    "maximum": levels[i + 1].minimum if i + 1 < len(levels) else 100.0,
                    "name": self.tr(lv.name),
                    "description": self.tr(lv.description),
                }
                for i, lv in enumerate(levels)
            ],
            "own_levels": own_levels,
            "formulas": formulas,
            "disagreement_sd": DISAGREEMENT_SD,
            "alpha_min": ALPHA_MIN_RESPONDENTS,
            "threshold": r.info.anonymity_threshold,
            "method_version": r.method_version,
            "ccassess_version": r.ccassess_version,
        }

    def answers(self) -> dict[str, Any] | None:
        if not self.result.answers:
            return None
        titles = {m.id: self.tr(m.title) for m in self.result.modules}
        return {
            "respondents": [
                {
                    "id": record.respondent,
                    "perspective": record.perspective,
                    "modules": [
                        {
                            "title": titles.get(module_id, module_id),
                            "answers": [
                                {"question": q, "value": self.tr(v)} for q, v in answers.items()
                            ],
                        }
                        for module_id, answers in record.answers.items()
                        if answers
                    ],
                }
                for record in self.result.answers
            ]
        }


def _axis_key(rows: list[dict[str, Any]], columns: int = 3) -> list[list[dict[str, Any]]]:
    """Radar axes numbered 1…n, grouped by module, split into balanced columns.

    (Laid out here rather than with CSS columns, which cost WeasyPrint seconds.)
    """
    groups: list[dict[str, Any]] = []
    for index, row in enumerate(rows, start=1):
        if not groups or groups[-1]["module"] != row["module"]:
            groups.append({"module": row["module"], "axes": []})
        groups[-1]["axes"].append({"number": index, "title": row["title"]})
    lines = sum(len(g["axes"]) + 1 for g in groups)
    result: list[list[dict[str, Any]]] = [[]]
    filled = 0
    for group in groups:
        size = len(group["axes"]) + 1
        if result[-1] and filled + size / 2 > lines * len(result) / columns:
            result.append([])
        result[-1].append(group)
        filled += size
    return result


def level_of(score: float | None, levels: list[LevelInfo]) -> int | None:
    """The level whose range holds the score (for scores the result stores without one)."""
    if score is None or not levels:
        return None
    return max(
        (lv for lv in levels if score >= lv.minimum), key=lambda lv: lv.minimum, default=levels[0]
    ).level


def _mirror(mirror: Any) -> dict[str, float] | None:
    if mirror is None:
        return None
    return {"internal": mirror.internal, "customer": mirror.customer, "gap": mirror.gap}
