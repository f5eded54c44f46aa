"""Reading a table of answers (one respondent per row) column by column.

A survey export may have a hundred thousand rows but only a few dozen columns, and in each
column a handful of distinct texts ("1" … "5", a picked label, "weiß nicht"). So the meaning
of every column is worked out once, each distinct text of a column is converted once, and a
row becomes its respondent through dictionary lookups. Cells that combine into one answer
(the parts of a question, a list of items) go through the sheets' `AnswerAssembler` as before.
A cell's location (file, line, column) is made only when a message needs it.

Rows are yielded one by one, so a caller that keeps only what it needs holds one row at a
time. Problems of the table itself (unknown modules or questions) are reported once per
column and raised as a ValidationError after the last row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from operator import getitem, itemgetter
from typing import TYPE_CHECKING, Any

from ccassess.catalogs import _
from ccassess.errors import Location, Problems
from ccassess.forms.sheet_layout import META_COLUMNS
from ccassess.importers.base import ImportContext, RawRespondent, RowMap, SourceMap
from ccassess.importers.cells import (
    AnswerAssembler,
    AnswerCell,
    finish_record,
    list_items,
    respondent_field,
    single_answer,
)
from ccassess.io.csvfile import cell_text
from ccassess.model import DONT_KNOW
from ccassess.questions import present
from ccassess.questions.types import AnswerProblem

if TYPE_CHECKING:
    from ccassess.model.questionnaire import Module, Question
    from ccassess.questions.types import QuestionType

#: <module>.<question> or <module>.<question>[<part>]
COLUMN_NAME = re.compile(r"^(?P<module>[^.\[\]]+)\.(?P<question>[^.\[\]]+)(\[(?P<part>.*)\])?$")
#: Distinct texts remembered per column (free-text columns have as many as rows).
MEMO_LIMIT = 512
_MISSING = object()
#: Tables with fewer rows are read in one part (a second process would cost more than it
#: saves).
PARALLEL_MIN_ROWS = 10_000
#: Normalised answers a column may hand on instead of the text (immutable scalars).
_SETTLED = frozenset({str, int, float, bool})


@dataclass(slots=True)
class _Meta:
    index: int
    key: str
    memo: dict[str, Any] | None  # None: every row differs (the id)


@dataclass(slots=True)
class _Single:
    """A column holding a whole answer: its texts convert the same way in every row."""

    index: int
    module_id: str
    question: Question
    qtype: QuestionType | None
    labels: dict[str, Any]
    departments: tuple[str, ...]
    memo: dict[str, Any] = field(default_factory=dict)

    @property
    def question_id(self) -> str:
        return self.question.id

    def convert(self, text: str) -> Any:
        """A cell's text as an answer: a label becomes its value, "don't know" DONT_KNOW, and
        text the question type reads as a normalised answer ("4" → 4) becomes that answer,
        so the validator finds what it would keep. Anything the type refuses stays as
        written: the validator reports it at its place."""
        value = cell_text(text)
        if value is None:
            return None
        value = single_answer(self.labels, value)
        if self.qtype is None or value == DONT_KNOW:
            return value
        try:
            normal = self.qtype.check(self.question, value, self.departments)
            # only a settled form: checking it again must give it back unchanged
            same = self.qtype.check(self.question, normal, self.departments) == normal
        except AnswerProblem:
            return value
        return normal if same and normal.__class__ in _SETTLED else value


@dataclass(slots=True)
class _Combined:
    """A column holding part of an answer (a part of a question, or a list of items)."""

    index: int
    name: str
    module: Module
    question: Question
    part: str | None
    #: whether the question is answered in item rows (a cell may hold several items)
    listed: bool = False


@dataclass(slots=True)
class _Unknown:
    """A column naming a module or question this assessment does not have."""

    index: int
    name: str
    message: str
    reported: bool = False


class _Group:
    """One module's one-cell columns, converted together.

    The common row — every text already met in its column — is converted by C-level
    iteration (`itemgetter` picks the cells, `map(getitem, memos, texts)` looks each up in
    its column's memo); a row with a new text takes the slow path once and teaches the memo."""

    def __init__(self, module_id: str, names: dict[str, str], columns: list[_Single]) -> None:
        self.module_id = module_id
        self.names = names
        self.columns = columns
        self.memos = tuple(column.memo for column in columns)
        self.question_ids = tuple(column.question_id for column in columns)
        pick = itemgetter(*(column.index for column in columns))
        self.pick: Callable[[list[str]], tuple[str, ...]] = (
            pick if len(columns) > 1 else lambda cells: (pick(cells),)
        )

    def answers(self, cells: list[str]) -> Iterable[tuple[str, Any]]:
        """(question id, answer) of this row's answered cells."""
        texts = self.pick(cells)
        try:
            values = list(map(getitem, self.memos, texts))
        except KeyError:
            values = [
                _learn(column, text) for column, text in zip(self.columns, texts, strict=True)
            ]
        pairs = zip(self.question_ids, values, strict=True)
        if None in values:
            return [(question_id, value) for question_id, value in pairs if value is not None]
        return pairs


def _learn(column: _Single, text: str) -> Any:
    value = column.memo.get(text, _MISSING)
    return _answer_value(column, text) if value is _MISSING else value


class TableReader:
    """One file's table: `read(rows)` yields a raw respondent per answered row."""

    def __init__(self, file: str, header: list[str], context: ImportContext) -> None:
        self.file = file
        self.header = header
        self.context = context
        self.problems = Problems()
        self.metas: list[_Meta] = []
        self.singles: list[_Single] = []
        self.combined: list[_Combined] = []
        self.unknown: list[_Unknown] = []
        #: column names of the metadata keys and, per module, of its one-cell questions
        self.meta_names: dict[str, str] = {}
        self.answer_names: dict[str, dict[str, str]] = {}
        self._plan()
        self.problems.raise_if_errors()

    def _header_error(self, name: str, message: str) -> None:
        self.problems.error(Location(self.file, 1, column=name), message)

    def _plan(self) -> None:
        parsed: list[tuple[int, str, re.Match[str]]] = []
        seen: set[str] = set()
        for index, name in enumerate(self.header):
            if not name:
                continue
            if name.casefold() in seen:
                self._header_error(name, _("column {name} appears twice").format(name=repr(name)))
                continue
            seen.add(name.casefold())
            if name.casefold() in META_COLUMNS:
                key = name.casefold()
                self.metas.append(_Meta(index, key, None if key == "id" else {}))
                self.meta_names[key] = name
                continue
            match = COLUMN_NAME.match(name)
            if not match:
                self._header_error(
                    name,
                    _(
                        "column {name} is neither a respondent field (id, perspective, "
                        "department, role, name) nor <module>.<question>"
                    ).format(name=repr(name)),
                )
                continue
            parsed.append((index, name, match))
        # a question with any part column is read by combining its cells
        combined = {(m["module"], m["question"]) for _, _, m in parsed if m["part"] is not None}
        departments = tuple(self.context.settings.departments)
        for index, name, match in parsed:
            module_id, question_id = match["module"], match["question"]
            module = self.context.modules.get(module_id)
            if module is None:
                known = ", ".join(sorted(self.context.modules)) or _("none")
                self.unknown.append(
                    _Unknown(
                        index,
                        name,
                        _("{name} is not a module of this assessment; modules: {known}").format(
                            name=repr(module_id), known=known
                        ),
                    )
                )
                continue
            question = module.question(question_id)
            if question is None:
                self.unknown.append(
                    _Unknown(
                        index,
                        name,
                        _("unknown question {question} in module {module}").format(
                            question=repr(question_id), module=repr(module_id)
                        ),
                    )
                )
                continue
            qtype = self.context.question_types.get(question.type)
            listed = qtype is not None and qtype.items(question) is not None
            if (
                (module_id, question_id) in combined
                or listed
                or (qtype is not None and qtype.parts(question, departments) is not None)
            ):
                self.combined.append(
                    _Combined(index, name, module, question, match["part"], listed)
                )
                continue
            labels = present.all_labels(qtype, question) if qtype else {}
            self.singles.append(_Single(index, module_id, question, qtype, labels, departments))
            self.answer_names.setdefault(module_id, {})[question_id] = name

    def parts(self, rows: list[tuple[int, list[str]]], count: int) -> list[Iterable[RawRespondent]]:
        """The rows in `count` consecutive parts, each read with its own problems (each
        part may run in another process); problems of whole columns are found here, at
        once, and raised after the last part's (as when read in one part)."""
        if len(rows) < PARALLEL_MIN_ROWS:
            return [self.read(rows)]
        if self.unknown:
            for line, cells in rows:
                self._unknown(cells, line)
            self.unknown = []
        upfront = self.problems
        size = -(-len(rows) // count)
        chunks = [rows[start : start + size] for start in range(0, len(rows), size)]
        last = len(chunks) - 1
        return [
            self._part(chunk, upfront if number == last else Problems())
            for number, chunk in enumerate(chunks)
        ]

    def _part(
        self, rows: list[tuple[int, list[str]]], problems: Problems
    ) -> Iterator[RawRespondent]:
        self.problems = problems  # (runs where the part is read: here or in a child)
        yield from self.read(rows)

    def read(self, rows: Iterable[tuple[int, list[str]]]) -> Iterator[RawRespondent]:
        width = len(self.header)
        groups = self._groups()
        metas = [(column.index, column.key, column.memo) for column in self.metas]
        for line, cells in rows:
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            where = Location(self.file, line)
            record = RowMap(where, self.meta_names)
            for index, key, memo in metas:
                text = cells[index]
                if memo is None:
                    value = respondent_field(key, text)
                else:
                    value = memo.get(text, _MISSING)
                    if value is _MISSING:
                        value = _meta_value(key, text, memo)
                if value is not None:
                    record[key] = value
            answers = SourceMap(location=where)
            for group in groups:
                found = RowMap(where, group.names)
                found.update(group.answers(cells))
                if found:
                    answers[group.module_id] = found
            if self.combined:
                self._combine(answers, cells, line, where)
            if self.unknown:
                self._unknown(cells, line)
            raw = finish_record(record, answers, self.file)
            if raw is None:
                self.context.warn(where, _("no answers in this row; skipped"))
                continue
            raw.path = f"respondents[{record.get('id')}]"
            yield raw
        self.problems.raise_if_errors()

    def _groups(self) -> list[_Group]:
        """The one-cell columns by module."""
        groups: dict[str, list[_Single]] = {}
        for column in self.singles:
            groups.setdefault(column.module_id, []).append(column)
        return [
            _Group(module_id, self.answer_names[module_id], columns)
            for module_id, columns in groups.items()
        ]

    def _combine(self, answers: SourceMap, cells: list[str], line: int, where: Location) -> None:

        assemblers: dict[str, AnswerAssembler] = {}
        for column in self.combined:
            text = cells[column.index] if column.index < len(cells) else ""
            value = cell_text(text)
            if value is None:
                continue
            module = column.module
            cell = Location(self.file, line, column=column.name)
            assembler = assemblers.get(module.id)
            if assembler is None:
                assembler = assemblers[module.id] = AnswerAssembler(
                    module,
                    self.context.question_types,
                    where,
                    self.problems,
                    self.context.settings.departments,
                )
            question_id = column.question.id
            if column.listed and column.part is None:
                for item in list_items(value):
                    assembler.add(question_id, None, {"answer": AnswerCell(item, cell)}, cell)
                continue
            assembler.add(question_id, column.part, {"answer": AnswerCell(value, cell)}, cell)
        for module_id, assembler in assemblers.items():
            found = assembler.answers()
            if not found:
                continue
            module_answers = answers.get(module_id)
            if module_answers is None:
                module_answers = answers[module_id] = RowMap(
                    where, self.answer_names.get(module_id, {})
                )
            for question_id, value in found.items():
                module_answers.put(question_id, value, found.location_of(question_id))

    def _unknown(self, cells: list[str], line: int) -> None:
        """One error per unknown column, at its first answered cell."""
        for column in self.unknown:
            if column.reported:
                continue
            text = cells[column.index] if column.index < len(cells) else ""
            if cell_text(text) is not None:
                column.reported = True
                self.problems.error(Location(self.file, line, column=column.name), column.message)


def _meta_value(key: str, text: str, memo: dict[str, Any]) -> Any:
    value = respondent_field(key, text)
    if len(memo) < MEMO_LIMIT:
        memo[text] = value
    return value


def _answer_value(column: _Single, text: str) -> Any:
    value = column.convert(text)
    if len(column.memo) < MEMO_LIMIT:
        column.memo[text] = value
    return value
