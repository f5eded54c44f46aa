"""Helpers for the survey-tool tests: one set of answers, written in each tool's export layout.

The answers of three customers (the third stops early or is a preview, depending on what
the tool can mark) are rendered by each test in its tool's layout: header rows, metadata
columns, personal data, grids, multi-selects, labels or codes, BOM and line ends. The
questions are the modules' own customer wordings (as `ccassess form` lists them), plus a
small test module with a real matrix, a multiple choice and a free text.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ccassess.actions.load_plugins import load_registry

KONTAKT = """\
id: kontakt
version: 1.0.0
title: {de: Kontakt, en: Contact}
dimensions:
  - id: wege
    title: {de: Kontaktwege, en: Contact channels}
    questions:
      - id: kanaele
        type: multiple_choice
        perspective: customer
        source: test
        text:
          de: Über welche Wege nehmen Sie Kontakt mit uns auf?
          en: Which channels do you use to contact us?
        options:
          - {id: email, label: {de: E-Mail, en: E-mail}, score: 1}
          - {id: telefon, label: {de: Telefon, en: Phone}, score: 1}
          - {id: chat, label: {de: Chat, en: Chat}, score: 1}
          - {id: filiale, label: {de: Filiale, en: Branch}, score: 0.5}
      - id: bereiche
        type: matrix
        perspective: customer
        source: test
        scale:
          points: 5
          labels:
            de: [sehr unzufrieden, unzufrieden, neutral, zufrieden, sehr zufrieden]
            en: [very dissatisfied, dissatisfied, neutral, satisfied, very satisfied]
        text:
          de: Wie zufrieden sind Sie mit diesen Bereichen?
          en: How satisfied are you with these areas?
        rows:
          - {id: beratung, label: {de: Beratung, en: Advice}}
          - {id: lieferung, label: {de: Lieferung, en: Delivery}}
          - {id: rechnung, label: {de: Rechnung, en: Invoicing}}
      - id: anmerkung
        type: text
        perspective: customer
        source: test
        text:
          de: Was möchten Sie uns noch sagen?
          en: Is there anything else you would like to tell us?
"""

MODULES = ("customer_perception", "customer_metrics", "kontakt")
STATEMENTS = ("simp_find_information", "simp_buy", "svc_quick_response")
AREAS = ("beratung", "lieferung", "rechnung")
CHANNELS = ("email", "telefon", "chat", "filiale")
CHANNEL_LABELS = {
    "de": {"email": "E-Mail", "telefon": "Telefon", "chat": "Chat", "filiale": "Filiale"},
    "en": {"email": "E-mail", "telefon": "Phone", "chat": "Chat", "filiale": "Branch"},
}
AREA_LABELS = {
    "de": {"beratung": "Beratung", "lieferung": "Lieferung", "rechnung": "Rechnung"},
    "en": {"beratung": "Advice", "lieferung": "Delivery", "rechnung": "Invoicing"},
}
AGREE = {
    "de": [
        "trifft nicht zu",
        "trifft eher nicht zu",
        "teils/teils",
        "trifft eher zu",
        "trifft voll zu",
    ],
    "en": ["disagree", "tend to disagree", "neutral", "tend to agree", "agree"],
}
SATISFIED = {
    "de": ["sehr unzufrieden", "unzufrieden", "neutral", "zufrieden", "sehr zufrieden"],
    "en": ["very dissatisfied", "dissatisfied", "neutral", "satisfied", "very satisfied"],
}
DONT_KNOW_LABEL = {"de": "weiß nicht", "en": "don't know"}
GRID = {
    "de": "Wie sehr treffen diese Aussagen auf das Unternehmen zu?",
    "en": "How far do these statements apply to the company?",
}
KONTAKT_TEXT = {
    "kanaele": {
        "de": "Über welche Wege nehmen Sie Kontakt mit uns auf?",
        "en": "Which channels do you use to contact us?",
    },
    "bereiche": {
        "de": "Wie zufrieden sind Sie mit diesen Bereichen?",
        "en": "How satisfied are you with these areas?",
    },
    "anmerkung": {
        "de": "Was möchten Sie uns noch sagen?",
        "en": "Is there anything else you would like to tell us?",
    },
}
COMMENT = "Schnelle Lieferung – aber die Rechnung war unübersichtlich.\nBitte „mehr Übersicht“!"

#: Three customers. The third one stops after two answers (incomplete where a tool says so).
PEOPLE: list[dict[str, Any]] = [
    {
        "cp": {"simp_find_information": 4, "simp_buy": 5, "svc_quick_response": 2},
        "nps": 9,
        "csat": 4,
        "areas": {"beratung": 5, "lieferung": 3, "rechnung": 2},
        "channels": ["email", "telefon"],
        "comment": COMMENT,
    },
    {
        "cp": {"simp_find_information": 2, "simp_buy": "dont_know"},  # one statement left empty
        "nps": 6,
        "csat": 2,
        "areas": {"beratung": 4, "rechnung": 1},
        "channels": ["chat"],
        "comment": "",
    },
    {
        "cp": {"simp_find_information": 3},
        "nps": 10,
        "csat": None,
        "areas": {},
        "channels": [],
        "comment": "",
    },
]


def expected(person: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The answers ccassess should store for one of PEOPLE."""
    answers: dict[str, dict[str, Any]] = {"customer_perception": dict(person["cp"])}
    metrics = {
        k: v
        for k, v in (("nps_rating", person["nps"]), ("csat_rating", person["csat"]))
        if v is not None
    }
    if metrics:
        answers["customer_metrics"] = metrics
    contact: dict[str, Any] = {}
    if person["channels"]:
        contact["kanaele"] = list(person["channels"])
    if person["areas"]:
        contact["bereiche"] = dict(person["areas"])
    if person["comment"]:
        contact["anmerkung"] = person["comment"]
    if contact:
        answers["kontakt"] = contact
    return answers


