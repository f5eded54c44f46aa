"""A question type of a third party, made of parts, works like a built-in one: the answer
sheets (Excel and CSV) are written, filled and read back, a table of answers is exported and
imported, the XLSForm and the question list ask every part, the terminal questionnaire asks
it, and a survey tool's export matches it. It is defined here with the public API only and
registered through the `ccassess_question_types` hook."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from ccassess import (
    DONT_KNOW,
    AnswerProblem,
    AssessmentSettings,
    Choice,
    Part,
    Question,
    QuestionType,
    Text,
    hookimpl,
)
from ccassess.testing import Kit, make_kit

SIDES = {"now": Text("heute", "today"), "wished": Text("gewünscht", "wished")}


class NowAndWished(QuestionType):
    """How it is today and how it should be, each on the question's scale; scores today."""

    name = "now_and_wished"
    needs_scale = True
    answer_type = Text("Ist und Soll", "now and wished")

    def parts(self, question: Question, departments: Sequence[str]) -> Sequence[Part] | None:
        return [
            Part("now", SIDES["now"]),
            Part("wished", SIDES["wished"], None, ("soll",)),
        ]

    def choices(self, question: Question) -> Sequence[Choice] | None:
        scale = question.scale
        assert scale is not None
        return [Choice(v, Text(scale.label(v, "de"), scale.label(v, "en"))) for v in scale.values]

    def check(self, question: Question, value: Any, departments: tuple[str, ...]) -> Any:
        assert question.scale is not None
        if not isinstance(value, Mapping):
            raise AnswerProblem("expected {now: …, wished: …}")
        checked = {}
        for side, cell in value.items():
            if side not in SIDES:
                raise AnswerProblem(f"unknown side {side!r}; sides: now, wished")
            if cell == DONT_KNOW:
                checked[side] = DONT_KNOW
                continue
            number = int(cell) if isinstance(cell, str) and cell.strip().isdigit() else cell
            if number not in question.scale.values:
                raise AnswerProblem(f"{side}: {cell!r} is not on the scale")
            checked[side] = number
        return checked

    def score(self, question: Question, value: Any) -> float | None:
        assert question.scale is not None
        now = value.get("now")
        if now in (None, DONT_KNOW):
            return None
        return (now - question.scale.start) / (question.scale.points - 1)

    def describe(self, question: Question, value: Any, lang: str) -> str:
        return ", ".join(f"{SIDES[side].get(lang)}: {cell}" for side, cell in value.items())


class Plugin:
    @hookimpl
    def ccassess_question_types(self) -> list[QuestionType]:
        return [NowAndWished()]


MODULE = {
    "id": "acme",
    "version": "1.0.0",
    "title": {"de": "Acme", "en": "Acme"},
    "dimensions": [
        {
            "id": "service",
            "title": {"de": "Service", "en": "Service"},
            "questions": [
                {
                    "id": "speed",
                    "type": "now_and_wished",
                    "source": "test",
                    "perspective": "both",
                    "text": {
                        "internal": {"de": "Tempo", "en": "Speed"},
                        "customer": {"de": "Tempo K", "en": "Speed C"},
                    },
                },
                {
                    "id": "overall",
                    "type": "likert",
                    "source": "test",
                    "text": {"de": "Insgesamt", "en": "Overall"},
                },
            ],
        }
    ],
}
SCALE_EN = [
    "1 – disagree",
    "2 – tend to disagree",
    "3 – neutral",
    "4 – tend to agree",
    "5 – agree",
]


@pytest.fixture(scope="module")
def kit() -> Kit:
    settings = AssessmentSettings(
        departments=("IT",), anonymity_threshold=1, free_text_threshold=1
    )  # the arithmetic of a few hand-made answers; privacy is tested on its own
    return make_kit(("acme", Plugin()), modules=[MODULE], settings=settings)


