"""Cells to answers: the parts of a question (rows, sides, activity rows) assembled into one
answer, for the xlsx and CSV importers.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ccassess.errors import Location, Problems
from ccassess.forms.sheet_layout import HEADERS
from ccassess.importers.base import RawRespondent, SourceMap
from ccassess.io.csvfile import unneutralise
from ccassess.io.xlsx import cell_value
from ccassess.model.answers import DONT_KNOW
from ccassess.model.questionnaire import Module, Question
from ccassess.questions import present
from ccassess.questions.types import QuestionType

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


class AnswerAssembler:
    """Collects one module's answer rows (question id, part, cells) into raw answers.

    Labels picked from drop-downs become values; everything else is passed on unchanged
    for the validator. Locations point at the cell most likely to be wrong.
    """

    def __init__(self, module: Module | None, question_types: Mapping[str, QuestionType],
                 location: Location, problems: Problems) -> None:  # fmt: skip
        self.module = module
        self.types = question_types
        self.location = location
        self.problems = problems
        self.collected: dict[str, _Collected] = {}

    def question(self, question_id: str) -> Question | None:
        return self.module.question(question_id) if self.module else None

    def add(self, question_id: str, part: Any, cells: Mapping[str, AnswerCell],
            row_location: Location) -> None:  # fmt: skip
        """One row: `cells` holds 'answer' and, for activity rows, 'share' and 'category'."""
        question = self.question(question_id)
        entry = self.collected.get(question_id)
        first = next(iter(cells.values())).location if cells else row_location
        if entry is None:
            entry = self.collected[question_id] = _Collected(question_id, first)
        kind = question.type if question else ""
        part_key = _text(part)
        if kind == present.ACTIVITY_LIST:
            entry.items.append(dict(cells))
        elif kind in ("matrix", present.KANO):
            answer = cells.get("answer")
            if not part_key and answer is not None and _is_dont_know(answer.value):
                entry.single = answer  # "don't know" for the whole question
                return
            if not part_key:
                self.problems.error(row_location, f"question {question_id!r} needs the column "
                                    f"'{HEADERS['part'].get('de')}/{HEADERS['part'].get('en')}' "
                                    "(a matrix row or Kano part)")  # fmt: skip
                return
            if kind == present.KANO:
                part_key = _kano_part(part_key)
            if part_key in entry.parts:
                self.problems.error(row_location, f"{question_id} [{part_key}] is answered twice "
                                    f"(also at {entry.parts[part_key].location})")  # fmt: skip
                return
            if "answer" in cells:
                entry.parts[part_key] = cells["answer"]
        else:
            if entry.single is not None and "answer" in cells:
                message = f"question {question_id!r} is answered twice"
                self.problems.error(
                    cells["answer"].location, f"{message} (also at {entry.single.location})"
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
        labels = present.all_labels(qtype, question) if qtype else {}
        if question.type == present.ACTIVITY_LIST:
            return self._activities(entry)
        if (
            question.type in ("matrix", present.KANO)
            and entry.single is not None
            and not any(c.value is not None for c in entry.parts.values())
        ):
            return DONT_KNOW, entry.single.location
        if question.type == "matrix":
            cells = {k: c for k, c in entry.parts.items() if c.value is not None}
            if not cells:
                return None, entry.location
            value = {k: present.from_label(c.value, labels) for k, c in cells.items()}
            allowed = set(question.scale.values) | {DONT_KNOW} if question.scale else set()
            where = next((c.location for k, c in cells.items() if value[k] not in allowed),
                         next(iter(cells.values())).location)  # fmt: skip
            return value, where
        if question.type == present.KANO:
            cells = {k: c for k, c in entry.parts.items() if c.value is not None}
            if not cells:
                return None, entry.location
            value = {k: present.from_label(c.value, labels) for k, c in cells.items()}
            if set(value.values()) == {DONT_KNOW}:
                return DONT_KNOW, next(iter(cells.values())).location
            known = set(present.KANO_REACTIONS)
            where = next((c.location for k, c in cells.items() if value[k] not in known),
                         next(iter(cells.values())).location)  # fmt: skip
            return value, where
        if entry.single is None or entry.single.value is None:
            return None, entry.location
        return single_answer(labels, entry.single.value), entry.single.location

    def _activities(self, entry: _Collected) -> tuple[Any, Location]:
        labels: dict[str, Any] = {}
        for lang in ("de", "en"):
            labels.update(present.label_map(present.category_choices(lang)))
        items: list[Any] = []
        where: Location | None = None
        for cells in entry.items:
            values = {k: c.value for k, c in cells.items() if c.value is not None}
            if not values:
                continue
            if set(values) == {"answer"} and "share" not in cells:
                items.append(values["answer"])  # compact form "activity; share; category"
                where = where or cells["answer"].location
                continue
            item = {
                "activity": values.get("answer"),
                "share": values.get("share"),
                "category": present.from_label(values.get("category"), labels),
            }
            items.append(item)
            if where is None and (
                item["share"] is None
                or item["activity"] is None
                or item["category"] not in present.ACTIVITY_CATEGORIES
            ):
                key = ("share" if item["share"] is None else "answer" if item["activity"] is None
                       else "category")  # fmt: skip
                where = cells[key].location if key in cells else cells["answer"].location
        if not items:
            return None, entry.location
        first = next(iter(entry.items[0].values())).location if entry.items else entry.location
        return items, where or first


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


def _kano_part(part: str) -> str:
    text = part.casefold()
    for key, label in present.KANO_PART_LABELS.items():
        if text in (key, (label.de or "").casefold(), (label.en or "").casefold()):
            return key
    if text in ("funktional", "f"):
        return "functional"
    if text in ("dysfunktional", "d"):
        return "dysfunctional"
    return part


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


def activity_items(value: Any) -> list[Any]:
    """An activity-list cell: JSON (as exported) or one 'activity; share; category' per line."""
    if isinstance(value, str) and value.lstrip().startswith("["):
        try:
            parsed = json.loads(value)
        except ValueError:
            return [value]
        return parsed if isinstance(parsed, list) else [value]
    if isinstance(value, str):
        return [line.strip() for line in re.split(r"\r?\n| \| ", value) if line.strip()]
    return [value]
