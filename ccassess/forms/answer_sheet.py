"""The Excel answer sheet respondents fill in: one sheet per module, lists for the choices."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccassess import __version__
from ccassess.catalogs import label
from ccassess.forms.sheet_layout import (
    HEADERS,
    LISTS_SHEET,
    META_SHEET,
    RESPONDENT_FIELDS,
    RESPONDENT_HEADERS,
    RESPONDENT_NOTES,
    SHEET_FORMAT,
    SHEET_NAMES,
    SheetOrigin,
    allowed_text,
    condition_note,
    item_fields,
    module_columns,
    sheet_title,
    sheet_titles,
)
from ccassess.io.csvfile import neutralise
from ccassess.io.files import atomic_write
from ccassess.io.xlsx import column_letter
from ccassess.model.questionnaire import Module
from ccassess.model.settings import AssessmentSettings
from ccassess.questions import present
from ccassess.questions.types import QuestionType

if TYPE_CHECKING:
    pass


_INPUT_FILL = "FFF2CC"

_HEADER_FILL = "D9E1F2"

_SECTION_FILL = "EDEDED"

_WIDTHS = {"id": 16, "part": 18, "question": 70, "answer": 30, "allowed": 34, "help": 50}


@dataclass
class SheetRequest:
    """What `write_answer_sheet` writes: for whom, in which language, with which modules."""

    modules: Sequence[Module]
    question_types: Mapping[str, QuestionType]
    settings: AssessmentSettings
    perspective: str = "internal"
    lang: str = "de"
    respondent_id: str | None = None
    #: The workspace and round the sheet is for (None: made from an assessment file).
    origin: SheetOrigin | None = None


def write_answer_sheet(path: Path, request: SheetRequest) -> Path:
    """Write the answer workbook atomically; returns the path."""
    workbook = build_workbook(request)
    return atomic_write(path, workbook.save)


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
    instructions = workbook.worksheets[0]  # a new workbook has one sheet, and it is active
    instructions.title = sheet_title(SHEET_NAMES["instructions"].get(lang))
    respondent = workbook.create_sheet(sheet_title(SHEET_NAMES["respondent"].get(lang)))
    lists_sheet = workbook.create_sheet(LISTS_SHEET)
    meta = workbook.create_sheet(META_SHEET)
    lists = _Lists(lists_sheet)
    modules = [
        m for m in request.modules if any(q.asked_of(request.perspective) for _, q in m.questions())
    ]
    titles = sheet_titles(modules, request.perspective, lang)
    _instructions(instructions, request, modules, titles)
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


#: How many lines the instructions of each kind of sheet have (labels
#: ``sheet_howto_<kind>_0`` … in the catalogs; line 0 is the heading).
_INSTRUCTION_LINES = {"internal": 6, "customer": 6, "key_figures": 6}


def _instructions(
    sheet: Any, request: SheetRequest, modules: Sequence[Module], titles: Mapping[str, str]
) -> None:
    styles = _styles()
    lang = request.lang
    settings = request.settings
    customer = request.perspective == "customer"
    title = settings.title or label(lang, "sheet_default_title")
    lines: list[tuple[str, str]] = [(title, "title")]
    if settings.client:
        lines.append((settings.client, "bold"))
    lines.append(("", ""))
    kind = request.perspective if request.perspective in _INSTRUCTION_LINES else "internal"
    texts = [
        label(lang, f"sheet_howto_{kind}_{number}") for number in range(_INSTRUCTION_LINES[kind])
    ]
    lines.extend((text, "bold" if index == 0 else "") for index, text in enumerate(texts))
    lines.append(("", ""))
    heading = label(lang, "sheet_parts" if customer else "sheet_modules")
    lines.append((heading, "bold"))
    for module in modules:
        count = sum(1 for _, q in module.questions() if q.asked_of(request.perspective))
        # customers see numbered parts, never the assessment's module names
        name = titles[module.id] if customer else module.title.get(lang)
        lines.append((label(lang, "sheet_module_line").format(name=name, count=count), ""))
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
            validation = DataValidation(
                type="list", formula1=lists.formula(labels), allow_blank=True, showErrorMessage=True
            )
            sheet.add_data_validation(validation)
            validation.add(value.coordinate)
    for letter, width in zip("ABCD", (14, 24, 36, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"


def _module_sheet(sheet: Any, module: Module, request: SheetRequest, lists: _Lists) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    styles = _styles()
    lang = request.lang
    perspective = request.perspective
    fields = item_fields(module, request.question_types, perspective)
    columns = module_columns(fields)
    index = {key: number for number, key in enumerate(columns, start=1)}
    for key, number in index.items():
        cell = sheet.cell(row=1, column=number)
        _put(cell, (fields[key].header if key in fields else HEADERS[key]).get(lang))
        cell.font = styles["bold"]
        cell.fill = styles["header"]
        width = fields[key].width if key in fields else _WIDTHS[key]
        sheet.column_dimensions[column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    validations: dict[str, Any] = {}

    def drop_down(labels: Sequence[str], coordinate: str) -> None:
        formula = lists.formula(labels)
        if formula not in validations:
            validation = DataValidation(
                type="list", formula1=formula, allow_blank=True, showErrorMessage=True
            )
            validation.errorTitle = "ccassess"
            validation.error = label(lang, "sheet_pick_from_list")
            sheet.add_data_validation(validation)
            validations[formula] = validation
        validations[formula].add(coordinate)

    def number_range(low: float | None, high: float | None, coordinate: str) -> None:
        if low is None and high is None:
            return
        key = f"decimal:{low}:{high}"
        if key not in validations:
            validation = DataValidation(
                type="decimal",
                operator="between",
                formula1=_formula_number(low if low is not None else -1e15),
                formula2=_formula_number(high if high is not None else 1e15),
                allow_blank=True,
                showErrorMessage=True,
            )
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
        if perspective != "customer":  # dimension titles are the assessment's own words
            line({"question": dimension.title.get(lang)}, "section")
        for question in questions:
            qtype = request.question_types[question.type]
            wording = question.wording(perspective, lang)
            help_text = question.help.get(lang) if question.help else ""
            note = condition_note(module, question, request.question_types, perspective, lang)
            help_text = f"{note} {help_text}".strip()
            allowed = allowed_text(qtype, question, lang)
            options = present.choices(qtype, question, lang)
            parts = qtype.parts(question, request.settings.departments)
            items = qtype.items(question)
            if parts is not None:
                line({"question": wording, "help": help_text}, "question")
                if not parts:
                    line({"question": label(lang, "sheet_no_departments")})
                labels = [c.label for c in present.with_dont_know(options or [], question, lang)]
                for part in parts:
                    # a part with its own wording shows it, and names the part beside it
                    own = part.wording
                    shown = own.get(lang) if own is not None else f"→ {part.label.get(lang)}"
                    named = part.label.get(lang) if own is not None else ""
                    at = line(
                        {"id": question.id, "part": part.id, "question": shown, "allowed": named},
                        answer=True,
                    )
                    drop_down(labels, coordinate(at, "answer"))
            elif items is not None:
                line({"question": wording, "help": help_text, "allowed": allowed}, "question")
                line({"question": items.hint.get(lang)})
                for number in range(1, items.count + 1):
                    at = line(
                        {
                            "id": question.id,
                            "part": number,
                            "question": f"{items.label.get(lang)} {number}",
                        },
                        answer=True,
                    )
                    for field in items.fields:
                        sheet.cell(row=at, column=index[field.key]).fill = styles["input"]
                    for field in items.fields:
                        picks = present.field_choices(field, lang)
                        if picks is not None:
                            drop_down([c.label for c in picks], coordinate(at, field.key))
                        else:
                            number_range(field.minimum, field.maximum, coordinate(at, field.key))
            else:
                at = line(
                    {"id": question.id, "question": wording, "help": help_text, "allowed": allowed},
                    answer=True,
                )
                if options is not None:
                    labels = [c.label for c in present.with_dont_know(options, question, lang)]
                    drop_down(labels, coordinate(at, "answer"))
                elif qtype.entry == "number":
                    number_range(question.minimum, question.maximum, coordinate(at, "answer"))


def _formula_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _meta(
    sheet: Any, request: SheetRequest, modules: Sequence[Module], titles: Mapping[str, str]
) -> None:

    rows: list[tuple[str, Any]] = [
        ("format", SHEET_FORMAT),
        ("generator", f"ccassess {__version__}"),
        ("language", request.lang),
        ("perspective", request.perspective),
        ("versions", json.dumps({m.id: m.version for m in modules})),
    ]
    origin = request.origin
    if origin is not None:
        rows.append(("workspace", origin.workspace))
        rows.extend(
            (key, value)
            for key, value in (("client", origin.client), ("round", origin.round))
            if value
        )
    rows.extend((f"sheet:{titles[m.id]}", m.id) for m in modules)
    for number, (key, value) in enumerate(rows, start=1):
        _put(sheet.cell(row=number, column=1), key)
        _put(sheet.cell(row=number, column=2), value)
