"""Open-text comments: grouped by question and perspective, only where at least the
free-text threshold answered, scrubbed of e-mail addresses, phone numbers and names."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ccassess.scoring.comments import REMOVED, scrub
from ccassess.testing import make_kit


def _t(text: str) -> dict[str, str]:
    return {"de": text, "en": text}


MODULE = {
    "id": "voice",
    "version": "1.0.0",
    "title": _t("Voice"),
    "dimensions": [
        {
            "id": "d",
            "title": _t("Listening"),
            "questions": [
                {"id": "rate", "type": "likert", "source": "t", "text": _t("We listen")},
                {
                    "id": "wish",
                    "type": "text",
                    "source": "t",
                    "text": _t("What should we change?"),
                },
                {
                    "id": "wish_c",
                    "type": "text",
                    "source": "t",
                    "perspective": "customer",
                    "text": _t("What should they change?"),
                },
            ],
        }
    ],
}


def test_scrub_removes_addresses_numbers_and_names():
    text = (
        "Ask Henrike Quellmalz (henrike.q@muster.de, +49 30 1234-5678) or quellmalz; "
        "meeting on 12.01.2027 at 10:30, 3 times."
    )
    cleaned = scrub(text, ["Henrike Quellmalz"])
    assert "muster.de" not in cleaned and "1234" not in cleaned
    assert "Henrike" not in cleaned and "uellmalz" not in cleaned.lower()
    assert "12.01.2027" in cleaned and "10:30" in cleaned and "3 times" in cleaned
    assert cleaned.count(REMOVED) == 4


@pytest.fixture
def kit():
    return make_kit(modules=[MODULE], settings={"anonymity_threshold": 3, "free_text_threshold": 4})


def _people(kit, perspective: str, wishes: list[str], names: bool = False):
    return [
        replace(
            kit.respondent(
                perspective,
                {"voice": {"wish": wish, "rate": 4}}
                if perspective == "internal"
                else {"voice": {"wish_c": wish}},
            ),
            name=f"Person{i} Tester" if names else None,
        )
        for i, wish in enumerate(wishes)
    ]


def test_only_above_the_threshold_and_grouped_by_perspective(kit):
    common = "Ask Person1 Tester at desk@muster.de"  # given by four: shown, scrubbed
    staff = _people(
        kit,
        "internal",
        [common, common.upper(), common, common, "Call me: 0170 1234567", "More staff"],
        names=True,
    )
    customers = _people(kit, "customer", ["Cheaper", "Cheaper", "Cheaper"])  # 3 < 4 answered
    result = kit.score([*staff, *customers])
    (group,) = result.comments
    assert (group.question, group.perspective, group.answered) == ("wish", "internal", 6)
    assert group.comments == [f"Ask {REMOVED} at {REMOVED}"] and group.counts == [4]
    assert group.others == 2  # the rare answers are only counted
    text = kit.report_text(result)
    assert "Open-text comments" in text and "What should we change?" in text
    assert "2 other answers, each given by fewer than 4 respondents" in text
    for hidden in ("Cheaper", "Tester", "1234567", "More staff", "muster.de"):
        assert hidden not in text


def test_no_comments_section_below_the_threshold(kit):
    staff = _people(kit, "internal", ["One", "Two", "Three"])
    result = kit.score(staff)
    assert result.comments == []
    assert "Open-text comments" not in kit.report_text(result)


def test_an_open_question_asked_of_both_sides_renders(kit):
    """A free-text question for staff and customers alike: the chapter names both groups."""
    both = {**MODULE, "dimensions": [{**MODULE["dimensions"][0]}]}
    both["dimensions"][0]["questions"] = [
        {
            **q,
            "perspective": "both",
            "text": {"internal": _t("What should we change?"), "customer": _t("What to change?")},
        }
        if q["id"] == "wish"
        else q
        for q in MODULE["dimensions"][0]["questions"]
    ]
    kit = make_kit(modules=[both], settings={"anonymity_threshold": 3, "free_text_threshold": 4})
    people = [kit.respondent("internal", {"voice": {"wish": "More", "rate": 4}}) for _ in "1234"]
    people += [kit.respondent("customer", {"voice": {"wish": "More"}}) for _ in "1234"]
    text = kit.report_text(kit.score(people))
    assert "staff and customers" in text and "What should we change?" in text
