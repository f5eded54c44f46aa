"""Exports as people really save them: re-saved by German Excel (CSV UTF-8, Windows-1252,
Unicode-Text), downloaded twice in two formats, with partial responses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from test_exports import (
    assert_stored,
    google_rows,
    imported,
    monkey_rows,
    ms_forms_rows,
    qualtrics_rows,
)
from tools_kit import PEOPLE, csv_bytes, errors, stored, write_csv, write_xlsx

Run = Callable[..., Any]


def excel_de(value: Any) -> Any:
    """A cell as German Excel writes it into CSV: dates as shown (minutes), nothing as ''
    (the formula test_exports types into one workbook is left out: Excel would save its
    result)."""
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if value is None or (isinstance(value, str) and value.startswith("=")):
        return ""
    return value


# -- Microsoft Forms re-saved by German Excel -------------------------------------------------

RESAVED = {
    # "CSV UTF-8 (durch Trennzeichen getrennt)": byte-order mark, ';'
    "csv-utf8": ("Ergebnisse.csv", {"delimiter": ";", "bom": True}),
    # "CSV (Trennzeichen-getrennt)": Windows-1252, ';'
    "csv-cp1252": ("Ergebnisse.csv", {"delimiter": ";", "encoding": "cp1252"}),
    # older Excel for Mac: "Comma Separated Values" in Mac Roman
    "csv-mac": ("Ergebnisse.csv", {"delimiter": ",", "encoding": "mac_roman"}),
    # "Unicode-Text": UTF-16 little-endian with byte-order mark, tabs
    "unicode-text": (
        "Ergebnisse.txt",
        {"delimiter": "\t", "bom": True, "encoding": "utf-16-le"},
    ),
}


@pytest.mark.parametrize("kind", sorted(RESAVED))
def test_microsoft_forms_resaved_by_german_excel(
    kind: str, ws: Path, cc: Run, tmp_path: Path
) -> None:
    name, options = RESAVED[kind]
    rows = [[excel_de(cell) for cell in row] for row in ms_forms_rows()]
    path = tmp_path / name
    path.write_bytes(csv_bytes(rows, **options))
    result = imported(cc, ws, path)  # no --from: the header says which tool wrote it
    assert "read as a Microsoft Forms export (recognised" in result.stderr
    assert "personal data not imported: 'E-Mail', 'Name'" in result.stderr
    assert ("read as Windows-1252" in result.stderr) == (kind == "csv-cp1252")
    assert ("read as Mac Roman" in result.stderr) == (kind == "csv-mac")
    assert_stored(ws, "msforms", PEOPLE[:2])  # umlauts, dashes and quotes came through
    # the original workbook gives the same respondents the same ids
    workbook = write_xlsx(tmp_path / "Ergebnisse.xlsx", ms_forms_rows(), formulas=True)
    again = imported(cc, ws, workbook)
    assert "imported 0 respondent(s), skipped 2 already imported" in again.stdout


def test_text_neither_utf8_nor_windows_1252_is_refused(ws: Path, cc: Run, tmp_path: Path) -> None:
    rows = [[excel_de(cell) for cell in row] for row in ms_forms_rows()]
    raw = csv_bytes(rows, delimiter=";", encoding="cp1252").replace(b"Kundin", b"Kund\x81n")
    path = tmp_path / "Ergebnisse.csv"
    path.write_bytes(raw)
    result = cc("import", "-w", ws, path)
    assert result.exit_code == 2
    assert "neither UTF-8 nor Windows-1252 text (byte 0x81)" in result.stderr
    assert not stored(ws)


# -- Google Forms: the download and the sheet ---------------------------------------------------


def test_google_forms_download_and_sheet_give_the_same_ids(
    ws: Path, cc: Run, tmp_path: Path
) -> None:
    download = write_csv(tmp_path / "Kundenbefragung.csv", google_rows(PEOPLE, "de", False))
    sheet = write_xlsx(
        tmp_path / "Kundenbefragung (Antworten).xlsx",
        google_rows(PEOPLE, "de", True),
        "Formularantworten 1",
    )
    shown = [  # the sheet as .csv from German Google Sheets
        [c.strftime("%d.%m.%Y %H:%M:%S") if isinstance(c, datetime) else c for c in row]
        for row in google_rows(PEOPLE, "de", True)
    ]
    sheet_csv = write_csv(tmp_path / "Kundenbefragung (Antworten) - Formularantworten 1.csv", shown)
    first = imported(cc, ws, download)
    assert "imported 3 respondent(s)" in first.stdout
    for other in (sheet, sheet_csv):
        again = imported(cc, ws, other)
        assert "imported 0 respondent(s), skipped 3 already imported" in again.stdout
    assert_stored(ws, "gforms", PEOPLE)


# -- SurveyMonkey: partial responses ------------------------------------------------------------


def monkey_with_partial() -> list[list[Any]]:
    """Two complete responses and one that stopped after the first page (the grid)."""
    rows = monkey_rows()
    partial = list(rows[-1])
    width = len(rows[0])
    answers = ["Agree", "", "Strongly agree"]  # the three grid columns after the metadata
    partial[9:12] = answers
    partial += [""] * (width - len(partial))
    rows[-1] = partial
    return rows


def test_surveymonkey_partial_responses_are_skipped_and_counted(
    ws: Path, cc: Run, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "Sheet_1.csv", monkey_with_partial())
    mapping = tmp_path / "monkey.yaml"
    proposal = cc("import", "-w", ws, path, "--suggest-mapping").stdout
    assert "# SurveyMonkey does not mark partial responses: on import, those with" in proposal
    mapping.write_text(
        proposal.replace('(please specify)": null', '(please specify)": ignore'), "utf-8"
    )
    result = imported(cc, ws, path, "--mapping", mapping)
    assert "responses skipped: 1 incomplete" in result.stderr
    assert "answered fewer than 5 of the 10 questions" in result.stderr
    assert_stored(ws, "surveymonkey", PEOPLE[:2])
    # a rule of one's own: --min-answers
    more = imported(cc, ws, path, "--mapping", mapping, "--min-answers", "2")
    assert "imported 1 respondent(s), skipped 2 already imported" in more.stdout
    assert len(stored(ws)) == 3


def test_min_answers_must_be_a_number_or_a_share(ws: Path, cc: Run, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "Sheet_1.csv", monkey_with_partial())
    result = cc("import", "-w", ws, path, "--min-answers", "viele")
    assert result.exit_code == 2
    assert "--min-answers" in result.stderr and "Traceback" not in result.output
    share = cc("import", "-w", ws, path, "--min-answers", "90%")
    assert share.exit_code == 2  # the SurveyMonkey columns still need a mapping
    assert errors(share.stderr)


# -- Qualtrics: numeric values whose recode runs the other way ----------------------------------

#: Tags of the columns on worded scales in `qualtrics_rows` (agreement and satisfaction).
WORDED = ("Q1_1", "Q1_2", "Q1_3", "Q3", "Q4_1", "Q4_2", "Q4_3")


def qualtrics_reversed() -> list[list[Any]]:
    """Numeric values of a survey that lists 'Stimme voll zu' first: recode 1 is the top of
    the scale, 5 the bottom, 6 'weiß nicht'."""
    rows = qualtrics_rows(True, "de")
    at = [rows[0].index(tag) for tag in WORDED]
    for row in rows[3:]:
        for index in at:
            if row[index] not in ("", 6):
                row[index] = 6 - int(row[index])
    return rows


def test_qualtrics_numeric_codes_need_a_confirmed_direction(
    ws: Path, cc: Run, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "Mitarbeiter_Nov.csv", qualtrics_reversed(), bom=True)
    refused = cc("import", "-w", ws, path)  # 13 answers would be read reversed
    assert refused.exit_code == 2
    found = errors(refused.stderr)
    for tag in WORDED:
        assert any(
            f"column '{tag}': not matched with certainty: numeric codes" in line for line in found
        ), tag
    assert not stored(ws)
    proposal = cc("import", "-w", ws, path, "--suggest-mapping").stdout
    assert "codes: null   # check: 7 columns hold numeric codes of worded answers" in proposal
    assert '"Q1_1": "customer_perception.simp_find_information"   # check' in proposal
    assert '"Q2": "customer_metrics.nps_rating"   # sure' in proposal  # 0–10 shows numbers
    mapping = tmp_path / "qualtrics.yaml"
    checked = proposal.replace('"6": null', '"6": dont_know')
    mapping.write_text(checked, "utf-8")
    unconfirmed = cc("import", "-w", ws, path, "--mapping", mapping)
    assert unconfirmed.exit_code == 2 and not stored(ws)
    mapping.write_text(checked.replace("codes: null", "codes: descending"), "utf-8")
    result = imported(cc, ws, path, "--mapping", mapping)
    assert "imported 2 respondent(s)" in result.stdout
    assert_stored(ws, "qualtrics", PEOPLE[:2])


def test_a_column_can_confirm_its_own_codes(ws: Path, cc: Run, tmp_path: Path) -> None:
    """Only the grid runs the other way: `codes:` for all columns, and under one column."""
    rows = qualtrics_rows(True, "de")
    at = [rows[0].index(tag) for tag in ("Q1_1", "Q1_2", "Q1_3")]
    for row in rows[3:]:
        for index in at:
            if row[index] not in ("", 6):
                row[index] = 6 - int(row[index])
    path = write_csv(tmp_path / "export.csv", rows, bom=True)
    proposal = cc("import", "-w", ws, path, "--suggest-mapping").stdout
    text = proposal.replace('"6": null', '"6": dont_know').replace(
        "codes: null", "codes: ascending"
    )
    for tag in ("Q1_1", "Q1_3"):
        line = next(line for line in text.splitlines() if line.startswith(f'  "{tag}":'))
        target = line.split(":", 1)[1].split("#")[0].strip()
        text = text.replace(line, f'  "{tag}":\n    question: {target}\n    codes: descending')
    text = text.replace(
        '    question: "customer_perception.simp_buy"\n',
        '    question: "customer_perception.simp_buy"\n    codes: descending\n',
    )
    mapping = tmp_path / "qualtrics.yaml"
    mapping.write_text(text, "utf-8")
    imported(cc, ws, path, "--mapping", mapping)
    assert_stored(ws, "qualtrics", PEOPLE[:2])
    mapping.write_text(text.replace("codes: ascending", "codes: umgekehrt"), "utf-8")
    wrong = cc("import", "-w", ws, path, "--mapping", mapping)
    assert wrong.exit_code == 2
    assert "codes: 'umgekehrt': write ascending" in wrong.stderr


def test_choice_texts_beside_codes_are_what_counts(ws: Path, cc: Run, tmp_path: Path) -> None:
    """'1 - trifft voll zu': the respondent saw the text; the number is a code."""
    rows = qualtrics_rows(True, "de")
    labels = ["trifft nicht zu", "trifft eher nicht zu", "teils/teils", "trifft eher zu"]
    labels.append("trifft voll zu")
    at = [rows[0].index(tag) for tag in ("Q1_1", "Q1_2", "Q1_3")]
    for row in rows[3:]:
        for index in at:
            if row[index] not in ("", 6):
                point = int(row[index])
                row[index] = f"{6 - point} - {labels[point - 1]}"
    path = write_csv(tmp_path / "export.csv", rows, bom=True)
    proposal = cc("import", "-w", ws, path, "--suggest-mapping").stdout
    assert '"1 - trifft voll zu": 5   # sure' in proposal
    mapping = tmp_path / "qualtrics.yaml"
    text = proposal.replace('"6": null', '"6": dont_know').replace(
        "codes: null", "codes: ascending"
    )
    mapping.write_text(text, "utf-8")
    imported(cc, ws, path, "--mapping", mapping)
    assert_stored(ws, "qualtrics", PEOPLE[:2])
