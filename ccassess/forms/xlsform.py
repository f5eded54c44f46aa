"""Questionnaires for online survey tools: an XLSForm and a plain question list.

`ccassess form` writes a module's questions so the online survey matches ccassess exactly:

- **XLSForm** (.xlsx), the form format of KoboToolbox, ODK and others: one group per module
  and dimension, every question named by its id (``customer_perception/simplicity/simp_buy``
  in the export), scale points as choice names (``1`` … ``5``, ``dont_know``), a matrix as a
  group of rows, a hidden ``perspective`` field. Its export imports without a mapping.
- a **question list** as CSV or Markdown for tools without a form import: wording and
  answers to copy into the tool; headings that are the question texts match on import.

Questions answered in item rows (a table of items) cannot be asked in an online form; they
are left out with a note (use `ccassess sheet`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccassess.catalogs import _
from ccassess.errors import CcassessError
from ccassess.format import amount, plain
from ccassess.io.csvfile import write_csv
from ccassess.io.files import atomic_write, atomic_write_bytes, atomic_write_text
from ccassess.model.questionnaire import Module, Question, Scale
from ccassess.model.settings import AssessmentSettings
from ccassess.questions import present
from ccassess.questions.present import number_range
from ccassess.questions.types import Part, QuestionType
from ccassess.text import Label, Phrase, Text

if TYPE_CHECKING:
    pass

FORMATS = ("xlsform", "csv", "markdown")
SUFFIXES = {"xlsform": ".xlsx", "csv": ".csv", "markdown": ".md"}
LANGUAGE_COLUMNS = {"de": "Deutsch (de)", "en": "English (en)"}
PERSPECTIVE_FIELD = "perspective"
DEPARTMENT_FIELD = "department"
DONT_KNOW_CHOICE = "dont_know"
_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def xml_name(text: str) -> str:
    """A name XLSForm accepts (letters, digits, _ . -; starting with a letter or _).

    `ccassess form` names every question part, option and department this way, so an
    importer can recognise them in a survey tool's export.
    """
    value = unicodedata.normalize("NFKD", str(text).translate(_UMLAUTS))
    value = value.encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^A-Za-z0-9_.-]+", "_", value).strip("_") or "x"
    return value if re.match(r"[A-Za-z_]", value) else f"_{value}"


@dataclass
class FormRequest:
    modules: Sequence[Module]
    question_types: Mapping[str, QuestionType]
    settings: AssessmentSettings
    perspective: str = "customer"
    lang: str = "de"
    #: Questions left out (those answered in item rows), for the user.
    notes: list[str] = field(default_factory=list)

    def asked(self, module: Module) -> list[tuple[Any, Question]]:
        found = []
        for dimension, question in module.questions():
            if not question.asked_of(self.perspective):
                continue
            if self.question_types[question.type].items(question) is not None:
                note = _(
                    "{question} ({type}) cannot be asked in an online form; collect it with "
                    "`ccassess sheet`"
                ).format(question=f"{module.id}.{question.id}", type=question.type)
                if note not in self.notes:
                    self.notes.append(note)
                continue
            found.append((dimension, question))
        return found


def _wording(question: Question, perspective: str) -> Text:
    return Text(question.wording(perspective, "de"), question.wording(perspective, "en"))


def _choices(request: FormRequest, question: Question) -> list[tuple[str, Text]] | None:
    """(choice name, label) of a question answered by picking; None when it is typed in.
    A whole number (a scale point) is its own name."""
    qtype = request.question_types[question.type]
    found = qtype.choices(question)
    if found is None:
        return None
    items = [
        (str(value) if isinstance(value, int) else xml_name(str(value)), label)
        for value, label in found
    ]
    if question.dont_know and not qtype.multiple:
        items.append((DONT_KNOW_CHOICE, present.DONT_KNOW_LABEL))
    return items


def _relevant(request: FormRequest, module: Module, question: Question) -> str:
    """The XLSForm `relevant` expression of a question asked only after a filter question
    (`ask_if`): shown while the filter is unanswered, "don't know", or one of the values."""
    condition = question.ask_if
    target = module.question(condition.question) if condition is not None else None
    if condition is None or target is None:
        return ""
    ref = "${" + target.id + "}"
    if _choices(request, target) is None:
        wanted = [
            f"{ref} = {v!r}" if isinstance(v, str) else f"{ref} = {v}" for v in condition.values
        ]
        return " or ".join([f"{ref} = ''", *wanted])
    names = [str(v) if isinstance(v, int) else xml_name(str(v)) for v in condition.values]
    picked = [f"selected({ref}, '{name}')" for name in [*names, DONT_KNOW_CHOICE]]
    return " or ".join([f"{ref} = ''", *picked])


def _part_label(part: Part) -> Text:
    return part.wording if part.wording is not None else part.label


# -- XLSForm --------------------------------------------------------------------------------


class _Lists:
    """The choices sheet: one list per distinct set of choices."""

    def __init__(self) -> None:
        self.lists: dict[tuple, str] = {}
        self.rows: list[tuple[str, str, Text]] = []

    def name(self, base: str, items: list[tuple[str, Text]]) -> str:
        key = tuple((name, label.de, label.en) for name, label in items)
        if key not in self.lists:
            name = xml_name(base)
            used = set(self.lists.values())
            number = 2
            while name in used:
                name = f"{xml_name(base)}_{number}"
                number += 1
            self.lists[key] = name
            self.rows.extend((name, choice, label) for choice, label in items)
        return self.lists[key]


def _scale_base(scale: Scale | None) -> str:
    return f"scale{scale.points}" if scale is not None else "choices"


def xlsform_rows(
    request: FormRequest,
) -> tuple[list[dict[str, Any]], list[tuple[str, str, Text]], dict[str, str]]:
    """The survey rows, the choices and the settings of the XLSForm."""
    lists = _Lists()
    rows: list[dict[str, Any]] = [
        {"type": "calculate", "name": PERSPECTIVE_FIELD, "calculation": f"'{request.perspective}'"},
    ]
    departments = request.settings.departments
    if request.perspective == "internal" and departments:
        items = [(xml_name(d), Text(d, d)) for d in departments]
        rows.append(
            {
                "type": f"select_one {lists.name('departments', items)}",
                "name": DEPARTMENT_FIELD,
                "label": DEPARTMENT_QUESTION,
                "required": "yes",
            }
        )
    # customers see numbered parts, never the assessment's module or dimension names
    customer = request.perspective == "customer"
    number = 0
    for module in request.modules:
        asked = request.asked(module)
        if not asked:
            continue
        number += 1
        label = Label("xlsform_part", number=number) if customer else module.title
        rows.append({"type": "begin_group", "name": module.id, "label": label})
        current = None
        for dimension, question in asked:
            if dimension is not current:
                if current is not None:
                    rows.append({"type": "end_group", "name": current.id})
                title = None if customer else dimension.title
                rows.append({"type": "begin_group", "name": dimension.id, "label": title})
                current = dimension
            rows.extend(_question_rows(request, module, question, lists))
        if current is not None:
            rows.append({"type": "end_group", "name": current.id})
        rows.append({"type": "end_group", "name": module.id})
    settings = request.settings
    title = settings.title or Label("xlsform_default_title").get(request.lang)
    versions = ",".join(f"{m.id}={m.version}" for m in request.modules)
    form_settings = {
        "form_title": f"{settings.client} – {title}" if settings.client else title,
        "form_id": xml_name(f"ccassess_{settings.client or 'assessment'}_{request.perspective}"),
        "version": hashlib.sha256(versions.encode()).hexdigest()[:8],
        "default_language": LANGUAGE_COLUMNS.get(request.lang, LANGUAGE_COLUMNS["en"]),
    }
    return rows, lists.rows, form_settings


def _question_rows(
    request: FormRequest, module: Module, question: Question, lists: _Lists
) -> list[dict]:
    wording = _wording(question, request.perspective)
    required = "yes" if question.required else ""
    relevant = _relevant(request, module, question)
    common = {"label": wording, "hint": question.help, "required": required, "relevant": relevant}
    choices = _choices(request, question)
    qtype = request.question_types[question.type]
    parts = qtype.parts(question, request.settings.departments)
    if parts is not None:
        rows = [
            {
                "type": "begin_group",
                "name": question.id,
                "label": wording,
                "hint": question.help,
                "appearance": "field-list",
                "relevant": relevant,
            }
        ]
        base = _scale_base(question.scale) if question.scale is not None else question.type
        list_name = lists.name(base, choices or [])
        for part in parts:
            rows.append(
                {
                    "type": f"select_one {list_name}",
                    "name": xml_name(part.id),
                    "label": _part_label(part),
                    "appearance": "likert" if question.scale is not None else "",
                    "required": required,
                }
            )
        rows.append({"type": "end_group", "name": question.id})
        return rows
    if qtype.multiple:
        list_name = lists.name(question.id, choices or [])
        return [{"type": f"select_multiple {list_name}", "name": question.id, **common}]
    if choices is not None:
        base = _scale_base(question.scale) if question.scale is not None else question.type
        appearance = "likert" if question.scale is not None else ""
        return [
            {
                "type": f"select_one {lists.name(base, choices)}",
                "name": question.id,
                "appearance": appearance,
                **common,
            }
        ]
    if qtype.entry == "number":
        bounds = [  # plain notation: ODK Validate rejects 1e+07
            f". >= {plain(question.minimum)}" if question.minimum is not None else "",
            f". <= {plain(question.maximum)}" if question.maximum is not None else "",
        ]
        constraint = " and ".join(b for b in bounds if b)
        low, high = question.minimum, question.maximum
        message = Label("xlsform_number_wanted", allowed=partial(number_range, low, high))
        return [
            {
                "type": "decimal",
                "name": question.id,
                "constraint": constraint,
                "constraint_message": message if constraint else None,
                **common,
            }
        ]
    return [{"type": "text", "name": question.id, **common}]


def xlsform_workbook(request: FormRequest) -> Any:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    rows, choices, form_settings = xlsform_rows(request)
    languages = [LANGUAGE_COLUMNS["de"], LANGUAGE_COLUMNS["en"]]
    survey_columns = [
        "type",
        "name",
        *(f"label::{lang}" for lang in languages),
        *(f"hint::{lang}" for lang in languages),
        "required",
        "appearance",
        "constraint",
        *(f"constraint_message::{lang}" for lang in languages),
        "calculation",
        "relevant",
    ]
    workbook = Workbook()
    survey = workbook.worksheets[0]  # a new workbook has one sheet, and it is active
    survey.title = "survey"
    survey.append(survey_columns)
    for row in rows:
        values = []
        for column in survey_columns:
            key, _sep, lang = column.partition("::")
            value = row.get(key)
            if isinstance(value, Text):
                value = value.de if lang == languages[0] else value.en
            values.append(value or None)
        survey.append(values)
    sheet = workbook.create_sheet("choices")
    sheet.append(["list_name", "name", *(f"label::{lang}" for lang in languages)])
    for list_name, name, label in choices:
        sheet.append([list_name, name, label.get("de"), label.get("en")])
    settings_sheet = workbook.create_sheet("settings")
    settings_sheet.append(list(form_settings))
    settings_sheet.append(list(form_settings.values()))
    for worksheet in workbook.worksheets:
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
        for row_cells in worksheet.iter_rows():
            for cell in row_cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula
        worksheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEF", (24, 28, 60, 60, 40, 40), strict=True):
        survey.column_dimensions[letter].width = width
    return workbook


# -- question list --------------------------------------------------------------------------


_LIST_HEADERS = ("code", "module", "dimension", "question", "kind", "answers", "required")
SINGLE_CHOICE = Phrase("single choice")


@dataclass
class ListedQuestion:
    code: str
    module: Module | None  # None: a respondent detail (the department)
    dimension: Any
    wording: str
    kind: str
    answers: str
    required: bool


DEPARTMENT_QUESTION = Label("xlsform_department")


def _bounds(question: Question, lang: str) -> str:
    """A number question's range as the question list shows it: "0–10 000 000", "≥ 0"."""
    low, high = question.minimum, question.maximum
    if low is not None and high is not None:
        return f"{amount(low, lang)}–{amount(high, lang)}"
    if low is not None or high is not None:
        return f"≥ {amount(low, lang)}" if low is not None else f"≤ {amount(high or 0, lang)}"
    return ""


