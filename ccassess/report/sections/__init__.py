"""The built-in report sections, contributed through `ccassess_report_sections` like any
plugin's (registered as the internal plugin "core-report"); one module per section.

Everything a template shows is computed here from the AssessmentResult: orderings, top and
bottom lists, shares, sentences' numbers. Templates only format. Each section exists only
where its data exists. None of them is about one module's content: what a module adds to the
report (its own analysis) comes from its plugin.

Orders: cover 100, contents 200, summary 300, overview 400, modules 500 (one each, in the
assessment's order), perception gap 700, importance × performance 720, departments 1100,
trend 1150, action plan 1200, method 1300, answer appendix 1350. The orders between are the
plugins' (the built-in modules' silo heatmap 800, activity audit 900, customer metrics 1000).
"""

from __future__ import annotations

from typing import Any

from ccassess.catalogs import LABELS
from ccassess.model.result import AssessmentResult
from ccassess.report.i18n import text
from ccassess.report.section import ReportSection
from ccassess.report.sections.action_plan import action_plan
from ccassess.report.sections.answers import answers
from ccassess.report.sections.benchmark import benchmark
from ccassess.report.sections.board import (
    board_summary,
    initiatives,
    key_messages,
    next_steps,
    response_rates,
)
from ccassess.report.sections.comments import comments
from ccassess.report.sections.departments import departments
from ccassess.report.sections.drivers import drivers
from ccassess.report.sections.importance import importance
from ccassess.report.sections.method import method
from ccassess.report.sections.module import module_chapter
from ccassess.report.sections.overview import overview
from ccassess.report.sections.perception_gap import perception_gap
from ccassess.report.sections.ranking import module_ranking
from ccassess.report.sections.summary import summary
from ccassess.report.sections.trend import trend
from ccassess.report.sections.view import View

ORDER = {
    "cover": 100,
    "contents": 200,
    "key_messages": 250,
    "summary": 300,
    "overview": 400,
    "benchmark": 450,
    "module": 500,
    "perception_gap": 700,
    "importance": 720,
    "drivers": 760,
    "departments": 1100,
    "trend": 1150,
    "comments": 1170,
    "initiatives": 1190,
    "action_plan": 1200,
    "next_steps": 1250,
    "response_rates": 1290,
    "method": 1300,
    "answers": 1350,
}


def builtin_sections(result: AssessmentResult, lang: str) -> list[ReportSection]:
    view = View(result, lang)
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
            "summary", text("summary"), "sections/summary.html", ORDER["summary"], summary(view)
        ),
        ReportSection(
            "overview",
            text("overview"),
            "sections/overview.html",
            ORDER["overview"],
            overview(view),
        ),
    ]
    for module in result.modules:
        sections.append(
            ReportSection(
                f"module-{module.id}",
                module.title,
                "sections/module.html",
                ORDER["module"],
                module_chapter(view, module),
            )
        )
    optional = [
        ("perception_gap", "sections/perception_gap.html", perception_gap(view)),
        ("importance", "sections/importance.html", importance(view)),
        ("departments", "sections/departments.html", departments(view)),
        ("trend", "sections/trend.html", trend(view)),
        ("action_plan", "sections/action_plan.html", action_plan(view)),
        ("method", "sections/method.html", method(view)),
        ("answers", "sections/answers.html", answers(view)),
    ]
    for key, template, context in optional:
        if context is not None:
            sections.append(
                ReportSection(
                    key.replace("_", "-"),
                    text(key),
                    template,
                    ORDER[key],
                    context,
                    labels_domain=LABELS if key == "trend" else None,
                    labels_prefix="trend_" if key == "trend" else "",
                )
            )
    return sections + board_sections(view)


#: Sections with labels of their own (``<prefix>key`` in the labels catalog; the others use
#: the board's).
OWN_LABELS = {"drivers": "drivers_", "benchmark": "benchmark_", "comments": "comments_"}


def board_sections(view: View) -> list[ReportSection]:
    """The consultant's narrative (every profile) and the board profile's condensed pages
    (only the board profile shows those, see profiles.py)."""
    steps = next_steps(view)
    board: list[tuple[str, str, int, dict[str, Any] | None]] = [
        ("board-summary", "board_summary", ORDER["summary"], board_summary(view)),
        ("key-messages", "key_messages", ORDER["key_messages"], key_messages(view)),
        ("ranking", "ranking", ORDER["overview"], module_ranking(view)),
        ("drivers", "drivers", ORDER["drivers"], drivers(view)),
        ("benchmark", "benchmark", ORDER["benchmark"], benchmark(view)),
        ("comments", "comments", ORDER["comments"], comments(view)),
        ("initiatives", "initiatives", ORDER["initiatives"], initiatives(view)),
        # without the consultant's own steps, suggested ones: on the board's pages only
        (
            "next-steps-suggested" if steps["suggested"] else "next-steps",
            "next_steps",
            ORDER["next_steps"],
            steps,
        ),
        ("response-rates", "response_rates", ORDER["response_rates"], response_rates(view)),
    ]
    return [
        ReportSection(
            section_id,
            text(OWN_LABELS.get(key, "board_") + key),
            f"sections/{key}.html",
            order,
            context,
            labels_domain=LABELS,
            labels_prefix=OWN_LABELS.get(key, "board_"),
        )
        for section_id, key, order, context in board
        if context is not None
    ]
