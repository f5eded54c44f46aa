"""What respondents read is in their language and readable: answer sheets, the XLSForm and
the terminal questionnaire of the built-in modules, in German and English, with no English in
a German questionnaire, no exponent notation (1e+07) and no ids where a label belongs."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from openpyxl import load_workbook

#: Words that give English away in a German respondent text (and German in an English one).
ENGLISH = re.compile(
    r"\b(a number|is not|allowed|above|below|the maximum|the minimum|not valid"
    r"|activity|share|category)\b"
)
GERMAN = re.compile(r"\b(Zahl|nicht|bitte|Ungültig|weiß|möglich)\b")
EXPONENT = re.compile(r"\d[eE][+-]\d")  # as Python writes it: 1e+07


@pytest.fixture
def workspace(tmp_path: Path, run: Callable[..., Result]) -> Path:
    folder = tmp_path / "ws"
    result = run(
        "init", folder, "--client", "Acme", "--department", "Vertrieb", "--department", "Service"
    )
    assert result.exit_code == 0, result.output
    return folder


def _sheet_texts(path: Path) -> list[str]:
    if path.suffix == ".csv":  # its header row holds the column keys the import reads
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [cell for row in list(csv.reader(handle))[1:] for cell in row if cell]
    book = load_workbook(path)
    return [
        str(cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str)
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_german_answer_sheets_speak_german_and_write_numbers_plainly(
    workspace: Path, run: Callable[..., Result], tmp_path: Path, fmt: str
) -> None:
    # company figures (numbers) are the key figures, entered once: their sheet has the bounds
    for perspective in ("internal", "customer", "key_figures"):
        path = tmp_path / f"{perspective}.{fmt}"
        result = run(
            "sheet",
            "-w",
            workspace,
            "--format",
            fmt,
            "--perspective",
            perspective,
            "--lang",
            "de",
            "-o",
            path,
        )
        assert result.exit_code == 0, result.output
        texts = _sheet_texts(path)
        for text in texts:
            assert not EXPONENT.search(text), text
            assert not ENGLISH.search(text), text
        if perspective == "key_figures":
            assert any("Zahl von 0 bis 10\u00a0000\u00a0000" in text for text in texts)
        elif perspective == "customer":
            # the NPS scale: its labels carry their number, shown once ("0 – …", not "0 – 0 – …")
            assert not any(re.search(r"\b(\d+) – \1\b", text) for text in texts), texts


def test_english_answer_sheet_speaks_english(
    workspace: Path, run: Callable[..., Result], tmp_path: Path
) -> None:
    path = tmp_path / "key_figures.csv"
    args = ("--perspective", "key_figures", "--format", "csv", "--lang", "en", "-o", path)
    result = run("sheet", "-w", workspace, *args)
    assert result.exit_code == 0, result.output
    texts = _sheet_texts(path)
    assert any("a number from 0 to 10\u00a0000\u00a0000" in text for text in texts)
    assert not any(EXPONENT.search(text) for text in texts)


def test_xlsform_writes_bounds_without_exponent(
    workspace: Path, run: Callable[..., Result], tmp_path: Path
) -> None:
    """ODK Validate rejects `. <= 1e+07`; the bound is written as 10000000, and the message
    a respondent sees when a number does not fit is in each language."""
    path = tmp_path / "form.xlsx"
    result = run("form", "-w", workspace, "--perspective", "key_figures", "-o", path)
    assert result.exit_code == 0, result.output
    survey = load_workbook(path)["survey"]
    header = [cell.value for cell in survey[1]]
    rows = [dict(zip(header, row, strict=True)) for row in survey.iter_rows(2, values_only=True)]
    constraints = [row["constraint"] for row in rows if row["constraint"]]
    assert constraints and ". <= 10000000" in constraints[0]
    assert not any(EXPONENT.search(c) for c in constraints), constraints
    numbers = [row for row in rows if row["type"] == "decimal" and row["constraint"]]
    assert all(
        row["constraint_message::Deutsch (de)"].startswith("Bitte eine Zahl") for row in numbers
    )
    assert all(
        row["constraint_message::English (en)"].startswith("Please enter") for row in numbers
    )


def test_german_terminal_survey_answers_in_german(
    workspace: Path, run: Callable[..., Result]
) -> None:
    """A number that does not fit, text for a number, a scale point off the scale: told in
    German, with the bounds written plainly."""
    answers = "1e9\nabc\n-5\n10 000\nq\n"
    result = run(
        "survey",
        "-w",
        workspace,
        "--lang",
        "de",
        "--perspective",
        "key_figures",
        "--module",
        "customer_metrics",
        input=answers,
    )
    assert result.exit_code == 0, result.output
    told = [line for line in result.output.splitlines() if line.startswith("Ungültig")]
    assert len(told) == 3, result.output
    for line in told:
        assert "bitte eine Zahl von 0 bis 10\u00a0000\u00a0000" in line, line
        said = re.sub(r"„[^“]*“", "", line)  # what was typed is echoed as typed
        assert not ENGLISH.search(said) and not EXPONENT.search(said), line
    assert "Frage 2 von" in result.output  # "10 000" was taken


def test_english_terminal_survey_answers_in_english(
    workspace: Path, run: Callable[..., Result]
) -> None:
    result = run(
        "survey",
        "-w",
        workspace,
        "--lang",
        "en",
        "--perspective",
        "customer",
        "--module",
        "customer_metrics",
        input="12\nq\n",
    )
    assert result.exit_code == 0, result.output
    told = [line for line in result.output.splitlines() if line.startswith("Not valid")]
    assert told and all(not GERMAN.search(line) for line in told), result.output
    assert "please type a number from" in told[0]
