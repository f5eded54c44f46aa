"""An export as ccassess sees it: columns (answers, tool metadata, personal data) and
responses (row, id, status), whatever the tool's header layout.

`SurveyTool` is the base of every tool's importer: a tool says how it recognises its header,
how many header rows it writes, which of its columns are metadata or personal data, how a
matrix heading splits into question and statement, and which responses are incomplete or
preview/test answers. Mapping and reading are shared: `ccassess_survey_tools.plan` decides
what each column means, `.convert` reads the respondents and `.proposal` writes a mapping file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccassess import Location, Problem, ValidationError
from ccassess_survey_tools.i18n import N_, _, ngettext
from ccassess_survey_tools.table import CSV_SUFFIXES, Table, read_table, sniff, text
from ccassess_survey_tools.words import normal

if TYPE_CHECKING:
    from ccassess import ImportContext, RawRespondent

#: Headings that are personal data in any tool (compared normalised). Never imported.
PERSONAL = {
    normal(h)
    for h in (
        "name",
        "full name",
        "vollständiger name",
        "first name",
        "last name",
        "vorname",
        "nachname",
        "email",
        "e-mail",
        "email address",
        "e-mail address",
        "e-mail-adresse",
        "emailadresse",
        "mail",
        "ip",
        "ip address",
        "ip-adresse",
        "ipaddr",
        "ipaddress",
        "token",
        "zugangsschlüssel",
        "access code",
        "phone",
        "telefon",
        "telefonnummer",
        "phone number",
        "mobile",
        "handynummer",
        "address",
        "adresse",
        "anschrift",
        "postleitzahl",
        "zip code",
        "geburtsdatum",
        "date of birth",
        "respondent email",
        "respondent name",
        "user",
        "username",
        "benutzername",
    )
}

#: Why a tool skips a response, as the import reports it (translated where shown).
STATUS_WORDS = {
    "incomplete": N_("incomplete"),
    "preview": N_("preview/test"),
    "test": N_("preview/test"),
    "spam": N_("spam"),
    "rejected": N_("not approved"),
}


@dataclass
class Column:
    """One column of an export."""

    index: int
    #: How the mapping file and messages name it (unique in the export).
    key: str
    #: The heading text compared with question texts.
    text: str
    #: Readings of a combined heading as (question, statement/row/option).
    splits: list[tuple[str, str]] = field(default_factory=list)
    #: Codes or ids the tool shows for it ('Q2_1', 'CP[simpbuy]', 'group/question').
    codes: list[str] = field(default_factory=list)
    #: "answer", "meta" (the tool's own data) or "personal" (never imported).
    role: str = "answer"
    #: The distinct answers in it (filled after reading).
    values: list[str] = field(default_factory=list)


@dataclass
class Response:
    """One row: where it is, the tool's id for it and whether the tool says it is complete."""

    row: int
    cells: list[Any]
    #: The tool's response id (None: the tool has none; one is derived from the content).
    response_id: str | None = None
    #: None (a complete response) or a key of STATUS_WORDS.
    status: str | None = None

    def cell(self, column: Column) -> str:
        return text(self.cells[column.index]) if column.index < len(self.cells) else ""


@dataclass
class Export:
    tool: SurveyTool
    file: str
    table: Table
    columns: list[Column]
    responses: list[Response]
    header_row: int = 1

    def at(self, response: Response | None, column: Column | None = None) -> Location:
        """The place of a cell (or a row, or the header) as the tool's file shows it."""
        row = response.row if response is not None else self.header_row
        return Location(
            self.file,
            sheet=self.table.sheet,
            row=row,
            column=column.key if column is not None else None,
        )

    def column(self, *headings: str) -> Column | None:
        """The first column whose heading (normalised) is one of `headings`."""
        wanted = {normal(h) for h in headings}
        return next((c for c in self.columns if normal(c.key) in wanted), None)


def _beyond_headings(cells: Sequence[Any], width: int) -> str | None:
    """Why a row with answers beyond the last heading cannot be read (None: it has none).

    Such a cell belongs to no question; reading the row would drop it without a word."""
    extra = next((value for cell in cells[width:] if (value := text(cell))), None)
    if extra is None:
        return None
    return _(
        "the row has {n} cells but the header {width}; the cells beyond the header belong to "
        "no question (first: {first}); remove them or give them a heading"
    ).format(n=len(cells), width=width, first=repr(extra[:40]))


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_IP = re.compile(r"^\d{1,3}(\.\d{1,3}){3}$")


def _checked_role(column: Column) -> str:
    """The role by heading, corrected by the content: e-mail or IP addresses are personal
    data under any heading; a column headed like personal data ("E-mail") that only holds
    its own heading is a ticked option (Typeform, SurveyMonkey)."""
    values = column.values
    if column.role == "personal" and values:
        names = {normal(column.text)} | {normal(sub) for _, sub in column.splits}
        if all(normal(value) in names for value in values):
            return "answer"
    if column.role != "personal" and values:
        addresses = sum(1 for value in values if _EMAIL.match(value) or _IP.match(value))
        if addresses * 2 > len(values):
            return "personal"
    return column.role


def bracket_split(heading: str) -> list[tuple[str, str]]:
    """'Frage [Aussage]' → [('Frage', 'Aussage')] (Google Forms, LimeSurvey full text)."""
    match = re.match(r"^(?P<main>.*\S)\s*\[(?P<sub>[^\[\]]+)\]\s*$", heading, re.S)
    return [(match["main"], match["sub"])] if match else []


