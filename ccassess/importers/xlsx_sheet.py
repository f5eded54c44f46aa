"""Excel answer sheets: the workbook respondents fill in, and reading it back.

The workbook has an instructions sheet, a respondent sheet (id, perspective, department,
role, optional name), one sheet per module and two hidden helper sheets (the drop-down
lists and a small metadata table). A module sheet has one row per answer:

    ID | Teil/Part | Frage/Question | Antwort/Answer | [Anteil/Share | Kategorie/Category] | …

- a scale, yes/partly/no or choice question: one row with a drop-down;
- a matrix (the silo check): one row per matrix row (the assessment's departments);
- a Kano item: two rows, functional and dysfunctional, each with a drop-down;
- an activity list: numbered rows with the activity text, its share of working time and a
  category drop-down.

Reading is defensive: the file's ZIP structure is checked (entry count, sizes, compression
ratio) and a part declaring a DTD or XML entities is refused before openpyxl opens it,
openpyxl parses with defusedxml, formulas are never evaluated (a formula cell counts with the
value Excel last saved for it), external links are not loaded, and rows are streamed
(read-only mode) with a cap. Answers in a hidden sheet and merged cells over a column that is
read are refused: what the file holds there is not what anyone sees. Columns are found by their
header, in German or English. Every problem names file, sheet, row and column.
"""

from __future__ import annotations

import hashlib
import json
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccassess.errors import CcassessError, Location, Problem, Problems, ValidationError
from ccassess.importers.base import ImportContext, RawRespondent, SourceMap
from ccassess.io.csvfile import neutralise, unneutralise
from ccassess.model.answers import DONT_KNOW
from ccassess.model.questionnaire import Module, Question
from ccassess.model.settings import AssessmentSettings
from ccassess.questions import present
from ccassess.questions.types import QuestionType
from ccassess.text import Text

if TYPE_CHECKING:
    from ccassess.plugin.registry import Registry

SHEET_FORMAT = 1
LISTS_SHEET = "_lists"
META_SHEET = "_ccassess"
SHEET_NAMES = {
    "instructions": Text("Anleitung", "Instructions"),
    "respondent": Text("Angaben", "Respondent"),
}
HEADERS = {
    "id": Text("ID", "ID"),
    "part": Text("Teil", "Part"),
    "question": Text("Frage", "Question"),
    "answer": Text("Antwort", "Answer"),
    "share": Text("Anteil (%)", "Share (%)"),
    "category": Text("Kategorie", "Category"),
    "allowed": Text("Mögliche Antworten", "Allowed answers"),
    "help": Text("Hinweis", "Help"),
}
RESPONDENT_HEADERS = {
    "key": Text("Schlüssel", "Key"),
    "field": Text("Feld", "Field"),
    "value": Text("Angabe", "Value"),
    "note": Text("Hinweis", "Note"),
}
RESPONDENT_FIELDS = {
    "id": Text("Befragten-ID", "Respondent id"),
    "perspective": Text("Perspektive", "Perspective"),
    "department": Text("Abteilung", "Department"),
    "role": Text("Rolle / Funktion", "Role"),
    "name": Text("Name (freiwillig)", "Name (optional)"),
}
RESPONDENT_NOTES = {
    "id": Text("vom Berater vergeben; leer lassen, wenn keine vorgegeben ist",
               "given by the consultant; leave empty if none was given"),
    "perspective": Text("intern = Mitarbeitende, Kunde = Kundinnen und Kunden",
                        "internal = staff, customer = customers"),
    "department": Text("Ihre Abteilung", "your department"),
    "role": Text("z. B. Teamleitung", "e.g. team lead"),
    "name": Text("freiwillig; erscheint nie im Bericht",
                 "optional; never appears in the report"),
}  # fmt: skip

#: Limits for reading workbooks (answer sheets are small; these stop hostile files early).
MAX_WORKBOOK_BYTES = 50 * 1024 * 1024
MAX_ZIP_ENTRIES = 2_000
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
RATIO_CHECK_ABOVE = 1024 * 1024
#: One part of the workbook (openpyxl reads shared strings and styles into memory whole).
MAX_PART_BYTES = 32 * 1024 * 1024
#: One worksheet's XML: a 10,000-row answer sheet is far smaller. Bigger sheets are refused
#: before parsing (openpyxl scans a sheet without size information completely on opening).
MAX_WORKSHEET_BYTES = 16 * 1024 * 1024
MAX_SHEET_ROWS = 10_000
MAX_COLUMNS = 30
MAX_SHEETS = 200

