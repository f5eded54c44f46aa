"""CSV: the answer sheet's CSV variant, survey-tool style tables, and safe CSV output.

Two layouts are read (told apart by their header):

- the **answer sheet** (`ccassess sheet --format csv`), one respondent per file, one answer
  per row: ``section,id,part,question,answer,allowed``; section is ``respondent`` for the
  metadata rows and the module id for answers;
- a **table**, one respondent per row, as survey tools and `ccassess export` write it:
  ``id,perspective,department,role,name,<module>.<question>,<module>.<question>[<part>],…``
  (a part is a matrix row or a Kano side; an activity list is one cell with JSON or
  ``activity; share; category`` items on separate lines).

Text is UTF-8 (with or without BOM) or UTF-16 with BOM; the delimiter is `,`, `;` or a tab.
Cells ccassess writes that start with ``= + - @``, a tab or a carriage return are prefixed
with an apostrophe so spreadsheet programs never run them as formulas; reading removes
that prefix again.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccassess.errors import Location, Problem, Problems, ValidationError
from ccassess.importers.base import ImportContext, RawRespondent, SourceMap
from ccassess.model.answers import DONT_KNOW

if TYPE_CHECKING:
    from ccassess.model.answers import Respondent
    from ccassess.model.questionnaire import Module
    from ccassess.questions.types import QuestionType

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_CSV_BYTES = 20 * 1024 * 1024
MAX_CSV_ROWS = 100_000
MAX_CSV_COLUMNS = 5_000
MAX_CELL_CHARS = 100_000
SHEET_COLUMNS = ("section", "id", "part", "question", "answer", "allowed")
RESPONDENT_SECTION = "respondent"
META_COLUMNS = ("id", "perspective", "department", "role", "name")


def neutralise(text: str) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def unneutralise(text: str) -> str:
    """Undo `neutralise` (only an apostrophe followed by a formula character is removed)."""
    if text.startswith("'") and text[1:2] and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


def csv_cell(value: Any) -> str:
    """A value for a CSV cell: text neutralised, numbers as written, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return neutralise(str(value))


