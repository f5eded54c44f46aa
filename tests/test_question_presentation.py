"""How every built-in question type is put to respondents, pinned exactly: the CSV and Excel
answer sheets, the table layout, the XLSForm and question list, the terminal questionnaire, and
reading filled sheets and tables back. The question types describe themselves (their choices,
parts and item rows); these outputs must not change when that description moves between the
core and the plugins."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import ccassess_customer_or_reporting
import ccassess_customer_understanding
import pytest

from ccassess import Text
from ccassess.testing import Kit, make_kit

MODULE: dict[str, Any] = {
    "id": "layouts",
    "version": "1.0.0",
    "title": {"de": "Formen", "en": "Layouts"},
    "dimensions": [
        {
            "id": "all",
            "title": {"de": "Alle", "en": "All"},
            "questions": [
                {
                    "id": "scale",
                    "type": "likert",
                    "source": "s",
                    "perspective": "both",
                    "text": {
                        "internal": {"de": "Skala intern", "en": "Scale internal"},
                        "customer": {"de": "Skala Kunde", "en": "Scale customer"},
                    },
                    "help": {"de": "Hilfe", "en": "Help"},
                },
                {
                    "id": "ypn",
                    "type": "yes_partly_no",
                    "source": "s",
                    "text": {"de": "Ja?", "en": "Yes?"},
                },
                {
                    "id": "one",
                    "type": "single_choice",
                    "source": "s",
                    "text": {"de": "Eins", "en": "One"},
                    "options": [
                        {"id": "a", "label": {"de": "A-de", "en": "A-en"}, "score": 1},
                        {"id": "b", "label": {"de": "B-de", "en": "B-en"}, "score": 0},
                    ],
                },
                {
                    "id": "many",
                    "type": "multiple_choice",
                    "source": "s",
                    "dont_know": False,
                    "text": {"de": "Viele", "en": "Many"},
                    "options": [
                        {"id": "a", "label": {"de": "A-de", "en": "A-en"}},
                        {"id": "b", "label": {"de": "B-de", "en": "B-en"}},
                    ],
                },
                {
                    "id": "count",
                    "type": "number",
                    "source": "s",
                    "min": 0,
                    "max": 7,
                    "text": {"de": "Zahl", "en": "Count"},
                    "unit": {"de": "Tage", "en": "days"},
                },
                {
                    "id": "note",
                    "type": "text",
                    "source": "s",
                    "text": {"de": "Notiz", "en": "Note"},
                },
                {
                    "id": "grid",
                    "type": "matrix",
                    "source": "s",
                    "text": {"de": "Raster", "en": "Grid"},
                    "rows": [
                        {"id": "r1", "label": {"de": "Zeile 1", "en": "Row 1"}},
                        {"id": "r2", "label": {"de": "Zeile 2", "en": "Row 2"}},
                    ],
                    "help": {"de": "Rasterhilfe", "en": "Grid help"},
                },
                {
                    "id": "teams",
                    "type": "matrix",
                    "source": "s",
                    "rows": "departments",
                    "text": {"de": "Teams", "en": "Teams"},
                },
                {
                    "id": "feature",
                    "type": "kano",
                    "source": "s",
                    "perspective": "both",
                    "text": {
                        "internal": {"de": "Merkmal", "en": "Feature"},
                        "customer": {"de": "Merkmal K", "en": "Feature C"},
                    },
                    "functional": {"de": "Wenn da?", "en": "If there?"},
                    "dysfunctional": {"de": "Wenn weg?", "en": "If missing?"},
                },
                {
                    "id": "tasks",
                    "type": "activity_list",
                    "source": "s",
                    "max_items": 2,
                    "text": {"de": "Aufgaben", "en": "Tasks"},
                },
            ],
        }
    ],
}

DEPARTMENTS = ["Vertrieb", "IT"]


@pytest.fixture(scope="module")
def kit() -> Kit:
    return make_kit(
        ccassess_customer_understanding,
        ccassess_customer_or_reporting,
        modules=[MODULE],
        settings={"departments": DEPARTMENTS},
    )


def plain(value: Any) -> Any:
    """Texts as (de, en) pairs, so that expectations read as literals."""
    if isinstance(value, Text):
        return (value.de, value.en)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items() if item not in (None, "")}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def csv_sheet(kit: Kit, perspective: str = "internal", lang: str = "de") -> list[list[Any]]:
    from ccassess.forms.sheet_csv import sheet_csv_rows

    rows = sheet_csv_rows(
        [kit.module("layouts")], kit.registry.question_types, DEPARTMENTS, perspective, lang
    )
    section = "layouts" if perspective != "customer" else "Part 1" if lang == "en" else "Teil 1"
    return [row for row in rows if row[0] == section]  # customers never see module ids


def workbook(kit: Kit, perspective: str = "internal", lang: str = "en") -> Any:
    from ccassess.forms.answer_sheet import SheetRequest, build_workbook

    request = SheetRequest(
        [kit.module("layouts")], kit.registry.question_types, kit.settings, perspective, lang
    )
    return build_workbook(request)


def form(kit: Kit, perspective: str = "internal", lang: str = "de") -> Any:
    from ccassess.forms.xlsform import FormRequest

    return FormRequest(
        [kit.module("layouts")], kit.registry.question_types, kit.settings, perspective, lang
    )


class ScriptedConsole:
    """The terminal, scripted: answers given in order, everything said and asked recorded."""

    def __init__(self, answers: list[str]) -> None:
        self.answers = list(answers)
        self.lines: list[str] = []

    def say(self, text: str = "") -> None:
        self.lines.extend(text.splitlines() or [""])

    def ask(self, prompt: str) -> str | None:
        answer = self.answers.pop(0) if self.answers else None
        self.lines.append(f"{prompt} {answer}")
        return answer


def survey(
    kit: Kit,
    folder: Path,
    perspective: str,
    lang: str,
    answers: list[str],
    department: str | None = None,
) -> tuple[list[str], dict[str, Any]]:
    from dataclasses import replace

    from ccassess.survey.session import SurveyRequest, start_survey
    from ccassess.workspace import Workspace

    settings = replace(kit.settings, modules=("layouts",))
    console = ScriptedConsole(answers)
    Workspace.create(folder, settings, kit.registry, "R1").close()
    with Workspace.open(folder) as workspace:
        request = SurveyRequest(perspective, department, respondent_id="T-1", lang=lang)
        start_survey(workspace, kit.registry, request, console)
    connection = sqlite3.connect(folder / "ccassess.db")
    try:
        (stored,) = connection.execute("SELECT answers FROM answers").fetchall() or [("{}",)]
    finally:
        connection.close()
    return console.lines, json.loads(stored[0])


def fill_workbook(path: Path, cells: dict[Any, Any]) -> None:
    """Type into the answer cells of the module sheet: {question id or (id, part): value};
    an item row's value is (answer, share, category)."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book["layouts"]
    header = [cell.value for cell in sheet[1]]
    answer = header.index("Answer") if "Answer" in header else header.index("Antwort")
    for row in sheet.iter_rows(min_row=2):
        key = (row[0].value, row[1].value) if row[1].value is not None else row[0].value
        if key in cells:
            value = cells[key]
            for offset, item in enumerate(value if isinstance(value, tuple) else (value,)):
                row[answer + offset].value = item
    book.save(path)


