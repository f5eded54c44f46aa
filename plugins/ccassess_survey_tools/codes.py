"""Numeric codes of worded answers (a worded scale, yes/partly/no, Kano reactions), and which
way they run.

Some tools export a choice as a number that the respondent never saw: Qualtrics's recode
values and SurveyMonkey's numerical values count the choices as the survey lists them, so
with "Stimme voll zu" listed first, 1 means the top of the scale. The export cannot tell, so
such numbers are used only when a mapping file says which way they run:

    codes: ascending     # 1 = the lowest point ("trifft nicht zu"): code = scale point
    codes: descending    # 1 = the highest point ("trifft voll zu")

(for every column, or under one column in its long form), or when every number has its own
``answers:`` line. A scale whose points are numbers (0–10) shows them: its numbers are kept.
Other answers than scale points are counted from 1 in the module's order (1 = "ja").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ccassess import Question, QuestionType, Scale
from ccassess_survey_tools.answer_matching import Value, plain_number
from ccassess_survey_tools.i18n import _


def worded(scale: Scale) -> bool:
    """Whether a scale shows words, not numbers (so a number in an export is a code)."""
    for labels in scale.labels.values():
        if labels and all(label.strip()[:1].isdigit() for label in labels):
            return False
    return any(scale.labels.values())


def coded_values(qtype: QuestionType, question: Question) -> list[tuple[Any, str]] | None:
    """The answers that numeric codes count through, in the module's order, with their
    labels; None where a number is no code (a numbered scale, a number question) or is
    matched otherwise (options: by position, always to be checked)."""
    if question.options:
        return None
    if question.scale is not None:
        scale = question.scale
        if not worded(scale):
            return None
        return [(value, scale.label(value, "de")) for value in scale.values]
    choices = list(qtype.choices(question) or ())
    labels = [choice.label.de or choice.label.en or "" for choice in choices]
    if not choices or all(label.strip()[:1].isdigit() for label in labels):
        return None
    return [(choice.value, label) for choice, label in zip(choices, labels, strict=True)]


def numeric_codes(coded: bool, values: list[tuple[Any, str]] | None, cells: Iterable[str]) -> bool:
    """Whether a column of a tool that exports `coded` numbers holds codes of worded answers."""
    return coded and bool(values) and any(plain_number(cell) for cell in cells)


def decoded(values: list[tuple[Any, str]], raw: str, direction: str) -> Value:
    """A numeric code as an answer, the codes running `direction` (a scale's codes are its
    points; other answers are counted from 1)."""
    code = int(float(raw.strip().replace(",", ".")))
    first = values[0][0] if isinstance(values[0][0], int) else 1
    position = code - first if direction == "ascending" else len(values) - 1 - (code - first)
    if 0 <= position < len(values):
        return Value(
            values[position][0],
            1.0,
            _("code {code}, {direction}").format(code=code, direction=direction),
        )
    return Value(
        None,
        0.0,
        _("code {code} is outside the answers ({direction})").format(
            code=code, direction=direction
        ),
    )


def in_range(values: list[tuple[Any, str]], raw: str) -> bool:
    """Whether `raw` is a numeric code of one of `values` (in either direction)."""
    if not plain_number(raw):
        return False
    first = values[0][0] if isinstance(values[0][0], int) else 1
    return first <= int(float(raw.strip().replace(",", "."))) < first + len(values)


def both_ways(values: list[tuple[Any, str]]) -> str:
    """'ascending if 1 = 'trifft nicht zu', descending if 1 = 'trifft voll zu''."""
    first = values[0][0] if isinstance(values[0][0], int) else 1
    low, high = values[0][1], values[-1][1]
    return _("ascending if {first} = {low}, descending if {first} = {high}").format(
        first=first, low=repr(low), high=repr(high)
    )