def question_list(request: FormRequest) -> list[ListedQuestion]:
    """Every question (each part of one, such as a matrix row, on its own line) with its
    answers; staff are asked for their department first."""
    lang = request.lang
    items = []
    departments = request.settings.departments
    if request.perspective == "internal" and departments:
        kind = SINGLE_CHOICE.get(lang)
        items.append(
            ListedQuestion(
                DEPARTMENT_FIELD,
                None,
                None,
                DEPARTMENT_QUESTION.get(lang),
                kind,
                " | ".join(departments),
                True,
            )
        )
    for module in request.modules:
        for dimension, question in request.asked(module):
            qtype = request.question_types[question.type]
            choices = _choices(request, question) or []
            answers = " | ".join(
                f"{name} = {label.get(lang)}" if name[:1].isdigit() else label.get(lang)
                for name, label in choices
            )
            if qtype.entry == "number":
                answers = _bounds(question, lang)
            kind = (qtype.answer_type or Text(question.type, question.type)).get(lang)
            wording = question.wording(request.perspective, lang)
            parts = [
                (part.id, _part_label(part).get(lang))
                for part in qtype.parts(question, request.settings.departments) or ()
            ]
            if parts:
                for part, label in parts:
                    items.append(
                        ListedQuestion(
                            f"{question.id}[{part}]",
                            module,
                            dimension,
                            f"{wording} [{label}]",
                            kind,
                            answers,
                            question.required,
                        )
                    )
            else:
                items.append(
                    ListedQuestion(
                        question.id, module, dimension, wording, kind, answers, question.required
                    )
                )
    return items