_INPUT_FILL = "FFF2CC"
_HEADER_FILL = "D9E1F2"
_SECTION_FILL = "EDEDED"
_WIDTHS = {"id": 16, "part": 18, "question": 70, "answer": 30, "share": 12, "category": 26,
           "allowed": 34, "help": 50}  # fmt: skip


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_titles(modules: Sequence[Module]) -> dict[str, str]:
    """Module id → sheet title (at most 31 characters, unique)."""
    titles: dict[str, str] = {}
    used: set[str] = set()
    reserved = {LISTS_SHEET, META_SHEET} | {t.de or "" for t in SHEET_NAMES.values()} | {
        t.en or "" for t in SHEET_NAMES.values()}  # fmt: skip
    for module in modules:
        title = module.id[:31]
        number = 2
        while title.casefold() in {u.casefold() for u in used | reserved}:
            suffix = f"_{number}"
            title = module.id[: 31 - len(suffix)] + suffix
            number += 1
        titles[module.id] = title
        used.add(title)
    return titles


def module_columns(module: Module, perspective: str) -> list[str]:
    has_list = any(q.type == present.ACTIVITY_LIST and q.asked_of(perspective)
                   for _, q in module.questions())  # fmt: skip
    extra = ["share", "category"] if has_list else []
    return ["id", "part", "question", "answer", *extra, "allowed", "help"]


# -- writing ---------------------------------------------------------------------------------


@dataclass
class SheetRequest:
    """What `write_answer_sheet` writes: for whom, in which language, with which modules."""

    modules: Sequence[Module]
    question_types: Mapping[str, QuestionType]
    settings: AssessmentSettings
    perspective: str = "internal"
    lang: str = "de"
    respondent_id: str | None = None


def write_answer_sheet(path: Path, request: SheetRequest) -> Path:
    """Write the answer workbook atomically; returns the path."""
    from ccassess.io.files import atomic_write

    workbook = build_workbook(request)
    return atomic_write(path, workbook.save)


def write_sheet(
    registry: Registry,
    *,
    workspace_dir: Path | None = None,
    assessment: Path | None = None,
    output: Path | None = None,
    fmt: str = "xlsx",
    perspective: str = "internal",
    lang: str | None = None,
    modules: Sequence[str] = (),
    respondent_id: str | None = None,
    round_name: str | None = None,
) -> Path:
    """An answer sheet for a workspace round (its modules as answered), an assessment file,
    or — with neither — the workspace in the current directory or every loaded module."""
    from ccassess.actions.inputs import assessment_modules

    settings, chosen = assessment_modules(registry, workspace_dir=workspace_dir,
                                          assessment=assessment, modules=modules,
                                          round_name=round_name)  # fmt: skip
    lang = lang or settings.language
    output = output or Path(f"answers-{perspective}.{fmt}")
    if fmt == "csv":
        from ccassess.io.csvfile import sheet_csv_rows, write_csv
        from ccassess.io.files import atomic_write_bytes

        rows = sheet_csv_rows(chosen, registry.question_types, settings.departments, perspective,
                              lang, respondent_id)  # fmt: skip
        return atomic_write_bytes(output, write_csv(rows))
    request = SheetRequest(chosen, registry.question_types, settings, perspective, lang,
                           respondent_id)  # fmt: skip
    return write_answer_sheet(output, request)


