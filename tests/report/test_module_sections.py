"""The core's report holds no module content: what a module adds to the report (the silo
heatmap, the activity audit, the customer metrics, the Kano analysis) comes from its plugin,
through the same hooks a third party uses; and how plugin sections are put in (labels, parts).
"""

from __future__ import annotations

import re
import types
from pathlib import Path

import ccassess_customer_metrics
import ccassess_customer_or_reporting
import ccassess_customer_understanding
import ccassess_silo_check
import pytest

from ccassess import CcassessError, ReportSection, Text, hookimpl
from ccassess.actions.load_plugins import load_registry
from ccassess.model.result import AssessmentResult
from ccassess.plugin.registry import Registry
from ccassess.report import ReportOptions
from ccassess.report.html import render_html
from ccassess.report.sections import builtin_sections
from tests.report.conftest import section_html, text_of
from tests.report.synthetic import synthetic_result, with_analysis

#: What the core's own sections may be: none of them is about one module's content.
CORE_SECTIONS = re.compile(
    r"cover|contents|summary|overview|module-\w+|perception-gap|importance|departments|trend|action-plan"
    r"|method|answers"
    # what a board gets (#20): narrative, board pages, drivers, benchmark, comments, rates
    r"|key-messages|next-steps|next-steps-suggested|board-summary|ranking|initiatives"
    r"|response-rates|drivers|benchmark|comments"
)
MODULE_SECTIONS = ("silo", "activity", "metrics")
#: (plugin, module, what it adds to the report: section id, or None for the Kano part)
PLUGINS = [
    (ccassess_silo_check, "silo_check", "silo"),
    (ccassess_customer_or_reporting, "customer_or_reporting", "activity"),
    (ccassess_customer_metrics, "customer_metrics", "metrics"),
    (ccassess_customer_understanding, "customer_understanding", None),
]
KANO_TITLE = "Kano-Analyse der Leistungsmerkmale"


def section_ids(document: str) -> list[str]:
    return re.findall(r'<section [^>]*data-section="([^"]+)"', document)


def render(result: AssessmentResult, registry: Registry, lang: str = "de") -> str:
    options = ReportOptions(format="html", lang=lang)
    return render_html(result, registry.plugins, options).inline_html()


@pytest.fixture(scope="module")
def core_only() -> Registry:
    """The core and nothing else: no module plugin is loaded."""
    return load_registry(entry_points=False)


def test_the_core_sections_are_about_no_module(demo_result):
    sections = builtin_sections(demo_result, "de")
    assert all(CORE_SECTIONS.fullmatch(s.id) for s in sections), [s.id for s in sections]
    chapters = [s for s in sections if s.id.startswith("module-")]
    assert chapters and not any("kano" in s.context for s in chapters)


def test_without_the_plugins_the_demo_has_no_module_sections(demo_result, core_only):
    document = render(demo_result, core_only)
    ids = section_ids(document)
    assert "module-customer_understanding" in ids and "departments" in ids
    assert not set(MODULE_SECTIONS) & set(ids)
    assert KANO_TITLE not in document


def test_a_leadership_report_has_no_module_sections(registry):
    document = render(synthetic_result(registry, modules=("leadership",)), registry)
    assert not set(MODULE_SECTIONS) & set(section_ids(document))
    assert "Kano" not in text_of(document)


@pytest.mark.parametrize(("plugin", "module_id", "section"), PLUGINS, ids=lambda p: str(p))
def test_each_plugin_adds_its_section_when_its_module_is_there(
    plugin, module_id, section, core_only
):
    registry = load_registry(extra_plugins=[(module_id, plugin)], entry_points=False)
    result = synthetic_result(registry, modules=(module_id,))
    with_plugin, without = render(result, registry), render(result, core_only)
    if section is not None:
        assert section in section_ids(with_plugin) and section not in section_ids(without)
        assert section_ids(with_plugin).index(section) > section_ids(with_plugin).index(
            f"module-{module_id}"
        )
    else:
        chapter = section_html(with_plugin, f"module-{module_id}")
        assert KANO_TITLE in chapter and KANO_TITLE not in without
        assert chapter.index(KANO_TITLE) < chapter.index("<h3>Befunde</h3>")
        assert "Kano" not in text_of(section_html(with_plugin, "contents"))


def test_plugins_show_analysis_data_of_any_module_in_both_languages(registry):
    result = with_analysis(synthetic_result(registry, modules=("leadership",)))
    german, english = render(result, registry, "de"), render(result, registry, "en")
    ids = section_ids(german)
    assert [i for i in ids if i in MODULE_SECTIONS] == ["silo", "activity", "metrics"]
    assert ids.index("perception-gap") < ids.index("silo") < ids.index("departments")
    silo = text_of(section_html(german, "silo"))
    assert "Silo-Heatmap" in silo and "Sonstige" in silo and "Schwächste Verbindungen" in silo
    assert "Weakest links" in text_of(section_html(english, "silo"))
    activity = text_of(section_html(english, "activity"))
    assert "63% of the listed working time serves customers or selling (mean over" in activity
    assert "respondents accounted for 72% of their working time (18 respondents)" in activity
    assert "7% of the listed working time is required work (law, compliance, risk)" in activity
    assert "Weekly" not in activity and "Wöchentlicher Forecast-Report" in activity
    assert "Required activities: make leaner, do not cut" in activity
    assert "Monatsabschluss" in activity
    # the synthetic dimension score is not the serving share: the page does not call it so
    assert "The same figure is the score" not in activity
    german_activity = text_of(section_html(german, "activity"))
    assert "63 % der erfassten Arbeitszeit dienen Kunden oder dem Verkauf" in german_activity
    assert "Vorgeschriebene Tätigkeiten: schlanker machen, nicht streichen" in german_activity
    metrics = text_of(section_html(german, "metrics"))
    assert "Kundenzufriedenheit (CSAT)" in metrics and "keine Daten" in metrics
    assert "Quelle: Kundenbewertungen" in metrics
    assert "95-%-Intervall: -38 bis 14 · n = 21" in metrics.replace("−", "-")
    assert "Vorsicht: n = 21 liegt unter der Mindestzahl von 30 Antworten" in metrics
    assert "Anker: Konvention, kein Standard." in metrics
    english_metrics = text_of(section_html(english, "metrics"))
    assert "Caution: n = 21 is below the minimum of 30 answers" in english_metrics
    assert "these anchors are conventions, not standards" in english_metrics
    chapter = text_of(section_html(english, "module-leadership"))
    assert "Kano analysis of the features" in chapter and "Must-be" in chapter
    assert "Next-day delivery" in chapter


