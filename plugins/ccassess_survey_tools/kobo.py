"""KoboToolbox (and other ODK servers): "Downloads → CSV", ``;`` as delimiter by default.

Headings are the form's XML names with their groups (``group/question``; the default) or
the labels. A ``select_one`` holds a choice's name (or label); a ``select_multiple`` holds
the names separated by spaces, plus one column per choice (``question/choice``, 1 or 0).
Kobo's own columns: ``start``, ``end``, ``today``, ``_id``, ``_uuid``, ``_submission_time``,
``_validation_status``, ``_notes``, ``_status``, ``_submitted_by``, ``__version__``,
``_tags``, ``_index``; device details (``deviceid``, ``phonenumber``, …) are personal data.
Submissions marked *not approved* in Kobo's validation are skipped unless asked for.

A form written by `ccassess form --format xlsform` names its groups and questions by the
modules' ids, so its export maps without a mapping file.
"""

from __future__ import annotations

import re

from ccassess_survey_tools.export import Export, Response, SurveyTool, bracket_split, words
from ccassess_survey_tools.i18n import N_
from ccassess_survey_tools.table import CSV_SUFFIXES, XLSX_SUFFIXES, Table


class KoboToolbox(SurveyTool):
    name = "kobo"
    title = "KoboToolbox"
    label_text = N_("KoboToolbox / ODK data (.csv with ';', .xlsx)")
    suffixes = CSV_SUFFIXES + XLSX_SUFFIXES
    id_prefix = "kobo"
    multi_separator = " "
    meta = words(
        "start",
        "end",
        "today",
        "_id",
        "_uuid",
        "_submission_time",
        "_validation_status",
        "_notes",
        "_status",
        "__version__",
        "_tags",
        "_index",
        "_parent_index",
        "_parent_table_name",
        "_xform_id_string",
        "_attachments",
        "meta/instanceID",
        "meta/rootUuid",
        "meta/deprecatedID",
        "formhub/uuid",
        "instanceID",
        "_version_",
        "meta/instanceName",
    )
    personal = words(
        "deviceid",
        "username",
        "simserial",
        "subscriberid",
        "phonenumber",
        "_submitted_by",
        "_geolocation",
        "audit",
        "audit_URL",
        "email",
        "start-geopoint",
    )

    def recognise(self, sample: Table) -> bool:
        header = {cell.strip() for cell in sample.texts(0)}
        return "_uuid" in header and "_submission_time" in header

    def role(self, heading: str, code: str | None = None) -> str:
        if re.search(r"(^|/)_.*_(latitude|longitude|altitude|precision)$", heading):
            return "personal"  # the parts of a geopoint
        if re.search(r"(^|/)(instanceID|instanceName|rootUuid|deprecatedID)$", heading):
            return "meta"
        return super().role(heading, code)

    def split(self, heading: str) -> list[tuple[str, str]]:
        found = bracket_split(heading)
        if "/" in heading:
            head, _, tail = heading.rpartition("/")
            found.append((head.rpartition("/")[2] if "/" in head else head, tail))
        return found

    def columns(self, headers: list[list[str]]) -> list:
        columns = super().columns(headers)
        for column in columns:
            column.codes.append(column.text)
        return columns

    def status(self, export: Export, response: Response) -> str | None:
        validation = self.value(export, response, "_validation_status").strip()
        if validation in ("validation_status_not_approved", "Not Approved", "Not approved"):
            return "rejected"
        return None

    def response_id(self, export: Export, response: Response) -> str | None:
        uuid = self.value(export, response, "_uuid")
        return uuid or self.value(export, response, "_id") or None
