"""The report as HTML: sections, numbers, languages, anonymity, escaping, plugin sections."""

from __future__ import annotations

import re
import types
from pathlib import Path

import pytest
from ccassess_silo_check.report import ORDER as SILO_ORDER

from ccassess import CcassessError, ReportSection, Text, hookimpl
from ccassess.actions.load_plugins import load_registry
from ccassess.format import number
from ccassess.report import ReportOptions
from ccassess.report.html import render_html
from ccassess.report.sections import ORDER
from tests.report.conftest import section_html, text_of
from tests.report.synthetic import SMALL_DEPARTMENT, synthetic_result

BUILT_IN_ORDER = [
    "cover",
    "contents",
    "summary",
    "overview",
    "module-leadership",
    "module-silo_check",
    "module-dos_donts",
    "module-customer_or_reporting",
    "module-customer_understanding",
    "module-customer_metrics",
    "module-customer_perception",
    "perception-gap",
    "importance",
    "silo",
    "activity",
    "metrics",
    "departments",
    "comments",
    "action-plan",
    "response-rates",
    "method",
]


@pytest.fixture(scope="module")
def demo_html(registry, demo_result) -> str:
    options = ReportOptions(format="html", lang="de")
    return render_html(demo_result, registry.plugins, options).inline_html()


@pytest.fixture(scope="module")
def demo_html_en(registry, demo_result) -> str:
    options = ReportOptions(format="html", lang="en")
    return render_html(demo_result, registry.plugins, options).inline_html()


def section_ids(document: str) -> list[str]:
    return re.findall(r'<section [^>]*data-section="([^"]+)"', document)


def test_all_sections_in_order(demo_html):
    assert section_ids(demo_html) == BUILT_IN_ORDER


def test_answer_appendix_only_when_asked_and_never_with_names(registry, demo_result, demo_inputs):
    options = ReportOptions(format="html", lang="de", appendix=True)
    document = render_html(demo_result, registry.plugins, options).inline_html()
    assert section_ids(document)[-1] == "answers"
    appendix = text_of(section_html(document, "answers"))
    assert re.search(r"\bI\d{3}\b", appendix) and re.search(r"\bC\d{3}\b", appendix)
    names = [r.name for r in demo_inputs.respondents if r.name]
    assert names, "the demo should have named respondents for this test to mean anything"
    assert not [name for name in names if name in document]


def test_sections_only_where_data_exists(registry):
    result = synthetic_result(registry, modules=("leadership",), departments=())
    for module in result.modules:
        module.analysis.clear()
    result.departments = None
    ids = section_ids(render_html(result, registry.plugins, ReportOptions()).inline_html())
    assert "silo" not in ids and "activity" not in ids and "metrics" not in ids
    assert "departments" not in ids
    assert ids[:5] == ["cover", "contents", "summary", "overview", "module-leadership"]


def test_numbers_come_from_the_result_in_german_format(demo_html, demo_result):
    summary = text_of(section_html(demo_html, "summary"))
    # the headline is shown as a whole number, the level classified on it
    assert f"Reifegrad der Praxis {number(demo_result.score, 'de')} von 100" in summary
    mirror = demo_result.mirror
    assert mirror is not None
    assert (
        f"bei {number(mirror.internal, 'de')} Punkten, die Kunden sehen sie bei "
        f"{number(mirror.customer, 'de')}"
    ) in summary
    assert f"{demo_result.respondents.internal} intern" in summary
    overview = text_of(section_html(demo_html, "overview"))
    for module in demo_result.modules:
        assert f"{module.title.get('de')} {number(module.score, 'de')}" in overview
    date = demo_result.info.date
    assert date is not None
    year, month, day = date.split("-")
    assert f"{day}.{month}.{year}" in text_of(section_html(demo_html, "cover"))


def test_english_report(demo_html_en, demo_result):
    assert section_ids(demo_html_en) == BUILT_IN_ORDER
    summary = text_of(section_html(demo_html_en, "summary"))
    assert "Executive summary" in summary and "Zusammenfassung" not in summary
    assert f"Practice maturity {number(demo_result.score, 'en')} out of 100" in summary
    assert '<html lang="en">' in demo_html_en
    assert "Maturity overview" in text_of(section_html(demo_html_en, "contents"))


def test_strongest_and_weakest_dimensions(demo_html, demo_result):
    scored = sorted(
        (d for m in demo_result.modules for d in m.dimensions if d.score is not None),
        key=lambda d: d.score,
    )
    summary = text_of(section_html(demo_html, "summary"))
    strengths, weaknesses = summary.split("Stärkste Dimensionen")[1].split("Schwächste Dimensionen")
    assert scored[-1].title.get("de") in strengths
    assert scored[0].title.get("de") in weaknesses


def test_action_plan_is_ordered_by_initiative_then_priority(demo_html, demo_result):
    recommendations = sorted(
        (r for m in demo_result.modules for r in m.recommendations), key=lambda r: -r.priority
    )
    plan = text_of(section_html(demo_html, "action-plan"))
    titles = [i.title.get("de") for i in demo_result.initiatives]
    assert [plan.index(title) for title in titles] == sorted(plan.index(t) for t in titles)
    for initiative in demo_result.initiatives:
        mine = [r.text.get("de") for r in recommendations if r.initiative == initiative.id]
        assert [plan.index(text) for text in mine] == sorted(plan.index(t) for t in mine)
    assert plan.count("→") == sum(1 for r in recommendations if r.current_level)


