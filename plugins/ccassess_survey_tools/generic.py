"""Exports no other importer recognises: a clear message naming the tools ccassess knows,
or — with ``--from generic`` (or a mapping file saying ``tool: generic``) — any tool's
export with one header row and one response per row.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ccassess import Location, Problem, ValidationError
from ccassess.readers import read_structured
from ccassess_survey_tools.export import Export, SurveyTool
from ccassess_survey_tools.i18n import N_, _
from ccassess_survey_tools.table import CSV_SUFFIXES, XLSX_SUFFIXES, Table, sniff
from ccassess_survey_tools.words import normal

if TYPE_CHECKING:
    from ccassess import ImportContext, RawRespondent

#: Sheets of ccassess's own answer workbooks: those are the core's to read.
OWN_SHEETS = {"_ccassess", "angaben", "respondent", "anleitung", "instructions"}


class OtherSurveyTool(SurveyTool):
    name = "generic"
    title = "survey-tool"
    label_text = N_("other survey-tool exports with one header row (.csv, .xlsx; --from generic)")
    suffixes = CSV_SUFFIXES + XLSX_SUFFIXES
    id_prefix = "survey"
    certainty = 0.91  # above the core's CSV/XLSX readers, below every known tool
    tools: tuple[SurveyTool, ...] = ()

    @property
    def shown_title(self) -> str:
        return _("survey-tool")

    def recognise(self, sample: Table) -> bool:
        if sample.kind == "xlsx":  # not an answer workbook (its sheets are named by ids)
            own = {sheet.casefold() for sheet in sample.sheets} & OWN_SHEETS
            return not own and not any(re.match(r"^[a-z][a-z0-9_]*$", s) for s in sample.sheets)
        names = {cell.strip().casefold() for cell in sample.texts(0)}
        ccassess_sheet = {"section", "answer"} <= names
        ccassess_table = bool(names & {"id", "perspective"})
        return not ccassess_sheet and not ccassess_table

    def wanted(self, context: ImportContext) -> bool:
        """Whether the user asked for generic reading (--from or the mapping's tool)."""
        if normal(context.options.get("from") or "") == "generic":
            return True
        mapping = context.options.get("mapping")
        if mapping:
            data = read_structured(Path(mapping))
            return isinstance(data, dict) and normal(data.get("tool") or "") == "generic"
        return False

    def unknown(self, path: Path) -> ValidationError:
        sample = sniff(path)
        first = [cell for cell in (sample.texts(0) if sample else []) if cell][:4]
        tools = ", ".join(f"{tool.title} ({tool.name})" for tool in self.tools)
        if first:
            what = _("cannot tell which survey tool wrote this file (first columns: {columns})")
        else:
            what = _("cannot tell which survey tool wrote this file")
        advice = _(
            "ccassess reads exports of {tools}, and its own answer sheets and tables; name the "
            "tool with --from TOOL, or read any other tool's export (one header row, one "
            "response per row) with --from generic"
        ).format(tools=tools)
        columns = ", ".join(repr(c) for c in first)
        message = what.format(columns=columns) + "; " + advice
        return ValidationError([Problem(Location(str(path)), message)])

    def export(self, path: Path) -> Export:
        return super().export(path)

    def read(self, path: Path, context: ImportContext) -> list[RawRespondent]:
        if not self.wanted(context):
            raise self.unknown(path)
        return super().read(path, context)

    def suggest_mapping(self, path: Path, context: ImportContext) -> str:
        if normal(context.options.get("from") or "") != "generic":
            raise self.unknown(path)
        return super().suggest_mapping(path, context)
