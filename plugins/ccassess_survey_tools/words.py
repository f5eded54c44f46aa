"""Comparing texts the way a person would: case, punctuation, quotes and spacing ignored.

`normal` is the key exact matches use; `similarity` (difflib) says how close two texts are
when they are not the same, from 0 to 1. `compact` compares codes and ids
(``simp_buy`` = ``SimpBuy`` = ``simp-buy``).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from ccassess_survey_tools.i18n import ngettext

_QUOTES = re.compile(r"[\"'`´‘’‚‛“”„‟«»‹›]")
_NON_WORD = re.compile(r"[\W_]+")
_NUMBERING = re.compile(r"^\s*(?:[A-Za-z]{0,3}\d+[a-z]?|\d+(?:\.\d+)*)\s*[.):\-–—]\s+")


def normal(text: object) -> str:
    """Casefolded, NFKC, quotes removed, punctuation as spaces, spaces collapsed."""
    value = unicodedata.normalize("NFKC", str(text)).casefold()
    value = _QUOTES.sub("", value)
    value = re.sub(r"[^\w]+", " ", value).replace("_", " ")
    return " ".join(value.split())


def compact(text: object) -> str:
    """Letters and digits only, casefolded: for ids and codes."""
    return _NON_WORD.sub("", unicodedata.normalize("NFKC", str(text)).casefold())


def without_numbering(text: str) -> str:
    """'3. Wie zufrieden …' → 'Wie zufrieden …' (a question number some tools prepend)."""
    return _NUMBERING.sub("", text, count=1)


def similarity(first: str, second: str) -> float:
    """0 … 1: how alike two normalised texts are (1 = the same)."""
    if first == second:
        return 1.0
    if not first or not second:
        return 0.0
    return difflib.SequenceMatcher(None, first, second, autojunk=False).ratio()


class Closest:
    """The best of many candidates for one text, with difflib's cheap bounds first."""

    def __init__(self, text: str, floor: float = 0.5) -> None:
        self.matcher = difflib.SequenceMatcher(None, autojunk=False)
        self.matcher.set_seq2(text)
        self.text = text
        self.floor = floor

    def score(self, candidate: str) -> float:
        """The similarity, or 0 when it is certainly below the floor."""
        if candidate == self.text:
            return 1.0
        if not candidate or not self.text:
            return 0.0
        self.matcher.set_seq1(candidate)
        if self.matcher.real_quick_ratio() < self.floor or self.matcher.quick_ratio() < self.floor:
            return 0.0
        return self.matcher.ratio()


def percent(confidence: float) -> str:
    return f"{round(confidence * 100)} %"


def listing(items: Iterable[str], limit: int = 8) -> str:
    """'a', 'b', 'c' (and 4 more)."""
    items = list(items)
    shown = ", ".join(repr(item) for item in items[:limit])
    if len(items) <= limit:
        return shown
    more = len(items) - limit
    return shown + " " + ngettext("(and {n} more)", "(and {n} more)", more).format(n=more)
