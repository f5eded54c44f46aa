"""Excel answer sheets: the workbook respondents fill in, and reading it back.

The workbook has an instructions sheet, a respondent sheet (id, perspective, department,
role, optional name), one sheet per module and two hidden helper sheets (the drop-down
lists and a small metadata table). A module sheet has one row per answer:

    ID | Teil/Part | Frage/Question | Antwort/Answer | [Anteil/Share | Kategorie/Category] | …

- a scale, yes/partly/no or choice question: one row with a drop-down;
- a question made of parts (a matrix): one row per part, named in the part column, each
  with a drop-down;
- a question answered in item rows: numbered rows, with the item's further columns (their
  headers come from the question type).

Reading is defensive: the file's ZIP structure is checked (entry count, sizes, compression
ratio) and a part declaring a DTD or XML entities is refused before openpyxl opens it,
openpyxl parses with defusedxml, formulas are never evaluated (a formula cell counts with the
value Excel last saved for it), external links are not loaded, and rows are streamed
(read-only mode) with a cap. Answers in a hidden sheet, a hidden row or a hidden column, and
merged cells over a column that is read, are refused: what the file holds there is not what
anyone sees. Columns are found by their
header, in German or English. Every problem names file, sheet, row and column.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccassess.catalogs import N_, _, languages
from ccassess.errors import Location, Problem, Problems, ValidationError
from ccassess.forms.sheet_layout import (
    HEADERS,
    LISTS_SHEET,
    META_SHEET,
    RESPONDENT_FIELDS,
    RESPONDENT_HEADERS,
    SHEET_FORMAT,
    SHEET_NAMES,
    item_fields,
    sheet_title,
)
from ccassess.importers.base import ImportContext, RawRespondent, SourceMap
from ccassess.importers.cells import (
    AnswerAssembler,
    AnswerCell,
    _text,
    finish_record,
    respondent_field,
)
from ccassess.importers.origin import check_origin
from ccassess.io.csvfile import unneutralise
from ccassess.io.xlsx import (
    MAX_SHEETS,
    SheetLayout,
    _reason,
    _refuse,
    cell_value,
    column_letter,
    iter_sheet_rows,
    open_workbook,
    sheet_layout,
)
from ccassess.model.questionnaire import Module, Question
from ccassess.questions.types import QuestionType
from ccassess.text import Text

if TYPE_CHECKING:
    pass


def _header_columns(values: Sequence[Any], names: Mapping[str, Text]) -> dict[str, int]:
    """Header key → 0-based column index, for headers in any language with a catalog."""
    found: dict[str, int] = {}
    lookup = {}
    for key, text in names.items():
        for label in (*(text.get(lang) for lang in languages()), key):
            if label:
                lookup[label.casefold()] = key
    for index, value in enumerate(values):
        if isinstance(value, str):
            header = lookup.get(unneutralise(value.strip()).casefold())
            if header and header not in found:
                found[header] = index
    return found


class _WorkbookReader:
    def __init__(self, path: Path, context: ImportContext) -> None:
        self.path = path
        self.file = str(path)
        self.context = context
        self.problems = Problems()
        self.lang: str | None = None

    def at(self, sheet: str, row: int | None = None, column: int | None = None) -> Location:
        letter = column_letter(column + 1) if column is not None else None
        return Location(self.file, sheet=sheet, row=row, column=letter)

    def read(self) -> list[RawRespondent]:
        workbook = open_workbook(self.path)
        try:
            return self._read(workbook)
        except ValidationError:
            raise
        except Exception as exc:  # parsing is lazy in read-only mode: errors surface here
            raise _refuse(
                self.file, _("cannot read the workbook: {reason}").format(reason=_reason(exc))
            ) from None
        finally:
            workbook.close()

    def _read(self, workbook: Any) -> list[RawRespondent]:
        sheets = list(workbook.worksheets)
        if len(sheets) > MAX_SHEETS:
            raise _refuse(
                self.file,
                _("the workbook has {n} sheets; at most {limit} are accepted").format(
                    n=len(sheets), limit=MAX_SHEETS
                ),
            )
        by_title = {sheet.title: sheet for sheet in sheets}
        meta = self._meta(by_title.get(META_SHEET))
        # typed numbers read by the sheet's language ("1.240" is 1240 in a German sheet)
        self.lang = meta.get("language") if meta.get("language") in ("de", "en") else None
        check_origin(meta, self.context, Location(self.file, sheet=META_SHEET))
        # a sheet written in any language with a catalog (or by an earlier version) is read
        names = SHEET_NAMES
        respondent_titles = {sheet_title(names["respondent"].get(one)) for one in languages()}
        instruction_titles = {sheet_title(names["instructions"].get(one)) for one in languages()}
        record = SourceMap(location=Location(self.file))
        if meta.get("perspective"):
            record.put("perspective", meta["perspective"], Location(self.file, sheet=META_SHEET))
        answers = SourceMap(location=Location(self.file))
        modules = self.context.modules
        mapping = {k[len("sheet:") :]: v for k, v in meta.items() if k.startswith("sheet:")}
        for sheet in sheets:
            title = sheet.title
            if title in (LISTS_SHEET, META_SHEET) or title in instruction_titles:
                continue
            if title in respondent_titles:
                given = len(record)
                self._respondent(sheet, record)
                if len(record) > given:
                    self._refuse_hidden(sheet)
                continue
            module_id = mapping.get(title, title)
            module = modules.get(module_id)
            if module is None:
                known = ", ".join(sorted(modules)) or _("none")
                self.problems.error(
                    self.at(title),
                    _("sheet {name} is not a module of this assessment; modules: {known}").format(
                        name=repr(title), known=known
                    ),
                )
                continue
            module_answers = self._module(sheet, module)
            if module_answers:
                self._refuse_hidden(sheet)
                answers.put(module.id, module_answers, module_answers.location)
        if not self.context.modules:
            self.problems.error(Location(self.file), _("no modules to import answers for"))
        self.problems.raise_if_errors()
        raw = finish_record(record, answers, self.file)
        if raw is None:
            self.context.warn(
                Location(self.file), _("no answers in this workbook; nothing imported")
            )
            return []
        return [raw]

    def _meta(self, sheet: Any) -> dict[str, str]:
        if sheet is None:
            return {}
        meta: dict[str, str] = {}
        for _row, values in iter_sheet_rows(sheet, self.file, max_rows=500, max_columns=2):
            key, value = [*values, None, None][:2]
            if isinstance(key, str) and value is not None:
                meta[unneutralise(key.strip())] = unneutralise(str(value).strip())
        fmt = meta.get("format")
        if fmt is not None and (not fmt.isdigit() or int(fmt) > SHEET_FORMAT):
            raise ValidationError(
                [
                    Problem(
                        self.at(META_SHEET, 1, 1),
                        _(
                            "answer sheet format {format} is newer than this ccassess reads "
                            "({supported}); update ccassess"
                        ).format(format=repr(fmt), supported=SHEET_FORMAT),
                    )
                ]
            )
        if meta.get("perspective") not in (None, "internal", "customer", "key_figures"):
            meta.pop("perspective")
        return meta

    def _respondent(self, sheet: Any, record: SourceMap) -> None:
        title = sheet.title
        rows = iter(iter_sheet_rows(sheet, self.file, max_rows=200))
        header = next(rows, None)
        if header is None:
            return
        columns = _header_columns(header[1], RESPONDENT_HEADERS)
        for key in ("key", "value"):
            if key not in columns:
                label = f"{RESPONDENT_HEADERS[key].de}/{RESPONDENT_HEADERS[key].en}"
                self.problems.error(
                    self.at(title, header[0]),
                    _("the column {name} is missing; was it deleted?").format(name=repr(label)),
                )
        if "key" not in columns or "value" not in columns:
            return
        layout = sheet_layout(sheet)
        self._refuse_merged(sheet, layout, (columns["key"], columns["value"]))
        seen: dict[str, int] = {}
        shown = _Shown(self, title, layout)
        for number, values in rows:
            key = _text(values[columns["key"]] if columns["key"] < len(values) else None)
            key = unneutralise(key)
            raw = values[columns["value"]] if columns["value"] < len(values) else None
            if not key:
                if raw not in (None, ""):
                    self.problems.error(
                        self.at(title, number, columns["key"]), _("a value without a field name")
                    )
                continue
            if key not in RESPONDENT_FIELDS:
                self.problems.error(
                    self.at(title, number, columns["key"]),
                    _("unknown field {name}; fields: {fields}").format(
                        name=repr(key), fields=", ".join(RESPONDENT_FIELDS)
                    ),
                )
                continue
            if key in seen:
                self.problems.error(
                    self.at(title, number, columns["key"]),
                    _("field {name} appears twice (also row {row})").format(
                        name=repr(key), row=seen[key]
                    ),
                )
                continue
            seen[key] = number
            value = respondent_field(key, raw)
            if value is not None:
                shown.check(number, [columns["value"]])
                record.put(key, value, self.at(title, number, columns["value"]))
        shown.report()

    def _refuse_hidden(self, sheet: Any) -> None:
        """Answers in a hidden sheet are not what the respondent (or you) saw: refuse them."""
        if getattr(sheet, "sheet_state", "visible") != "visible":
            self.problems.error(
                self.at(sheet.title),
                _(
                    "the sheet is hidden but holds answers; unhide it in Excel, check them and "
                    "import again"
                ),
            )

    def _refuse_merged(self, sheet: Any, layout: SheetLayout, read: Iterable[int]) -> None:
        """Merged cells over a column ccassess reads hide cells; refuse them, naming the range.

        Excel shows only the first cell of a merged range, but the file may hold values under
        the others: an answer nobody sees. `read` are the 0-based columns read.
        """
        from openpyxl.utils.cell import range_boundaries

        columns = {index + 1 for index in read}
        for ref in layout.merged:
            try:
                first_column, first_row, last_column, last_row = range_boundaries(ref)
            except ValueError:
                continue
            if first_column is None or first_row is None or last_column is None or last_row is None:
                continue
            if (first_column, first_row) == (last_column, last_row):
                continue
            if any(first_column <= column <= last_column for column in columns):
                self.problems.error(
                    self.at(sheet.title, first_row, first_column - 1),
                    _(
                        "cells {range} are merged; unmerge them so that every answer has its own "
                        "cell"
                    ).format(range=ref),
                )

    def _missing_column(self, title: str, row: int, header: Text) -> None:
        self.problems.error(
            self.at(title, row),
            _(
                "the column {name} is missing; was it deleted? Use a fresh sheet from "
                "`ccassess sheet`"
            ).format(name=repr(_column_label(header))),
        )

    def _module(self, sheet: Any, module: Module) -> SourceMap:
        title = sheet.title
        types = self.context.question_types
        departments = self.context.settings.departments
        assembler = AnswerAssembler(
            module, types, self.at(title), self.problems, departments, self.lang
        )
        rows = iter(iter_sheet_rows(sheet, self.file))
        header = next(rows, None)
        if header is None:
            return SourceMap(location=self.at(title))
        fields = item_fields(module, types)
        headers = {**HEADERS, **{key: field.header for key, field in fields.items()}}
        columns = _header_columns(header[1], headers)
        missing = [key for key in ("id", "answer") if key not in columns]
        for key in missing:
            self._missing_column(title, header[0], headers[key])
        if missing:
            return SourceMap(location=self.at(title))
        read = ("id", "part", "answer", *fields)
        layout = sheet_layout(sheet)
        self._refuse_merged(sheet, layout, [columns[key] for key in read if key in columns])
        shown = _Shown(self, title, layout)
        reported: set[str] = set()
        for number, values in rows:

            def cell(key: str, values: tuple[Any, ...] = values) -> Any:
                index = columns.get(key)
                return values[index] if index is not None and index < len(values) else None

            question_id = unneutralise(_text(cell("id")))
            cells = {}
            for key in ("answer", *fields):
                if key in columns:
                    cells[key] = AnswerCell(
                        cell_value(cell(key)), self.at(title, number, columns[key])
                    )
            if not question_id:
                if any(c.value is not None for c in cells.values()):
                    self.problems.error(
                        self.at(title, number, columns["id"]),
                        _("an answer in a row without a question id"),
                    )
                continue
            if not any(c.value is not None for c in cells.values()):
                continue
            shown.check(number, [columns[k] for k, c in cells.items() if c.value is not None])
            question = module.question(question_id)
            if question is None:
                self.problems.error(
                    self.at(title, number, columns["id"]),
                    _("unknown question {question} in module {module}").format(
                        question=repr(question_id), module=repr(module.id)
                    ),
                )
                continue
            needed = _needed(types[question.type], question, departments)
            absent = [key for key in needed if key not in columns]
            for key in absent:
                if key not in reported:
                    reported.add(key)
                    self._missing_column(title, header[0], headers[key])
            if absent:
                continue
            assembler.add(question_id, cell("part"), cells, self.at(title, number))
        shown.report()
        return assembler.answers()


class _Shown:
    """Answers in hidden rows and columns are refused, like answers in a hidden sheet: what
    the file holds there is not what the respondent (or you) saw. Rows are reported as they
    come, columns once at the end."""

    def __init__(self, reader: _WorkbookReader, title: str, layout: SheetLayout) -> None:
        self.reader = reader
        self.title = title
        self.layout = layout
        self.columns: set[int] = set()

    def check(self, number: int, filled: Iterable[int]) -> None:
        """Row `number` holds answers in the (0-based) columns `filled`."""
        if number in self.layout.hidden_rows:
            self.reader.problems.error(
                self.reader.at(self.title, number),
                _(
                    "the row is hidden but holds an answer; unhide it in Excel, check it and "
                    "import again"
                ),
            )
        self.columns.update(c for c in filled if c + 1 in self.layout.hidden_columns)

    def report(self) -> None:
        for index in sorted(self.columns):
            self.reader.problems.error(
                self.reader.at(self.title, None, index),
                _(
                    "the column is hidden but holds answers; unhide it in Excel, check them and "
                    "import again"
                ),
            )


def _needed(qtype: QuestionType, question: Question, departments: Sequence[str]) -> list[str]:
    """The columns besides id and answer that a question's rows need."""
    items = qtype.items(question)
    if items is not None:
        return ["part", *(field.key for field in items.fields)]
    return ["part"] if qtype.parts(question, departments) is not None else []


def _column_label(text: Text) -> str:
    return text.de if text.de == text.en else f"{text.de}/{text.en}"  # type: ignore[return-value]


LABEL = N_("answer workbooks (.xlsx)")


class XlsxImporter:
    """Filled answer workbooks written by `ccassess sheet` (.xlsx)."""

    name = "xlsx"

    @property
    def label(self) -> str:
        return _(LABEL)

    def detect(self, path: Path) -> float:
        return 0.9 if path.suffix.lower() in (".xlsx", ".xlsm", ".xls") else 0.0

    def read(self, path: Path, context: ImportContext) -> list[RawRespondent]:
        return _WorkbookReader(path, context).read()