class _Lists:
    """Drop-down lists on the hidden lists sheet, one column per distinct list."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.columns: dict[tuple[str, ...], str] = {}

    def formula(self, labels: Sequence[str]) -> str:
        key = tuple(labels)
        if key not in self.columns:
            column = column_letter(len(self.columns) + 1)
            for row, label in enumerate(labels, start=1):
                _put(self.sheet.cell(row=row, column=len(self.columns) + 1), label)
            self.columns[key] = f"'{LISTS_SHEET}'!${column}$1:${column}${len(labels)}"
        return self.columns[key]


def _put(cell: Any, value: Any) -> None:
    """Set a cell; text is neutralised against formula injection and always stored as text."""
    if isinstance(value, str):
        cell.value = neutralise(value)
        cell.data_type = "s"
    else:
        cell.value = value


def build_workbook(request: SheetRequest) -> Any:
    from openpyxl import Workbook

    lang = request.lang
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = SHEET_NAMES["instructions"].get(lang)
    respondent = workbook.create_sheet(SHEET_NAMES["respondent"].get(lang))
    lists_sheet = workbook.create_sheet(LISTS_SHEET)
    meta = workbook.create_sheet(META_SHEET)
    lists = _Lists(lists_sheet)
    modules = [m for m in request.modules
               if any(q.asked_of(request.perspective) for _, q in m.questions())]  # fmt: skip
    titles = sheet_titles(modules)
    _instructions(instructions, request, modules)
    _respondent_sheet(respondent, request, lists)
    for module in modules:
        sheet = workbook.create_sheet(titles[module.id])
        _module_sheet(sheet, module, request, lists)
    workbook.move_sheet(lists_sheet, offset=len(workbook.sheetnames))
    workbook.move_sheet(meta, offset=len(workbook.sheetnames))
    _meta(meta, request, modules, titles)
    lists_sheet.sheet_state = "hidden"
    meta.sheet_state = "hidden"
    return workbook


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Font, PatternFill

    return {
        "bold": Font(bold=True),
        "title": Font(bold=True, size=14),
        "header": PatternFill("solid", fgColor=_HEADER_FILL),
        "input": PatternFill("solid", fgColor=_INPUT_FILL),
        "section": PatternFill("solid", fgColor=_SECTION_FILL),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "grey": Font(color="808080"),
    }


_INSTRUCTIONS = {
    "de": [
        "So füllen Sie diesen Fragebogen aus",
        "1. Tragen Sie auf dem Blatt „Angaben“ Ihre Abteilung und Rolle ein. Ihr Name ist "
        "freiwillig und erscheint nie im Bericht.",
        "2. Beantworten Sie auf jedem Modul-Blatt die Fragen in der gelben Spalte „Antwort“. "
        "Wählen Sie aus der Liste; wenn Sie etwas nicht beurteilen können, wählen Sie "
        "„weiß nicht“.",
        "3. Lassen Sie eine Antwort leer, wenn Sie die Frage überspringen möchten.",
        "4. Ändern Sie bitte nicht die Spalten „ID“ und „Teil“, die Blattnamen und die "
        "Reihenfolge der Spalten – daran erkennt ccassess Ihre Antworten.",
        "5. Speichern Sie die Datei als Excel-Arbeitsmappe (.xlsx) und senden Sie sie zurück.",
    ],
    "en": [
        "How to fill in this questionnaire",
        "1. On the sheet 'Respondent', enter your department and role. Your name is optional "
        "and never appears in the report.",
        "2. On each module sheet, answer in the yellow column 'Answer'. Pick from the list; if "
        "you cannot judge something, pick 'don't know'.",
        "3. Leave an answer empty to skip the question.",
        "4. Please do not change the columns 'ID' and 'Part', the sheet names or the order of "
        "the columns: ccassess recognises your answers by them.",
        "5. Save the file as an Excel workbook (.xlsx) and send it back.",
    ],
}


def _instructions(sheet: Any, request: SheetRequest, modules: Sequence[Module]) -> None:
    styles = _styles()
    lang = request.lang
    settings = request.settings
    title = settings.title or ("Kundenzentrierung" if lang == "de" else "Customer centricity")
    lines: list[tuple[str, str]] = [(title, "title")]
    if settings.client:
        lines.append((settings.client, "bold"))
    lines.append(("", ""))
    lines.extend((text, "bold" if index == 0 else "") for index, text
                 in enumerate(_INSTRUCTIONS[lang]))  # fmt: skip
    lines.append(("", ""))
    lines.append(("Module" if lang == "de" else "Modules", "bold"))
    for module in modules:
        count = sum(1 for _, q in module.questions() if q.asked_of(request.perspective))
        unit = "Fragen" if lang == "de" else "questions"
        lines.append((f"{module.title.get(lang)} ({count} {unit})", ""))
    for row, (text, style) in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1)
        _put(cell, text)
        if style:
            cell.font = styles[style]
        cell.alignment = styles["wrap"]
    sheet.column_dimensions["A"].width = 110


def _respondent_sheet(sheet: Any, request: SheetRequest, lists: _Lists) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    styles = _styles()
    lang = request.lang
    for column, key in enumerate(RESPONDENT_HEADERS, start=1):
        cell = sheet.cell(row=1, column=column)
        _put(cell, RESPONDENT_HEADERS[key].get(lang))
        cell.font = styles["bold"]
        cell.fill = styles["header"]
    internal = request.perspective == "internal"
    fields = [f for f in RESPONDENT_FIELDS if f != "department" or internal]
    for row, key in enumerate(fields, start=2):
        _put(sheet.cell(row=row, column=1), key)
        sheet.cell(row=row, column=1).font = styles["grey"]
        _put(sheet.cell(row=row, column=2), RESPONDENT_FIELDS[key].get(lang))
        value = sheet.cell(row=row, column=3)
        value.fill = styles["input"]
        _put(sheet.cell(row=row, column=4), RESPONDENT_NOTES[key].get(lang))
        labels: list[str] = []
        if key == "id" and request.respondent_id:
            _put(value, request.respondent_id)
        elif key == "perspective":
            labels = [present.PERSPECTIVE_LABELS[p].get(lang) for p in ("internal", "customer")]
            _put(value, present.PERSPECTIVE_LABELS[request.perspective].get(lang))
        elif key == "department":
            labels = list(request.settings.departments)
        if labels:
            validation = DataValidation(type="list", formula1=lists.formula(labels),
                                        allow_blank=True, showErrorMessage=True)  # fmt: skip
            sheet.add_data_validation(validation)
            validation.add(value.coordinate)
    for column, width in zip("ABCD", (14, 24, 36, 60), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"


def _allowed_text(qtype: QuestionType, question: Question, lang: str) -> str:
    if question.type == "text":
        return "Freitext" if lang == "de" else "free text"
    try:
        return qtype.allowed(question, lang)
    except Exception:  # a plugin's description must never break the sheet
        return ""


def _module_sheet(sheet: Any, module: Module, request: SheetRequest, lists: _Lists) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    styles = _styles()
    lang = request.lang
    perspective = request.perspective
    columns = module_columns(module, perspective)
    index = {key: number for number, key in enumerate(columns, start=1)}
    for key, number in index.items():
        cell = sheet.cell(row=1, column=number)
        _put(cell, HEADERS[key].get(lang))
        cell.font = styles["bold"]
        cell.fill = styles["header"]
        sheet.column_dimensions[column_letter(number)].width = _WIDTHS[key]
    sheet.freeze_panes = "A2"
    validations: dict[str, Any] = {}

    def drop_down(labels: Sequence[str], coordinate: str) -> None:
        formula = lists.formula(labels)
        if formula not in validations:
            validation = DataValidation(type="list", formula1=formula, allow_blank=True,
                                        showErrorMessage=True)  # fmt: skip
            validation.errorTitle = "ccassess"
            validation.error = ("Bitte wählen Sie einen Wert aus der Liste." if lang == "de"
                                else "Please pick a value from the list.")  # fmt: skip
            sheet.add_data_validation(validation)
            validations[formula] = validation
        validations[formula].add(coordinate)

    def number_range(low: float | None, high: float | None, coordinate: str) -> None:
        if low is None and high is None:
            return
        key = f"decimal:{low}:{high}"
        if key not in validations:
            validation = DataValidation(
                type="decimal", operator="between",
                formula1=_formula_number(low if low is not None else -1e15),
                formula2=_formula_number(high if high is not None else 1e15),
                allow_blank=True, showErrorMessage=True,
            )  # fmt: skip
            sheet.add_data_validation(validation)
            validations[key] = validation
        validations[key].add(coordinate)

    row = 2

    def line(values: Mapping[str, Any], style: str | None = None, answer: bool = False) -> int:
        nonlocal row
        for key, value in values.items():
            if key in index and value not in (None, ""):
                _put(sheet.cell(row=row, column=index[key]), value)
        for key in ("question", "help", "allowed"):
            if key in index:
                sheet.cell(row=row, column=index[key]).alignment = styles["wrap"]
        if style == "section":
            for number in index.values():
                sheet.cell(row=row, column=number).fill = styles["section"]
            sheet.cell(row=row, column=index["question"]).font = styles["bold"]
        if style == "question":
            sheet.cell(row=row, column=index["question"]).font = styles["bold"]
        if answer:
            sheet.cell(row=row, column=index["answer"]).fill = styles["input"]
        row += 1
        return row - 1

    def coordinate(at_row: int, key: str) -> str:
        return f"{column_letter(index[key])}{at_row}"

    for dimension in module.dimensions:
        questions = [q for q in dimension.questions if q.asked_of(perspective)]
        if not questions:
            continue
        line({"question": dimension.title.get(lang)}, "section")
        for question in questions:
            qtype = request.question_types[question.type]
            wording = question.wording(perspective, lang)
            help_text = question.help.get(lang) if question.help else ""
            allowed = _allowed_text(qtype, question, lang)
            options = present.choices(qtype, question, lang)
            if question.type == "matrix":
                rows = present.matrix_rows(question, request.settings.departments)
                line({"question": wording, "help": help_text}, "question")
                if not rows:
                    line({"question": "(keine Abteilungen im Assessment festgelegt)" if lang == "de"
                          else "(no departments set in the assessment)"})  # fmt: skip
                labels = [c.label for c in present.with_dont_know(options or [], question, lang)]
                for item in rows:
                    at = line({"id": question.id, "part": item.id,
                               "question": f"→ {item.label.get(lang)}"}, answer=True)  # fmt: skip
                    drop_down(labels, coordinate(at, "answer"))
            elif question.type == present.KANO:
                line({"question": wording, "help": help_text}, "question")
                labels = [c.label for c in present.with_dont_know(options or [], question, lang)]
                for part in present.KANO_PARTS:
                    text = question.extra.get(part)
                    shown = text.get(lang) if isinstance(text, Text) else ""
                    at = line({"id": question.id, "part": part,
                               "question": shown or present.KANO_PART_LABELS[part].get(lang),
                               "allowed": present.KANO_PART_LABELS[part].get(lang)},
                              answer=True)  # fmt: skip
                    drop_down(labels, coordinate(at, "answer"))
            elif question.type == present.ACTIVITY_LIST:
                line({"question": wording, "help": help_text, "allowed": allowed}, "question")
                hint = ("Spalte „Antwort“: Tätigkeit, Bericht oder Kennzahl; „Anteil (%)“: Anteil "
                        "der Arbeitszeit; „Kategorie“: aus der Liste" if lang == "de" else
                        "column 'Answer': activity, report or KPI; 'Share (%)': share of working "
                        "time; 'Category': from the list")  # fmt: skip
                line({"question": hint})
                categories = [c.label for c in present.category_choices(lang)]
                word = "Tätigkeit" if lang == "de" else "Activity"
                for number in range(1, present.activity_rows(question) + 1):
                    at = line({"id": question.id, "part": number,
                               "question": f"{word} {number}"}, answer=True)  # fmt: skip
                    sheet.cell(row=at, column=index["share"]).fill = styles["input"]
                    sheet.cell(row=at, column=index["category"]).fill = styles["input"]
                    number_range(0, 100, coordinate(at, "share"))
                    drop_down(categories, coordinate(at, "category"))
            else:
                at = line({"id": question.id, "question": wording, "help": help_text,
                           "allowed": allowed}, answer=True)  # fmt: skip
                if options is not None:
                    labels = [c.label for c in present.with_dont_know(options, question, lang)]
                    drop_down(labels, coordinate(at, "answer"))
                elif question.type == "number":
                    number_range(question.minimum, question.maximum, coordinate(at, "answer"))


def _formula_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _meta(sheet: Any, request: SheetRequest, modules: Sequence[Module],
          titles: Mapping[str, str]) -> None:  # fmt: skip
    from ccassess import __version__

    rows: list[tuple[str, Any]] = [
        ("format", SHEET_FORMAT),
        ("generator", f"ccassess {__version__}"),
        ("language", request.lang),
        ("perspective", request.perspective),
        ("versions", json.dumps({m.id: m.version for m in modules})),
    ]
    rows.extend((f"sheet:{titles[m.id]}", m.id) for m in modules)
    for number, (key, value) in enumerate(rows, start=1):
        _put(sheet.cell(row=number, column=1), key)
        _put(sheet.cell(row=number, column=2), value)


# -- reading: rows of a module into answers (shared with the CSV answer sheet) ---------------


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


def cell_value(value: Any) -> Any:
    """A spreadsheet value as an answer: trimmed text (un-neutralised), numbers, or None."""
    if value is None:
        return None
    if isinstance(value, str):
        text = unneutralise(value.strip())
        return text or None
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


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


# -- reading workbooks -----------------------------------------------------------------------


def _refuse(file: str, message: str) -> ValidationError:
    return ValidationError([Problem(Location(file), message)])


def check_workbook_file(path: Path) -> None:
    """Refuse what is not a plain, reasonably sized .xlsx before any XML is parsed."""
    file = str(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as stream:
            head = stream.read(8)
    except FileNotFoundError:
        raise _refuse(file, "file not found") from None
    except IsADirectoryError:
        raise _refuse(file, "is a folder, not a file") from None
    except OSError as exc:
        raise _refuse(file, f"cannot read the file ({exc.strerror or exc})") from None
    if size == 0:
        raise _refuse(file, "the file is empty; expected an Excel workbook (.xlsx)")
    if size > MAX_WORKBOOK_BYTES:
        raise _refuse(file, f"file is {size:,} bytes; the limit is {MAX_WORKBOOK_BYTES:,}")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _refuse(file, "an old Excel (.xls) or encrypted workbook; save it as an Excel "
                      "workbook (.xlsx) without a password")  # fmt: skip
    if not head.startswith(b"PK"):
        raise _refuse(file, "not an Excel workbook (.xlsx): the file is not a ZIP archive "
                      "(was another file renamed to .xlsx?)")  # fmt: skip
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refuse(file, f"not an Excel workbook (.xlsx): damaged ZIP archive ({exc})") from None
    if len(entries) > MAX_ZIP_ENTRIES:
        raise _refuse(file, f"the workbook has {len(entries):,} parts; at most "
                      f"{MAX_ZIP_ENTRIES:,} are accepted")  # fmt: skip
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise _refuse(file, "not an Excel workbook (.xlsx): a ZIP archive without a workbook")
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise _refuse(file, "the workbook is encrypted; remove the password and save again")
        total += entry.file_size
        limit = MAX_WORKSHEET_BYTES if entry.filename.startswith("xl/worksheets/") \
            else MAX_PART_BYTES  # fmt: skip
        if entry.file_size > limit:
            raise _refuse(file, f"part {entry.filename!r} is {entry.file_size:,} bytes; an "
                          f"answer sheet's parts are at most {limit:,}")  # fmt: skip
        ratio = entry.file_size / entry.compress_size if entry.compress_size else float("inf")
        if entry.file_size > RATIO_CHECK_ABOVE and ratio > MAX_COMPRESSION_RATIO:
            raise _refuse(file, f"part {entry.filename!r} expands {entry.file_size:,} bytes from "
                          f"{entry.compress_size:,} (a ZIP bomb?); refused")  # fmt: skip
    if total > MAX_UNCOMPRESSED_BYTES:
        raise _refuse(file, f"the workbook expands to {total:,} bytes; the limit is "
                      f"{MAX_UNCOMPRESSED_BYTES:,}")  # fmt: skip
    _refuse_xml_declarations(path, entries)


#: How much of each XML part is searched for a DTD (it can only come before the root element).
XML_PROLOG_BYTES = 64 * 1024
_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def _refuse_xml_declarations(path: Path, entries: Sequence[zipfile.ZipInfo]) -> None:
    """Refuse a part with a DTD or entity declarations (XML bombs, external entities).

    Excel never writes them. defusedxml refuses them as well when openpyxl parses; this check
    comes first so the message can name the part.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            for entry in entries:
                if not entry.filename.lower().endswith((".xml", ".rels", ".vml")):
                    continue
                with archive.open(entry) as stream:
                    prolog = stream.read(XML_PROLOG_BYTES)
                if _DECLARATION.search(prolog):
                    raise _refuse(str(path), f"part {entry.filename!r} declares a DTD or XML "
                                  "entities, which workbooks never need (an XML bomb?); "
                                  "refused")  # fmt: skip
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error,
            NotImplementedError, RuntimeError) as exc:  # fmt: skip
        raise _refuse(str(path), f"not an Excel workbook (.xlsx): damaged ZIP archive "
                      f"({exc})") from None  # fmt: skip


