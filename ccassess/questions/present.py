"""How questions are put to respondents in one language: the labels of a question type's
choices, "don't know", and reading a picked label back.

Shared by the terminal questionnaire, the answer sheets and the readers, so a respondent sees
the same choices everywhere. A pick's `value` is a raw answer the question type's `check`
accepts; the `label` is what a respondent reads (and picks in a sheet's drop-down). Mapping a
label back is exact: anything else is passed on unchanged, so the validator reports it with
its place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ccassess.catalogs import gettext_for, languages
from ccassess.model import DONT_KNOW
from ccassess.model.questionnaire import Question
from ccassess.questions.types import ItemField, Part, QuestionType
from ccassess.text import Phrase, Text

DONT_KNOW_LABEL = Phrase("don't know")
PERSPECTIVE_LABELS = {
    "internal": Phrase("internal"),
    "customer": Phrase("customer"),
    "key_figures": Phrase("key figures"),
}


@dataclass(frozen=True)
class Pick:
    """A choice as shown in one language."""

    value: Any
    label: str


def choices(
    qtype: QuestionType, question: Question, lang: str, *, several: bool = False
) -> list[Pick] | None:
    """What a respondent picks one of, for the answer or each of its parts; None when it is
    typed in (several options of a multiple choice are typed too, unless `several`: the
    terminal lists them and takes several). A scale point's label starts with its number
    ("4 – agree"): the number is what is typed."""
    if qtype.multiple and not several:
        return None
    found = qtype.choices(question)
    if found is None:
        return None
    picks = []
    scale = question.scale
    for value, label in found:
        text = label.get(lang) if isinstance(label, Text) else str(label)
        if scale is not None:  # "4 – agree"; a point labelled "1" stays "1"
            text = scale.numbered(value, lang) if value in scale.values else f"{value} – {text}"
        picks.append(Pick(value, text))
    return picks


def number_range(low: float | None, high: float | None, lang: str) -> str:
    """What a number question takes, in words: "Zahl von 0 bis 10 000 000", "a number from
    0" (never an exponent)."""
    # late import: start-up time (`ccassess modules` loads the question types, not this)
    from ccassess.format import amount

    if low is not None and high is not None:
        return gettext_for(lang, "a number from {low} to {high}").format(
            low=amount(low, lang), high=amount(high, lang)
        )
    if low is not None:
        return gettext_for(lang, "a number from {low}").format(low=amount(low, lang))
    if high is not None:
        return gettext_for(lang, "a number up to {high}").format(high=amount(high, lang))
    return gettext_for(lang, "a number")


def field_choices(field: ItemField, lang: str) -> list[Pick] | None:
    """The picks of an item row's column (None: typed in)."""
    if field.choices is None:
        return None
    return [Pick(value, label.get(lang)) for value, label in field.choices.items()]


def with_dont_know(items: Sequence[Pick], question: Question, lang: str) -> list[Pick]:
    extra = [Pick(DONT_KNOW, DONT_KNOW_LABEL.get(lang))] if question.dont_know else []
    return [*items, *extra]


def part_wording(part: Part, lang: str) -> str:
    """What names a part for a respondent: its own wording, else its label."""
    return (part.wording or part.label).get(lang)


def part_named(parts: Sequence[Part], name: str) -> str:
    """The id of the part a sheet names by id, label or alias (ignoring case); the name
    unchanged when no part has it (the validator reports it)."""
    if any(part.id == name for part in parts):
        return name
    wanted = name.casefold()
    for part in parts:
        names = (part.id, part.label.de or "", part.label.en or "", *part.aliases)
        if wanted in (text.casefold() for text in names if text):
            return part.id
    return name


def label_map(items: Sequence[Pick]) -> dict[str, Any]:
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
    """Labels of every language with a catalog → values, plus "don't know" in each (cached:
    readers ask for every cell)."""
    cached = _LABELS.get(id(question))
    if cached is not None and cached[0] is question:
        return cached[1]
    found: dict[str, Any] = {}
    for lang in languages():
        items = choices(qtype, question, lang) or []
        found.update(label_map(with_dont_know(items, question, lang)))
    if len(_LABELS) > 10_000:
        _LABELS.clear()
    _LABELS[id(question)] = (question, found)
    return found


def field_labels(field: ItemField) -> dict[str, Any]:
    """An item column's labels of every language with a catalog → values."""
    found: dict[str, Any] = {}
    for lang in languages():
        found.update(label_map(field_choices(field, lang) or []))
    return found


@cache
def dont_know_words() -> frozenset[str]:
    """What a sheet's cell says for "don't know", in any language with a catalog."""
    said = {DONT_KNOW_LABEL.get(lang) for lang in languages()}
    return frozenset({DONT_KNOW, *said, "?", "weiss nicht"})


def perspective_from_label(value: Any) -> Any:
    """The perspective ("internal" or "customer") an id or label names, in German or English
    ("intern", "Kunde", "customer", …); anything else is returned unchanged, for the validator
    to report with its place."""
    if isinstance(value, str):
        text = value.strip().casefold()
        for key, label in PERSPECTIVE_LABELS.items():
            if text in (key, *(label.get(lang).casefold() for lang in languages())):
                return key
        if text in ("kunden", "kundin"):
            return "customer"
    return value
