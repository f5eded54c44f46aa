"""The answer sheet as CSV, and the table layout (one respondent per row) for exports."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ccassess.forms.sheet_layout import (
    META_COLUMNS,
    META_SHEET,
    ORIGIN_KEYS,
    ORIGIN_NOTE,
    RESPONDENT_FIELDS,
    RESPONDENT_SECTION,
    SHEET_COLUMNS,
    SheetOrigin,
    allowed_text,
    answer_columns,
    condition_note,
    sheet_titles,
)
from ccassess.model import DONT_KNOW
from ccassess.questions import present

if TYPE_CHECKING:
    from ccassess.model.answers import Respondent
    from ccassess.model.questionnaire import Module
    from ccassess.questions.types import QuestionType


def table_rows(
    modules: Sequence[Module],
    question_types: Mapping[str, QuestionType],
    respondents: Sequence[Respondent],
    departments: Sequence[str],
    with_names: bool = False,
) -> list[list[Any]]:
    """The table layout (header first): one row per respondent, re-importable."""
    meta = [c for c in META_COLUMNS if c != "name" or with_names]
    layout = [
        (module, answer_columns(module, question_types, departments, respondents))
        for module in modules
    ]
    header: list[Any] = list(meta)
    for _, columns in layout:
        header.extend(name for name, _, _ in columns)
    rows = [header]
    for respondent in respondents:
        row: list[Any] = [getattr(respondent, key) for key in meta]
        for module, columns in layout:
            given = respondent.answers.get(module.id, {})
            for _, question_id, part in columns:
                value = given.get(question_id)
                if part == "":
                    value = DONT_KNOW if value == DONT_KNOW else None
                elif part is not None:
                    value = value.get(part) if isinstance(value, Mapping) else None
                row.append(_export_value(value))
        rows.append(row)
    return rows


def _export_value(value: Any) -> Any:
    if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False)
    return value


def sheet_csv_rows(
    modules: Sequence[Module],
    question_types: Mapping[str, QuestionType],
    departments: Sequence[str],
    perspective: str,
    lang: str,
    respondent_id: str | None = None,
    origin: SheetOrigin | None = None,
) -> list[list[Any]]:
    """The CSV answer sheet for one respondent (header first); the last rows (section
    `META_SHEET`) name the workspace and round it was made for."""
    rows: list[list[Any]] = [list(SHEET_COLUMNS)]
    for key, label in RESPONDENT_FIELDS.items():
        if key == "department" and perspective != "internal":
            continue
        value: Any = None
        allowed = ""
        if key == "id":
            value = respondent_id
        elif key == "perspective":
            value = present.PERSPECTIVE_LABELS[perspective].get(lang)
            allowed = " / ".join(t.get(lang) for t in present.PERSPECTIVE_LABELS.values())
        elif key == "department":
            allowed = " / ".join(departments)
        rows.append([RESPONDENT_SECTION, key, None, label.get(lang), value, allowed])
    asked = [m for m in modules if any(q.asked_of(perspective) for _, q in m.questions())]
    # customers see numbered parts ("Teil 1"), never the assessment's module ids; the import
    # finds a part's module by its question ids
    sections = sheet_titles(asked, perspective, lang) if perspective == "customer" else {}
    for module in asked:
        section = sections.get(module.id, module.id)
        for _, question in module.questions():
            if not question.asked_of(perspective):
                continue
            qtype = question_types[question.type]
            wording = question.wording(perspective, lang)
            note = condition_note(module, question, question_types, perspective, lang)
            wording = f"{wording} ({note})" if note else wording
            options = present.choices(qtype, question, lang)
            typed = [] if options is not None else [allowed_text(qtype, question, lang)]
            labels = " / ".join(
                label
                for label in (
                    *typed,
                    *(c.label for c in present.with_dont_know(options or [], question, lang)),
                )
                if label
            )
            parts = qtype.parts(question, departments)
            items = qtype.items(question)
            if parts is not None:
                for part in parts:
                    shown = (
                        part.wording.get(lang)
                        if part.wording is not None
                        else f"{wording} → {part.label.get(lang)}"
                    )
                    rows.append([section, question.id, part.id, shown, None, labels])
            elif items is not None:
                picks = [
                    pick.label
                    for column in items.fields
                    for pick in present.field_choices(column, lang) or []
                ]
                allowed = f"{items.line.get(lang)} ({' / '.join(picks)})"
                for number in range(1, items.count + 1):
                    rows.append(
                        [section, question.id, number, f"{wording} ({number})", None, allowed]
                    )
            else:
                rows.append(
                    [
                        section,
                        question.id,
                        None,
                        wording,
                        None,
                        labels,
                    ]
                )
    if origin is not None:
        note = ORIGIN_NOTE.get(lang)
        for key in ORIGIN_KEYS:
            value = getattr(origin, key)
            if value:
                rows.append([META_SHEET, key, None, note, value, None])
    return rows
