"""Answer sheets: written by `sheet`, filled through openpyxl, imported and scored; bad
sheets give precise errors and import nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ws_kit import DEMO, fill_workbook, respondent_ids, snapshot, write_responses

from ccassess.plugin.registry import Registry
from ccassess.questions import present
from ccassess.workspace import Workspace


def likert_answers(
    registry: Registry, module_id: str, perspective: str, value: int, lang: str = "de"
) -> tuple[dict[Any, Any], dict[str, Any]]:
    """Sheet cells (drop-down labels) and the equivalent response-file answers."""
    module = registry.modules[module_id]
    cells: dict[Any, Any] = {}
    plain: dict[str, Any] = {}
    for _, question in module.questions():
        if question.type == "likert" and question.asked_of(perspective):
            qtype = registry.question_types[question.type]
            label = next(
                c.label for c in present.choices(qtype, question, lang) or [] if c.value == value
            )
            cells[question.id] = label
            plain[question.id] = value
    return cells, plain


def scores(result_json: str) -> dict[str, Any]:
    """Each module's answers as scored (one respondent: below the anonymity threshold, so
    the coverage the answers give, not the scores, which are not shown)."""
    data = json.loads(result_json)
    return {
        m["id"]: (m["score"], [(d["score"], d["coverage"]) for d in m["dimensions"]])
        for m in data["modules"]
    }


def test_sheet_filled_imported_and_scored(
    workspace: Path, tmp_path: Path, run: Callable, registry: Registry
) -> None:
    sheet = tmp_path / "erika.xlsx"
    result = run("sheet", "-w", workspace, "-o", sheet, "--id", "I-900")
    assert result.exit_code == 0, result.output
    leadership, leadership_plain = likert_answers(registry, "leadership", "internal", 4)
    silo, silo_plain = likert_answers(registry, "silo_check", "internal", 2)
    silo[("understanding_matrix", "Vertrieb")] = "5 – sehr gut"
    silo[("understanding_matrix", "Finanzen")] = "weiß nicht"
    silo[("understanding_matrix", "Personal")] = 2  # typed in, not picked: fine too
    silo_plain["understanding_matrix"] = {"Vertrieb": 5, "Finanzen": "dont_know", "Personal": 2}
    leadership["lead_visible"] = "weiß nicht"
    leadership_plain["lead_visible"] = "dont_know"
    activities = {
        ("activities", 1): ("Wochenbericht an die Zentrale", 10, "nur Reporting"),
        ("activities", 2): ("Kundenanrufe", 40, "hilft dem Kunden"),
    }
    fill_workbook(
        sheet,
        {"leadership": leadership, "silo_check": silo, "customer_or_reporting": activities},
        respondent={"department": "Marketing", "role": "Teamleitung", "name": "Erika Muster"},
    )

    result = run("import", "-w", workspace, sheet)
    assert result.exit_code == 0, result.output
    assert "imported 1 respondent(s) from 1 file(s) into round 'R1'" in result.stdout
    assert respondent_ids(workspace) == ["I-900"]

    # The same answers as a response file score identically.
    plain = write_responses(
        tmp_path / "plain.yaml",
        [
            {
                "id": "I-900",
                "perspective": "internal",
                "department": "Marketing",
                "role": "Teamleitung",
                "answers": {
                    "leadership": leadership_plain,
                    "silo_check": silo_plain,
                    "customer_or_reporting": {
                        "activities": [
                            {
                                "activity": "Wochenbericht an die Zentrale",
                                "share": 10,
                                "category": "reporting",
                            },
                            {"activity": "Kundenanrufe", "share": 40, "category": "customer"},
                        ]
                    },
                },
            }
        ],
    )
    from_sheet = run("score", "-w", workspace, "--format", "json")
    from_file = run("score", "-a", DEMO / "assessment.yaml", plain, "--format", "json")
    assert from_sheet.exit_code == 0, from_sheet.output
    assert from_file.exit_code == 0, from_file.output
    assert scores(from_sheet.stdout) == scores(from_file.stdout)
    assert scores(from_sheet.stdout)["leadership"][1][0][1]["answered"] > 0
    assert "Erika" not in from_sheet.stdout  # names never reach results

    # Importing the same sheet again is recognised, not duplicated.
    again = run("import", "-w", workspace, sheet)
    assert again.exit_code == 0, again.output
    assert "skipped 1 already imported" in again.stdout
    assert "respondent 'I-900' is already in round 'R1'" in again.stderr
    assert respondent_ids(workspace) == ["I-900"]


def test_customer_sheet_with_kano_in_english(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    sheet = tmp_path / "customer.xlsx"
    assert (
        run(
            "sheet", "-w", workspace, "-o", sheet, "--perspective", "customer", "--lang", "en"
        ).exit_code
        == 0
    )
    fill_workbook(
        sheet,
        {
            "customer_understanding": {
                ("kano_same_day_answer", "functional"): "I like it",
                ("kano_same_day_answer", "dysfunctional"): "I dislike it",
                ("kano_personal_contact", "functional"): "don't know",
                ("kano_personal_contact", "dysfunctional"): "don't know",
                "fb_listened_to": "4 – tend to agree",
            }
        },
    )
    result = run("import", "-w", workspace, sheet)
    assert result.exit_code == 0, result.output
    (respondent,) = respondent_ids(workspace)
    assert respondent.startswith("S-")  # no id given: derived from the content
    with Workspace.open(workspace) as ws:
        (stored,) = ws.respondents(ws.round())
    assert stored.perspective == "customer"
    assert stored.answers["customer_understanding"] == {
        "kano_same_day_answer": {"functional": "like", "dysfunctional": "dislike"},
        "kano_personal_contact": "dont_know",
        "fb_listened_to": 4,
    }
    # Without an id, a re-import is still recognised (the id comes from the content).
    again = run("import", "-w", workspace, sheet)
    assert "skipped 1 already imported" in again.stdout


@pytest.fixture
def blank_sheet(workspace: Path, tmp_path: Path, run: Callable) -> Path:
    path = tmp_path / "sheet.xlsx"
    assert run("sheet", "-w", workspace, "-o", path, "--id", "I-1").exit_code == 0
    return path


def _row_of(path: Path, sheet: str, question: str) -> int:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True)
    for number, row in enumerate(workbook[sheet].iter_rows(values_only=True), start=1):
        if row[0] == question:
            return number
    raise AssertionError(question)


def _refused(result: Any, *fragments: str) -> list[str]:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors, result.stderr
    for fragment in fragments:
        assert any(fragment in line for line in errors), (fragment, errors)
    return errors


def test_wrong_drop_down_value(workspace: Path, blank_sheet: Path, run: Callable) -> None:
    fill_workbook(
        blank_sheet,
        {
            "leadership": {"lead_visible": "sehr gut", "lead_role_model": "4 – trifft eher zu"},
            "silo_check": {("understanding_matrix", "Vertrieb"): 9},
        },
    )
    before = snapshot(workspace)
    errors = _refused(run("import", "-w", workspace, blank_sheet))
    row = _row_of(blank_sheet, "leadership", "lead_visible")
    assert (
        f"error: {blank_sheet}, sheet 'leadership', row {row}, column 'D': "
        "respondent.answers.leadership.lead_visible: 'sehr gut' is not on the scale; "
        "allowed: 1–5"
    ) in errors
    matrix_row = _row_of(blank_sheet, "silo_check", "understanding_matrix") + 2  # Vertrieb
    assert any(
        f"sheet 'silo_check', row {matrix_row}, column 'D'" in line
        and "row 'Vertrieb': 9 is not on the scale" in line
        for line in errors
    ), errors
    assert len(errors) == 2
    assert snapshot(workspace) == before


def test_deleted_column(workspace: Path, blank_sheet: Path, run: Callable) -> None:
    import openpyxl

    fill_workbook(blank_sheet, {"leadership": {"lead_visible": 4}})
    workbook = openpyxl.load_workbook(blank_sheet)
    workbook["leadership"].delete_cols(4)  # the answer column
    workbook.save(blank_sheet)
    before = snapshot(workspace)
    _refused(
        run("import", "-w", workspace, blank_sheet),
        f"{blank_sheet}, sheet 'leadership', row 1: the column 'Antwort/Answer' is missing",
    )
    assert snapshot(workspace) == before


def test_unknown_module_sheet(workspace: Path, blank_sheet: Path, run: Callable) -> None:
    import openpyxl

    fill_workbook(blank_sheet, {"leadership": {"lead_visible": 4}})
    workbook = openpyxl.load_workbook(blank_sheet)
    workbook["dos_donts"].title = "marketing_mix"
    workbook.save(blank_sheet)
    before = snapshot(workspace)
    _refused(
        run("import", "-w", workspace, blank_sheet),
        f"{blank_sheet}, sheet 'marketing_mix': sheet 'marketing_mix' is not a module of "
        "this assessment",
    )
    assert snapshot(workspace) == before


def test_empty_and_renamed_files(
    workspace: Path, tmp_path: Path, blank_sheet: Path, run: Callable
) -> None:
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    pdf = tmp_path / "report.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n")
    zipped = tmp_path / "archive.xlsx"
    import zipfile

    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("notes.txt", "hello")
    fill_workbook(blank_sheet, {"leadership": {"lead_visible": 4}})  # a good one among them
    before = snapshot(workspace)
    errors = _refused(
        run("import", "-w", workspace, blank_sheet, empty, pdf, zipped),
        f"error: {empty}: the file is empty",
        f"error: {pdf}: not an Excel workbook (.xlsx): the file is not a ZIP archive",
        f"error: {zipped}: not an Excel workbook (.xlsx): a ZIP archive without a workbook",
    )
    assert len(errors) == 3
    assert snapshot(workspace) == before  # the good sheet was not imported either


def test_formulas_never_evaluated_and_text_kept(
    workspace: Path, blank_sheet: Path, run: Callable
) -> None:
    import openpyxl

    workbook = openpyxl.load_workbook(blank_sheet)
    sheet = workbook["leadership"]
    row = _row_of(blank_sheet, "leadership", "lead_visible")
    sheet.cell(row=row, column=4).value = "=2+2"  # a formula without a cached value
    workbook["Angaben"]["C5"] = '=HYPERLINK("http://example.com")'  # role
    workbook.save(blank_sheet)
    fill_workbook(blank_sheet, {"leadership": {"lead_role_model": 3}})
    result = run("import", "-w", workspace, blank_sheet)
    assert result.exit_code == 0, result.output
    with Workspace.open(workspace) as ws:
        (stored,) = ws.respondents(ws.round())
    # The formula was not run: the cell counts as empty (no value saved by Excel).
    assert stored.answers == {"leadership": {"lead_role_model": 3}}


def test_csv_sheet_round_trip(workspace: Path, tmp_path: Path, run: Callable) -> None:
    import csv

    path = tmp_path / "answers.csv"
    assert run("sheet", "-w", workspace, "-o", path, "--format", "csv").exit_code == 0
    rows = list(csv.reader(path.read_text("utf-8-sig").splitlines()))
    assert rows[0] == ["section", "id", "part", "question", "answer", "allowed"]
    for row in rows:
        if row[:2] == ["respondent", "id"]:
            row[4] = "I-77"
        if row[:2] == ["respondent", "department"]:
            row[4] = "Vertrieb"
        if row[:2] == ["leadership", "lead_visible"]:
            row[4] = "5 – trifft voll zu"
        if row[:3] == ["silo_check", "understanding_matrix", "Marketing"]:
            row[4] = "3"
        if row[:3] == ["customer_or_reporting", "activities", "1"]:
            row[4] = "Angebote schreiben; 30; erleichtert den Verkauf"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, delimiter=";").writerows(rows)  # German Excel writes ';'
    result = run("import", "-w", workspace, path)
    assert result.exit_code == 0, result.output
    with Workspace.open(workspace) as ws:
        (stored,) = ws.respondents(ws.round())
    assert stored.id == "I-77" and stored.department == "Vertrieb"
    assert stored.answers == {
        "leadership": {"lead_visible": 5},
        "silo_check": {"understanding_matrix": {"Marketing": 3}},
        "customer_or_reporting": {
            "activities": [{"activity": "Angebote schreiben", "share": 30, "category": "selling"}]
        },
    }


def test_sheet_text_is_neutralised(tmp_path: Path, write: Callable, run: Callable) -> None:
    import openpyxl

    assessment = write(
        "assessment.yaml",
        """
        client: "=HYPERLINK(\\"http://evil.example\\")"
        departments: ["-Vertrieb", "@Marketing", "Service"]
        modules: [silo_check]
    """,
    )
    folder = tmp_path / "ws"
    assert run("init", folder, "--from", assessment).exit_code == 0
    path = tmp_path / "sheet.xlsx"
    assert run("sheet", "-w", folder, "-o", path).exit_code == 0
    workbook = openpyxl.load_workbook(path)
    cells = [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert not [c.value for c in cells if c.value.startswith(("=", "+", "-", "@"))]
    assert all(c.data_type == "s" for c in cells)
    assert '\'=HYPERLINK("http://evil.example")' in [c.value for c in cells]
    # The neutralised department names still read back as the departments.
    fill_workbook(
        path,
        {
            "silo_check": {
                ("understanding_matrix", "'-Vertrieb"): 4,
                ("understanding_matrix", "'@Marketing"): "'-",
            }
        },
        respondent={"id": "I-1", "department": "Service"},
    )
    result = run("import", "-w", folder, path)
    assert result.exit_code == 2
    assert "row '@Marketing': '-' is not on the scale" in result.stderr
    fill_workbook(path, {"silo_check": {("understanding_matrix", "'@Marketing"): None}})
    assert run("import", "-w", folder, path).exit_code == 0
    with Workspace.open(folder) as ws:
        (stored,) = ws.respondents(ws.round())
    assert stored.answers == {"silo_check": {"understanding_matrix": {"-Vertrieb": 4}}}


def test_a_million_rows_are_refused_without_reading_them(
    workspace: Path, blank_sheet: Path, run: Callable
) -> None:
    import re
    import zipfile

    fill_workbook(blank_sheet, {"leadership": {"lead_visible": 4}})
    with zipfile.ZipFile(blank_sheet) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = next(
        name
        for name, data in parts.items()
        if name.startswith("xl/worksheets/") and b"lead_visible" in data
    )
    parts[sheet] = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:H1048576"', parts[sheet])
    huge = blank_sheet.with_name("huge.xlsx")
    with zipfile.ZipFile(huge, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    before = snapshot(workspace)
    _refused(
        run("import", "-w", workspace, huge),
        f"error: {huge}, sheet 'leadership': the sheet has 1,048,576 rows; an answer sheet "
        "has at most 10,000",
    )
    assert snapshot(workspace) == before