def problems(error: Any) -> list[tuple[Any, ...]]:
    return [
        (p.location.sheet, p.location.row, p.location.column, p.message)
        for p in error.value.problems
    ]


WORKBOOK_ANSWERS = {
    "scale": "4 – tend to agree",
    "ypn": "partly",
    "one": "B-en",
    "many": "a,b",
    "count": 5,
    "note": "hello",
    ("grid", "r1"): "don't know",
    ("grid", "r2"): 3,
    ("teams", "Vertrieb"): "5 – agree",
    ("feature", "functional"): "I like it",
    ("feature", "dysfunctional"): "stört mich",
    ("tasks", 1): ("Report", 10, "only serves reporting"),
    ("tasks", 2): ("Visits", "20", "customer"),
}

BAD_WORKBOOK_ANSWERS = {
    ("grid", "r1"): "weiß nicht",
    ("grid", "r2"): "7",
    ("feature", "functional"): "I like it",
    ("feature", "dysfunctional"): "vielleicht",
    ("tasks", 1): (None, None, "nonsense"),
    ("tasks", 2): (None, 5, "reporting"),
}


def csv_table(path: Path, rows: list[list[str]]) -> Path:
    import csv

    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    return path


TABLE = [
    [
        "id",
        "perspective",
        "department",
        "layouts.scale",
        "layouts.many",
        "layouts.grid",
        "layouts.grid[r1]",
        "layouts.feature",
        "layouts.feature[functional]",
        "layouts.feature[dysfunctional]",
        "layouts.tasks",
    ],
    [
        "R1",
        "internal",
        "IT",
        "4",
        "a,b",
        "",
        "3",
        "",
        "like",
        "I dislike it",
        '[{"activity": "A", "share": 5, "category": "customer"}]',
    ],
    [
        "R2",
        "internal",
        "IT",
        "weiß nicht",
        "",
        "weiß nicht",
        "",
        "weiß nicht",
        "",
        "",
        "A; 5; customer\nB; 10; nur Reporting",
    ],
    [
        "R3",
        "internal",
        "IT",
        "",
        "",
        "",
        "don't know",
        "",
        "weiß nicht",
        "don't know",
        "A; 5; customer | B; 10; reporting",
    ],
]


def fill_csv_sheet(kit: Kit, path: Path, cells: dict[Any, str]) -> Path:
    import csv

    from ccassess.forms.sheet_csv import sheet_csv_rows

    rows = sheet_csv_rows(
        [kit.module("layouts")], kit.registry.question_types, DEPARTMENTS, "internal", "de"
    )
    for row in rows:
        key = (row[1], str(row[2])) if row[2] is not None else row[1]
        if row[0] == "layouts" and key in cells:
            row[4] = cells[key]
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, delimiter=";").writerows(rows)
    return path


CSV_SHEET_ANSWERS = {
    "scale": "5 – trifft voll zu",
    "ypn": "ja",
    ("grid", "r2"): "weiß nicht",
    ("teams", "IT"): "2",
    ("feature", "functional"): "1",
    ("feature", "dysfunctional"): "nehme ich hin",
    ("tasks", "1"): "Bericht; 10; nur Reporting",
    ("tasks", "2"): "Besuch; 20 %; customer",
}


# -- the outputs, as written before question types described their own parts ----------------

