"""Fixtures for the report tests: the demo result, a small result, rendered documents.

Rendering a PDF costs seconds, so the demo PDF is rendered once per test module that needs
it (module-scoped fixtures) and shared by the checks that read it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from ccassess.actions.assess import assess
from ccassess.actions.inputs import load_demo
from ccassess.model.result import AssessmentResult
from ccassess.plugin.registry import Registry
from ccassess.report import ReportOptions
from ccassess.report.html import render_html
from ccassess.testing import visible_text
from tests.report.synthetic import synthetic_result

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_THEME = ROOT / "themes" / "example"


@pytest.fixture(scope="session")
def demo_inputs(registry: Registry):
    return load_demo(registry)


@pytest.fixture(scope="session")
def demo_result(registry: Registry, demo_inputs) -> AssessmentResult:
    """The demo assessment (Muster Handels GmbH), scored with the answers kept."""
    return assess(registry, demo_inputs.respondents, demo_inputs.settings, include_answers=True)


@pytest.fixture(scope="session")
def small_result(registry: Registry) -> AssessmentResult:
    """A one-module synthetic result: quick to render as PDF."""
    return synthetic_result(registry, modules=("leadership",))


@pytest.fixture
def hostile_result(registry: Registry) -> AssessmentResult:
    result = synthetic_result(registry, modules=("leadership",))
    result.info.client = '<img src="file:///etc/passwd">'
    result.info.title = "{{ 7*7 }} Bericht"
    result.info.prepared_by = "<script>alert(1)</script>"
    return result


text_of = visible_text


def section_html(document: str, section_id: str) -> str:
    match = re.search(
        rf'<section [^>]*data-section="{re.escape(section_id)}">(.*?)</section>',
        document,
        flags=re.DOTALL,
    )
    assert match, f"section {section_id!r} not in the report"
    return match.group(1)


@pytest.fixture
def render(registry: Registry) -> Callable[..., str]:
    """render(result, lang=…, theme=…, appendix=…) → the self-contained HTML."""

    def _render(result: AssessmentResult, **options) -> str:
        return render_html(
            result, registry.plugins, ReportOptions(format="html", **options)
        ).inline_html()

    return _render


def with_info(result: AssessmentResult, **changes) -> AssessmentResult:
    return replace(result, info=replace(result.info, **changes))
