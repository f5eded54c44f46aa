"""The action plan as a spreadsheet the client can track: one row per recommendation.

Columns: rank, initiative (numbered, in plan order), priority, module, dimension,
recommendation, current and target level, and empty owner, due date and status columns.
Text cells that a spreadsheet would read as a formula (starting with = + - @, or a tab/CR)
get a leading apostrophe and are stored as text, so a hostile recommendation or module
title never runs as a formula, not even after the sheet is exported to CSV.
"""

from __future__ import annotations

import io

from ccassess.model.result import AssessmentResult
from ccassess.report.i18n import Translator
from ccassess.report.sections.action_plan import action_plan
from ccassess.report.sections.view import View

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HEADERS = {
    "de": [
        "Nr.",
        "Initiative",
        "Priorität",
        "Prioritätswert",
        "Modul",
        "Dimension",
        "Empfehlung",
        "Stufe heute",
        "Zielstufe",
        "Verantwortlich",
        "Fällig am",
        "Status",
    ],
    "en": [
        "No.",
        "Initiative",
        "Priority",
        "Priority score",
        "Module",
        "Dimension",
        "Recommendation",
        "Current level",
        "Target level",
        "Owner",
        "Due date",
        "Status",
    ],
}
WIDTHS = [6, 30, 11, 13, 28, 28, 70, 12, 11, 20, 13, 14]


def action_plan_workbook(result: AssessmentResult, lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    t = Translator(lang)
    plan = action_plan(View(result, lang)) or {"actions": []}
    book = Workbook()
    sheet = book.worksheets[0]  # a new workbook has one sheet, and it is active
    sheet.title = str(t("action_plan"))[:31]
    headers = HEADERS.get(lang, HEADERS["en"])
    sheet.append(headers)
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="16365C")
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for item in plan["actions"]:
        label = item["priority_label"]
        priority = str(t(f"priority_{label}")) if label in ("high", "medium", "low") else label
        row = [
            item["rank"],
            f"{item['initiative_number']}. {item['initiative']}",
            priority,
            round(item["priority"], 1),
            item["module"],
            item["dimension"],
            item["text"],
            item["current"],
            item["target"],
            None,
            None,
            None,
        ]
        sheet.append([None] * len(row))
        for column, value in enumerate(row, start=1):
            set_cell(sheet.cell(row=sheet.max_row, column=column), value)
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, sheet.max_row)}"
    book.properties.title = f"{t('action_plan')} – {result.info.client}".strip(" –")
    book.properties.creator = result.info.prepared_by or "ccassess"
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def safe_text(value: str) -> str:
    """Text that no spreadsheet reads as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def set_cell(cell: object, value: object) -> None:
    """Write a value; text is always stored as text, never as a formula."""
    if isinstance(value, str):
        cell.value = safe_text(value)  # type: ignore[attr-defined]
        cell.data_type = "s"  # type: ignore[attr-defined]  # never "f" (formula)
        return
    cell.value = value  # type: ignore[attr-defined]
