"""The importance × performance view and the open questions in the rendered report."""

from __future__ import annotations

import pytest

from ccassess.report import ReportOptions
from ccassess.report.html import render_html
from tests.report.conftest import section_html, text_of


@pytest.fixture(scope="module")
def demo_html(registry, demo_result) -> dict[str, str]:
    return {
        lang: render_html(
            demo_result, registry.plugins, ReportOptions(format="html", lang=lang)
        ).inline_html()
        for lang in ("de", "en")
    }


def test_importance_rows_most_important_first_with_their_field(demo_html, demo_result):
    view = demo_result.importance
    assert view is not None and len(view.rows) == 6
    section = text_of(section_html(demo_html["en"], "importance"))
    assert "Martilla & James 1977" in section
    ranked = sorted(view.rows, key=lambda r: -(r.importance or -1))
    positions = [section.index(row.title.en or "") for row in ranked]
    assert positions == sorted(positions)
    fields = {
        "concentrate": "Concentrate here",
        "keep_up": "Keep up the good work",
        "low_priority": "Lower priority",
        "possible_overkill": "Possibly more effort than needed",
    }
    for row in view.rows:
        assert row.quadrant is not None and fields[row.quadrant] in section
    assert "rather" not in section  # no Germanisms in the English labels


def test_open_answers_are_counted_never_quoted(demo_html, demo_result, demo_inputs):
    given = [
        text
        for r in demo_inputs.respondents
        for text in (r.answers.get("customer_perception") or {}).values()
        if isinstance(text, str) and text.endswith(".")
    ]
    assert given  # the demo has open answers
    chapter = text_of(section_html(demo_html["de"], "module-customer_perception"))
    assert "Offene Fragen" in chapter
    module = demo_result.module("customer_perception")
    assert module is not None
    question = next(
        q for d in module.dimensions for q in d.questions if q.id == "open_improve_first"
    )
    answered, asked = question.coverage.answered, question.coverage.asked
    assert 0 < answered < asked
    assert f"Kunden: {answered} von {asked} haben geantwortet" in chapter
    body = demo_html["de"].split('data-section="answers"')[0]
    for text in given:
        assert text not in body
