"""Typeform: "Download responses" as CSV.

Columns: ``#`` (the response token; newer exports: ``Response ID``), one column per
question headed by its title, a multiple-selection question as one column per choice
(headed by the choice, holding it when ticked), a matrix as one column per row (``Question
- Row``), hidden fields by their names, then ``Response Type`` (*completed* / *partial*),
``Start Date (UTC)``, ``Stage Date (UTC)``, ``Submit Date (UTC)``, ``Network ID`` and
``Tags``. A partial response (or one without a submit date) is incomplete.
"""

from __future__ import annotations

from ccassess_survey_tools.export import (
    Export,
    Response,
    SurveyTool,
    bracket_split,
    separator_splits,
    words,
)
from ccassess_survey_tools.i18n import N_
from ccassess_survey_tools.table import CSV_SUFFIXES, XLSX_SUFFIXES, Table
from ccassess_survey_tools.words import normal

TOKEN = words("#", "Response ID", "Token")
SUBMITTED = words("Submit Date (UTC)", "Submitted At", "Submit Date")
MARKERS = SUBMITTED | words("Network ID", "Start Date (UTC)", "Stage Date (UTC)")


class Typeform(SurveyTool):
    name = "typeform"
    title = "Typeform"
    label_text = N_("Typeform responses (.csv)")
    suffixes = CSV_SUFFIXES + XLSX_SUFFIXES
    id_prefix = "typeform"
    multi_separator = ","
    meta = (
        TOKEN
        | MARKERS
        | words(
            "Response Type",
            "Tags",
            "Ending",
            "Score",
            "Landed At",
            "Start Date",
            "Stage",
            "Quiz score",
        )
    )
    personal = words("Network ID")

    def recognise(self, sample: Table) -> bool:
        header = sample.texts(0)
        names = {normal(cell) for cell in header}
        first = header[:1]
        return (
            bool(first)
            and (first[0].strip() == "#" or normal(first[0]) in TOKEN)
            and bool(names & MARKERS)
        )

    def role(self, heading: str, code: str | None = None) -> str:
        if heading.strip() == "#":
            return "meta"
        return super().role(heading, code)

    def split(self, heading: str) -> list[tuple[str, str]]:
        return separator_splits(heading, (" - ", ": ")) + bracket_split(heading)

    def status(self, export: Export, response: Response) -> str | None:
        kind = normal(self.value(export, response, "Response Type"))
        if kind == "partial":
            return "incomplete"
        if export.column(*SUBMITTED) is not None and not self.value(export, response, *SUBMITTED):
            return "incomplete"
        return None

    def response_id(self, export: Export, response: Response) -> str | None:
        column = next((c for c in export.columns if c.key.strip() == "#"), None)
        if column is not None:
            return response.cell(column) or None
        return self.value(export, response, "Response ID", "Token") or None
