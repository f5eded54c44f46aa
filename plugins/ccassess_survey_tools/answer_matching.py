"""Which value an answer in an export is, and how sure we are.

Answers match scale points by number, by the scale's labels, by common scale wordings of
the survey tools (their position on a known 5- or 7-point scale, `answer_words`) and by
similarity; options by id, label or number; a respondent detail by the assessment's
departments and perspectives. Whatever else a question type accepts (Kano reactions, a
plugin's types) is left to the type's own check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ccassess import DONT_KNOW, AnswerProblem, Question, perspective_from_label, xml_name
from ccassess_survey_tools.answer_words import (
    DONT_KNOW_WORDS,
    NOT_SELECTED,
    PLAIN_DONT_KNOW_WORDS,
    YES_PARTLY_NO_WORDS,
    wording_position,
)
from ccassess_survey_tools.i18n import N_, _
from ccassess_survey_tools.question_index import GUESS, SURE, QuestionIndex, Target
from ccassess_survey_tools.words import Closest, compact, normal


@dataclass
class Value:
    """An answer matched to a value, how sure, and why."""

    value: Any
    confidence: float
    reason: str = ""

    @property
    def sure(self) -> bool:
        return self.value is not None and self.confidence >= SURE


NO_MATCH = Value(None, 0.0, N_("no match"))
_NUMBER = re.compile(r"^\s*(-?\d+)(?:[.,]0+)?\s*(?:(?:[-–—:=.)(]|\s)\s*(?P<label>.*))?$")
_CODE = re.compile(r"^[A-Za-z]{1,3}0*(\d+)$")


class AnswerMatcher:
    """Raw answers of one question (or its row/part/option) to values."""

    def __init__(self, index: QuestionIndex) -> None:
        self.index = index

    def match(
        self, target: Target, raw: str, siblings: Iterable[str] = (), separator: str | None = None
    ) -> Value:
        """`raw` as a value for `target`; `siblings` are the other answers given in the same
        column (or columns of the same scale), used to recognise a tool's scale wording."""
        text = normal(raw)
        if target.field:
            return self._field(target.field, raw)
        question = self.index.question(target)
        if question is None:
            return NO_MATCH
        qtype = self.index.type_of(question)
        if qtype.multiple and target.part is not None:
            return Value(text not in NOT_SELECTED, 1.0, _("ticked") if text else "")
        if text in DONT_KNOW_WORDS and question.dont_know:
            strong = text in PLAIN_DONT_KNOW_WORDS
            return Value(DONT_KNOW, 1.0 if strong else 0.9, _("don't know"))
        choices = qtype.choices(question)
        if question.scale is not None and _scale_points(choices, question):
            return self._scale(question, raw, text, siblings)
        if question.options and qtype.multiple:
            return self._options(question, raw, separator)
        if question.options:
            return self._option(question, raw, text)
        if qtype.entry == "number":
            number = raw.strip().replace(" ", "")
            if re.fullmatch(r"-?\d+(?:[.,]\d+)?", number):
                return Value(
                    float(number.replace(",", ".")) if re.search(r"[.,]", number) else int(number),
                    1.0,
                    _("a number"),
                )
            return NO_MATCH
        if qtype.entry == "text":
            return Value(raw, 1.0, _("text"))
        values = {choice.value for choice in choices or ()}
        for value, words in YES_PARTLY_NO_WORDS.items():
            if value in values and text in {normal(w) for w in words}:
                return Value(value, 1.0, _("yes/partly/no"))
        return self._by_type(question, target, raw)

    def _by_type(self, question: Question, target: Target, raw: str) -> Value:
        """Whatever the question type itself accepts (Kano reactions, plugin types)."""
        qtype = self.index.types.get(question.type)
        if qtype is None:
            return NO_MATCH
        labels = {
            label.get(lang).casefold(): choice_value
            for lang in ("de", "en")
            for choice_value, label in qtype.choices(question) or ()
        }
        value = labels.get(raw.strip().casefold(), raw.strip())
        try:  # a part (Kano side) is checked with every part given the same answer
            parts = self.index.parts.get(target.key or ("", ""), [])
            probe = {p.id: value for p in parts} if target.part is not None else value
            checked = qtype.check(question, probe, self.index.departments)
        except (AnswerProblem, TypeError, ValueError):
            return NO_MATCH
        if target.part is not None and isinstance(checked, Mapping):
            return Value(checked.get(target.part, value), 1.0, _("an answer of the question"))
        return Value(checked, 1.0, _("an answer of the question"))

    def _scale(self, question: Question, raw: str, text: str, siblings: Iterable[str]) -> Value:
        scale = question.scale
        assert scale is not None
        number = _NUMBER.match(raw)
        if number and int(number.group(1)) in scale.values:
            point, label = int(number.group(1)), (number["label"] or "").strip()
            if label and not plain_number(label):  # '1 - Stimme voll zu': the text was seen
                reading = self._scale(question, label, normal(label), siblings)
                if reading.value is not None and reading.value != point:
                    return Value(
                        reading.value,
                        reading.confidence,
                        _("the label {label} ({reason}); {point} is only its code").format(
                            label=repr(label), reason=reading.reason, point=point
                        ),
                    )
            return Value(point, 1.0, _("a scale point"))
        labels: dict[str, int] = {}
        for lang in ("de", "en"):
            for value in scale.values:
                label = scale.label(value, lang)
                if label and not label.isdigit():
                    labels.setdefault(normal(label), value)
        others = {normal(s) for s in siblings if s and not _NUMBER.match(s)} | {text}
        position = wording_position(text, scale.points)
        common = scale.start + position[0] if position is not None else None
        own = labels.get(text)
        # Which reading do the column's other answers follow: this scale's own labels, or a
        # tool's common wording ("strongly agree")? They differ for words like "agree".
        tool_only = any(o not in labels and wording_position(o, scale.points) for o in others)
        own_only = any(o in labels and not wording_position(o, scale.points) for o in others)
        if own is not None and (common is None or common == own or (own_only and not tool_only)):
            return Value(own, 1.0, _("the scale's label"))
        if own is None and common is not None:
            return Value(
                common,
                0.75 if own_only else 0.9,
                _("position {position} of {points} on a common scale").format(
                    position=common - scale.start + 1, points=scale.points
                ),
            )
        if own is not None and common is not None:
            if tool_only and not own_only:
                return Value(
                    common,
                    0.9,
                    _(
                        "position {position} of {points} on a common scale, like the other answers"
                    ).format(position=common - scale.start + 1, points=scale.points),
                )
            return Value(
                own,
                0.75,
                _("the scale's label, but point {point} on a common scale").format(point=common),
            )
        code = _CODE.match(raw.strip())
        if code and int(code.group(1)) - 1 + scale.start in scale.values:
            return Value(int(code.group(1)) - 1 + scale.start, 0.6, _("answer code, by position"))
        closest = Closest(text, GUESS)
        best = max(
            ((closest.score(label), value) for label, value in labels.items()), default=(0.0, None)
        )
        if best[1] is not None and best[0] >= GUESS:
            return Value(best[1], min(best[0], 0.95) * 0.95, _("similar to the scale's label"))
        return NO_MATCH

    def _option(self, question: Question, raw: str, text: str) -> Value:
        for option in question.options:
            if compact(raw) == compact(option.id) or text in (
                normal(option.label.de or ""),
                normal(option.label.en or ""),
            ):
                return Value(option.id, 1.0, _("an option"))
        number = _NUMBER.match(raw)
        if number and 1 <= int(number.group(1)) <= len(question.options) and not number["label"]:
            option = question.options[int(number.group(1)) - 1]
            return Value(option.id, 0.7, _("option number, by position"))
        closest = Closest(text, GUESS)
        best = max(
            (
                (
                    max(
                        closest.score(normal(o.label.de or "")),
                        closest.score(normal(o.label.en or "")),
                    ),
                    o.id,
                )
                for o in question.options
            ),
            default=(0.0, None),
        )
        if best[1] is not None and best[0] >= GUESS:
            return Value(best[1], min(best[0], 0.95) * 0.95, _("similar to an option"))
        return NO_MATCH

    def _options(self, question: Question, raw: str, separator: str | None) -> Value:
        """A multi-select in one cell: option labels joined by the tool's separator."""
        if not raw.strip():
            return Value([], 1.0)
        for candidate in dict.fromkeys([separator, ";", ",", " "]):
            if candidate is None:
                continue
            parts = split_choices(raw, candidate, question)
            found = [self._option(question, part, normal(part)) for part in parts]
            if all(item.sure for item in found):
                return Value(list(dict.fromkeys(item.value for item in found)), 1.0, _("options"))
        parts = split_choices(raw, separator or ",", question)
        found = [self._option(question, part, normal(part)) for part in parts]
        if any(item.value is None for item in found):
            return NO_MATCH
        weakest = min(found, key=lambda item: item.confidence)
        return Value([item.value for item in found], weakest.confidence, weakest.reason)

    def _field(self, name: str, raw: str) -> Value:
        text = normal(raw)
        if name == "department":
            for department in self.index.departments:
                if text == normal(department) or compact(raw) == compact(xml_name(department)):
                    return Value(department, 1.0, _("a department"))
            closest = Closest(text, GUESS)
            best = max(
                ((closest.score(normal(d)), d) for d in self.index.departments), default=(0.0, None)
            )
            if best[1] is not None and best[0] >= GUESS:
                return Value(best[1], min(best[0], 0.95) * 0.95, _("similar to a department"))
            return Value(raw.strip(), 0.5, _("not a department of the assessment"))
        if name == "perspective":
            value = perspective_from_label(raw)
            if value in ("internal", "customer", "key_figures"):
                return Value(value, 1.0, _("a perspective"))
            if text in {"staff", "mitarbeiter", "mitarbeiterin", "mitarbeitende", "employee"}:
                return Value("internal", 1.0, _("a perspective"))
            if text in {"kunde", "kundin", "client", "customer"}:
                return Value("customer", 1.0, _("a perspective"))
            return NO_MATCH
        return Value(raw.strip(), 1.0, name)