def write_csv(rows: Iterable[Sequence[Any]], delimiter: str = ",") -> bytes:
    """Rows to CSV bytes (UTF-8 with BOM, so spreadsheet programs detect the encoding)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


# -- reading -----------------------------------------------------------------------------------


def read_csv_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """Header and (line number, cells) of a CSV file; size and shape limits enforced.

    The header is read at once; the rows as they are consumed (a problem further down is
    raised as ValidationError when its row is reached), so no list of all rows is built."""
    from ccassess.io.structured import decode_text, read_bytes

    file = str(path)
    raw = read_bytes(path, MAX_CSV_BYTES)
    if not raw.strip():
        raise ValidationError([Problem(Location(file), "the file is empty")])
    text = decode_text(raw, file)
    del raw
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise ValidationError([Problem(Location(file, reader.line_num), f"invalid CSV: {exc}")]
                              ) from None  # fmt: skip
    if header is None:
        raise ValidationError([Problem(Location(file), "the file is empty")])
    if len(header) > MAX_CSV_COLUMNS:
        raise ValidationError([Problem(Location(file, 1), f"{len(header):,} columns; at "
                               f"most {MAX_CSV_COLUMNS:,} are read")])  # fmt: skip
    return [cell.strip().lstrip("\ufeff") for cell in header], _rows(reader, file)


def _rows(reader: Any, file: str) -> Iterator[tuple[int, list[str]]]:
    count = 0
    try:
        for cells in reader:
            line = reader.line_num
            if count >= MAX_CSV_ROWS:
                raise ValidationError([Problem(Location(file, line), f"more than "
                                       f"{MAX_CSV_ROWS:,} rows")])  # fmt: skip
            if cells and max(map(len, cells)) > MAX_CELL_CHARS:
                raise ValidationError([Problem(Location(file, line), f"a cell is longer than "
                                       f"{MAX_CELL_CHARS:,} characters")])  # fmt: skip
            if "".join(cells).strip():  # skip blank rows
                count += 1
                yield line, cells
    except csv.Error as exc:
        raise ValidationError([Problem(Location(file, reader.line_num), f"invalid CSV: {exc}")]
                              ) from None  # fmt: skip


def cell_text(cell: str) -> str | None:
    """A CSV cell as read: trimmed, un-neutralised, None when empty."""
    text = unneutralise(cell.strip())
    return text or None


class CsvImporter:
    """CSV answer sheets and one-respondent-per-row tables (survey tools, `ccassess export`)."""

    name = "csv"
    label = "CSV answer sheets and tables (.csv)"

    def detect(self, path: Path) -> float:
        return 0.9 if path.suffix.lower() in (".csv", ".tsv") else 0.0

    def read(self, path: Path, context: ImportContext) -> Iterable[RawRespondent]:
        header, rows = read_csv_rows(path)
        names = [name.casefold() for name in header]
        if "section" in names and "answer" in names:
            return _SheetCsv(path, header, context).read(rows)
        if "id" in names or "perspective" in names:
            from ccassess.importers.csv_table import TableReader

            return TableReader(str(path), header, context).read(rows)
        raise ValidationError([Problem(Location(str(path), 1), "unknown CSV layout: expected "
                               "an answer sheet (columns section, id, part, answer) or a table "
                               "(columns id, perspective, <module>.<question>, …)")])  # fmt: skip

    def read_parts(self, path: Path, context: ImportContext, parts: int
              ) -> list[Iterable[RawRespondent]] | None:  # fmt: skip
        """A large table in consecutive parts of rows (validated in parallel, see
        `ccassess.importers.validating`); None for anything else (read as usual)."""
        from ccassess.importers.csv_table import PARALLEL_MIN_ROWS, TableReader

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
        from ccassess.importers.xlsx_sheet import (
            RESPONDENT_FIELDS,
            AnswerAssembler,
            AnswerCell,
            finish_record,
            respondent_field,
        )

        for key in ("id", "part"):
            if key not in self.columns:
                self.problems.error(self.at(1), f"the column {key!r} is missing")
        self.problems.raise_if_errors()
        record = SourceMap(location=Location(self.file))
        assemblers: dict[str, AnswerAssembler] = {}
        modules = self.context.modules

        def cell(cells: list[str], key: str) -> str:
            index = self.columns.get(key)
            return cells[index] if index is not None and index < len(cells) else ""

        for line, cells in rows:
            section = cell_text(cell(cells, "section")) or ""
            key = cell_text(cell(cells, "id")) or ""
            answer = cell_text(cell(cells, "answer"))
            if section == RESPONDENT_SECTION:
                if key not in RESPONDENT_FIELDS:
                    self.problems.error(self.at(line, "id"), f"unknown field {key!r}; fields: "
                                        f"{', '.join(RESPONDENT_FIELDS)}")  # fmt: skip
                    continue
                value = respondent_field(key, answer)
                if value is not None:
                    record.put(key, value, self.at(line, "answer"))
                continue
            if not section:
                if answer is not None:
                    self.problems.error(self.at(line, "section"), "an answer without a module")
                continue
            module = modules.get(section)
            if module is None:
                known = ", ".join(sorted(modules)) or "none"
                self.problems.error(self.at(line, "section"), f"{section!r} is not a module "
                                    f"of this assessment; modules: {known}")  # fmt: skip
                continue
            if answer is None:
                continue
            if not key:
                self.problems.error(self.at(line, "id"), "an answer without a question id")
                continue
            if module.question(key) is None:
                self.problems.error(self.at(line, "id"), f"unknown question {key!r} in module "
                                    f"{module.id!r}")  # fmt: skip
                continue
            assembler = assemblers.get(module.id)
            if assembler is None:
                assembler = assemblers[module.id] = AnswerAssembler(
                    module, self.context.question_types, Location(self.file), self.problems
                )
            assembler.add(key, cell_text(cell(cells, "part")),
                          {"answer": AnswerCell(answer, self.at(line, "answer"))},
                          self.at(line))  # fmt: skip
        answers = SourceMap(location=Location(self.file))
        for module_id, assembler in assemblers.items():
            found = assembler.answers()
            if found:
                answers.put(module_id, found, found.location)
        self.problems.raise_if_errors()
        raw = finish_record(record, answers, self.file)
        if raw is None:
            self.context.warn(Location(self.file), "no answers in this file; nothing imported")
            return []
        return [raw]


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


# -- writing -----------------------------------------------------------------------------------


def answer_columns(
    module: Module, departments: Sequence[str], respondents: Sequence[Respondent] = ()
) -> list[tuple[str, str, str | None]]:
    """(column name, question id, part) for the table layout of one module."""
    from ccassess.questions import present

    columns: list[tuple[str, str, str | None]] = []
    for _, question in module.questions():
        base = f"{module.id}.{question.id}"
        if question.type in ("matrix", present.KANO):
            columns.append((base, question.id, ""))  # "don't know" for the whole question
        if question.type == "matrix":
            rows = [row.id for row in present.matrix_rows(question, departments)]
            for respondent in respondents:
                given = respondent.answers.get(module.id, {}).get(question.id)
                if isinstance(given, Mapping):
                    rows.extend(r for r in given if r not in rows)
            columns.extend((f"{base}[{row}]", question.id, row) for row in rows)
        elif question.type == present.KANO:
            columns.extend((f"{base}[{part}]", question.id, part) for part in present.KANO_PARTS)
        else:
            columns.append((base, question.id, None))
    return columns


def table_rows(
    modules: Sequence[Module],
    respondents: Sequence[Respondent],
    departments: Sequence[str],
    with_names: bool = False,
) -> list[list[Any]]:
    """The table layout (header first): one row per respondent, re-importable."""
    meta = [c for c in META_COLUMNS if c != "name" or with_names]
    layout = [(module, answer_columns(module, departments, respondents)) for module in modules]
    header: list[Any] = list(meta)
    for _, columns in layout:
        header.extend(name for name, _, _ in columns)
    rows = [header]
    for respondent in respondents:
        row: list[Any] = [getattr(respondent, key) for key in meta]
        for module, columns in layout:
            given = respondent.answers.get(module.id, {})
            for _, question_id, part in columns:
                value = given.get(question_id)
                if part == "":
                    value = DONT_KNOW if value == DONT_KNOW else None
                elif part is not None:
                    value = value.get(part) if isinstance(value, Mapping) else None
                row.append(_export_value(value))
        rows.append(row)
    return rows


def _export_value(value: Any) -> Any:
    if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False)
    return value


def sheet_csv_rows(
    modules: Sequence[Module],
    question_types: Mapping[str, QuestionType],
    departments: Sequence[str],
    perspective: str,
    lang: str,
    respondent_id: str | None = None,
) -> list[list[Any]]:
    """The CSV answer sheet for one respondent (header first)."""
    from ccassess.importers.xlsx_sheet import RESPONDENT_FIELDS, _allowed_text
    from ccassess.questions import present

    rows: list[list[Any]] = [list(SHEET_COLUMNS)]
    for key, label in RESPONDENT_FIELDS.items():
        if key == "department" and perspective != "internal":
            continue
        value: Any = None
        allowed = ""
        if key == "id":
            value = respondent_id
        elif key == "perspective":
            value = present.PERSPECTIVE_LABELS[perspective].get(lang)
            allowed = " / ".join(t.get(lang) for t in present.PERSPECTIVE_LABELS.values())
        elif key == "department":
            allowed = " / ".join(departments)
        rows.append([RESPONDENT_SECTION, key, None, label.get(lang), value, allowed])
    for module in modules:
        for _, question in module.questions():
            if not question.asked_of(perspective):
                continue
            qtype = question_types[question.type]
            wording = question.wording(perspective, lang)
            options = present.choices(qtype, question, lang)
            labels = " / ".join(c.label for c in present.with_dont_know(options or [], question,
                                                                          lang))  # fmt: skip
            if question.type == "matrix":
                for row in present.matrix_rows(question, departments):
                    rows.append(
                        [
                            module.id,
                            question.id,
                            row.id,
                            f"{wording} → {row.label.get(lang)}",
                            None,
                            labels,
                        ]
                    )
            elif question.type == present.KANO:
                for part in present.KANO_PARTS:
                    text = question.extra.get(part)
                    shown = text.get(lang) if text is not None else wording
                    rows.append([module.id, question.id, part, shown, None, labels])
            elif question.type == present.ACTIVITY_LIST:
                hint = ("Tätigkeit; Anteil in %; Kategorie" if lang == "de"
                        else "activity; share in %; category")  # fmt: skip
                categories = " / ".join(c.label for c in present.category_choices(lang))
                for number in range(1, present.activity_rows(question) + 1):
                    rows.append([module.id, question.id, number, f"{wording} ({number})", None,
                                 f"{hint} ({categories})"])  # fmt: skip
            else:
                rows.append([module.id, question.id, None, wording, None,
                             labels or _allowed_text(qtype, question, lang)])  # fmt: skip
    return rows
