"""A German consultant's whole workflow speaks German: no English sentence anywhere.

The issue's bar (#21): "a German user still meets an English sentence anywhere in a German
workflow (CLI, survey, sheet, report)" means not done. This walks the workflow a consultant
runs — create a workspace, write an answer sheet, import answers, list rounds, score, write
the report, export, and make the usual mistakes — with `CCASSESS_LANG=de` and a German
assessment, and scans everything a person reads (terminal output, the sheet's texts, the
report's HTML) for English words. Data the user typed (names, file paths) is taken out first.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from english_scan import english_in

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "plugins" / "ccassess_demo" / "muster_handels"
GERMAN = {"CCASSESS_LANG": "de"}


@pytest.fixture
def german_workspace(tmp_path: Path, run: Callable[..., Result]) -> Path:
    folder = tmp_path / "kunde"
    made = run(
        "init",
        folder,
        "--from",
        DEMO / "assessment.yaml",
        "--client",
        "Beispiel AG",
        "--language",
        "de",
        "--round",
        "R1",
        env=GERMAN,
    )
    assert made.exit_code == 0, made.output
    assert not english_in(made.output, [str(folder)]), made.output
    return folder


def test_a_german_workflow_speaks_german(
    german_workspace: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    folder = german_workspace
    data = [str(folder), str(tmp_path), "Beispiel AG", "R1", "R2"]
    outputs: list[tuple[str, Result]] = []

    def step(*args: object, code: int = 0) -> Result:
        shown = run(*[str(a) for a in args], env=GERMAN)
        outputs.append((" ".join(str(a) for a in args), shown))
        assert shown.exit_code == code, f"{args}: {shown.output}"
        return shown

    step("sheet", "-w", folder, "-o", tmp_path / "bogen.xlsx")
    step("import", "-w", folder, *sorted((DEMO / "responses").glob("*"))[:12])
    step("round", "list", "-w", folder)
    step("score", "-w", folder)
    step("report", "-w", folder, "--format", "html", "-o", tmp_path / "bericht.html")
    step("export", "-w", folder, "-o", tmp_path / "antworten.csv")
    step("round", "new", "R2", "-w", folder)
    # the usual mistakes
    step("import", "-w", folder, tmp_path / "fehlt.yaml", code=2)
    step("round", "new", "R2", "-w", folder, code=2)
    step("report", "-w", folder, "--lang", "xx", code=2)
    step("score", "-w", tmp_path / "kein-arbeitsbereich", code=2)
    step("report", "--no-such-option", code=2)
    found = {
        command: english_in(shown.output, data)
        for command, shown in outputs
        if english_in(shown.output, data)
    }
    assert not found, found

    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "bogen.xlsx")
    texts = [
        str(cell)
        for sheet in book.worksheets
        if sheet.sheet_state == "visible"  # the hidden one holds the sheet's origin, for machines
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str)
    ]
    book.close()
    sheet_english = english_in("\n".join(texts), data)
    assert not sheet_english, sheet_english[:10]
    page = (tmp_path / "bericht.html").read_text("utf-8")
    visible = html.unescape(
        re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", "", page, flags=re.S))
    )
    assert not english_in(visible, data)[:10]
