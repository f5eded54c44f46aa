"""Detection, --from, mapping files and their errors: every problem names its place and
nothing is written until everything is right."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from test_exports import google_rows, ms_forms_rows, qualtrics_rows
from tools_kit import (
    GRID,
    PEOPLE,
    database_text,
    errors,
    expected,
    stored,
    wording,
    write_csv,
    write_xlsx,
)

Run = Callable[..., Any]
KNOWN = (
    "ccassess reads exports of Microsoft Forms (ms_forms), Google Forms (google_forms), "
    "LimeSurvey (limesurvey), SurveyMonkey (surveymonkey), Qualtrics (qualtrics), "
    "Typeform (typeform), KoboToolbox (kobo)"
)


def sosci_rows() -> list[list[Any]]:
    """A tool ccassess does not know (SoSci Survey's layout)."""
    header = [
        "CASE",
        "SERIAL",
        "REF",
        "QUESTNNR",
        "MODE",
        "STARTED",
        "CP01_01",
        "CP01_02",
        "NP01",
        "TIME001",
        "LASTPAGE",
        "FINISHED",
    ]
    return [
        header,
        [41, "", "", "kunden", "interview", "2026-11-12 10:00:00", 4, 5, 9, 60, 3, 1],
        [42, "", "", "kunden", "interview", "2026-11-12 10:05:00", 2, 1, 6, 75, 3, 1],
    ]


def test_unknown_tool_lists_the_known_ones_then_reads_it_generically(
    ws: Path, cc: Run, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "data_kunden_2026.csv", sosci_rows(), delimiter=";")
    refused = cc("import", "-w", ws, path)
    assert refused.exit_code == 2
    (line,) = errors(refused.stderr)
    assert line.startswith(
        f"error: {path}: cannot tell which survey tool wrote this file "
        "(first columns: 'CASE', 'SERIAL', 'REF', 'QUESTNNR'); "
    )
    assert KNOWN in line and "--from TOOL" in line and "--from generic" in line
    unknown = tmp_path / "answers.sav"
    unknown.write_bytes(b"$FL2@(#) SPSS DATA FILE")
    refused = cc("import", "-w", ws, unknown)
    assert "unknown file type; ccassess reads" in refused.stderr and "Qualtrics" in refused.stderr
    wrong = cc("import", "-w", ws, path, "--from", "sosci")
    assert wrong.exit_code == 2
    assert "unknown format 'sosci' for --from; ccassess reads: " in wrong.stderr
    assert "qualtrics (Qualtrics data exports" in wrong.stderr

    proposal = cc("import", "-w", ws, path, "--from", "generic", "--suggest-mapping")
    assert proposal.exit_code == 0, proposal.output
    assert "tool: generic" in proposal.stdout and '"CP01_01": null' in proposal.stdout
    assert "# survey-tool metadata" not in proposal.stdout
    mapping = tmp_path / "sosci.yaml"
    mapping.write_text(
        "tool: generic\nperspective: customer\ncolumns:\n"
        "  CASE: ignore\n  SERIAL: ignore\n  REF: ignore\n  QUESTNNR: ignore\n  MODE: ignore\n"
        "  STARTED: ignore\n  CP01_01: customer_perception.simp_find_information\n"
        "  CP01_02: customer_perception.simp_buy\n  NP01: customer_metrics.nps_rating\n"
        "  TIME001: ignore\n  LASTPAGE: ignore\n  FINISHED: ignore\n",
        "utf-8",
    )
    result = cc("import", "-w", ws, path, "--mapping", mapping)  # the mapping says generic
    assert result.exit_code == 0, result.output
    answers = sorted(a["customer_perception"]["simp_buy"] for _, a in stored(ws).values())
    assert answers == [1, 5]


def test_mapping_that_names_an_unknown_question_is_rejected_with_its_line(
    ws: Path, cc: Run, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "export.csv", qualtrics_rows(False, "de"), bom=True)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        """\
tool: qualtrics
columns:
  Q1_1: customer_perception.simp_find_information
  Q1_2: customer_perception.simp_buyy
  Q1_3: kundenwahrnehmung.svc_quick_response
  Q2: customer_metrics.nps_rating
  Q3: customer_metrics.csat_rating
  Q4_1: kontakt.bereiche[beratung]
  Q4_2: kontakt.bereiche[versand]
  Q4_3: kontakt.bereiche
  Q5: kontakt.kanaele
  Q6:
  IPAddress: kontakt.anmerkung
colums: {}
""",
        "utf-8",
    )
    before = database_text(ws)
    result = cc("import", "-w", ws, path, "--mapping", mapping)
    assert result.exit_code == 2
    assert errors(result.stderr) == [
        f"error: {mapping}:14: unknown key 'colums'; a mapping has tool, perspective, codes, "
        "columns, answers",
        f"error: {mapping}:4: column 'Q1_2': unknown question 'simp_buyy' in module "
        "'customer_perception'",
        f"error: {mapping}:5: column 'Q1_3': unknown module 'kundenwahrnehmung'; modules of this "
        "assessment: customer_metrics, customer_perception, kontakt",
        f"error: {mapping}:9: column 'Q4_2': kontakt.bereiche has no row, part or option "
        "'versand'; it has: beratung, lieferung, rechnung",
        f"error: {mapping}:10: column 'Q4_3': kontakt.bereiche is a matrix question: name the "
        "row or part in brackets, e.g. kontakt.bereiche[beratung] (it has: beratung, "
        "lieferung, rechnung)",
        f"error: {mapping}:12: column 'Q6' has no target; write a question (module.question), a "
        "respondent detail or ignore",
        f"error: {mapping}:13: column 'IPAddress' holds personal data, which ccassess does not "
        "import",
        f"error: {path}, row 1, column 'Q1_2': the column is not in the mapping {mapping}; map "
        'it to a question or write "Q1_2": ignore',
        f"error: {path}, row 1, column 'Q1_3': the column is not in the mapping {mapping}; map "
        'it to a question or write "Q1_3": ignore',
        f"error: {path}, row 1, column 'Q4_2': the column is not in the mapping {mapping}; map "
        'it to a question or write "Q4_2": ignore',
        f"error: {path}, row 1, column 'Q4_3': the column is not in the mapping {mapping}; map "
        'it to a question or write "Q4_3": ignore',
        f"error: {path}, row 1, column 'Q6': the column is not in the mapping {mapping}; map it "
        'to a question or write "Q6": ignore',
    ]
    assert database_text(ws) == before  # nothing written