CSV_SHEET_DE = [
    [
        "layouts",
        "scale",
        None,
        "Skala intern",
        None,
        "1 – trifft nicht zu / 2 – trifft eher nicht zu / 3 – teils/teils / 4 – trifft "
        "eher zu / 5 – trifft voll zu / weiß nicht",
    ],
    ["layouts", "ypn", None, "Ja?", None, "ja / teilweise / nein / weiß nicht"],
    ["layouts", "one", None, "Eins", None, "A-de / B-de / weiß nicht"],
    [
        "layouts",
        "many",
        None,
        "Viele",
        None,
        "eine oder mehrere, durch Komma getrennt: A-de, B-de",
    ],
    ["layouts", "count", None, "Zahl", None, "Zahl von 0 bis 7 / weiß nicht"],
    ["layouts", "note", None, "Notiz", None, "Freitext / weiß nicht"],
    [
        "layouts",
        "grid",
        "r1",
        "Raster → Zeile 1",
        None,
        "1 – trifft nicht zu / 2 – trifft eher nicht zu / 3 – teils/teils / 4 – trifft "
        "eher zu / 5 – trifft voll zu / weiß nicht",
    ],
    [
        "layouts",
        "grid",
        "r2",
        "Raster → Zeile 2",
        None,
        "1 – trifft nicht zu / 2 – trifft eher nicht zu / 3 – teils/teils / 4 – trifft "
        "eher zu / 5 – trifft voll zu / weiß nicht",
    ],
    [
        "layouts",
        "teams",
        "Vertrieb",
        "Teams → Vertrieb",
        None,
        "1 – trifft nicht zu / 2 – trifft eher nicht zu / 3 – teils/teils / 4 – trifft "
        "eher zu / 5 – trifft voll zu / weiß nicht",
    ],
    [
        "layouts",
        "teams",
        "IT",
        "Teams → IT",
        None,
        "1 – trifft nicht zu / 2 – trifft eher nicht zu / 3 – teils/teils / 4 – trifft "
        "eher zu / 5 – trifft voll zu / weiß nicht",
    ],
    [
        "layouts",
        "feature",
        "functional",
        "Wenn da?",
        None,
        "gefällt mir / setze ich voraus / ist mir egal / nehme ich hin / stört mich / weiß nicht",
    ],
    [
        "layouts",
        "feature",
        "dysfunctional",
        "Wenn weg?",
        None,
        "gefällt mir / setze ich voraus / ist mir egal / nehme ich hin / stört mich / weiß nicht",
    ],
    [
        "layouts",
        "tasks",
        1,
        "Aufgaben (1)",
        None,
        "Tätigkeit; Anteil in %; Kategorie (hilft dem Kunden / erleichtert den Verkauf / "
        "nur Reporting / erschwert den Verkauf / vorgeschrieben (Gesetz, Compliance, Risiko))",
    ],
    [
        "layouts",
        "tasks",
        2,
        "Aufgaben (2)",
        None,
        "Tätigkeit; Anteil in %; Kategorie (hilft dem Kunden / erleichtert den Verkauf / "
        "nur Reporting / erschwert den Verkauf / vorgeschrieben (Gesetz, Compliance, Risiko))",
    ],
]

CSV_SHEET_CUSTOMER_EN = [
    [
        "Part 1",
        "scale",
        None,
        "Scale customer",
        None,
        "1 – disagree / 2 – tend to disagree / 3 – neutral / 4 – tend to agree / 5 – agree "
        "/ don't know",
    ],
    [
        "Part 1",
        "feature",
        "functional",
        "If there?",
        None,
        "I like it / I expect it / I am neutral / I can tolerate it / I dislike it / don't know",
    ],
    [
        "Part 1",
        "feature",
        "dysfunctional",
        "If missing?",
        None,
        "I like it / I expect it / I am neutral / I can tolerate it / I dislike it / don't know",
    ],
]

WORKBOOK_ROWS = [
    ("ID", "Part", "Question", "Answer", "Share (%)", "Category", "Allowed answers", "Help"),
    (None, None, "All", None, None, None, None, None),
    ("scale", None, "Scale internal", None, None, None, "1–5", "Help"),
    ("ypn", None, "Yes?", None, None, None, "yes, partly, no", None),
    ("one", None, "One", None, None, None, "A-en / B-en", None),
    (
        "many",
        None,
        "Many",
        None,
        None,
        None,
        "one or more, separated by commas: A-en, B-en",
        None,
    ),
    ("count", None, "Count", None, None, None, "a number from 0 to 7", None),
    ("note", None, "Note", None, None, None, "free text", None),
    (None, None, "Grid", None, None, None, None, "Grid help"),
    ("grid", "r1", "→ Row 1", None, None, None, None, None),
    ("grid", "r2", "→ Row 2", None, None, None, None, None),
    (None, None, "Teams", None, None, None, None, None),
    ("teams", "Vertrieb", "→ Vertrieb", None, None, None, None, None),
    ("teams", "IT", "→ IT", None, None, None, None, None),
    (None, None, "Feature", None, None, None, None, None),
    (
        "feature",
        "functional",
        "If there?",
        None,
        None,
        None,
        "functional (if it were offered)",
        None,
    ),
    (
        "feature",
        "dysfunctional",
        "If missing?",
        None,
        None,
        None,
        "dysfunctional (if it were missing)",
        None,
    ),
    (
        None,
        None,
        "Tasks",
        None,
        None,
        None,
        "up to 2 activities, each with its share of working time (per cent, above 0 up to "
        "100, at most 100 together) and its category: helps the customer / makes selling "
        "easier / only serves reporting / makes selling harder / required by law, "
        "compliance or risk",
        None,
    ),
    (
        None,
        None,
        "column 'Answer': activity, report or KPI; 'Share (%)': share of working time; "
        "'Category': from the list",
        None,
        None,
        None,
        None,
        None,
    ),
    ("tasks", 1, "Activity 1", None, None, None, None, None),
    ("tasks", 2, "Activity 2", None, None, None, None, None),
]