def open_workbook(path: Path) -> Any:
    """openpyxl's read-only workbook, after the file checks; values only, no links."""
    check_workbook_file(path)
    import openpyxl
    from openpyxl import xml as openpyxl_xml

    if not openpyxl_xml.DEFUSEDXML:
        raise CcassessError("defusedxml is not installed; ccassess does not read spreadsheets "
                            "without it (pip install defusedxml)")  # fmt: skip
    # openpyxl warns about what it does not support (data validation extensions, dates out of
    # range) while it reads, lazily: notes for developers that would break the one-line
    # output. What matters is checked and reported by ccassess itself.
    warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl\.")
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False,
                                      keep_vba=False)  # fmt: skip
    except Exception as exc:  # openpyxl raises many types for broken files
        raise _refuse(str(path), f"cannot read the workbook: {_reason(exc)}") from None


def _reason(exc: Exception) -> str:
    cause: BaseException | None = exc
    while cause is not None:  # openpyxl wraps defusedxml's refusal in a ValueError
        kind = type(cause).__name__
        if "Entities" in kind or "DTD" in kind or "ExternalReference" in kind:
            return "it contains XML entity or DTD declarations, which are refused"
        cause = cause.__cause__ or cause.__context__
    name = type(exc).__name__
    text = " ".join(str(exc).split())[:200]
    return f"{text} ({name})" if text else name