def _scale_points(choices: Any, question: Question) -> bool:
    """Whether a question's cells are points of its scale (a likert item, a matrix row)."""
    assert question.scale is not None
    return [choice.value for choice in choices or ()] == list(question.scale.values)


def split_choices(raw: str, separator: str, question: Question) -> list[str]:
    """A multi-select cell into its choices; labels that contain the separator stay whole."""
    labels = sorted(
        {
            label
            for option in question.options
            for label in (option.label.de, option.label.en, option.id)
            if label
        },
        key=len,
        reverse=True,
    )
    rest = raw.strip()
    parts: list[str] = []
    while rest:
        for label in labels:
            if rest.casefold().startswith(label.casefold()) and (
                len(rest) == len(label)
                or rest[len(label) :].lstrip().startswith(separator)
                or (separator == " " and rest[len(label) :][:1] == " ")
            ):
                parts.append(rest[: len(label)])
                rest = rest[len(label) :].lstrip()
                rest = rest[len(separator) :].lstrip() if rest.startswith(separator) else rest
                break
        else:
            head, _, rest = rest.partition(separator)
            if head.strip():
                parts.append(head.strip())
            rest = rest.strip()
    return [part for part in parts if part.strip()]


def choice_parts(
    raw: str, separator: str | None, question: Question, known: Callable[[str], bool]
) -> list[str]:
    """A multi-select cell split where the most parts are `known` answers: the tool's own
    separator first, then ';', ',' and '|' (a re-saved export, a tool's other setting), so
    that a combination such as 'E-Mail-Umfrage;Telefon' never stays one answer."""
    best: tuple[int, int] | None = None
    found: list[str] = []
    for candidate in dict.fromkeys([separator or ",", ";", ",", "|"]):
        parts = split_choices(raw, candidate, question)
        hits = sum(1 for part in parts if known(part))
        score = (hits, -(len(parts) - hits))
        if best is None or score > best:
            best, found = score, parts
    return found


def plain_number(raw: str) -> bool:
    """'4', '4.0' (a scale point needs no mapping entry); '4 – agree' is not plain."""
    found = _NUMBER.match(raw)
    return bool(found) and not (found["label"] or "").strip()  # type: ignore[index]
