"""Numeric answer codes of a worded scale, and which way they run.

Some tools export a choice as a number that the respondent never saw: Qualtrics's recode
values and SurveyMonkey's numerical values count the choices as the survey lists them, so
with "Stimme voll zu" listed first, 1 means the top of the scale. The export cannot tell, so
such numbers are used only when a mapping file says which way they run:

    codes: ascending     # 1 = the lowest point ("trifft nicht zu"): code = scale point
    codes: descending    # 1 = the highest point ("trifft voll zu")

(for every column, or under one column in its long form), or when every number has its own
``answers:`` line. A scale whose points are numbers (0–10) shows them: its numbers are kept.
"""

from __future__ import annotations

from collections.abc import Iterable

from ccassess import Question, Scale
from ccassess_survey_tools.answer_matching import Value, plain_number


def worded(scale: Scale) -> bool:
    """Whether a scale shows words, not numbers (so a number in an export is a code)."""
    for labels in scale.labels.values():
        if labels and all(label.strip()[:1].isdigit() for label in labels):
            return False
    return any(scale.labels.values())


def numeric_codes(coded: bool, question: Question | None, values: Iterable[str]) -> bool:
    """Whether a column of a tool that exports `coded` numbers holds codes of a worded scale."""
    if not coded or question is None or question.scale is None or not worded(question.scale):
        return False
    return any(plain_number(value) for value in values)


def decoded(question: Question, raw: str, direction: str) -> Value:
    """A numeric code as a scale point, the codes running `direction`."""
    scale = question.scale
    assert scale is not None
    code = int(float(raw.strip().replace(",", ".")))
    point = code if direction == "ascending" else scale.start * 2 + scale.points - 1 - code
    if point in scale.values:
        return Value(point, 1.0, f"code {code}, {direction}")
    return Value(None, 0.0, f"code {code} is outside the scale ({direction})")


def both_ways(question: Question, lang: str) -> str:
    """'ascending: 1 = 'trifft nicht zu'; descending: 1 = 'trifft voll zu''."""
    scale = question.scale
    assert scale is not None
    low, high = scale.label(scale.start, lang), scale.label(scale.start + scale.points - 1, lang)
    return f"ascending if 1 = {low!r}, descending if 1 = {high!r}"