WORKBOOK_VALIDATIONS = [
    ("list", "'_lists'!$C$1:$C$6", None, "D3 D10 D11 D13 D14"),
    ("list", "'_lists'!$D$1:$D$4", None, "D4"),
    ("list", "'_lists'!$E$1:$E$3", None, "D5"),
    ("decimal", "0", "7", "D7"),
    ("list", "'_lists'!$F$1:$F$6", None, "D16 D17"),
    ("decimal", "0", "100", "E20 E21"),
    ("list", "'_lists'!$G$1:$G$5", None, "F20 F21"),
]

WORKBOOK_LISTS = [
    ("internal", "Vertrieb", "1 – disagree", "yes", "A-en", "I like it", "helps the customer"),
    (
        "customer",
        "IT",
        "2 – tend to disagree",
        "partly",
        "B-en",
        "I expect it",
        "makes selling easier",
    ),
    (None, None, "3 – neutral", "no", "don't know", "I am neutral", "only serves reporting"),
    (
        None,
        None,
        "4 – tend to agree",
        "don't know",
        None,
        "I can tolerate it",
        "makes selling harder",
    ),
    (None, None, "5 – agree", None, None, "I dislike it", "required by law, compliance or risk"),
    (None, None, "don't know", None, None, "don't know", None),
]

WORKBOOK_WIDTHS = [16.0, 18.0, 70.0, 30.0, 12.0, 26.0, 34.0, 50.0]

WORKBOOK_CUSTOMER_ROWS = [
    ("ID", "Teil", "Frage", "Antwort", "Mögliche Antworten", "Hinweis"),
    ("scale", None, "Skala Kunde", None, "1–5", "Hilfe"),
    (None, None, "Merkmal K", None, None, None),
    ("feature", "functional", "Wenn da?", None, "funktional (wenn es angeboten würde)", None),
    ("feature", "dysfunctional", "Wenn weg?", None, "dysfunktional (wenn es fehlte)", None),
]

TABLE_COLUMNS = [
    ("layouts.scale", "scale", None),
    ("layouts.ypn", "ypn", None),
    ("layouts.one", "one", None),
    ("layouts.many", "many", None),
    ("layouts.count", "count", None),
    ("layouts.note", "note", None),
    ("layouts.grid", "grid", ""),
    ("layouts.grid[r1]", "grid", "r1"),
    ("layouts.grid[r2]", "grid", "r2"),
    ("layouts.teams", "teams", ""),
    ("layouts.teams[Vertrieb]", "teams", "Vertrieb"),
    ("layouts.teams[IT]", "teams", "IT"),
    ("layouts.feature", "feature", ""),
    ("layouts.feature[functional]", "feature", "functional"),
    ("layouts.feature[dysfunctional]", "feature", "dysfunctional"),
    ("layouts.tasks", "tasks", None),
]

TABLE_ROWS = [
    [
        "id",
        "perspective",
        "department",
        "role",
        "layouts.scale",
        "layouts.ypn",
        "layouts.one",
        "layouts.many",
        "layouts.count",
        "layouts.note",
        "layouts.grid",
        "layouts.grid[r1]",
        "layouts.grid[r2]",
        "layouts.teams",
        "layouts.teams[Vertrieb]",
        "layouts.teams[IT]",
        "layouts.feature",
        "layouts.feature[functional]",
        "layouts.feature[dysfunctional]",
        "layouts.tasks",
    ],
    [
        "R0001",
        "internal",
        None,
        None,
        None,
        None,
        None,
        "a",
        None,
        None,
        None,
        2,
        None,
        "dont_know",
        None,
        None,
        None,
        "like",
        "dislike",
        '[{"activity": "A", "share": 5, "category": "customer"}]',
    ],
]

XLSFORM_ROWS = [
    {"type": "calculate", "name": "perspective", "calculation": "'internal'"},
    {
        "type": "select_one departments",
        "name": "department",
        "label": ("Ihre Abteilung", "Your department"),
        "required": "yes",
    },
    {"type": "begin_group", "name": "layouts", "label": ("Formen", "Layouts")},
    {"type": "begin_group", "name": "all", "label": ("Alle", "All")},
    {
        "type": "select_one scale5",
        "name": "scale",
        "appearance": "likert",
        "label": ("Skala intern", "Scale internal"),
        "hint": ("Hilfe", "Help"),
    },
    {"type": "select_one yes_partly_no", "name": "ypn", "label": ("Ja?", "Yes?")},
    {"type": "select_one single_choice", "name": "one", "label": ("Eins", "One")},
    {"type": "select_multiple many", "name": "many", "label": ("Viele", "Many")},
    {
        "type": "decimal",
        "name": "count",
        "constraint": ". >= 0 and . <= 7",
        "constraint_message": (
            "Bitte eine Zahl von 0 bis 7",
            "Please enter a number from 0 to 7",
        ),
        "label": ("Zahl", "Count"),
    },
    {"type": "text", "name": "note", "label": ("Notiz", "Note")},
    {
        "type": "begin_group",
        "name": "grid",
        "label": ("Raster", "Grid"),
        "hint": ("Rasterhilfe", "Grid help"),
        "appearance": "field-list",
    },
    {
        "type": "select_one scale5",
        "name": "r1",
        "label": ("Zeile 1", "Row 1"),
        "appearance": "likert",
    },
    {
        "type": "select_one scale5",
        "name": "r2",
        "label": ("Zeile 2", "Row 2"),
        "appearance": "likert",
    },
    {"type": "end_group", "name": "grid"},
    {
        "type": "begin_group",
        "name": "teams",
        "label": ("Teams", "Teams"),
        "appearance": "field-list",
    },
    {
        "type": "select_one scale5",
        "name": "Vertrieb",
        "label": ("Vertrieb", "Vertrieb"),
        "appearance": "likert",
    },
    {"type": "select_one scale5", "name": "IT", "label": ("IT", "IT"), "appearance": "likert"},
    {"type": "end_group", "name": "teams"},
    {
        "type": "begin_group",
        "name": "feature",
        "label": ("Merkmal", "Feature"),
        "appearance": "field-list",
    },
    {"type": "select_one kano", "name": "functional", "label": ("Wenn da?", "If there?")},
    {"type": "select_one kano", "name": "dysfunctional", "label": ("Wenn weg?", "If missing?")},
    {"type": "end_group", "name": "feature"},
    {"type": "end_group", "name": "all"},
    {"type": "end_group", "name": "layouts"},
]