def question_list_rows(request: FormRequest) -> list[list[Any]]:
    lang = request.lang
    yes = Label("xlsform_yes").get(lang)
    rows: list[list[Any]] = [[Label(f"xlsform_list_{key}").get(lang) for key in _LIST_HEADERS]]
    for item in question_list(request):
        if item.module is None:
            rows.append([item.code, "", "", item.wording, item.kind, item.answers, yes])
            continue
        rows.append(
            [
                f"{item.module.id}.{item.code}",
                item.module.title.get(lang),
                item.dimension.title.get(lang),
                item.wording,
                item.kind,
                item.answers,
                yes if item.required else "",
            ]
        )
    return rows


def question_list_markdown(request: FormRequest) -> str:
    lang = request.lang
    audience = Label(f"xlsform_audience_{request.perspective}").get(lang)
    title = request.settings.title or Label("xlsform_default_title").get(lang)
    heading = Label("xlsform_list_heading").get(lang).format(title=title, audience=audience)
    lines = [f"# {heading}", ""]
    lines.append(Label("xlsform_list_intro").get(lang))
    module_id = dimension_id = None
    number = 0
    for item in question_list(request):
        if item.module is None:
            lines += ["", f"**{item.wording}** (`{item.code}`) – {item.kind}: {item.answers}"]
            continue
        if item.module.id != module_id:
            module_id, dimension_id = item.module.id, None
            lines += ["", f"## {item.module.title.get(lang)}"]
        if item.dimension.id != dimension_id:
            dimension_id = item.dimension.id
            lines += ["", f"### {item.dimension.title.get(lang)}", ""]
        number += 1
        required = " " + Label("xlsform_required").get(lang) if item.required else ""
        lines.append(f"{number}. **{item.wording}**{required}  ")
        code = f"`{item.module.id}.{item.code}`"
        answers = f" – {item.kind}: {item.answers}" if item.answers else f" – {item.kind}"
        lines.append(f"   {code}{answers}")
    return "\n".join(lines) + "\n"


# -- writing --------------------------------------------------------------------------------


def write_form(request: FormRequest, fmt: str, output: Path | None = None) -> Path:
    """Write the form atomically; returns the path."""
    if fmt not in FORMATS:
        raise CcassessError(
            _("unknown form format {format}; formats: {formats}").format(
                format=repr(fmt), formats=", ".join(FORMATS)
            )
        )
    output = output or Path(f"form-{request.perspective}{SUFFIXES[fmt]}")
    if fmt == "xlsform":
        return atomic_write(output, xlsform_workbook(request).save)
    if fmt == "csv":
        return atomic_write_bytes(output, write_csv(question_list_rows(request)))
    return atomic_write_text(output, question_list_markdown(request))
