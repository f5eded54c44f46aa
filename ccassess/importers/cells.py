"""Cells to answers: the parts of a question or its item rows (see
`ccassess.questions.types`) assembled into one answer, for the xlsx and CSV importers.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ccassess.catalogs import _
from ccassess.errors import Location, Problems
from ccassess.forms.sheet_layout import HEADERS
from ccassess.importers.base import RawRespondent, SourceMap
from ccassess.io.csvfile import unneutralise
from ccassess.io.xlsx import cell_value
from ccassess.model import DONT_KNOW
from ccassess.model.questionnaire import Module, Question
from ccassess.questions import present
from ccassess.questions.typed_number import typed_number
from ccassess.questions.types import AnswerProblem, ItemField, ItemRows, Part, QuestionType

if TYPE_CHECKING:
    pass


@dataclass(slots=True)
class AnswerCell:
    value: Any
    location: Location


@dataclass
class _Collected:
    question_id: str
    location: Location
    single: AnswerCell | None = None
    parts: dict[str, AnswerCell] = field(default_factory=dict)
    items: list[dict[str, AnswerCell]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Shape:
    """How a question's cells make its answer: its parts or item rows, and for parts the
    values that look right in a cell."""

    parts: Sequence[Part] | None
    items: ItemRows | None
    allowed: frozenset[Any]


#: (id(question), departments) → (question, question type, shape): looked up once, not for
#: every row of a table; the question is kept so its id cannot be reused.
_SHAPES: dict[tuple[int, tuple[str, ...]], tuple[Question, QuestionType, _Shape]] = {}


def _shape(qtype: QuestionType, question: Question, departments: tuple[str, ...]) -> _Shape:
    key = (id(question), departments)
    cached = _SHAPES.get(key)
    if cached is not None and cached[0] is question and cached[1] is qtype:
        return cached[2]
    parts = qtype.parts(question, departments)
    # "don't know" looks right in any part (a Kano side may be unknown on its own too)
    allowed = {choice.value for choice in qtype.choices(question) or ()}
    allowed.add(DONT_KNOW)
    shape = _Shape(parts, qtype.items(question), frozenset(allowed))
    if len(_SHAPES) > 10_000:
        _SHAPES.clear()
    _SHAPES[key] = (question, qtype, shape)
    return shape


class AnswerAssembler:
    """Collects one module's answer rows (question id, part, cells) into raw answers.

    Labels picked from drop-downs become values; everything else is passed on unchanged
    for the validator. Locations point at the cell most likely to be wrong.
    """

    def __init__(
        self,
        module: Module | None,
        question_types: Mapping[str, QuestionType],
        location: Location,
        problems: Problems,
        departments: Sequence[str] = (),
        lang: str | None = None,
    ) -> None:
        self.module = module
        #: the language a person typed the sheet in; None for machine formats (kept strict)
        self.lang = lang
        self.types = question_types
        self.departments = tuple(departments)
        self.location = location
        self.problems = problems
        self.collected: dict[str, _Collected] = {}

    def question(self, question_id: str) -> Question | None:
        return self.module.question(question_id) if self.module else None

    def add(
        self, question_id: str, part: Any, cells: Mapping[str, AnswerCell], row_location: Location
    ) -> None:
        """One row: `cells` holds 'answer' and, for item rows, the item's other columns."""
        question = self.question(question_id)
        entry = self.collected.get(question_id)
        first = next(iter(cells.values())).location if cells else row_location
        if entry is None:
            entry = self.collected[question_id] = _Collected(question_id, first)
        qtype = self.types.get(question.type) if question else None
        shape = _shape(qtype, question, self.departments) if qtype and question else None
        parts = shape.parts if shape else None
        part_key = _text(part)
        if shape is not None and shape.items is not None:
            entry.items.append(dict(cells))
        elif parts is not None:
            answer = cells.get("answer")
            if not part_key and answer is not None and _is_dont_know(answer.value):
                entry.single = answer  # "don't know" for the whole question
                return
            if not part_key:
                names = ", ".join(p.id for p in parts) or _("none")
                column = f"{HEADERS['part'].get('de')}/{HEADERS['part'].get('en')}"
                self.problems.error(
                    row_location,
                    _(
                        "question {question} needs the column {column} naming one of its "
                        "parts ({parts})"
                    ).format(question=repr(question_id), column=repr(column), parts=names),
                )
                return
            part_key = present.part_named(parts, part_key)
            if part_key in entry.parts:
                self.problems.error(
                    row_location,
                    _("{question} [{part}] is answered twice (also at {place})").format(
                        question=question_id, part=part_key, place=entry.parts[part_key].location
                    ),
                )
                return
            if "answer" in cells:
                entry.parts[part_key] = cells["answer"]
        else:
            if entry.single is not None and "answer" in cells:
                self.problems.error(
                    cells["answer"].location,
                    _("question {question} is answered twice (also at {place})").format(
                        question=repr(question_id), place=entry.single.location
                    ),
                )
                return
            if "answer" in cells:
                entry.single = cells["answer"]
                entry.location = cells["answer"].location

    def answers(self) -> SourceMap:
        result = SourceMap(location=self.location)
        for question_id, entry in self.collected.items():
            question = self.question(question_id)
            value, where = self._value(question, entry)
            if value is not None:
                result.put(question_id, value, where)
        return result

    def _value(self, question: Question | None, entry: _Collected) -> tuple[Any, Location]:
        if question is None:
            cell = entry.single or next(iter(entry.parts.values()), None)
            return (cell.value if cell else None), entry.location
        qtype = self.types.get(question.type)
        if qtype is None:
            return self._single(entry, {})
        labels = present.all_labels(qtype, question)
        shape = _shape(qtype, question, self.departments)
        if shape.items is not None:
            value, where = self._items(entry, shape.items)
            if value is not None:
                where = (
                    _failing_item(qtype, question, self.departments, value, entry, shape.items)
                    or where
                )
            return value, where
        if shape.parts is None:
            value, where = self._single(entry, labels)
            if self.lang and qtype.entry == "number" and isinstance(value, str):
                try:
                    return typed_number(value, self.lang), where
                except AnswerProblem as unclear:
                    self.problems.error(where, str(unclear))
                    return None, where
            return value, where
        if entry.single is not None and not any(c.value is not None for c in entry.parts.values()):
            return DONT_KNOW, entry.single.location
        cells = {k: c for k, c in entry.parts.items() if c.value is not None}
        if not cells:
            return None, entry.location
        value = {k: present.from_label(c.value, labels) for k, c in cells.items()}
        if not qtype.partial and set(value.values()) == {DONT_KNOW}:
            return DONT_KNOW, next(iter(cells.values())).location  # no part on its own
        # the cell most likely wrong: one holding none of the values that look right
        where = next(
            (c.location for k, c in cells.items() if value[k] not in shape.allowed),
            next(iter(cells.values())).location,
        )
        return value, where

    def _single(self, entry: _Collected, labels: Mapping[str, Any]) -> tuple[Any, Location]:
        if entry.single is None or entry.single.value is None:
            return None, entry.location
        return single_answer(labels, entry.single.value), entry.single.location

    def _items(self, entry: _Collected, rows: ItemRows) -> tuple[Any, Location]:
        labels = {column.key: present.field_labels(column) for column in rows.fields}
        items: list[Any] = []
        where: Location | None = None
        for cells in entry.items:
            values = {k: c.value for k, c in cells.items() if c.value is not None}
            if not values:
                continue
            if set(values) == {"answer"} and not any(f.key in cells for f in rows.fields):
                items.append(values["answer"])  # the whole item on one line, ";" between keys
                where = where or cells["answer"].location
                continue
            item = {rows.answer: values.get("answer")}
            for column in rows.fields:
                value = values.get(column.key)
                if column.choices is not None:
                    value = present.from_label(value, labels[column.key])
                item[column.key] = value
            items.append(item)
            if where is None:
                key = _suspect(item, rows)
                if key is not None:
                    where = cells[key].location if key in cells else cells["answer"].location
        if not items:
            return None, entry.location
        first = next(iter(entry.items[0].values())).location if entry.items else entry.location
        if len(items) == 1 and _is_dont_know(items[0]):
            return DONT_KNOW, first  # "don't know" for the list as a whole (an export's cell)
        return items, where or first