def test_department_with_two_respondents_never_appears(demo_html, demo_inputs, demo_result):
    internal = [r for r in demo_inputs.respondents if r.perspective == "internal"]
    sizes = {
        d: sum(1 for r in internal if r.department == d) for d in {r.department for r in internal}
    }
    small = [d for d, n in sizes.items() if d and n < demo_result.info.anonymity_threshold]
    assert small, "the demo should have a department below the threshold"
    departments = section_html(demo_html, "departments")
    for name in small:
        assert name not in departments
    assert "Sonstige" in departments
    assert "zusammengefasst" in text_of(departments)


def test_small_department_in_synthetic_result(registry, render):
    result = synthetic_result(registry, modules=("leadership", "silo_check"))
    document = render(result)
    assert SMALL_DEPARTMENT not in section_html(document, "departments")
    silo = section_html(document, "silo")
    # the small department may be rated (a column) but never rates on its own (a row)
    rows = re.findall(r'text-anchor="end"[^>]*>([^<]+)</text>', silo)
    assert rows and SMALL_DEPARTMENT not in rows


def test_hostile_strings_are_text(hostile_result, render):
    document = render(hostile_result)
    assert '<img src="file:///etc/passwd">' not in document
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in document
    assert "<script>" not in document
    visible = text_of(document)
    assert '<img src="file:///etc/passwd">' in visible
    assert "{{ 7*7 }} Bericht" in visible and "49 Bericht" not in visible


def test_self_contained(demo_html):
    assert "<link" not in demo_html and "<script" not in demo_html
    sources = re.findall(r'\s(?:src|href)="([^"]*)"', demo_html)
    assert sources
    assert all(s.startswith(("data:", "#")) for s in sources)
    assert "url(" not in re.sub(r'url\("data:[^"]*"\)', "", demo_html)


def test_plugin_section_placed_by_order(tmp_path: Path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "extra.html").write_text(
        "<h1>{{ section.title }}</h1><p>{{ context.message }} {{ context.value | num(1) }}</p>"
    )
    plugin = types.SimpleNamespace(
        ccassess_report_sections=hookimpl(
            lambda result, lang: [
                ReportSection(
                    "extra",
                    Text("Zusatz", "Extra"),
                    "extra.html",
                    order=750,
                    context={"message": "<b>von Plugin</b>", "value": 12.5},
                )
            ]
        ),
        ccassess_template_dirs=hookimpl(lambda: [folder]),
    )
    registry = load_registry(extra_plugins=[("extra", plugin)])
    result = synthetic_result(registry, modules=("leadership",))
    document = render_html(result, registry.plugins, ReportOptions(lang="de")).inline_html()
    ids = section_ids(document)
    assert ORDER["perception_gap"] < 750 < SILO_ORDER
    assert ids.index("extra") == ids.index("perception-gap") + 1
    extra = section_html(document, "extra")
    assert "&lt;b&gt;von Plugin&lt;/b&gt; 12,5" in extra
    assert "Zusatz" in text_of(section_html(document, "contents"))


def test_theme_extends_templates_and_stylesheet(tmp_path: Path, small_result, render):
    theme = tmp_path / "theme"
    (theme / "templates" / "sections").mkdir(parents=True)
    (theme / "templates" / "report.css").write_text(
        '{% extends "default/report.css" %}{% block contents %}{{ super() }}'
        ".toc-marker { color: {{ c.accent }}; }{% endblock %}"
    )
    (theme / "templates" / "sections" / "cover.html").write_text(
        '{% extends "default/sections/cover.html" %}'
        "{% block cover_footer %}Eigene Fußzeile für {{ info.client }}{% endblock %}"
    )
    document = render(small_result, theme=theme)
    assert ".toc-marker { color: #d9822b; }" in document
    assert "ol.toc" in document  # the rest of the default stylesheet is kept
    assert "Eigene Fußzeile für Beispiel AG" in text_of(section_html(document, "cover"))


def test_report_rebuilds_from_the_json_result(registry, demo_result, demo_html):
    from ccassess.model.serial import result_from_json, result_to_json

    rebuilt = result_from_json(result_to_json(demo_result))
    options = ReportOptions(format="html", lang="de")
    assert render_html(rebuilt, registry.plugins, options).inline_html() == demo_html


def test_missing_plugin_template_names_plugin_and_template():
    plugin = types.SimpleNamespace(
        ccassess_report_sections=hookimpl(
            lambda result, lang: [ReportSection("lost", Text.both("Lost"), "nowhere.html")]
        )
    )
    registry = load_registry(extra_plugins=[("lostplugin", plugin)])
    result = synthetic_result(registry, modules=("leadership",))
    with pytest.raises(CcassessError) as caught:
        render_html(result, registry.plugins, ReportOptions())
    assert "nowhere.html" in str(caught.value) and "lostplugin" in str(caught.value)
