"""CSV files of answers: the answer sheet's CSV variant and tables of one respondent per row."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ccassess.catalogs import N_, _
from ccassess.errors import Location, Problem, Problems, ValidationError
from ccassess.forms.sheet_layout import (
    CUSTOMER_PART,
    META_SHEET,
    ORIGIN_KEYS,
    RESPONDENT_FIELDS,
    RESPONDENT_SECTION,
)
from ccassess.importers.base import ImportContext, RawRespondent, SourceMap
from ccassess.importers.cells import (
    AnswerAssembler,
    AnswerCell,
    finish_record,
    respondent_field,
)
from ccassess.importers.csv_table import PARALLEL_MIN_ROWS, TableReader
from ccassess.importers.origin import check_origin
from ccassess.io.csvfile import cell_text, read_csv_rows
from ccassess.model.questionnaire import Module

#: A customers' numbered part, in either language ("Teil 2", "Part 2").
PART_TITLE = re.compile(
    "|".join(
        re.escape(CUSTOMER_PART.get(lang)).replace(r"\{number\}", r"\d+") for lang in ("de", "en")
    )
)

if TYPE_CHECKING:
    pass


LABEL = N_("CSV answer sheets and tables (.csv)")


class CsvImporter:
    """CSV answer sheets and one-respondent-per-row tables (survey tools, `ccassess export`)."""

    name = "csv"

    @property
    def label(self) -> str:
        return _(LABEL)

    def detect(self, path: Path) -> float:
        return 0.9 if path.suffix.lower() in (".csv", ".tsv") else 0.0

    def read(self, path: Path, context: ImportContext) -> Iterable[RawRespondent]:
        header, rows = read_csv_rows(path)
        names = [name.casefold() for name in header]
        if "section" in names and "answer" in names:
            return _SheetCsv(path, header, context).read(rows)
        if "id" in names or "perspective" in names:
            return TableReader(str(path), header, context).read(rows)
        raise ValidationError(
            [
                Problem(
                    Location(str(path), 1),
                    _(
                        "unknown CSV layout: expected an answer sheet (columns section, id, "
                        "part, answer) or a table (columns id, perspective, "
                        "<module>.<question>, …)"
                    ),
                )
            ]
        )

    def read_parts(
        self, path: Path, context: ImportContext, parts: int
    ) -> list[Iterable[RawRespondent]] | None:
        """A large table in consecutive parts of rows (validated in parallel, see
        `ccassess.importers.validating`); None for anything else (read as usual)."""
        if path.stat().st_size < PARALLEL_MIN_ROWS * 20:  # too small to be worth a process
            return None
        header, rows = read_csv_rows(path)
        names = [name.casefold() for name in header]
        if ("section" in names and "answer" in names) or not (
            "id" in names or "perspective" in names
        ):
            return None
        return TableReader(str(path), header, context).parts(list(rows), parts)


class _SheetCsv:
    def __init__(self, path: Path, header: list[str], context: ImportContext) -> None:
        self.file = str(path)
        self.context = context
        self.columns = {name.casefold(): index for index, name in enumerate(header)}
        self.header = header
        self.problems = Problems()

    def at(self, line: int, key: str | None = None) -> Location:
        return Location(self.file, line, column=key)

    def read(self, rows: Iterable[tuple[int, list[str]]]) -> list[RawRespondent]:
        for key in ("id", "part"):
            if key not in self.columns:
                self.problems.error(
                    self.at(1), _("the column {name} is missing").format(name=repr(key))
                )
        self.problems.raise_if_errors()
        record = SourceMap(location=Location(self.file))
        assemblers: dict[str, AnswerAssembler] = {}
        modules = self.context.modules

        def cell(cells: list[str], key: str) -> str:
            index = self.columns.get(key)
            return cells[index] if index is not None and index < len(cells) else ""

        rows = list(rows)  # the origin rows are last; they are checked before any answer
        stamp: dict[str, str] = {}
        for line, cells in rows:
            if cell_text(cell(cells, "section")) == META_SHEET:
                key = cell_text(cell(cells, "id")) or ""
                value = cell_text(cell(cells, "answer"))
                if key in ORIGIN_KEYS and value is not None:
                    stamp.setdefault(key, value)
                    stamp.setdefault("line", str(line))
        if stamp:
            check_origin(stamp, self.context, self.at(int(stamp["line"]), "answer"))
        for line, cells in rows:
            section = cell_text(cell(cells, "section")) or ""
            key = cell_text(cell(cells, "id")) or ""
            answer = cell_text(cell(cells, "answer"))
            if section == META_SHEET:
                continue
            if section == RESPONDENT_SECTION:
                if key not in RESPONDENT_FIELDS:
                    self.problems.error(
                        self.at(line, "id"),
                        _("unknown field {name}; fields: {fields}").format(
                            name=repr(key), fields=", ".join(RESPONDENT_FIELDS)
                        ),
                    )
                    continue
                value = respondent_field(key, answer)
                if value is not None:
                    record.put(key, value, self.at(line, "answer"))
                continue
            if not section:
                if answer is not None:
                    self.problems.error(self.at(line, "section"), _("an answer without a module"))
                continue
            module = modules.get(section) or _part_module(section, key, modules)
            if module is None:
                known = ", ".join(sorted(modules)) or _("none")
                self.problems.error(
                    self.at(line, "section"),
                    _("{name} is not a module of this assessment; modules: {known}").format(
                        name=repr(section), known=known
                    ),
                )
                continue
            if answer is None:
                continue
            if not key:
                self.problems.error(self.at(line, "id"), _("an answer without a question id"))
                continue
            if module.question(key) is None:
                self.problems.error(
                    self.at(line, "id"),
                    _("unknown question {question} in module {module}").format(
                        question=repr(key), module=repr(module.id)
                    ),
                )
                continue
            assembler = assemblers.get(module.id)
            if assembler is None:
                assembler = assemblers[module.id] = AnswerAssembler(
                    module,
                    self.context.question_types,
                    Location(self.file),
                    self.problems,
                    self.context.settings.departments,
                )
            assembler.add(
                key,
                cell_text(cell(cells, "part")),
                {"answer": AnswerCell(answer, self.at(line, "answer"))},
                self.at(line),
            )
        answers = SourceMap(location=Location(self.file))
        for module_id, assembler in assemblers.items():
            found = assembler.answers()
            if found:
                answers.put(module_id, found, found.location)
        self.problems.raise_if_errors()
        raw = finish_record(record, answers, self.file)
        if raw is None:
            self.context.warn(Location(self.file), _("no answers in this file; nothing imported"))
            return []
        return [raw]


def _part_module(section: str, question_id: str, modules: Mapping[str, Module]) -> Module | None:
    """The module of a customers' numbered part ("Teil 2", "Part 2"): the one module holding
    the question (a customers' sheet never names module ids); None when none or several do."""
    if not PART_TITLE.fullmatch(section):
        return None
    holding = [m for m in modules.values() if m.question(question_id) is not None]
    return holding[0] if len(holding) == 1 else None