def _failing_item(
    qtype: QuestionType,
    question: Question,
    departments: tuple[str, ...],
    items: list[Any],
    entry: _Collected,
    rows: ItemRows,
) -> Location | None:
    """Where a list of items the question type refuses goes wrong: the row of the first item
    that makes it fail (alone, or with the items before it: a sum over 100 %), at its most
    suspect cell. None when the list is fine (or its rows cannot be told apart)."""
    try:
        qtype.check(question, items, departments)
        return None
    except Exception:  # the validator reports the problem itself; here only its place counts
        pass
    filled = [cells for cells in entry.items if any(c.value is not None for c in cells.values())]
    if len(filled) != len(items):
        return None
    for number in range(1, len(items) + 1):
        try:
            qtype.check(question, items[:number], departments)
        except Exception:
            cells = filled[number - 1]
            item = items[number - 1]
            key = _suspect(item, rows) if isinstance(item, Mapping) else None
            if key is None and isinstance(item, Mapping) and number > 1:
                key = _suspect_sum(rows)  # fine alone, wrong with the others: a total
            if key is None or key not in cells:
                key = "answer" if "answer" in cells else next(iter(cells))
            return cells[key].location
    return None


def _suspect_sum(rows: ItemRows) -> str | None:
    """The column a total over items is made of: the item's (first) number column."""
    return next(
        (f.key for f in rows.fields if f.minimum is not None or f.maximum is not None), None
    )