def test_excel_sheet_written_filled_and_read_back(kit: Kit, tmp_path: Path) -> None:
    import openpyxl

    from ccassess.forms.answer_sheet import SheetRequest, write_answer_sheet

    path = tmp_path / "acme.xlsx"
    request = SheetRequest(
        [kit.module("acme")], kit.registry.question_types, kit.settings, "internal", "en"
    )
    write_answer_sheet(path, request)
    book = openpyxl.load_workbook(path)
    sheet = book["acme"]
    rows = [row[:4] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert rows[:4] == [
        (None, None, "Service", None),
        (None, None, "Speed", None),
        ("speed", "now", "→ today", None),
        ("speed", "wished", "→ wished", None),
    ]
    (drop_down,) = [v for v in sheet.data_validations.dataValidation if "D4" in str(v.sqref)]
    assert str(drop_down.sqref) == "D4 D5 D6"  # both parts and the likert item: one scale
    column = drop_down.formula1.split("$")[1]
    assert [c.value for c in book["_lists"][column]] == [*SCALE_EN, "don't know"]
    sheet["D4"] = "4 – tend to agree"  # picked from the drop-down
    sheet["D5"] = 5  # typed
    sheet["D6"] = "don't know"
    book.save(path)
    (respondent,) = kit.import_files(path)
    assert respondent.answers == {"acme": {"speed": {"now": 4, "wished": 5}, "overall": DONT_KNOW}}
    result = kit.score([respondent])
    assert result.module("acme").dimension("service").score == 75.0


def test_csv_sheet_and_table_written_and_read_back(kit: Kit, tmp_path: Path) -> None:
    from ccassess.forms.sheet_csv import sheet_csv_rows, table_rows

    rows = sheet_csv_rows(
        [kit.module("acme")], kit.registry.question_types, ["IT"], "internal", "en"
    )
    answers = [row for row in rows if row[0] == "acme"]
    assert [row[:4] for row in answers] == [
        ["acme", "speed", "now", "Speed → today"],
        ["acme", "speed", "wished", "Speed → wished"],
        ["acme", "overall", None, "Overall"],
    ]
    assert answers[0][5] == " / ".join([*SCALE_EN, "don't know"])
    answers[0][4], answers[1][4] = "2 – tend to disagree", "don't know"
    path = tmp_path / "sheet.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    (respondent,) = kit.import_files(path)
    assert respondent.answers == {"acme": {"speed": {"now": 2, "wished": DONT_KNOW}}}

    table = tmp_path / "table.csv"
    with table.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(
            [
                ["id", "perspective", "acme.speed", "acme.speed[now]", "acme.speed[Soll]"],
                ["T-1", "customer", "", "3", "5 – agree"],
                ["T-2", "customer", "weiß nicht", "", ""],
            ]
        )
    read = kit.import_files(table)
    assert [r.answers for r in read] == [
        {"acme": {"speed": {"now": 3, "wished": 5}}},
        {"acme": {"speed": DONT_KNOW}},
    ]
    exported = table_rows([kit.module("acme")], kit.registry.question_types, read, ["IT"])
    assert exported[0] == [
        "id",
        "perspective",
        "department",
        "role",
        "acme.speed",
        "acme.speed[now]",
        "acme.speed[wished]",
        "acme.overall",
    ]
    again = tmp_path / "again.csv"
    with again.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(exported)
    assert [r.answers for r in kit.import_files(again)] == [r.answers for r in read]


def test_xlsform_and_question_list_ask_every_part(kit: Kit) -> None:
    from ccassess.forms.xlsform import FormRequest, question_list_rows, xlsform_rows

    request = FormRequest(
        [kit.module("acme")], kit.registry.question_types, kit.settings, "customer", "en"
    )
    rows, choices, _ = xlsform_rows(request)
    survey = [(row["type"], row["name"]) for row in rows]
    assert survey[2:8] == [
        ("begin_group", "service"),
        ("begin_group", "speed"),
        ("select_one scale5", "now"),
        ("select_one scale5", "wished"),
        ("end_group", "speed"),
        ("end_group", "service"),
    ]
    labels = {row["name"]: row.get("label") for row in rows}
    assert (labels["now"], labels["wished"]) == (
        Text("heute", "today"),
        Text("gewünscht", "wished"),
    )
    assert [name for list_name, name, _ in choices if list_name == "scale5"] == [
        "1",
        "2",
        "3",
        "4",
        "5",
        "dont_know",
    ]
    listed = question_list_rows(request)
    assert [row[:5] for row in listed[1:]] == [
        ["acme.speed[now]", "Acme", "Service", "Speed C [today]", "now and wished"],
        ["acme.speed[wished]", "Acme", "Service", "Speed C [wished]", "now and wished"],
    ]


class ScriptedConsole:
    def __init__(self, answers: list[str]) -> None:
        self.answers = answers
        self.lines: list[str] = []

    def say(self, text: str = "") -> None:
        self.lines.append(text)

    def ask(self, prompt: str) -> str | None:
        answer = self.answers.pop(0) if self.answers else None
        self.lines.append(f"{prompt} {answer}")
        return answer


def test_terminal_questionnaire_asks_every_part(kit: Kit, tmp_path: Path) -> None:
    from dataclasses import replace

    from ccassess.survey.session import SurveyRequest, start_survey
    from ccassess.workspace import Workspace

    console = ScriptedConsole(["6", "4", "?", "3"])
    settings = replace(
        kit.settings, modules=("acme",), anonymity_threshold=3, free_text_threshold=3
    )
    Workspace.create(tmp_path / "ws", settings, kit.registry, "R1").close()
    with Workspace.open(tmp_path / "ws") as workspace:
        request = SurveyRequest("internal", "IT", respondent_id="T-1", lang="en")
        outcome = start_survey(workspace, kit.registry, request, console)
        assert outcome is not None and outcome.finished
        (stored,) = workspace.respondents(workspace.round())
    assert "  today: 6" in console.lines
    assert "Not valid: now: '6' is not on the scale" in console.lines
    assert "  wished: ?" in console.lines
    assert console.lines[-2] == "Answer: 3"
    assert stored.answers == {"acme": {"speed": {"now": 4, "wished": DONT_KNOW}, "overall": 3}}


def test_a_survey_tool_export_matches_its_parts(kit: Kit) -> None:
    from ccassess_survey_tools.answer_matching import AnswerMatcher
    from ccassess_survey_tools.question_index import QuestionIndex, Target

    index = QuestionIndex(kit.registry.modules, kit.registry.question_types, ["IT"])
    assert [part.id for part in index.parts[("acme", "speed")]] == ["now", "wished"]
    assert index.by_code("acme/speed/wished") == Target("acme", "speed", "wished")
    assert index.part(("acme", "speed"), "Today") == "now"
    value = AnswerMatcher(index).match(Target("acme", "speed", "now"), "tend to agree")
    assert (value.value, value.sure) == (4, True)
