"""Microsoft Forms: "Open results in Excel" (.xlsx), one response per row; also that workbook
re-saved by Excel as CSV (UTF-8 or Windows-1252, `;` in German Excel) or "Unicode-Text"
(.txt: UTF-16, tabs), where dates are text as Excel shows them.

Columns: ``ID``, ``Start time``, ``Completion time``, ``Email``, ``Name`` (German:
``Startzeit``, ``Fertigstellungszeit``, ``E-Mail``, ``Name``), sometimes ``Last modified
time``, then one column per question. A Likert question has one column per statement,
headed ``Question.Statement``; a multiple-answer choice is one cell with the chosen options,
each followed by ``;``. Quizzes add ``Total points``, ``Quiz feedback`` and ``Points - …`` /
``Feedback - …`` columns. Only submitted responses are exported, so none is incomplete.
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
from ccassess_survey_tools.timestamps import canonical_time
from ccassess_survey_tools.words import normal

START = words("Start time", "Startzeit", "Heure de début", "Hora de inicio")
COMPLETION = words(
    "Completion time",
    "Fertigstellungszeit",
    "Abschlusszeit",
    "Heure de fin",
    "Hora de finalización",
)


class MicrosoftForms(SurveyTool):
    name = "ms_forms"
    title = "Microsoft Forms"
    label_text = N_("Microsoft Forms results (.xlsx, or re-saved as .csv/.txt)")
    suffixes = XLSX_SUFFIXES + CSV_SUFFIXES
    id_prefix = "msforms"
    multi_separator = ";"
    meta = (
        words(
            "ID",
            "Last modified time",
            "Zeitpunkt der letzten Änderung",
            "Letzte Änderungszeit",
            "Uhrzeit der letzten Änderung",
            "Total points",
            "Gesamtpunktzahl",
            "Punkte gesamt",
            "Quiz feedback",
            "Quizfeedback",
            "Feedback zum Quiz",
        )
        | START
        | COMPLETION
    )
    personal = words("Email", "E-Mail", "Name", "E-mail")

    def recognise(self, sample: Table) -> bool:
        header = {normal(cell) for cell in sample.texts(0)}
        first = sample.texts(0)[:1]
        return (
            bool(first)
            and normal(first[0]) == "id"
            and bool(header & START)
            and bool(header & COMPLETION)
        )

    def role(self, heading: str, code: str | None = None) -> str:
        if re.match(r"(?i)^(points|punkte|feedback)\s+-\s+", heading):
            return "meta"
        return super().role(heading, code)

    def split(self, heading: str) -> list[tuple[str, str]]:
        """'Question.Statement' at every dot followed by text (a Likert row)."""
        found = bracket_split(heading)
        for at, char in enumerate(heading):
            if (
                char == "."
                and 0 < at < len(heading) - 1
                and not heading[at + 1].isspace()
                and heading[at + 1] != "."
                and not heading[at + 1].isdigit()
            ):
                found.append((heading[:at], heading[at + 1 :]))
        return found

    def response_id(self, export: Export, response: Response) -> str | None:
        """The response number with its start time (to the minute, however written: the
        workbook and Excel's CSV re-save of it give the same id)."""
        number = self.value(export, response, "ID")
        if not number:
            return None
        column = export.column(*START)
        cell = response.cells[column.index] if column and column.index < len(response.cells) else ""
        started = canonical_time(cell, seconds=False) or self.value(export, response, *START)
        return f"{number}-{short_hash(started)[:6]}" if started else number