def test_errors_name_file_row_and_column(ws: Path, cc: Run, tmp_path: Path) -> None:
    rows = ms_forms_rows()
    statement = f"{GRID['de']}.{wording('customer_perception', 'simp_buy', 'de')}"
    column = rows[0].index(statement)
    rows[2][column] = "sehr gut"  # no answer of the scale
    rows[1][rows[0].index(wording("customer_metrics", "nps_rating", "de"))] = 11
    path = write_xlsx(tmp_path / "forms.xlsx", rows)
    good = write_csv(tmp_path / "good.csv", google_rows(PEOPLE[:1], "en", False))
    before = database_text(ws)
    result = cc("import", "-w", ws, good, path)
    assert result.exit_code == 2
    found = errors(result.stderr)
    nps = wording("customer_metrics", "nps_rating", "de")
    assert found == [
        f"error: {path}, sheet 'Sheet1', row 2, column '{nps}': answer '11' is none of the "
        "answers of customer_metrics.nps_rating; allowed: 0–10 (0 – sehr unwahrscheinlich … 10 "
        "– sehr wahrscheinlich); give its value in a mapping file (--suggest-mapping proposes "
        "one)",
        f"error: {path}, sheet 'Sheet1', row 3, column '{statement}': answer 'sehr gut' is none "
        "of the answers of customer_perception.simp_buy; allowed: 1–5 (trifft nicht zu … "
        "trifft voll zu); give its value in a mapping file (--suggest-mapping proposes one)",
        f"error: {path}: not everything in this export could be matched with certainty; let "
        f"ccassess propose a mapping with `ccassess import {path} --suggest-mapping > "
        "mapping.yaml`, check it, and import with --mapping mapping.yaml",
    ]
    assert database_text(ws) == before  # the good file was not imported either


def test_from_reads_an_export_whose_header_was_changed(ws: Path, cc: Run, tmp_path: Path) -> None:
    rows = [row[1:] for row in google_rows(PEOPLE[:2], "de", False)]  # timestamp deleted
    path = write_csv(tmp_path / "bearbeitet.csv", rows)
    refused = cc("import", "-w", ws, path)
    assert "cannot tell which survey tool wrote this file" in refused.stderr
    result = cc("import", "-w", ws, path, "--from", "Google-Forms")
    assert result.exit_code == 0, result.output
    assert "read as a Google Forms export (--from;" in result.stderr
    answers = [json.dumps(a, sort_keys=True) for _, a in stored(ws).values()]
    assert sorted(answers) == sorted(json.dumps(expected(p), sort_keys=True) for p in PEOPLE[:2])
    mapping = tmp_path / "q.yaml"
    mapping.write_text("tool: qualtrics\ncolumns: {}\n", "utf-8")
    wrong = cc("import", "-w", ws, path, "--from", "google_forms", "--mapping", mapping)
    assert (
        f"error: {mapping}:1: the mapping is for qualtrics exports, but {path} is a Google "
        "Forms export" in wrong.stderr
    )
