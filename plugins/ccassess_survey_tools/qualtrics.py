"""Qualtrics: "Export data" as CSV, with three header rows; choice text or numeric values.

Row 1: the export tags (``StartDate``, ``EndDate``, ``Status``, ``IPAddress``,
``Progress``, ``Duration (in seconds)``, ``Finished``, ``RecordedDate``, ``ResponseId``,
``RecipientLastName``, ``RecipientFirstName``, ``RecipientEmail``, ``ExternalReference``,
``LocationLatitude``, ``LocationLongitude``, ``DistributionChannel``, ``UserLanguage``,
then ``Q1``, matrix rows ``Q2_1``, split multi-selects ``Q5_3``, ``Q4_NPS_GROUP`` …).
Row 2: the question texts (a matrix row as ``Question - Statement``). Row 3: import ids as
JSON (``{"ImportId":"QID2_1"}``). Preview and test responses (``Status`` *Survey Preview* /
*Survey Test* or 1 / 2, ``DistributionChannel`` *preview* / *test*), spam and unfinished
ones (``Finished`` False / 0) are skipped unless asked for.
"""

from __future__ import annotations

import re

from ccassess_survey_tools.export import (
    Column,
    Export,
    Response,
    SurveyTool,
    bracket_split,
    separator_splits,
    unique_keys,
    words,
)
from ccassess_survey_tools.i18n import N_
from ccassess_survey_tools.table import CSV_SUFFIXES, XLSX_SUFFIXES, Table
from ccassess_survey_tools.words import normal

_STATUS_TEXT = {
    normal("Survey Preview"): "preview",
    normal("Survey Test"): "test",
    normal("Spam"): "spam",
    normal("Preview Spam"): "spam",
    normal("Offline Survey Preview"): "preview",
}
_STATUS_NUMBER = {
    "1": "preview",
    "2": "test",
    "8": "spam",
    "9": "spam",
    "12": "spam",
    "17": "preview",
}
_SYSTEM = re.compile(
    r"^(Q_.*|.*_DO(_\d+)?|.*_NPS_GROUP|.*_(First Click|Last Click|Page Submit|"
    r"Click Count))$"
)


class Qualtrics(SurveyTool):
    name = "qualtrics"
    title = "Qualtrics"
    label_text = N_("Qualtrics data exports (.csv, three header rows)")
    suffixes = CSV_SUFFIXES + XLSX_SUFFIXES
    header_rows = 3
    id_prefix = "qualtrics"
    coded_numbers = True
    multi_separator = ","
    meta = words(
        "StartDate",
        "EndDate",
        "Status",
        "Progress",
        "Duration (in seconds)",
        "Finished",
        "RecordedDate",
        "ResponseId",
        "ResponseID",
        "DistributionChannel",
        "UserLanguage",
        "Start Date",
        "End Date",
        "Response Type",
        "Recorded Date",
        "Response ID",
        "Distribution Channel",
        "User Language",
    )
    personal = words(
        "IPAddress",
        "IP Address",
        "RecipientLastName",
        "RecipientFirstName",
        "RecipientEmail",
        "Recipient Last Name",
        "Recipient First Name",
        "Recipient Email",
        "ExternalReference",
        "ExternalDataReference",
        "External Data Reference",
        "LocationLatitude",
        "LocationLongitude",
        "Location Latitude",
        "Location Longitude",
    )

    def recognise(self, sample: Table) -> bool:
        header = {normal(cell) for cell in sample.texts(0)}
        imports = any('"ImportId"' in cell for cell in sample.texts(2))
        return normal("ResponseId") in header and (imports or normal("Finished") in header)

    def columns(self, headers: list[list[str]]) -> list[Column]:
        tags = headers[0]
        texts = headers[1] if len(headers) > 1 else []
        columns = []
        for index, key in enumerate(unique_keys(tags)):
            tag = tags[index]
            text = texts[index] if index < len(texts) and texts[index] else tag
            role = "meta" if _SYSTEM.match(tag) else self.role(tag)
            if role == "answer":
                role = self.role(text)
            splits = separator_splits(text, (" - ",)) + bracket_split(text)
            columns.append(Column(index, key, text, splits, codes=[tag], role=role))
        return columns

    def status(self, export: Export, response: Response) -> str | None:
        status = self.value(export, response, "Status", "Response Type")
        found = _STATUS_TEXT.get(normal(status)) or _STATUS_NUMBER.get(status.strip())
        if found:
            return found
        channel = normal(
            self.value(export, response, "DistributionChannel", "Distribution Channel")
        )
        if channel in ("preview", "test"):
            return channel
        finished = normal(self.value(export, response, "Finished"))
        if finished in ("false", "0", "falsch"):
            return "incomplete"
        return None

    def response_id(self, export: Export, response: Response) -> str | None:
        return self.value(export, response, "ResponseId", "Response ID") or None
