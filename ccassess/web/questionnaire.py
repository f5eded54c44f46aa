"""The web questionnaire's pages: one dimension per page, each question shown and read back
as its question type describes it.

A question type says how it is asked (`choices`, `entry`, `multiple`, `parts`, `items`;
ccassess.questions.types), so every type — a plugin's too — gets a form field here without a
branch on its name. A form sends strings only: a pick is sent as its position in the list
(never the value itself), so whatever a browser sends is either a known pick or refused, and
every answer then goes through the `ResponseValidator`, the check every import uses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ccassess.importers.response_files import ResponseValidator
from ccassess.model import DONT_KNOW
from ccassess.model.questionnaire import Dimension, Module, Question
from ccassess.questions import present
from ccassess.questions.typed_number import typed_number
from ccassess.questions.types import AnswerProblem, ItemRows, Part, QuestionType
from ccassess.survey.asking import told
from ccassess.text import Phrase

#: Longest text accepted in one field (a text answer, an item's cell).
MAX_FIELD = 4000


@dataclass(frozen=True)
class Page:
    """One dimension's questions for one perspective: page k of n."""

    module: Module
    dimension: Dimension
    questions: tuple[Question, ...]


def pages(modules: Sequence[Module], perspective: str) -> list[Page]:
    found = []
    for module in modules:
        for dimension in module.dimensions:
            asked = tuple(q for q in dimension.questions if q.asked_of(perspective))
            if asked:
                found.append(Page(module, dimension, asked))
    return found


@dataclass
class PartView:
    name: str
    label: str
    picks: list[present.Pick]
    selected: int | None


@dataclass
class ItemCell:
    name: str
    header: str
    picks: list[present.Pick] | None
    value: str
    number: bool


@dataclass
class FieldView:
    """What the template needs for one question; `shape` is the answer's shape from the
    question-type interface: pick, several, entry, parts or items."""

    question: Question
    name: str
    wording: str
    help: str
    shape: str
    picks: list[present.Pick] = field(default_factory=list)
    selected: set[int] = field(default_factory=set)
    value: str = ""
    number: bool = False
    dont_know: bool = False
    dont_know_checked: bool = False
    unit: str = ""
    parts: list[PartView] = field(default_factory=list)
    item_label: str = ""
    item_rows: list[list[ItemCell]] = field(default_factory=list)
    error: str | None = None


def _name(question: Question) -> str:
    return "q." + question.id


def _index(picks: Sequence[present.Pick], value: Any) -> int | None:
    for number, pick in enumerate(picks):
        if pick.value == value and type(pick.value) is type(value):
            return number
    for number, pick in enumerate(picks):
        if pick.value == value:
            return number
    return None


def _text(value: Any) -> str:
    return "" if value is None or value == DONT_KNOW else str(value)


