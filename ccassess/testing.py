"""A test kit for plugin authors, also loaded as a pytest plugin (entry point `pytest11`).

    def test_my_module(ccassess_kit):
        kit = ccassess_kit(plugins=[("mine", my_plugin)])
        result = kit.score([kit.respondent("internal", {"my_module": {"q1": 4}})])
        assert result.module("my_module").score == 75.0

Nothing here mocks ccassess: the kit uses the real loader, scoring engine and report.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest

from ccassess.model import AssessmentSettings, Respondent
from ccassess.registry import Registry, load_registry
from ccassess.result import AssessmentResult


@dataclass
class Kit:
    """A registry with the plugins under test, and one-liners around it."""

    registry: Registry
    settings: AssessmentSettings = field(default_factory=AssessmentSettings)
    _ids: Any = field(default_factory=lambda: itertools.count(1))

    def respondent(
        self,
        perspective: str,
        answers: dict[str, dict[str, Any]],
        department: str | None = None,
        id: str | None = None,
    ) -> Respondent:
        """A respondent whose answers are validated exactly like answers from a file."""
        from ccassess.checking import Checker
        from ccassess.errors import Problems
        from ccassess.responses import ResponseValidator

        raw = {"id": id or f"R{next(self._ids):04d}", "perspective": perspective,
               "answers": answers}  # fmt: skip
        if department:
            raw["department"] = department
        problems = Problems()
        validator = ResponseValidator(self.registry.modules, self.registry.question_types,
                                      self.settings, problems)  # fmt: skip
        respondent = validator.respondent(raw, "respondent", Checker("<test>", problems))
        problems.raise_if_errors()
        assert respondent is not None
        return respondent

    def score(self, respondents: Sequence[Respondent], **options: Any) -> AssessmentResult:
        from ccassess.assessment import assess

        return assess(self.registry, respondents, self.settings, **options)

    def report_text(self, result: AssessmentResult, lang: str = "en") -> str:
        """The report as plain text (HTML rendered, tags stripped): quick content checks."""
        import html
        import re

        from ccassess.report import ReportOptions
        from ccassess.report.html import render_html

        rendered = render_html(result, self.registry.plugins, ReportOptions(format="html",
                                                                              lang=lang))  # fmt: skip
        text = re.sub(r"<[^>]+>", " ", rendered.inline_html())
        return " ".join(html.unescape(text).split())


def make_kit(
    plugins: Sequence[tuple[str, Any]] = (),
    *,
    entry_points: bool = False,
    settings: AssessmentSettings | None = None,
) -> Kit:
    """A kit with only the given plugins (plus the core) unless entry_points=True."""
    registry = load_registry(extra_plugins=plugins, entry_points=entry_points)
    return Kit(registry, settings or AssessmentSettings())


@pytest.fixture
def ccassess_kit() -> Any:
    """Factory fixture: `ccassess_kit(plugins=[("name", module)])` → Kit."""
    return make_kit
