"""The answer sheet's layout, shared by the writer and the importers: sheet names, headers,
respondent fields, the columns of one module.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ccassess.catalogs import label, languages
from ccassess.model.questionnaire import Module, Question
from ccassess.questions import present
from ccassess.questions.types import ItemField, QuestionType
from ccassess.text import Label

if TYPE_CHECKING:
    from ccassess.model.answers import Respondent


SHEET_FORMAT = 1


@dataclass(frozen=True)
class SheetOrigin:
    """Which workspace and round an answer sheet was made for (stamped on it by `sheet`), or
    which ones an import goes into. `workspace` is the workspace's id (see
    `ccassess.workspace.identity`), `client` its client's name, for messages only."""

    workspace: str
    client: str | None = None
    round: str | None = None


#: The keys of the origin on a sheet: rows of the hidden meta sheet of a workbook, rows of
#: the section `META_SHEET` of a CSV sheet.
ORIGIN_KEYS = ("workspace", "client", "round")
ORIGIN_NOTE = Label("sheet_origin_note")

LISTS_SHEET = "_lists"

META_SHEET = "_ccassess"

#: The texts of a sheet are labels of the catalogs (``sheet_…``), written in the sheet's
#: language; the importers recognise the headers and sheet names in every language.
SHEET_NAMES = {key: Label(f"sheet_name_{key}") for key in ("instructions", "respondent")}

HEADERS = {
    key: Label(f"sheet_header_{key}")
    for key in ("id", "part", "question", "answer", "allowed", "help")
}

RESPONDENT_HEADERS = {
    key: Label(f"sheet_respondent_{key}") for key in ("key", "field", "value", "note")
}

RESPONDENT_FIELDS = {
    key: Label(f"sheet_field_{key}") for key in ("id", "perspective", "department", "role", "name")
}

RESPONDENT_NOTES = {key: Label(f"sheet_note_{key}") for key in RESPONDENT_FIELDS}


#: What Excel does not allow in a sheet's title, and what stands for it instead.
_NOT_IN_TITLES = str.maketrans({"[": "(", "]": ")", ":": "-", "*": "-", "?": "-", "/": "-"})


def sheet_title(text: str) -> str:
    """A text as a workbook sheet's title: at most 31 characters, none that Excel refuses
    (a translation may have them; the pseudo language's [[…]] does)."""
    return text.replace("\\", "-").translate(_NOT_IN_TITLES)[:31]


#: The module sheets' titles in a customers' workbook: "Teil 1", "Teil 2", … — customers never
#: see the assessment's internal module names.
CUSTOMER_PART = Label("sheet_customer_part")


def sheet_titles(
    modules: Sequence[Module], perspective: str = "internal", lang: str = "de"
) -> dict[str, str]:
    """Module id → sheet title (at most 31 characters, unique); numbered parts for customers."""
    if perspective == "customer":
        part = CUSTOMER_PART.get(lang)
        return {m.id: sheet_title(part.format(number=i)) for i, m in enumerate(modules, start=1)}
    titles: dict[str, str] = {}
    used: set[str] = set()
    written = (*languages(), lang)
    reserved = {LISTS_SHEET, META_SHEET} | {
        sheet_title(name.get(one)) for name in SHEET_NAMES.values() for one in written
    }
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


def item_fields(
    module: Module, question_types: Mapping[str, QuestionType], perspective: str | None = None
) -> dict[str, ItemField]:
    """The columns of item rows that a module's sheet has besides the answer, by key, in
    the order they first appear."""
    fields: dict[str, ItemField] = {}
    for _, question in module.questions():
        if perspective is not None and not question.asked_of(perspective):
            continue
        rows = question_types[question.type].items(question)
        for field in rows.fields if rows is not None else ():
            fields.setdefault(field.key, field)
    return fields


def module_columns(fields: Mapping[str, ItemField]) -> list[str]:
    """A module sheet's columns: `fields` are its item columns (see `item_fields`)."""
    return ["id", "part", "question", "answer", *fields, "allowed", "help"]


CONDITION_NOTE = Label("sheet_condition_note")


def condition_note(
    module: Module,
    question: Question,
    question_types: Mapping[str, QuestionType],
    perspective: str,
    lang: str,
) -> str:
    """The hint on a question asked only after a filter question (`ask_if`); "" without one.
    Sheets cannot skip by themselves: the hint says when to answer, and the import refuses
    an answer the filter ruled out."""
    condition = question.ask_if
    target = module.question(condition.question) if condition is not None else None
    if condition is None or target is None:
        return ""
    picks = present.choices(question_types[target.type], target, lang) or []
    labels = {pick.value: pick.label for pick in picks}
    quote = label(lang, "sheet_quote")
    shown = " / ".join(quote.format(text=labels.get(v, v)) for v in condition.values)
    return CONDITION_NOTE.get(lang).format(
        question=target.wording(perspective, lang), answers=shown
    )


def allowed_text(qtype: QuestionType, question: Question, lang: str) -> str:
    try:
        return qtype.allowed(question, lang)
    except Exception:  # a plugin's description must never break the sheet
        return ""


SHEET_COLUMNS = ("section", "id", "part", "question", "answer", "allowed")

RESPONDENT_SECTION = "respondent"

META_COLUMNS = ("id", "perspective", "department", "role", "name")


def answer_columns(
    module: Module,
    question_types: Mapping[str, QuestionType],
    departments: Sequence[str],
    respondents: Sequence[Respondent] = (),
) -> list[tuple[str, str, str | None]]:
    """(column name, question id, part) for the table layout of one module: a question made
    of parts has a column for "don't know" as a whole (part "") and one per part (and per
    further part the respondents' answers hold)."""
    columns: list[tuple[str, str, str | None]] = []
    for _, question in module.questions():
        base = f"{module.id}.{question.id}"
        parts = question_types[question.type].parts(question, departments)
        if parts is None:
            columns.append((base, question.id, None))
            continue
        columns.append((base, question.id, ""))
        ids = [part.id for part in parts]
        for respondent in respondents:
            given = respondent.answers.get(module.id, {}).get(question.id)
            if isinstance(given, Mapping):
                ids.extend(p for p in given if p not in ids)
        columns.extend((f"{base}[{part}]", question.id, part) for part in ids)
    return columns