def iter_sheet_rows(
    sheet: Any, file: str, max_rows: int = MAX_SHEET_ROWS, max_columns: int = MAX_COLUMNS
) -> Iterable[tuple[int, tuple[Any, ...]]]:
    """(row number, values) for every row with content; streamed, capped."""
    declared = getattr(sheet, "max_row", None)
    if isinstance(declared, int) and declared > max_rows:
        raise ValidationError([Problem(Location(file, sheet=sheet.title),
                              f"the sheet has {declared:,} rows; an answer sheet has at most "
                              f"{max_rows:,}")])  # fmt: skip
    for number, values in enumerate(sheet.iter_rows(max_row=max_rows + 1, max_col=max_columns,
                                                    values_only=True), start=1):  # fmt: skip
        if not any(v not in (None, "") for v in values):
            continue
        if number > max_rows:
            raise ValidationError([Problem(Location(file, sheet=sheet.title, row=number),
                                  f"the sheet has more than {max_rows:,} rows")])  # fmt: skip
        yield number, tuple(values)


_MERGE_CELL = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}mergeCell"


def merged_ranges(sheet: Any) -> list[str]:
    """The merged ranges of a sheet ("D3:D5"); read-only worksheets do not parse them."""
    merged = getattr(sheet, "merged_cells", None)
    if merged is not None:  # a normal (not read-only) worksheet
        return [str(cell_range) for cell_range in merged.ranges]
    source = getattr(sheet, "_get_source", None)
    if source is None:
        return []
    from openpyxl.xml.functions import iterparse  # defusedxml's, when it is installed

    found: list[str] = []
    with source() as stream:
        for _, element in iterparse(stream):
            if element.tag == _MERGE_CELL and element.get("ref"):
                found.append(str(element.get("ref")))
            element.clear()
    return found


