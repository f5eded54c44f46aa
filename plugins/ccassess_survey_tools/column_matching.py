"""Which question a column of an export is, and how sure we are.

A column matches by id (its codes or heading name a question, see `QuestionIndex.by_code`),
by text (its heading is a question's wording; a grid heading ``Frage [Aussage]`` is
compared part by part) or, failing both, by similarity (difflib) with a confidence below
certainty. A heading such as *Abteilung* names a respondent detail instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ccassess_survey_tools.i18n import _
from ccassess_survey_tools.question_index import GUESS, SURE, QuestionIndex, Target
from ccassess_survey_tools.words import Closest, normal, without_numbering

_FIELD_WORDS = {
    "department": (
        "department",
        "abteilung",
        "your department",
        "ihre abteilung",
        "bereich",
        "in welcher abteilung arbeiten sie",
        "which department do you work in",
    ),
    "role": ("role", "rolle", "funktion", "your role", "ihre rolle", "ihre funktion"),
    "perspective": ("perspective", "perspektive"),
}
FIELD_WORDS = {normal(word): name for name, words in _FIELD_WORDS.items() for word in words}
#: Words naming a department in a heading ("Abteilung", "Ihr Team"), and words that name one
#: only in a question about where someone works ("In welchem Bereich arbeiten Sie?").
DEPARTMENT_WORDS = frozenset(
    normal(word)
    for word in (
        "abteilung",
        "fachbereich",
        "geschäftsbereich",
        "unternehmensbereich",
        "organisationseinheit",
        "team",
        "department",
        "division",
        "dept",
    )
)
_WEAK_DEPARTMENT_WORDS = frozenset(normal(w) for w in ("bereich", "arbeitsbereich", "unit"))
_WORKING = frozenset(
    normal(word)
    for word in (
        "arbeiten",
        "arbeitest",
        "tätig",
        "beschäftigt",
        "angehören",
        "gehören",
        "zugeordnet",
        "work",
        "belong",
    )
)
#: Below this, no question is named as the closest one: such hints mislead.
HINT = 0.5


@dataclass
class Match:
    """A column's best target, how sure (0 … 1), why, and close runners-up."""

    target: Target | None
    confidence: float = 0.0
    reason: str = ""
    alternatives: list[tuple[Target, float]] = field(default_factory=list)

    @property
    def sure(self) -> bool:
        return self.target is not None and self.confidence >= SURE


def match_column(
    column: Any, index: QuestionIndex, allowed: Callable[[Target], bool] | None = None
) -> Match:
    """The best target for a column (`Column` of `export`), with its confidence."""
    if column.role != "answer":
        return Match(None)
    heading = without_numbering(column.text)
    field_name = FIELD_WORDS.get(normal(heading))
    if field_name:
        return Match(Target(field=field_name), 1.0, _("a respondent detail"))
    for code in (*column.codes, column.text):
        target = index.by_code(code)
        if target is not None and (allowed is None or allowed(target)):
            return Match(target, 1.0, _("same id"))
    scores: dict[Target, tuple[float, str]] = {}

    def consider(target: Target, score: float, reason: str) -> None:
        if allowed is not None and not allowed(target):
            return
        if target.part is None and index.has_parts(target) and not index.multiple(target):
            score = min(score, 0.8)  # a matrix or Kano question needs its row or part
        if score > scores.get(target, (0.0, ""))[0]:
            scores[target] = (score, reason)

    full = normal(heading)
    for target in index.exact.get(full, ()):
        consider(target, 1.0, _("same text"))
    for main, sub in column.splits:
        statement, question_text = normal(sub), normal(without_numbering(main))
        for target in index.exact.get(statement, ()):
            if not index.has_parts(target) or target.part is not None:
                consider(target, 1.0, _("same text as the statement"))
        for target in index.exact.get(question_text, ()):
            if target.key and index.has_parts(target) and target.part is None:
                part = index.part(target.key, sub)
                if part is not None:
                    consider(Target(*target.key, part=part), 1.0, _("same question and row"))
    options = index.option_labels.get(full, [])
    if len(options) == 1:
        evident = all(normal(v) == full for v in column.values)  # or nobody ticked it
        consider(options[0], 1.0 if evident else 0.85, _("an option's label"))
    if not any(score >= 1.0 for score, _ in scores.values()):
        department = _department(column, full, index)
        if department is not None and (allowed is None or allowed(Target(field="department"))):
            return department
        _similar(column, index, consider, full)
    decided = _decide(scores)
    if decided.target is None:  # a hint for the person who maps it
        closest = Closest(full, HINT)
        hints = [(closest.score(text), target) for text, target in index.candidates(full, 5)]
        best = max(hints, default=(0.0, None), key=lambda item: item[0])
        if best[1] is not None and best[0] >= HINT:
            decided.alternatives = [(best[1], best[0])]
    return decided


def _department(column: Any, full: str, index: QuestionIndex) -> Match | None:
    """The department question: a department word in a short label ("Ihr Team") or in a
    question about where one works ("In welchem Bereich arbeiten Sie?"), or in any heading
    whose answers are mostly the assessment's departments ("Which team are you in?", but
    not "Wie zufrieden sind Sie mit unserem Team?"); without such a word, a column answered
    only with departments is a suggestion to check."""
    words = set(full.split())
    named = bool(words & (DEPARTMENT_WORDS | _WEAK_DEPARTMENT_WORDS))
    asked = named and (len(full.split()) <= 3 or bool(words & _WORKING))
    known = {normal(d) for d in index.departments}
    values = [normal(v) for v in column.values if v]
    departments = sum(1 for v in values if v in known)
    answered = bool(values) and departments * 2 >= len(values)
    target = Target(field="department")
    if asked or (named and answered and bool(words & DEPARTMENT_WORDS)):
        return Match(target, 1.0, _("a department question"))
    if values and departments == len(values) and len(full.split()) <= 12:
        return Match(target, 0.9, _("its answers are the assessment's departments"))
    return None


def _similar(
    column: Any, index: QuestionIndex, consider: Callable[[Target, float, str], None], full: str
) -> None:
    texts = [full, *(normal(sub) for _, sub in column.splits)]
    for text in texts:
        closest = Closest(text, GUESS)
        for candidate, target in index.candidates(text):
            score = closest.score(candidate)
            if score >= GUESS:
                consider(target, min(score, 0.96), _("similar text"))
    for main, sub in column.splits:
        question_text = normal(without_numbering(main))
        closest = Closest(question_text, GUESS)
        for candidate, target in index.candidates(question_text, with_parts=True):
            if target.key is None or not index.has_parts(target) or target.part is not None:
                continue
            score = closest.score(candidate)
            if score < GUESS:
                continue
            row_closest = Closest(normal(sub), GUESS)
            for part in index.parts[target.key]:
                row = max((row_closest.score(label) for label in part.texts), default=0.0)
                if row >= GUESS:
                    consider(
                        Target(*target.key, part=part.id),
                        min(score, row, 0.96),
                        _("similar question and row"),
                    )


def _decide(scores: Mapping[Target, tuple[float, str]]) -> Match:
    if not scores:
        return Match(None)
    ranked = sorted(scores.items(), key=lambda item: -item[1][0])
    (best, (score, reason)), rest = ranked[0], ranked[1:]
    close = [(target, value) for target, (value, _) in rest if value >= score - 0.03]
    others = [(target, value) for target, (value, _) in rest[:3]]
    if close:
        reason = _("{reason}, but also close to {other}").format(reason=reason, other=close[0][0])
        return Match(best, min(score, 0.9), reason, others)
    return Match(best, score, reason, others)