XLSFORM_CHOICES = [
    ["departments", "Vertrieb", ("Vertrieb", "Vertrieb")],
    ["departments", "IT", ("IT", "IT")],
    ["scale5", "1", ("trifft nicht zu", "disagree")],
    ["scale5", "2", ("trifft eher nicht zu", "tend to disagree")],
    ["scale5", "3", ("teils/teils", "neutral")],
    ["scale5", "4", ("trifft eher zu", "tend to agree")],
    ["scale5", "5", ("trifft voll zu", "agree")],
    ["scale5", "dont_know", ("weiß nicht", "don't know")],
    ["yes_partly_no", "yes", ("ja", "yes")],
    ["yes_partly_no", "partly", ("teilweise", "partly")],
    ["yes_partly_no", "no", ("nein", "no")],
    ["yes_partly_no", "dont_know", ("weiß nicht", "don't know")],
    ["single_choice", "a", ("A-de", "A-en")],
    ["single_choice", "b", ("B-de", "B-en")],
    ["single_choice", "dont_know", ("weiß nicht", "don't know")],
    ["many", "a", ("A-de", "A-en")],
    ["many", "b", ("B-de", "B-en")],
    ["kano", "like", ("gefällt mir", "I like it")],
    ["kano", "expect", ("setze ich voraus", "I expect it")],
    ["kano", "neutral", ("ist mir egal", "I am neutral")],
    ["kano", "tolerate", ("nehme ich hin", "I can tolerate it")],
    ["kano", "dislike", ("stört mich", "I dislike it")],
    ["kano", "dont_know", ("weiß nicht", "don't know")],
]

FORM_NOTES = [
    "layouts.tasks (activity_list) cannot be asked in an online form; collect it with "
    "`ccassess sheet`"
]

QUESTION_LIST_DE = [
    ["Code", "Modul", "Dimension", "Frage", "Antwortart", "Antworten", "Pflicht"],
    ["department", "", "", "Ihre Abteilung", "Einfachauswahl", "Vertrieb | IT", "ja"],
    [
        "layouts.scale",
        "Formen",
        "Alle",
        "Skala intern",
        "Skala",
        "1 = trifft nicht zu | 2 = trifft eher nicht zu | 3 = teils/teils | 4 = trifft "
        "eher zu | 5 = trifft voll zu | weiß nicht",
        "",
    ],
    [
        "layouts.ypn",
        "Formen",
        "Alle",
        "Ja?",
        "Einfachauswahl",
        "ja | teilweise | nein | weiß nicht",
        "",
    ],
    ["layouts.one", "Formen", "Alle", "Eins", "Einfachauswahl", "A-de | B-de | weiß nicht", ""],
    ["layouts.many", "Formen", "Alle", "Viele", "Mehrfachauswahl", "A-de | B-de", ""],
    ["layouts.count", "Formen", "Alle", "Zahl", "Zahl", "0–7", ""],
    ["layouts.note", "Formen", "Alle", "Notiz", "Freitext", "", ""],
    [
        "layouts.grid[r1]",
        "Formen",
        "Alle",
        "Raster [Zeile 1]",
        "Matrixzeile (Skala)",
        "1 = trifft nicht zu | 2 = trifft eher nicht zu | 3 = teils/teils | 4 = trifft "
        "eher zu | 5 = trifft voll zu | weiß nicht",
        "",
    ],
    [
        "layouts.grid[r2]",
        "Formen",
        "Alle",
        "Raster [Zeile 2]",
        "Matrixzeile (Skala)",
        "1 = trifft nicht zu | 2 = trifft eher nicht zu | 3 = teils/teils | 4 = trifft "
        "eher zu | 5 = trifft voll zu | weiß nicht",
        "",
    ],
    [
        "layouts.teams[Vertrieb]",
        "Formen",
        "Alle",
        "Teams [Vertrieb]",
        "Matrixzeile (Skala)",
        "1 = trifft nicht zu | 2 = trifft eher nicht zu | 3 = teils/teils | 4 = trifft "
        "eher zu | 5 = trifft voll zu | weiß nicht",
        "",
    ],
    [
        "layouts.teams[IT]",
        "Formen",
        "Alle",
        "Teams [IT]",
        "Matrixzeile (Skala)",
        "1 = trifft nicht zu | 2 = trifft eher nicht zu | 3 = teils/teils | 4 = trifft "
        "eher zu | 5 = trifft voll zu | weiß nicht",
        "",
    ],
    [
        "layouts.feature[functional]",
        "Formen",
        "Alle",
        "Merkmal [Wenn da?]",
        "Einfachauswahl (Kano)",
        "gefällt mir | setze ich voraus | ist mir egal | nehme ich hin | stört mich | weiß nicht",
        "",
    ],
    [
        "layouts.feature[dysfunctional]",
        "Formen",
        "Alle",
        "Merkmal [Wenn weg?]",
        "Einfachauswahl (Kano)",
        "gefällt mir | setze ich voraus | ist mir egal | nehme ich hin | stört mich | weiß nicht",
        "",
    ],
]

