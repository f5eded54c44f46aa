"""A number as a person types it, read by the digit grouping of their language.

One rule for every place where a respondent types a number (terminal survey, web form,
answer sheet): German groups thousands with "." and writes decimals with ",", English the
other way round. Spaces group digits in both. What only one reading fits is read; what could
mean two numbers is refused with a message in the respondent's language, never guessed.
Machine formats (response files, tool exports) do not come here: they keep their own
strict parsing.
"""

from __future__ import annotations

import re

from ccassess.catalogs import _
from ccassess.questions.types import AnswerProblem
from ccassess.text import Phrase

#: decimal mark and grouping mark per language
MARKS = {"de": (",", "."), "en": (".", ",")}
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


def _grouped(body: str, group: str) -> bool:
    """Whether `body` is digits grouped in threes by `group` ("1.240.000"), first group
    not zero (a leading "0." is a decimal, never a thousands group)."""
    return re.fullmatch(rf"[1-9]\d{{0,2}}(?:{re.escape(group)}\d{{3}})+", body) is not None


def typed_number(text: str, lang: str) -> float | str:
    """The number a person typed in language `lang` ("de" or "en"); text that is no
    number at all ("abc", "1e9") comes back unchanged, for the question's own check to say
    what it wants.

    "1.240" and "1.240.000" are thousands in German, "1,240" in English; "1.240,5" is
    1240.5 in German, "1,240.5" in English. The other mark alone, where it cannot be a
    thousands group, is a decimal in either language ("12.5", "1,5"), as people type it.
    Refused: a group mark with groups that are not three digits ("1.24.0"), the marks in
    the other language's order ("1,240.5" in German), and several decimal marks.
    """
    decimal, group = MARKS.get(lang, MARKS["en"])
    typed = _SPACES.sub("", text).replace("\u2212", "-")
    sign = ""
    if typed and typed[0] in "+-":
        sign, typed = typed[0], typed[1:]
    if not re.fullmatch(r"[\d.,]*\d[\d.,]*", typed):
        return text
    value = _read(typed, decimal, group)
    if value is None:
        raise AnswerProblem(
            _("{typed} is not an unambiguous number").format(typed=repr(text.strip())),
            _unclear(text),
        )
    return float(sign + value)


def _read(typed: str, decimal: str, group: str) -> str | None:
    """`typed` (no sign, no spaces) as a plain decimal string, or None when unclear."""
    if decimal in typed and group in typed:
        whole, _mark, fraction = typed.rpartition(decimal)
        if fraction.isdigit() and _grouped(whole, group):
            return whole.replace(group, "") + "." + fraction
        return None  # the other language's order, or groups not of three
    if group in typed:
        if _grouped(typed, group):
            return typed.replace(group, "")
        whole, _mark, fraction = typed.partition(group)
        if whole.isdigit() and fraction.isdigit() and len(fraction) != 3:
            return whole + "." + fraction  # "12.5" in German: no thousands group fits
        return None
    if decimal in typed:
        whole, _mark, fraction = typed.partition(decimal)
        if whole.isdigit() and fraction.isdigit():
            return whole + "." + fraction
        return None
    return typed


def _unclear(text: str) -> Phrase:
    return Phrase(
        "“{typed}” is not an unambiguous number. Please group thousands with commas in "
        "threes or not at all, and write decimals with a point (such as 1,240 or 1240.5)",
        typed=text.strip(),
    )