class PageForm:
    """Builds the fields of a page and reads a sent form back into checked answers."""

    def __init__(
        self,
        types: Mapping[str, QuestionType],
        departments: Sequence[str],
        validator: ResponseValidator,
        perspective: str,
        department: str | None,
        lang: str,
    ) -> None:
        self.types = types
        self.departments = tuple(departments)
        self.validator = validator
        self.perspective = perspective
        self.department = department
        self.lang = lang

    # -- showing -----------------------------------------------------------------------------

    def fields(
        self, page: Page, stored: Mapping[str, Any], errors: Mapping[str, str] | None = None
    ) -> list[FieldView]:
        views = []
        for question in page.questions:
            view = self._field(question, stored.get(question.id))
            view.error = (errors or {}).get(question.id)
            views.append(view)
        return views

    def _parts(self, qtype: QuestionType, question: Question) -> list[Part] | None:
        parts = qtype.parts(question, self.departments)
        if parts is None:
            return None
        # nobody rates their own department where parts are answered one by one
        return [p for p in parts if not (qtype.partial and p.id == self.department)]

    def _field(self, question: Question, current: Any) -> FieldView:
        qtype = self.types[question.type]
        lang = self.lang
        view = FieldView(
            question,
            _name(question),
            question.wording(self.perspective, lang),
            question.help.get(lang) if question.help else "",
            "entry",
            dont_know=question.dont_know,
            unit=question.unit.get(lang) if question.unit else "",
        )
        parts = self._parts(qtype, question)
        rows = qtype.items(question)
        picks = present.choices(qtype, question, lang)
        if parts is not None:
            view.shape = "parts"
            options = present.with_dont_know(picks or [], question, lang)
            given = current if isinstance(current, Mapping) else {}
            view.parts = [
                PartView(
                    f"{view.name}.{number}",
                    present.part_wording(part, lang),
                    options,
                    _index(options, DONT_KNOW if current == DONT_KNOW else given.get(part.id))
                    if part.id in given or current == DONT_KNOW
                    else None,
                )
                for number, part in enumerate(parts)
            ]
        elif rows is not None:
            view.shape = "items"
            self._items(view, rows, current if isinstance(current, list) else [])
        elif qtype.multiple:
            found = qtype.choices(question) or []
            view.shape = "several"
            view.picks = [present.Pick(c.value, c.label.get(lang)) for c in found]
            chosen = current if isinstance(current, list) else []
            view.selected = {i for i, p in enumerate(view.picks) if p.value in chosen}
            view.dont_know_checked = current == DONT_KNOW
        elif picks is not None:
            view.shape = "pick"
            view.picks = present.with_dont_know(picks, question, lang)
            index = _index(view.picks, current) if current is not None else None
            view.selected = set() if index is None else {index}
        else:
            view.number = qtype.entry == "number"
            view.value = _text(current)
            view.dont_know_checked = current == DONT_KNOW
        return view

    def _items(self, view: FieldView, rows: ItemRows, current: list[Any]) -> None:
        view.item_label = rows.label.get(self.lang)
        columns: list[tuple[str, str, list[present.Pick] | None, bool]] = [
            (rows.answer, rows.label.get(self.lang), None, False)
        ]
        for column in rows.fields:
            choices = present.field_choices(column, self.lang)
            typed = choices is None and (column.minimum is not None or column.maximum is not None)
            columns.append((column.key, column.header.get(self.lang), choices, typed))
        for number in range(max(rows.count, len(current))):
            item = current[number] if number < len(current) else {}
            item = item if isinstance(item, Mapping) else {}
            view.item_rows.append(
                [
                    ItemCell(
                        f"{view.name}.{number}.{key}", header, picks, _text(item.get(key)), num
                    )
                    for key, header, picks, num in columns
                ]
            )

    # -- reading back ------------------------------------------------------------------------

    def read(
        self, page: Page, form: Mapping[str, Sequence[str]]
    ) -> tuple[dict[str, Any], dict[str, str], dict[str, Any]]:
        """(question id → checked answer or None, question id → error message, question id →
        what was sent for a refused answer, to show it again beside its error)."""
        answers: dict[str, Any] = {}
        errors: dict[str, str] = {}
        refused: dict[str, Any] = {}
        for question in page.questions:
            try:
                raw = self._raw(question, form)
            except AnswerProblem as unclear:
                sent = _first(form, _name(question))
                qtype = self.types[question.type]
                errors[question.id] = told(unclear, sent, question, qtype, self.lang)
                refused[question.id] = sent
                continue
            except Refused as exc:
                errors[question.id] = exc.text.get(self.lang)
                continue
            if raw is None:
                answers[question.id] = None
                continue
            checked, problem = self.validator.problem(
                page.module, question.id, raw, self.perspective
            )
            if problem is not None:
                qtype = self.types[question.type]
                errors[question.id] = told(problem, raw, question, qtype, self.lang)
                refused[question.id] = raw
            else:
                answers[question.id] = checked
        return answers, errors, refused

    def _raw(self, question: Question, form: Mapping[str, Sequence[str]]) -> Any:
        qtype = self.types[question.type]
        name = _name(question)
        first = _first(form, name)
        dont_know = _first(form, name + ".dk") == "1"
        parts = self._parts(qtype, question)
        rows = qtype.items(question)
        picks = present.choices(qtype, question, self.lang)
        if parts is not None:
            options = present.with_dont_know(picks or [], question, self.lang)
            value: dict[str, Any] = {}
            for number, part in enumerate(parts):
                sent = _first(form, f"{name}.{number}")
                if sent:
                    value[part.id] = _pick(options, sent)
            if not value:
                return None
            if not qtype.partial and set(value.values()) == {DONT_KNOW}:
                return DONT_KNOW
            return value
        if rows is not None:
            entries = []
            for number in range(rows.count):
                item = {key: _first(form, f"{name}.{number}.{key}").strip() for key in rows.keys}
                if any(item.values()):
                    entries.append(item)
            return entries or None
        if dont_know:
            return DONT_KNOW
        if qtype.multiple:
            found = qtype.choices(question)
            several = [s for s in form.get(name, ()) if s]
            if not several:
                return None
            if found is None:
                return [s.strip() for s in ",".join(several).split(",") if s.strip()]
            listed = [present.Pick(c.value, "") for c in found]
            return [_pick(listed, s) for s in several]
        if picks is not None:
            return (
                _pick(present.with_dont_know(picks, question, self.lang), first) if first else None
            )
        text = first.strip()
        if text and qtype.entry == "number" and question.scale is None:
            return typed_number(text, self.lang)  # refused: told in the respondent's language
        return text or None


def _first(form: Mapping[str, Sequence[str]], name: str) -> str:
    values = form.get(name) or ()
    value = values[0] if values else ""
    if len(value) > MAX_FIELD:
        raise Refused(Phrase("more than {n} characters", n=MAX_FIELD))
    return value


def _pick(picks: Sequence[present.Pick], sent: str) -> Any:
    """The pick a form names by its position; anything else is refused."""
    if sent.isdigit() and int(sent) < len(picks):
        return picks[int(sent)].value
    raise Refused(Phrase("not one of the answers offered"))


class Refused(ValueError):
    """A form field the page cannot read (too long, a pick it did not offer); `text` says
    so in the respondent's language."""

    def __init__(self, text: Phrase) -> None:
        super().__init__(text.en)
        self.text = text