QUESTION_LIST_CUSTOMER_EN = [
    ["Code", "Module", "Dimension", "Question", "Answer type", "Answers", "Required"],
    [
        "layouts.scale",
        "Layouts",
        "All",
        "Scale customer",
        "scale",
        "1 = disagree | 2 = tend to disagree | 3 = neutral | 4 = tend to agree | 5 = agree "
        "| don't know",
        "",
    ],
    [
        "layouts.feature[functional]",
        "Layouts",
        "All",
        "Feature C [If there?]",
        "single choice (Kano)",
        "I like it | I expect it | I am neutral | I can tolerate it | I dislike it | don't know",
        "",
    ],
    [
        "layouts.feature[dysfunctional]",
        "Layouts",
        "All",
        "Feature C [If missing?]",
        "single choice (Kano)",
        "I like it | I expect it | I am neutral | I can tolerate it | I dislike it | don't know",
        "",
    ],
]

SURVEY_DE_INPUT = [
    "9",
    "4",
    "x",
    "2",
    "1",
    "a, c",
    "1, B-de",
    "8",
    "3",
    "frei",
    "?",
    "6",
    "5",
    "2",
    "9",
    "1",
    "s",
    "Bericht; 10; 3",
    "kaputt",
    "Besuch; 50; hilft dem Kunden",
    "",
]

SURVEY_DE = [
    "Fragebogen: 10 Fragen in 1 Modul. Befragten-ID: T-1",
    "",
    "Frage 1 von 10 · Modul 1/1: Formen",
    "Skala intern",
    "1 – trifft nicht zu  2 – trifft eher nicht zu  3 – teils/teils  4 – trifft eher "
    "zu  5 – trifft voll zu",
    "Eingabe: Zahl · b = zurück · s/Enter = überspringen · ? = weiß nicht · q = "
    "pausieren · h = Hinweis",
    "Antwort: 9",
    "Ungültig: „9“ liegt nicht auf der Skala; bitte eine Zahl von 1 bis 5",
    "Antwort: 4",
    "",
    "Frage 2 von 10 · Modul 1/1: Formen",
    "Ja?",
    "1) ja  2) teilweise  3) nein",
    "Eingabe: Nummer · b = zurück · s/Enter = überspringen · ? = weiß nicht · q = pausieren",
    "Antwort: x",
    "Ungültig: Bitte ja, teilweise oder nein",
    "Antwort: 2",
    "",
    "Frage 3 von 10 · Modul 1/1: Formen",
    "Eins",
    "1) A-de  2) B-de",
    "Eingabe: Nummer · b = zurück · s/Enter = überspringen · ? = weiß nicht · q = pausieren",
    "Antwort: 1",
    "",
    "Frage 4 von 10 · Modul 1/1: Formen",
    "Viele",
    "1) A-de  2) B-de",
    "Eingabe: Nummer(n) aus der Liste, mehrere durch Komma getrennt · b = zurück · "
    "s/Enter = überspringen · q = pausieren",
    "Antwort: a, c",
    "Ungültig: „c“ steht nicht zur Auswahl: A-de / B-de",
    "Antwort: 1, B-de",
    "",
    "Frage 5 von 10 · Modul 1/1: Formen",
    "Zahl",
    "Eingabe: Zahl · b = zurück · s/Enter = überspringen · ? = weiß nicht · q = pausieren",
    "Antwort: 8",
    "Ungültig: „8“ passt nicht: bitte eine Zahl von 0 bis 7",
    "Antwort: 3",
    "",
    "Frage 6 von 10 · Modul 1/1: Formen",
    "Notiz",
    "Eingabe: Text · b = zurück · s/Enter = überspringen · ? = weiß nicht · q = pausieren",
    "Antwort: frei",
    "",
    "Frage 7 von 10 · Modul 1/1: Formen",
    "Raster",
    "1 – trifft nicht zu  2 – trifft eher nicht zu  3 – teils/teils  4 – trifft eher "
    "zu  5 – trifft voll zu",
    "Eingabe: Zahl · b = zurück · s/Enter = überspringen · ? = weiß nicht · q = "
    "pausieren · h = Hinweis",
    "  Zeile 1: ?",
    "  Zeile 2: 6",
    "Ungültig: Zeile 2: „6“ liegt nicht auf der Skala; bitte eine Zahl von 1 bis 5",
    "  Zeile 2: 5",
    "",
    "Frage 8 von 10 · Modul 1/1: Formen",
    "Teams",
    "1 – trifft nicht zu  2 – trifft eher nicht zu  3 – teils/teils  4 – trifft eher "
    "zu  5 – trifft voll zu",
    "Eingabe: Zahl · b = zurück · s/Enter = überspringen · ? = weiß nicht · q = pausieren",
    "  Vertrieb: 2",
    "",
    "Frage 9 von 10 · Modul 1/1: Formen",
    "Merkmal",
    "1) gefällt mir  2) setze ich voraus  3) ist mir egal  4) nehme ich hin  5) stört mich",
    "Eingabe: Nummer · b = zurück · s/Enter = überspringen · ? = weiß nicht · q = pausieren",
    "Wenn da? 9",
    "Ungültig: bitte eine Nummer von 1 bis 5",
    "Wenn da? 1",
    "Wenn weg? s",
    "",
    "Frage 10 von 10 · Modul 1/1: Formen",
    "Aufgaben",
    "Eine Tätigkeit pro Zeile: Tätigkeit; Anteil in %; Kategorie (Nummer). Leere Zeile = fertig.",
    "1) hilft dem Kunden  2) erleichtert den Verkauf  3) nur Reporting  4) erschwert den Verkauf  "
    "5) vorgeschrieben (Gesetz, Compliance, Risiko)",
    "Tätigkeit 1: Bericht; 10; 3",
    "Tätigkeit 2: kaputt",
    "Ungültig: Tätigkeit 2: Bitte so: Tätigkeit; Anteil in %; Kategorie",
    "Tätigkeit 2: Besuch; 50; hilft dem Kunden",
    "Tätigkeit 3: ",
    "Vielen Dank! Ihre Antworten sind gespeichert (Befragten-ID T-1).",
]

