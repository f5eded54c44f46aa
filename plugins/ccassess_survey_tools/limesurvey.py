"""LimeSurvey: "Export results" as CSV or Excel, with question-code or full-text headings and
answer codes or full answers.

Code headings: ``id``, ``submitdate``, ``lastpage``, ``startlanguage``, ``seed``,
``startdate``, ``datestamp``, ``ipaddr``, ``refurl``, ``token`` (as the survey's settings
include them), then ``Q1``, array rows ``M1[SQ001]``, multiple choice ``MC[SQ001]`` (``Y``
when ticked) and timings (``interviewtime``, ``Q1Time``). Full text headings: ``Response
ID``, ``Date submitted``, ``Last page``, … (German: ``Antwort ID``, ``Datum Abgeschickt``,
``Letzte Seite``, …) and ``Question [Sub-question]``. A response without a submit date was
not finished: it is incomplete.
"""

from __future__ import annotations

import re

from ccassess_survey_tools.export import (
    Export,
    Response,
    SurveyTool,
    bracket_split,
    short_hash,
    words,
)
from ccassess_survey_tools.i18n import N_
from ccassess_survey_tools.table import CSV_SUFFIXES, XLSX_SUFFIXES, Table
from ccassess_survey_tools.words import normal

RESPONSE_ID = words("id", "Response ID", "Antwort ID", "Antwort-ID", "ID der Antwort")
SUBMITTED = words(
    "submitdate", "Date submitted", "Datum Abgeschickt", "Datum abgeschickt", "Abgeschickt am"
)
LAST_PAGE = words("lastpage", "Last page", "Letzte Seite")
STARTED = words("startdate", "Date started", "Datum gestartet", "Startdatum")
_CODE_AND_TEXT = re.compile(
    r"^(?P<code>[A-Za-z][A-Za-z0-9]*(?:\[[A-Za-z0-9_]+\])?)[.:]\s+"
    r"(?P<text>\S.*)$",
    re.S,
)


class LimeSurvey(SurveyTool):
    name = "limesurvey"
    title = "LimeSurvey"
    label_text = N_("LimeSurvey results (.csv, .xlsx)")
    suffixes = CSV_SUFFIXES + XLSX_SUFFIXES
    id_prefix = "limesurvey"
    multi_separator = None
    meta = (
        RESPONSE_ID
        | SUBMITTED
        | LAST_PAGE
        | STARTED
        | words(
            "startlanguage",
            "Start language",
            "Start-Sprache",
            "Startsprache",
            "seed",
            "Seed",
            "Zufallsstartwert",
            "datestamp",
            "Date last action",
            "Datum letzte Aktivität",
            "Letzte Aktivität",
            "refurl",
            "Referrer URL",
            "Referrer-URL",
            "interviewtime",
            "Total time",
            "Gesamtzeit",
            "Interviewzeit",
        )
    )
    personal = words(
        "ipaddr",
        "IP address",
        "IP-Adresse",
        "token",
        "Token",
        "Zugangsschlüssel",
        "Zugangscode",
        "firstname",
        "lastname",
        "Teilnehmer-Token",
    )

    def recognise(self, sample: Table) -> bool:
        header = {normal(cell) for cell in sample.texts(0)}
        return bool(header & RESPONSE_ID) and bool(header & SUBMITTED) and bool(header & LAST_PAGE)

    def role(self, heading: str, code: str | None = None) -> str:
        if re.match(r"^(groupTime\d+|[A-Za-z][A-Za-z0-9]*Time)$", heading) or re.match(
            r"(?i)^(question time|group time|fragenzeit|gruppenzeit)\b", heading
        ):
            return "meta"
        return super().role(heading, code)

    def columns(self, headers: list[list[str]]) -> list:
        columns = super().columns(headers)
        for column in columns:
            column.codes.append(column.text)
            match = _CODE_AND_TEXT.match(column.text)
            if match:  # "Question code & question text" headings
                column.codes.append(match["code"])
                column.splits.append((match["code"], match["text"]))
                column.splits.extend(bracket_split(match["text"]))
        return columns

    def status(self, export: Export, response: Response) -> str | None:
        if export.column(*SUBMITTED) is not None and not self.value(export, response, *SUBMITTED):
            return "incomplete"
        return None

    def response_id(self, export: Export, response: Response) -> str | None:
        number = self.value(export, response, *RESPONSE_ID)
        if not number:
            return None
        started = self.value(export, response, *STARTED)
        return f"{number}-{short_hash(started)[:6]}" if started else number
