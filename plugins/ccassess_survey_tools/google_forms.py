"""Google Forms: "Download responses (.csv)" and the linked Google Sheet exported as .csv
or .xlsx ("Form Responses 1" / "Formularantworten 1").

Columns: ``Timestamp`` (German: ``Zeitstempel``), ``Email Address`` (``E-Mail-Adresse``)
when addresses are collected, ``Score`` (``Punktzahl``) for quizzes, then one column per
question headed by its title. A grid has one column per row, headed ``Question [Row]``;
checkboxes are one cell with the ticked options joined by ``, ``; a linear scale gives its
number. Only submitted responses exist, so none is incomplete; Google Forms has no response
id, so one is derived from the time stamp and the answers, written the same way in every
export format (the download and the sheet give one respondent the same id).
"""

from __future__ import annotations

from ccassess_survey_tools.export import Export, Response, SurveyTool, words
from ccassess_survey_tools.i18n import N_
from ccassess_survey_tools.table import CSV_SUFFIXES, XLSX_SUFFIXES, Table
from ccassess_survey_tools.timestamps import canonical_time
from ccassess_survey_tools.words import normal

TIMESTAMP = words(
    "Timestamp",
    "Zeitstempel",
    "Marca temporal",
    "Horodateur",
    "Informazioni cronologiche",
    "Tijdstempel",
)
SHEETS = words("Form Responses 1", "Formularantworten 1", "Form responses 1")


class GoogleForms(SurveyTool):
    name = "google_forms"
    title = "Google Forms"
    label_text = N_("Google Forms responses (.csv, or the sheet as .csv/.xlsx)")
    suffixes = CSV_SUFFIXES + XLSX_SUFFIXES
    id_prefix = "gforms"
    multi_separator = ","
    meta = TIMESTAMP | words("Score", "Punktzahl", "Punkte", "Total score")
    personal = words(
        "Email Address",
        "Email address",
        "E-Mail-Adresse",
        "E-Mail Adresse",
        "Username",
        "Nutzername",
    )

    def recognise(self, sample: Table) -> bool:
        first = sample.texts(0)[:1]
        if first and normal(first[0]) in TIMESTAMP:
            return True
        return sample.kind == "xlsx" and normal(sample.sheet or "") in SHEETS

    def content(self, export: Export, response: Response) -> list[str]:
        """The time stamp in one form and the answers compared as text: what the CSV
        download, the sheet as .xlsx and the sheet as .csv share."""
        column = export.column(*TIMESTAMP)
        cell = response.cells[column.index] if column and column.index < len(response.cells) else ""
        stamp = canonical_time(cell) or normal(response.cell(column) if column else "")
        answers = [normal(response.cell(c)) for c in export.columns if c.role == "answer"]
        return [stamp, *answers]