SURVEY_DE_ANSWERS = {
    "count": 3,
    "grid": {"r1": "dont_know", "r2": 5},
    "many": ["a", "b"],
    "note": "frei",
    "one": "a",
    "scale": 4,
    "tasks": [
        {"activity": "Bericht", "category": "reporting", "share": 10},
        {"activity": "Besuch", "category": "customer", "share": 50},
    ],
    "teams": {"Vertrieb": 2},
    "ypn": "partly",
}

SURVEY_EN_INPUT = ["?", "b", "3", "2", "b", "?", "?", "?"]

SURVEY_EN = [
    "Questionnaire: 2 questions. Respondent id: T-1",
    "Please think of your experience with the company in the last 12 months.",
    "",
    "Question 1 of 2 · part 1/1",
    "Scale customer",
    "1 – disagree  2 – tend to disagree  3 – neutral  4 – tend to agree  5 – agree",
    "Enter: a number · b = back · s/Enter = skip · ? = don't know · q = pause · h = help",
    "Answer: ?",
    "",
    "Question 2 of 2 · part 1/1",
    "Feature C",
    "1) I like it  2) I expect it  3) I am neutral  4) I can tolerate it  5) I dislike it",
    "Enter: a number from the list · b = back · s/Enter = skip · ? = don't know · q = pause",
    "If there? b",
    "",
    "Question 1 of 2 · part 1/1",
    "Scale customer",
    "so far: don't know",
    "1 – disagree  2 – tend to disagree  3 – neutral  4 – tend to agree  5 – agree",
    "Enter: a number · b = back · s/Enter = skip · ? = don't know · q = pause · h = help",
    "Answer: 3",
    "",
    "Question 2 of 2 · part 1/1",
    "Feature C",
    "1) I like it  2) I expect it  3) I am neutral  4) I can tolerate it  5) I dislike it",
    "Enter: a number from the list · b = back · s/Enter = skip · ? = don't know · q = pause",
    "If there? 2",
    "If missing? b",
    "",
    "Question 1 of 2 · part 1/1",
    "Scale customer",
    "so far: 3 – neutral",
    "1 – disagree  2 – tend to disagree  3 – neutral  4 – tend to agree  5 – agree",
    "Enter: a number · b = back · s/Enter = skip · ? = don't know · q = pause · h = help",
    "Answer: ?",
    "",
    "Question 2 of 2 · part 1/1",
    "Feature C",
    "1) I like it  2) I expect it  3) I am neutral  4) I can tolerate it  5) I dislike it",
    "Enter: a number from the list · b = back · s/Enter = skip · ? = don't know · q = pause",
    "If there? ?",
    "If missing? ?",
    "Thank you! Your answers are saved (respondent id T-1).",
]

SURVEY_EN_ANSWERS = {"feature": "dont_know", "scale": "dont_know"}

WORKBOOK_READ = {
    "layouts": {
        "scale": 4,
        "ypn": "partly",
        "one": "b",
        "many": ["a", "b"],
        "count": 5,
        "note": "hello",
        "grid": {"r1": "dont_know", "r2": 3},
        "teams": {"Vertrieb": 5},
        "feature": {"functional": "like", "dysfunctional": "dislike"},
        "tasks": [
            {"activity": "Report", "share": 10, "category": "reporting"},
            {"activity": "Visits", "share": 20, "category": "customer"},
        ],
    }
}

BAD_WORKBOOK_PROBLEMS = [
    ("layouts", 11, "D", "row 'r2': 7 is not on the scale; allowed: 1–5"),
    (
        "layouts",
        17,
        "D",
        "dysfunctional: 'vielleicht' is not a Kano answer; allowed: like, expect, "
        "neutral, tolerate, dislike or 1–5 (gefällt mir / setze ich voraus / ist mir "
        "egal / nehme ich hin / stört mich)",
    ),
    ("layouts", 20, "E", "activity 1: activity is missing"),
]

