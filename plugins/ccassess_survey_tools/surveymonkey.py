"""SurveyMonkey: "All individual responses" as CSV or XLSX, with two header rows.

Row 1: ``Respondent ID``, ``Collector ID``, ``Start Date``, ``End Date``, ``IP Address``,
``Email Address``, ``First Name``, ``Last Name``, ``Custom Data 1``, then each question's
text above the first of its columns. Row 2: ``Response`` (German ``Antwort``) for a
one-column question, ``Open-Ended Response`` for a comment field, and the row or option
label for each column of a matrix or a multi-select (a ticked option's cell holds its
label). The export does not mark partial responses: a response that answered fewer than half
of the export's questions is taken for one and skipped (counted; ``--min-answers`` sets
another rule, ``--include-incomplete`` keeps them); responses without any answer are skipped.
"""

from __future__ import annotations

import re

from ccassess_survey_tools.export import Column, Export, Response, SurveyTool, unique_keys, words
from ccassess_survey_tools.i18n import N_
from ccassess_survey_tools.table import CSV_SUFFIXES, XLSX_SUFFIXES, Table
from ccassess_survey_tools.words import normal

RESPONDENT = words("Respondent ID", "Befragten-ID", "Befragter ID", "ID des Befragten")
COLLECTOR = words("Collector ID", "Collector-ID", "Kollektor-ID", "Sammler-ID")
#: Row-2 labels of a single-column question (not a statement or option).
PLAIN = words(
    "Response",
    "Antwort",
    "Open-Ended Response",
    "Offene Antwort",
    "Other",
    "Other (please specify)",
    "Sonstiges (bitte angeben)",
    "",
)


class SurveyMonkey(SurveyTool):
    name = "surveymonkey"
    title = "SurveyMonkey"
    label_text = N_("SurveyMonkey responses (.csv, .xlsx; two header rows)")
    suffixes = CSV_SUFFIXES + XLSX_SUFFIXES
    header_rows = 2
    id_prefix = "surveymonkey"
    coded_numbers = True
    multi_separator = None
    min_answers = "50%"
    meta = (
        RESPONDENT
        | COLLECTOR
        | words("Start Date", "End Date", "Startdatum", "Enddatum", "Startzeit", "Endzeit")
    )
    personal = words(
        "IP Address",
        "IP-Adresse",
        "Email Address",
        "E-Mail-Adresse",
        "First Name",
        "Last Name",
        "Vorname",
        "Nachname",
    )

    def recognise(self, sample: Table) -> bool:
        header = {normal(cell) for cell in sample.texts(0)}
        return bool(header & RESPONDENT) and bool(header & COLLECTOR)

    def role(self, heading: str, code: str | None = None) -> str:
        if re.match(r"(?i)^(custom data|benutzerdefinierte daten)\s*\d*$", heading):
            return "personal"  # whatever the sender attached: often names or e-mail
        return super().role(heading, code)

    def columns(self, headers: list[list[str]]) -> list[Column]:
        top, second = headers[0], headers[1] if len(headers) > 1 else []
        width = max(len(top), len(second))
        question = ""
        readings: list[tuple[str, str, list[tuple[str, str]]]] = []  # key, text, splits
        for index in range(width):
            head = top[index] if index < len(top) else ""
            sub = second[index] if index < len(second) else ""
            question = head or question
            if head and normal(sub) in PLAIN:  # a one-column question, or the tool's own
                readings.append((head, head, []))
            elif head or normal(sub) not in PLAIN:  # a statement, row or option
                readings.append((f"{question} / {sub}", f"{question} [{sub}]", [(question, sub)]))
            else:  # a comment box below a question ("Open-Ended Response")
                readings.append((f"{question} / {sub}", f"{question} / {sub}", []))
        columns = []
        for index, key in enumerate(unique_keys(r[0] for r in readings)):
            _, text, splits = readings[index]
            columns.append(Column(index, key, text, splits, role=self.role(text)))
        return columns

    def response_id(self, export: Export, response: Response) -> str | None:
        return self.value(export, response, *RESPONDENT) or None
