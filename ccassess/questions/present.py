"""How questions are put to respondents: answer choices, matrix rows, Kano parts, activity rows.

Shared by the terminal questionnaire and the answer sheets, so a respondent sees the same
choices in both. A choice's `value` is a raw answer the question type's `check` accepts; the
`label` is what a respondent reads (and picks in a sheet's drop-down). Mapping a label back
is exact: anything else is passed on unchanged, so the validator reports it with its place.

Question types of plugins can offer their own choices with an optional method
``choices(question, lang) -> list[tuple[value, label]]``; the built-in Kano and activity-list
types are presented here by name (their `check` accepts the labels below).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ccassess.model.answers import DONT_KNOW
from ccassess.model.questionnaire import DEPARTMENT_ROWS, Option, Question
from ccassess.questions.types import QuestionType
from ccassess.text import Text

DONT_KNOW_LABEL = Text("weiß nicht", "don't know")
PERSPECTIVE_LABELS = {"internal": Text("intern", "internal"), "customer": Text("Kunde", "customer")}

KANO = "kano"
ACTIVITY_LIST = "activity_list"
KANO_PARTS = ("functional", "dysfunctional")
KANO_PART_LABELS = {
    "functional": Text("funktional (wenn es angeboten würde)", "functional (if it were offered)"),
    "dysfunctional": Text("dysfunktional (wenn es fehlte)", "dysfunctional (if it were missing)"),
}
KANO_REACTIONS = {
    "like": Text("gefällt mir", "I like it"),
    "expect": Text("setze ich voraus", "I expect it"),
    "neutral": Text("ist mir egal", "I am neutral"),
    "tolerate": Text("nehme ich hin", "I can tolerate it"),
    "dislike": Text("stört mich", "I dislike it"),
}
ACTIVITY_CATEGORIES = {
    "customer": Text("hilft dem Kunden", "helps the customer"),
    "selling": Text("erleichtert den Verkauf", "makes selling easier"),
    "reporting": Text("nur Reporting", "only serves reporting"),
    "selling_harder": Text("erschwert den Verkauf", "makes selling harder"),
}
ACTIVITY_FIELDS = ("activity", "share", "category")
DEFAULT_ACTIVITY_ROWS = 25
YES_PARTLY_NO = {
    "yes": Text("ja", "yes"),
    "partly": Text("teilweise", "partly"),
    "no": Text("nein", "no"),
}


@dataclass(frozen=True)
class Choice:
    value: Any
    label: str


def scale_choices(question: Question, lang: str) -> list[Choice]:
    assert question.scale is not None
    scale = question.scale
    return [Choice(value, f"{value} – {scale.label(value, lang)}") for value in scale.values]


def choices(qtype: QuestionType, question: Question, lang: str) -> list[Choice] | None:
    """The answer choices of a one-value question (None: typed in, not picked)."""
    own = getattr(qtype, "choices", None)
    if callable(own):
        return [Choice(value, str(label)) for value, label in own(question, lang)]
    if question.type in ("likert", "matrix"):
        return scale_choices(question, lang)
    if question.type == "yes_partly_no":
        return [Choice(key, label.get(lang)) for key, label in YES_PARTLY_NO.items()]
    if question.type == "single_choice":
        return [Choice(option.id, option.label.get(lang) or option.id)
                for option in question.options]  # fmt: skip
    if question.type == KANO:
        return [Choice(key, label.get(lang)) for key, label in KANO_REACTIONS.items()]
    return None


def with_dont_know(items: Sequence[Choice], question: Question, lang: str) -> list[Choice]:
    extra = [Choice(DONT_KNOW, DONT_KNOW_LABEL.get(lang))] if question.dont_know else []
    return [*items, *extra]


def category_choices(lang: str) -> list[Choice]:
    return [Choice(key, label.get(lang)) for key, label in ACTIVITY_CATEGORIES.items()]


def matrix_rows(question: Question, departments: Sequence[str]) -> list[Option]:
    """The rows of a matrix question; department rows come from the assessment's settings."""
    if question.rows == DEPARTMENT_ROWS:
        return [Option(name, Text(name, name)) for name in departments]
    return list(question.rows)  # type: ignore[arg-type]


def activity_rows(question: Question) -> int:
    return int(question.extra.get("max_items", DEFAULT_ACTIVITY_ROWS))


def label_map(items: Sequence[Choice]) -> dict[str, Any]:
    """Label (and, for robustness, the other language's label) → value, compared casefolded."""
    return {item.label.casefold(): item.value for item in items}


def from_label(value: Any, labels: Mapping[str, Any]) -> Any:
    """A picked label back to its value; anything else unchanged (the validator judges it)."""
    if isinstance(value, str):
        found = labels.get(value.strip().casefold())
        if found is not None:
            return found
    return value


#: id(question) → (question, labels); the question is kept so its id cannot be reused.
_LABELS: dict[int, tuple[Question, dict[str, Any]]] = {}


def all_labels(qtype: QuestionType, question: Question) -> dict[str, Any]:
    """Labels of both languages → values, plus "don't know" in both languages (cached:
    readers ask for every cell)."""
    cached = _LABELS.get(id(question))
    if cached is not None and cached[0] is question:
        return cached[1]
    found: dict[str, Any] = {}
    for lang in ("de", "en"):
        items = choices(qtype, question, lang) or []
        found.update(label_map(with_dont_know(items, question, lang)))
    if len(_LABELS) > 10_000:
        _LABELS.clear()
    _LABELS[id(question)] = (question, found)
    return found


_DONT_KNOW_WORDS = frozenset(
    {DONT_KNOW, DONT_KNOW_LABEL.de or "", DONT_KNOW_LABEL.en or "", "?", "weiss nicht"}
)


def dont_know_words() -> frozenset[str]:
    return _DONT_KNOW_WORDS


def perspective_from_label(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip().casefold()
        for key, label in PERSPECTIVE_LABELS.items():
            if text in (key, (label.de or "").casefold(), (label.en or "").casefold()):
                return key
        if text in ("kunden", "kundin"):
            return "customer"
    return value
