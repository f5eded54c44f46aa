"""Invitations per department (`invited` in assessment.yaml): checked at the edge, summed
for merged groups so that a small department's count never shows alone, and the response
rate on the department page."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from ccassess.definitions.settings import build_settings
from ccassess.errors import CcassessError
from ccassess.model.settings import AssessmentSettings
from ccassess.report import ReportOptions
from ccassess.report.html import render_html
from ccassess.testing import make_kit
from tests.test_scoring import calc_plugin


def test_invited_is_read_in_order() -> None:
    settings = build_settings({"departments": ["A", "B"], "invited": {"B": 4, "A": 7}})
    assert settings.invited == (("B", 4), ("A", 7))
    assert settings.invitations() == {"B": 4, "A": 7}
    assert build_settings({}).invited == ()


@pytest.mark.parametrize(
    ("invited", "message"),
    [
        ({"C": 3}, "invited.C: 'C' is not one of the departments"),
        ({"A": 0}, "invited.A: expected a whole number of people from 1 on, got 0"),
        ({"A": "zehn"}, "invited.A: expected a whole number of people from 1 on, got 'zehn'"),
        ({"A": True}, "invited.A: expected a whole number of people from 1 on, got True"),
        ([3], "invited: expected a mapping"),
    ],
)
def test_bad_invitations_are_refused(invited: object, message: str) -> None:
    with pytest.raises(CcassessError) as raised:
        build_settings({"departments": ["A", "B"], "invited": invited}, "assessment.yaml")
    assert any(message in line for line in raised.value.lines()), raised.value.lines()


def test_bad_invitations_exit_2_naming_the_file(tmp_path: Path, run: Callable) -> None:
    settings = tmp_path / "assessment.yaml"
    settings.write_text(yaml.safe_dump({"departments": ["A"], "invited": {"A": -1}}))
    result = run("validate", "-a", settings)
    assert result.exit_code == 2, result.output
    assert f"{settings}" in result.stderr and "invited.A" in result.stderr


def _scored(invited: dict[str, int]):
    settings = AssessmentSettings(
        departments=("Sales", "HR", "IT"),
        anonymity_threshold=3,
        invited=tuple(invited.items()),
    )
    kit = make_kit([("calc", calc_plugin())], settings=settings)
    people = [("Sales", 5), ("IT", 3), ("HR", 2)]
    respondents = [
        kit.respondent("internal", {"calc": {"q1": 3}}, department=dept)
        for dept, n in people
        for _ in range(n)
    ]
    return kit, kit.score(respondents)


def test_merged_group_sums_the_invitations_of_its_departments() -> None:
    _, result = _scored({"Sales": 8, "HR": 6, "IT": 4})
    breakdown = result.departments
    assert breakdown is not None
    groups = {g.name: g for g in breakdown.groups}
    assert set(groups) == {"Sales", "other"}  # HR (2) and IT (3) merged
    assert groups["Sales"].invited == 8
    assert groups["other"].invited == 10  # HR's 6 never alone
    assert (breakdown.invited, breakdown.answered) == (18, 10)


def test_without_every_merged_count_the_group_has_none() -> None:
    _, result = _scored({"Sales": 8, "IT": 4})
    groups = {g.name: g for g in result.departments.groups}
    assert groups["other"].invited is None and groups["Sales"].invited == 8


@pytest.mark.parametrize("lang", ["de", "en"])
def test_report_shows_the_response_rate(lang: str) -> None:
    kit, result = _scored({"Sales": 8, "HR": 6, "IT": 4})
    page = render_html(result, kit.registry.plugins, ReportOptions(format="html", lang=lang))
    text = re.sub("[ \n]+", " ", page.inline_html())  # keeps the no-break spaces
    if lang == "de":
        assert "10 von 18 Eingeladenen haben geantwortet (56\u00a0%)" in text
    else:
        assert "10 of 18 people invited answered (56%)" in text
    assert (">63\u00a0%<" if lang == "de" else ">63%<") in text  # Sales: 5 of 8, half up
    assert ">6<" not in text  # HR's invitations are never shown alone


def test_more_answers_than_invitations_show_no_rate() -> None:
    kit, result = _scored({"Sales": 2, "HR": 1, "IT": 1})
    page = render_html(result, kit.registry.plugins, ReportOptions(format="html", lang="en"))
    text = re.sub("[ \n]+", " ", page.inline_html())  # keeps the no-break spaces
    assert "check the invitation counts; no response rate is shown" in text


def test_a_workspace_keeps_the_invitations(tmp_path: Path, run: Callable) -> None:
    source = tmp_path / "assessment.yaml"
    source.write_text(
        yaml.safe_dump({"departments": ["A", "B"], "invited": {"A": 7}, "modules": ["leadership"]})
    )
    assert run("init", tmp_path / "ws", "--from", source).exit_code == 0
    written = yaml.safe_load((tmp_path / "ws" / "assessment.yaml").read_text("utf-8"))
    assert written["invited"] == {"A": 7}