CSV_SHEET_READ = {
    "scale": 5,
    "ypn": "yes",
    "grid": {"r2": "dont_know"},
    "teams": {"IT": 2},
    "feature": {"functional": "like", "dysfunctional": "tolerate"},
    "tasks": [
        {"activity": "Bericht", "share": 10, "category": "reporting"},
        {"activity": "Besuch", "share": 20, "category": "customer"},
    ],
}

TABLE_READ = [
    (
        "R1",
        {
            "scale": 4,
            "many": ["a", "b"],
            "grid": {"r1": 3},
            "feature": {"functional": "like", "dysfunctional": "dislike"},
            "tasks": [{"activity": "A", "share": 5, "category": "customer"}],
        },
    ),
    (
        "R2",
        {
            "scale": "dont_know",
            "grid": "dont_know",
            "feature": "dont_know",
            "tasks": [
                {"activity": "A", "share": 5, "category": "customer"},
                {"activity": "B", "share": 10, "category": "reporting"},
            ],
        },
    ),
    (
        "R3",
        {
            "grid": {"r1": "dont_know"},
            "feature": "dont_know",
            "tasks": [
                {"activity": "A", "share": 5, "category": "customer"},
                {"activity": "B", "share": 10, "category": "reporting"},
            ],
        },
    ),
]


# -- writing --------------------------------------------------------------------------------


def test_csv_answer_sheet(kit: Kit) -> None:
    assert csv_sheet(kit) == CSV_SHEET_DE
    assert csv_sheet(kit, "customer", "en") == CSV_SHEET_CUSTOMER_EN


def test_excel_answer_sheet(kit: Kit) -> None:
    book = workbook(kit)
    sheet = book["layouts"]
    assert list(sheet.iter_rows(values_only=True)) == WORKBOOK_ROWS
    assert [
        (v.type, v.formula1, v.formula2, str(v.sqref))
        for v in sheet.data_validations.dataValidation
    ] == WORKBOOK_VALIDATIONS
    assert list(book["_lists"].iter_rows(values_only=True)) == WORKBOOK_LISTS
    assert [sheet.column_dimensions[c].width for c in "ABCDEFGH"] == WORKBOOK_WIDTHS
    customer = workbook(kit, "customer", "de")["Teil 1"]  # customers never see module ids
    assert list(customer.iter_rows(values_only=True)) == WORKBOOK_CUSTOMER_ROWS


def test_table_layout(kit: Kit) -> None:
    from ccassess.forms.sheet_csv import table_rows
    from ccassess.forms.sheet_layout import answer_columns

    assert (
        answer_columns(kit.module("layouts"), kit.registry.question_types, DEPARTMENTS)
        == TABLE_COLUMNS
    )
    respondent = kit.respondent(
        "internal",
        {
            "layouts": {
                "grid": {"r1": 2},
                "teams": "dont_know",
                "feature": {"f": "like", "d": 5},
                "tasks": [{"activity": "A", "share": 5, "category": "customer"}],
                "many": ["a"],
            }
        },
    )
    assert (
        table_rows([kit.module("layouts")], kit.registry.question_types, [respondent], DEPARTMENTS)
        == TABLE_ROWS
    )


def test_xlsform_and_question_list(kit: Kit) -> None:
    from ccassess.forms.xlsform import question_list_rows, xlsform_rows

    request = form(kit)
    rows, choices, _ = xlsform_rows(request)
    assert plain(rows) == XLSFORM_ROWS
    assert plain(choices) == XLSFORM_CHOICES
    assert request.notes == FORM_NOTES
    assert question_list_rows(request) == QUESTION_LIST_DE
    assert question_list_rows(form(kit, "customer", "en")) == QUESTION_LIST_CUSTOMER_EN


def test_terminal_questionnaire(kit: Kit, tmp_path: Path) -> None:
    lines, stored = survey(kit, tmp_path / "de", "internal", "de", SURVEY_DE_INPUT, "IT")
    assert (lines, stored) == (SURVEY_DE, SURVEY_DE_ANSWERS)
    lines, stored = survey(kit, tmp_path / "en", "customer", "en", SURVEY_EN_INPUT)
    assert (lines, stored) == (SURVEY_EN, SURVEY_EN_ANSWERS)


# -- reading --------------------------------------------------------------------------------


def test_filled_workbook_is_read_back(kit: Kit, tmp_path: Path) -> None:
    from ccassess import ValidationError

    path = tmp_path / "filled.xlsx"
    workbook(kit).save(path)
    fill_workbook(path, WORKBOOK_ANSWERS)
    (respondent,) = kit.import_files(path)
    assert respondent.answers == WORKBOOK_READ
    path = tmp_path / "wrong.xlsx"
    workbook(kit).save(path)
    fill_workbook(path, BAD_WORKBOOK_ANSWERS)
    with pytest.raises(ValidationError) as error:
        kit.import_files(path)
    assert problems(error) == BAD_WORKBOOK_PROBLEMS


def test_filled_csv_sheet_and_table_are_read_back(kit: Kit, tmp_path: Path) -> None:
    (respondent,) = kit.import_files(fill_csv_sheet(kit, tmp_path / "s.csv", CSV_SHEET_ANSWERS))
    assert respondent.answers["layouts"] == CSV_SHEET_READ
    read = kit.import_files(csv_table(tmp_path / "table.csv", TABLE))
    assert [(r.id, r.answers["layouts"]) for r in read] == TABLE_READ