def _header_columns(values: Sequence[Any], names: Mapping[str, Text]) -> dict[str, int]:
    """Header key → 0-based column index, for headers in either language."""
    found: dict[str, int] = {}
    lookup = {}
    for key, text in names.items():
        for label in (text.de, text.en, key):
            if label:
                lookup[label.casefold()] = key
    for index, value in enumerate(values):
        if isinstance(value, str):
            key = lookup.get(unneutralise(value.strip()).casefold())
            if key and key not in found:
                found[key] = index
    return found


class _WorkbookReader:
    def __init__(self, path: Path, context: ImportContext) -> None:
        self.path = path
        self.file = str(path)
        self.context = context
        self.problems = Problems()

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
            raise _refuse(self.file, f"cannot read the workbook: {_reason(exc)}") from None
        finally:
            workbook.close()

    def _read(self, workbook: Any) -> list[RawRespondent]:
        sheets = list(workbook.worksheets)
        if len(sheets) > MAX_SHEETS:
            raise _refuse(self.file, f"the workbook has {len(sheets)} sheets; at most "
                          f"{MAX_SHEETS} are accepted")  # fmt: skip
        by_title = {sheet.title: sheet for sheet in sheets}
        meta = self._meta(by_title.get(META_SHEET))
        respondent_titles = {t for t in (SHEET_NAMES["respondent"].de,
                                         SHEET_NAMES["respondent"].en)}  # fmt: skip
        instruction_titles = {SHEET_NAMES["instructions"].de, SHEET_NAMES["instructions"].en}
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
                known = ", ".join(sorted(modules)) or "none"
                self.problems.error(self.at(title), f"sheet {title!r} is not a module of this "
                                    f"assessment; modules: {known}")  # fmt: skip
                continue
            module_answers = self._module(sheet, module)
            if module_answers:
                self._refuse_hidden(sheet)
                answers.put(module.id, module_answers, module_answers.location)
        if not self.context.modules:
            self.problems.error(Location(self.file), "no modules to import answers for")
        self.problems.raise_if_errors()
        raw = finish_record(record, answers, self.file)
        if raw is None:
            self.context.warn(Location(self.file), "no answers in this workbook; nothing imported")
            return []
        return [raw]

    def _meta(self, sheet: Any) -> dict[str, str]:
        if sheet is None:
            return {}
        meta: dict[str, str] = {}
        for _, values in iter_sheet_rows(sheet, self.file, max_rows=500, max_columns=2):
            key, value = [*values, None, None][:2]
            if isinstance(key, str) and value is not None:
                meta[unneutralise(key.strip())] = unneutralise(str(value).strip())
        fmt = meta.get("format")
        if fmt is not None and (not fmt.isdigit() or int(fmt) > SHEET_FORMAT):
            raise ValidationError([Problem(self.at(META_SHEET, 1, 1), f"answer sheet format "
                                   f"{fmt!r} is newer than this ccassess reads ({SHEET_FORMAT}); "
                                   "update ccassess")])  # fmt: skip
        if meta.get("perspective") not in (None, "internal", "customer"):
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
                self.problems.error(self.at(title, header[0]), f"the column {label!r} is "
                                    "missing; was it deleted?")  # fmt: skip
        if "key" not in columns or "value" not in columns:
            return
        self._refuse_merged(sheet, (columns["key"], columns["value"]))
        seen: dict[str, int] = {}
        for number, values in rows:
            key = _text(values[columns["key"]] if columns["key"] < len(values) else None)
            key = unneutralise(key)
            raw = values[columns["value"]] if columns["value"] < len(values) else None
            if not key:
                if raw not in (None, ""):
                    self.problems.error(self.at(title, number, columns["key"]),
                                        "a value without a field name")  # fmt: skip
                continue
            if key not in RESPONDENT_FIELDS:
                self.problems.error(self.at(title, number, columns["key"]), f"unknown field "
                                    f"{key!r}; fields: {', '.join(RESPONDENT_FIELDS)}")  # fmt: skip
                continue
            if key in seen:
                self.problems.error(
                    self.at(title, number, columns["key"]),
                    f"field {key!r} appears twice (also row {seen[key]})",
                )
                continue  # fmt: skip
            seen[key] = number
            value = respondent_field(key, raw)
            if value is not None:
                record.put(key, value, self.at(title, number, columns["value"]))

    def _refuse_hidden(self, sheet: Any) -> None:
        """Answers in a hidden sheet are not what the respondent (or you) saw: refuse them."""
        if getattr(sheet, "sheet_state", "visible") != "visible":
            self.problems.error(self.at(sheet.title), "the sheet is hidden but holds answers; "
                                "unhide it in Excel, check them and import again")  # fmt: skip

    def _refuse_merged(self, sheet: Any, read: Iterable[int]) -> None:
        """Merged cells over a column ccassess reads hide cells; refuse them, naming the range.

        Excel shows only the first cell of a merged range, but the file may hold values under
        the others: an answer nobody sees. `read` are the 0-based columns read.
        """
        from openpyxl.utils.cell import range_boundaries

        columns = {index + 1 for index in read}
        for ref in merged_ranges(sheet):
            try:
                first_column, first_row, last_column, last_row = range_boundaries(ref)
            except ValueError:
                continue
            if first_column is None or first_row is None or last_column is None \
                    or last_row is None:  # fmt: skip
                continue
            if (first_column, first_row) == (last_column, last_row):
                continue
            if any(first_column <= column <= last_column for column in columns):
                self.problems.error(self.at(sheet.title, first_row, first_column - 1),
                                    f"cells {ref} are merged; unmerge them so that every "
                                    "answer has its own cell")  # fmt: skip

    def _missing_column(self, title: str, row: int, key: str) -> None:
        self.problems.error(
            self.at(title, row),
            f"the column {_column_label(key)!r} is "
            "missing; was it deleted? Use a fresh sheet from `ccassess sheet`",
        )

    def _module(self, sheet: Any, module: Module) -> SourceMap:
        title = sheet.title
        assembler = AnswerAssembler(module, self.context.question_types,
                                    self.at(title), self.problems)  # fmt: skip
        rows = iter(iter_sheet_rows(sheet, self.file))
        header = next(rows, None)
        if header is None:
            return SourceMap(location=self.at(title))
        columns = _header_columns(header[1], HEADERS)
        missing = [key for key in ("id", "answer") if key not in columns]
        for key in missing:
            self._missing_column(title, header[0], key)
        if missing:
            return SourceMap(location=self.at(title))
        read = ("id", "part", "answer", "share", "category")
        self._refuse_merged(sheet, [columns[key] for key in read if key in columns])
        reported: set[str] = set()
        for number, values in rows:

            def cell(key: str, values: tuple[Any, ...] = values) -> Any:
                index = columns.get(key)
                return values[index] if index is not None and index < len(values) else None

            question_id = unneutralise(_text(cell("id")))
            cells = {}
            for key in ("answer", "share", "category"):
                if key in columns:
                    cells[key] = AnswerCell(cell_value(cell(key)),
                                            self.at(title, number, columns[key]))  # fmt: skip
            if not question_id:
                if any(c.value is not None for c in cells.values()):
                    self.problems.error(self.at(title, number, columns["id"]),
                                        "an answer in a row without a question id")  # fmt: skip
                continue
            if not any(c.value is not None for c in cells.values()):
                continue
            question = module.question(question_id)
            if question is None:
                self.problems.error(self.at(title, number, columns["id"]), f"unknown question "
                                    f"{question_id!r} in module {module.id!r}")  # fmt: skip
                continue
            needed = {
                "matrix": ["part"],
                present.KANO: ["part"],
                present.ACTIVITY_LIST: ["part", "share", "category"],
            }.get(question.type, [])
            absent = [key for key in needed if key not in columns]
            for key in absent:
                if key not in reported:
                    reported.add(key)
                    self._missing_column(title, header[0], key)
            if absent:
                continue
            assembler.add(question_id, cell("part"), cells, self.at(title, number))
        return assembler.answers()


def _column_label(key: str) -> str:
    text = HEADERS[key]
    return text.de if text.de == text.en else f"{text.de}/{text.en}"  # type: ignore[return-value]


class XlsxImporter:
    """Filled answer workbooks written by `ccassess sheet` (.xlsx)."""

    name = "xlsx"
    label = "answer workbooks (.xlsx)"

    def detect(self, path: Path) -> float:
        return 0.9 if path.suffix.lower() in (".xlsx", ".xlsm", ".xls") else 0.0

    def read(self, path: Path, context: ImportContext) -> list[RawRespondent]:
        return _WorkbookReader(path, context).read()