def _out_of_range(value: Any, column: ItemField) -> bool:
    """Whether a number column's cell holds no number, or one outside its bounds."""
    if isinstance(value, bool):
        return True
    if isinstance(value, str):
        try:
            value = float(value.strip().rstrip("%").strip().replace(",", "."))
        except ValueError:
            return True
    if not isinstance(value, int | float) or value != value:
        return True
    low, high = column.minimum, column.maximum
    return (low is not None and value < low) or (high is not None and value > high)


def _suspect(item: Mapping[str, Any], rows: ItemRows) -> str | None:
    """The column of an item row most likely wrong: a missing number or one out of its
    range, else a missing answer, else a value that is none of a column's choices; None
    when all look fine."""
    numbers = [f for f in rows.fields if f.minimum is not None or f.maximum is not None]
    for column in numbers:
        if item[column.key] is None or _out_of_range(item[column.key], column):
            return column.key
    if item[rows.answer] is None:
        return "answer"
    for column in rows.fields:
        if column.choices is not None and item[column.key] not in column.choices:
            return column.key
    for column in rows.fields:
        if item[column.key] is None:
            return column.key
    return None


def single_answer(labels: Mapping[str, Any], value: Any) -> Any:
    """A one-cell answer as read: a picked label (`present.all_labels`) becomes its value, a
    "don't know" word DONT_KNOW; anything else is passed on for the validator to judge."""
    value = present.from_label(value, labels)
    return DONT_KNOW if _is_dont_know(value) else value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unneutralise(str(value).strip())


def _is_dont_know(value: Any) -> bool:
    return isinstance(value, str) and value.strip().casefold() in present.dont_know_words()


def derived_id(record: Mapping[str, Any]) -> str:
    """An id for a respondent who gave none: from the content, so a re-import is recognised."""
    text = json.dumps(record, sort_keys=True, default=str, ensure_ascii=False)
    return "S-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def finish_record(record: SourceMap, answers: SourceMap, file: str) -> RawRespondent | None:
    """Attach answers, derive a missing id; None when the respondent answered nothing."""
    if not answers:
        return None
    record.put("answers", answers, answers.location)
    generated = False
    if not record.get("id"):
        content = {k: v for k, v in record.items() if k != "id"}
        record.put("id", derived_id(content), record.location)
        generated = True
    return RawRespondent(record, file, "respondent", generated)


def respondent_field(key: str, value: Any) -> Any:
    value = cell_value(value)
    if key == "perspective":
        return present.perspective_from_label(value)
    if key in ("id", "department", "role", "name") and value is not None:
        return str(value)
    return value


def list_items(value: Any) -> list[Any]:
    """A table's cell holding a list of items: JSON (as exported) or one item per line, its
    keys separated by ";" (lines may also be separated by " | ")."""
    if isinstance(value, str) and value.lstrip().startswith("["):
        try:
            parsed = json.loads(value)
        except ValueError:
            return [value]
        return parsed if isinstance(parsed, list) else [value]
    if isinstance(value, str):
        return [line.strip() for line in re.split(r"\r?\n| \| ", value) if line.strip()]
    return [value]
