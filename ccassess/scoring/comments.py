"""Open-text comments, pure: grouped by question and perspective, only where at least the
free-text threshold of respondents answered the question. Within a group the privacy rule
for free text holds (ccassess/scoring/answers.py): a comment is shown only when at least
that many respondents gave the same text (with how many did); the others are only counted.
Shown comments are ordered by that count, then a hash of the text (never by respondent or
time), with e-mail addresses, phone numbers and the names of the workspace's respondents
replaced by "[…]".
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence

from ccassess.model.answers import Respondent
from ccassess.model.comments import CommentGroup
from ccassess.model.questionnaire import Module
from ccassess.questions.types import QuestionType
from ccassess.scoring.answers import shown_free_texts

REMOVED = "[…]"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
#: Phone numbers: an optional +, then at least 7 digits with spaces, dots, dashes, slashes or
#: brackets between them; dates (12.01.2027, 2027-01-12) are not phone numbers.
_DATE = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}")
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s./()-]{5,}\d(?!\w)")


def scrub(text: str, names: Iterable[str]) -> str:
    """The text without e-mail addresses, phone numbers or any of `names` (whole words, any
    case; a full name and each of its parts of three letters or more)."""
    cleaned = _EMAIL.sub(REMOVED, text)
    cleaned = _PHONE.sub(_phone, cleaned)
    words = sorted(_name_words(names), key=len, reverse=True)
    if words:
        pattern = r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)"
        cleaned = re.sub(pattern, REMOVED, cleaned, flags=re.IGNORECASE)
    return cleaned


def _phone(match: re.Match[str]) -> str:
    """A run of at least 7 digits is a phone number, unless it is a date."""
    found = match.group(0)
    if sum(c.isdigit() for c in found) < 7 or _DATE.fullmatch(found.strip()):
        return found
    return REMOVED


def _name_words(names: Iterable[str]) -> set[str]:
    words: set[str] = set()
    for name in names:
        name = " ".join(name.split())
        if not name:
            continue
        words.add(name)
        words.update(part for part in re.split(r"[\s,-]+", name) if len(part) >= 3)
    return words


def open_comments(
    modules: Sequence[Module],
    respondents: Sequence[Respondent],
    types: Mapping[str, QuestionType],
    minimum: int,
    names: Iterable[str] = (),
) -> list[CommentGroup]:
    """Every open question's comments per perspective, where at least `minimum` answered."""
    known = [n for n in (*names, *(r.name for r in respondents if r.name)) if n]
    groups: list[CommentGroup] = []
    for module in modules:
        for dimension in module.dimensions:
            for question in dimension.questions:
                if types[question.type].entry != "text" or types[question.type].items(question):
                    continue
                for perspective in ("internal", "customer"):
                    given = {
                        r.id: [str(value).strip()]
                        for r in respondents
                        if r.perspective == perspective
                        for value in [(r.answers.get(module.id) or {}).get(question.id)]
                        if isinstance(value, str | int | float)
                        and str(value).strip()
                        and value != "dont_know"
                    }
                    if not given or len(given) < minimum:
                        continue
                    # the privacy rule for free text: a text is shown only when at least
                    # `minimum` respondents gave it; the others are only counted
                    shown, others = shown_free_texts(given, minimum)
                    ranked = sorted(
                        shown.items(),
                        key=lambda item: (-item[1], hashlib.sha256(item[0].encode()).hexdigest()),
                    )
                    groups.append(
                        CommentGroup(
                            module.id,
                            question.id,
                            question.text_customer
                            if perspective == "customer" and question.text_customer
                            else question.text,
                            perspective,
                            len(given),
                            [scrub(text, known) for text, _ in ranked],
                            [count for _, count in ranked],
                            others,
                        )
                    )
    return groups