_REGISTRY: dict[str, Any] = {}


def wording(module: str, question: str, lang: str) -> str:
    """A question's customer wording (as `ccassess form` lists it)."""
    if module == "kontakt":
        return KONTAKT_TEXT[question][lang]
    if "registry" not in _REGISTRY:
        _REGISTRY["registry"] = load_registry()
    found = _REGISTRY["registry"].modules[module].question(question)
    return found.wording("customer", lang)


def agree(value: Any, lang: str) -> str:
    return DONT_KNOW_LABEL[lang] if value == "dont_know" else AGREE[lang][value - 1]


def satisfied(value: Any, lang: str) -> str:
    return DONT_KNOW_LABEL[lang] if value == "dont_know" else SATISFIED[lang][value - 1]


def csv_bytes(
    rows: Sequence[Sequence[Any]],
    *,
    delimiter: str = ",",
    bom: bool = False,
    quote_all: bool = False,
    crlf: bool = True,
    encoding: str = "utf-8",
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=delimiter,
        lineterminator="\r\n" if crlf else "\n",
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
    )
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode(encoding)


def write_csv(path: Path, rows: Sequence[Sequence[Any]], **options: Any) -> Path:
    path.write_bytes(csv_bytes(rows, **options))
    return path


def write_xlsx(
    path: Path, rows: Sequence[Sequence[Any]], sheet: str = "Sheet1", formulas: bool = False
) -> Path:
    """A workbook as the tools write it; text starting with '=' becomes a formula only when
    `formulas` (a cell a user typed into the exported file)."""
    from openpyxl import Workbook

    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append(list(row))
    if not formulas:
        for line in worksheet.iter_rows():
            for cell in line:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    workbook.save(path)
    return path


def stored(folder: Path) -> dict[str, tuple[str, dict[str, Any]]]:
    """Respondent id → (perspective, answers) as the workspace holds them."""
    from ccassess.workspace import Workspace

    with Workspace.open(folder) as workspace:
        found = workspace.respondents(complete_only=False)
    return {r.id: (r.perspective, r.answers) for r in found}


def database_text(folder: Path) -> str:
    connection = sqlite3.connect(folder / "ccassess.db")
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


Runner = Callable[..., Any]