# -- how plugin sections are put in --------------------------------------------------------


def plugin_with(tmp_path: Path, templates: dict[str, str], *sections: ReportSection) -> Registry:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    for name, source in templates.items():
        (folder / name).write_text(source, "utf-8")
    plugin = types.SimpleNamespace(
        ccassess_report_sections=hookimpl(lambda result, lang: list(sections)),
        ccassess_template_dirs=hookimpl(lambda: [folder]),
    )
    return load_registry(extra_plugins=[("acme", plugin)])


LABELS = {"hello": Text("Hallo {name}", "Hello {name}"), "score": Text("Acme-Wert", "Acme score")}
PART = "<h3>{{ section.title }}</h3><p>{{ t('hello', name=context.name) }} · {{ t('n') }}</p>"


def test_a_part_is_placed_inside_its_section_with_its_own_labels(tmp_path):
    registry = plugin_with(
        tmp_path,
        {"part.html": PART},
        ReportSection(
            "acme-part",
            Text("Teil", "Part"),
            "part.html",
            context={"name": "<Welt>"},
            labels=LABELS,
            within="module-leadership",
        ),
    )
    document = render(synthetic_result(registry, modules=("leadership",)), registry)
    assert "acme-part" not in section_ids(document)
    assert "Teil" not in text_of(section_html(document, "contents"))
    chapter = section_html(document, "module-leadership")
    # where the module template places its parts: before the findings; labels first, then
    # the report's own strings; values escaped
    assert "<h3>Teil</h3><p>Hallo &lt;Welt&gt; · n</p>" in chapter
    assert chapter.index("<h3>Teil</h3>") < chapter.index("<h3>Befunde</h3>")
    # the section's labels are its own: the report's "score" is unchanged elsewhere
    assert "Acme-Wert" not in document


def test_a_part_its_section_does_not_place_goes_at_its_end(tmp_path):
    registry = plugin_with(
        tmp_path,
        {"part.html": "<p>angehängt</p>"},
        ReportSection("acme-part", Text.both("Part"), "part.html", within="summary"),
    )
    document = render(synthetic_result(registry, modules=("leadership",)), registry)
    assert section_html(document, "summary").rstrip().endswith("<p>angehängt</p>")


@pytest.mark.parametrize(
    ("section", "template", "message"),
    [
        (
            ReportSection("acme-part", Text.both("P"), "p.html", within="nowhere"),
            "<p>x</p>",
            "plugin 'acme', hook ccassess_report_sections: ReportSection 'acme-part': within "
            "'nowhere' names no section of the report",
        ),
        (
            ReportSection("acme", Text.both("P"), "p.html", labels={"x": "plain"}),  # type: ignore[dict-item]
            "<p>x</p>",
            "plugin 'acme', hook ccassess_report_sections: ReportSection 'acme': labels must "
            "map names to ccassess.Text",
        ),
        (
            ReportSection("acme", Text.both("P"), "p.html", labels=LABELS),
            "<p>{{ t('helo') }}</p>",
            "plugin 'acme': template 'p.html' (section 'acme' of plugin 'acme'): report string "
            "'helo' is neither in the section's labels nor in the labels catalog "
            "(ccassess/locale/en/LC_MESSAGES/labels.po) (at {templates}/p.html:1)",
        ),
    ],
    ids=["unknown section", "labels not Text", "unknown label"],
)
def test_plugin_section_mistakes_are_one_line_errors(tmp_path, section, template, message):
    registry = plugin_with(tmp_path, {"p.html": template}, section)
    with pytest.raises(CcassessError) as caught:
        render(synthetic_result(registry, modules=("leadership",)), registry)
    assert str(caught.value) == message.format(templates=tmp_path / "templates")


@pytest.mark.parametrize(
    ("lang", "question", "notice", "inputs"),
    [
        (
            "de",
            "Wie wahrscheinlich ist es, dass Sie das Unternehmen",
            "eingetragene Marken",
            "Promotoren (9–10) = ",
        ),
        (
            "en",
            "How likely is it that you would recommend the company",
            "registered trademarks",
            "promoters (9–10) = ",
        ),
    ],
)
def test_the_nps_card_quotes_its_question_names_its_inputs_and_carries_the_notice(
    demo_result, registry, lang: str, question: str, notice: str, inputs: str
):
    section = text_of(section_html(render(demo_result, registry, lang), "metrics"))
    assert question in section
    assert inputs in section and "promoters =" not in section  # named for a reader
    assert "Net Promoter®, NPS® " in section and notice in section