def separator_splits(heading: str, separators: Sequence[str]) -> list[tuple[str, str]]:
    """Every reading of 'question SEP statement' for the given separators."""
    found: list[tuple[str, str]] = []
    for separator in separators:
        start = 0
        while (at := heading.find(separator, start)) > 0:
            main, sub = heading[:at].strip(), heading[at + len(separator) :].strip()
            if main and sub:
                found.append((main, sub))
            start = at + 1
    return found


def unique_keys(headings: Iterable[str]) -> list[str]:
    """Headings made unique: a repeated heading gets ' #2', ' #3'."""
    seen: dict[str, int] = {}
    keys = []
    for heading in headings:
        count = seen.get(heading, 0) + 1
        seen[heading] = count
        keys.append(heading if count == 1 else f"{heading} #{count}")
    return keys


def short_hash(*parts: Any) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:10]


class SurveyTool:
    """The base of the survey-tool importers (see the module docstring)."""

    name = ""
    #: The tool's name ("Qualtrics"); `shown_title` is what messages show.
    title = ""
    #: What `ccassess import --help` and messages show; marked with N_, translated in `label`.
    label_text = ""
    suffixes: tuple[str, ...] = CSV_SUFFIXES
    header_rows = 1
    #: The prefix of respondent ids ("qualtrics-R_1abc").
    id_prefix = ""
    #: Normalised headings of the tool's own columns.
    meta: frozenset[str] = frozenset()
    personal: frozenset[str] = frozenset()
    #: How the tool joins the choices of a multi-select in one cell.
    multi_separator: str | None = ","
    #: How sure detection is when the header is the tool's.
    certainty = 0.97
    #: The fewest answers of a complete response ("50%": half the export's questions) where
    #: the tool does not mark partial responses; None: the tool marks them.
    min_answers: str | None = None
    #: Whether a worded answer may be a number the respondent never saw (recode or
    #: numerical values, numbered in the survey's order): then its direction must be confirmed.
    coded_numbers = False

    @property
    def label(self) -> str:
        return _(self.label_text)

    @property
    def shown_title(self) -> str:
        """The tool's name in messages (a tool's own name is not translated)."""
        return self.title

    # -- detection -------------------------------------------------------------------------

    def detect(self, path: Path) -> float:
        if path.suffix.lower() not in self.suffixes:
            return 0.0
        sample = sniff(path)
        if sample is None or not sample.rows:
            return 0.0
        try:
            return self.certainty if self.recognise(sample) else 0.0
        except Exception:  # detection never fails
            return 0.0

    def recognise(self, sample: Table) -> bool:
        """Whether the first records are this tool's header."""
        return False

    # -- reading ---------------------------------------------------------------------------

    def export(self, path: Path) -> Export:
        table = read_table(path)
        if len(table.rows) < self.header_rows:
            raise ValidationError(
                [
                    Problem(
                        Location(str(path)),
                        ngettext(
                            "expected {n} header row of a {tool} export",
                            "expected {n} header rows of a {tool} export",
                            self.header_rows,
                        ).format(n=self.header_rows, tool=self.shown_title),
                    )
                ]
            )
        headers = [[text(cell) for cell in cells] for _, cells in table.rows[: self.header_rows]]
        columns = self.columns(headers)
        export = Export(self, str(path), table, columns, [], header_row=table.rows[0][0])
        for row, cells in table.rows[self.header_rows :]:
            export.responses.append(self.response(export, row, list(cells)))
        ragged = [
            Problem(export.at(response), problem)
            for response in export.responses
            if (problem := _beyond_headings(response.cells, len(columns)))
        ]
        if ragged:
            raise ValidationError(ragged)
        for column in columns:
            column.values = sorted({value for r in export.responses if (value := r.cell(column))})
            column.role = _checked_role(column)
        return export

    def columns(self, headers: list[list[str]]) -> list[Column]:
        """Columns from the header row(s); the default is one row of headings."""
        headings = headers[0]
        columns = []
        for index, key in enumerate(unique_keys(headings)):
            heading = headings[index]
            columns.append(
                Column(index, key, heading, self.split(heading), role=self.role(heading))
            )
        return columns

    def split(self, heading: str) -> list[tuple[str, str]]:
        return bracket_split(heading)

    def role(self, heading: str, code: str | None = None) -> str:
        names = {normal(heading)} | ({normal(code)} if code else set())
        if names & (PERSONAL | self.personal):
            return "personal"
        if names & self.meta:
            return "meta"
        return "answer"

    def response(self, export: Export, row: int, cells: list[Any]) -> Response:
        response = Response(row, cells)
        response.response_id = self.response_id(export, response)
        response.status = self.status(export, response)
        return response

    def response_id(self, export: Export, response: Response) -> str | None:
        """The tool's stable id of a response (None: derived from its content)."""
        return None

    def status(self, export: Export, response: Response) -> str | None:
        """None for a complete response, else a key of STATUS_WORDS."""
        return None

    def content(self, export: Export, response: Response) -> list[str]:
        """What a response's id is derived from when the tool gives none."""
        return [response.cell(c) for c in export.columns if c.role != "personal"]

    def value(self, export: Export, response: Response, *headings: str) -> str:
        column = export.column(*headings)
        return response.cell(column) if column is not None else ""

    # -- the Importer protocol -------------------------------------------------------------

    def read(self, path: Path, context: ImportContext) -> list[RawRespondent]:
        from ccassess_survey_tools.convert import import_export

        return import_export(self.export(path), context)

    def suggest_mapping(self, path: Path, context: ImportContext) -> str:
        from ccassess_survey_tools.proposal import propose_mapping

        return propose_mapping(self.export(path), context)


def words(*items: str) -> frozenset[str]:
    return frozenset(normal(item) for item in items)
