"""The answer sheet's layout, shared by the writer and the importers: sheet names, headers,
respondent fields, the columns of one module.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ccassess.model.questionnaire import Module, Question
from ccassess.questions import present
from ccassess.questions.types import QuestionType
from ccassess.text import Text

if TYPE_CHECKING:
    from ccassess.model.answers import Respondent


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


def allowed_text(qtype: QuestionType, question: Question, lang: str) -> str:
    if question.type == "text":
        return "Freitext" if lang == "de" else "free text"
    try:
        return qtype.allowed(question, lang)
    except Exception:  # a plugin's description must never break the sheet
        return ""


SHEET_COLUMNS = ("section", "id", "part", "question", "answer", "allowed")

RESPONDENT_SECTION = "respondent"

META_COLUMNS = ("id", "perspective", "department", "role", "name")


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
