"""Key figures: company figures asked once per round, of the consultant or controller.

Staff and customers never see them (sheets, CSV sheets, XLSForm, terminal survey); the
key-figures sheet holds exactly them; two entries that disagree are refused, naming both;
a round answered before the metrics module asked key figures keeps scoring its staff figures.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import openpyxl
from ws_kit import DEMO, fill_workbook, respondent_ids, write_responses

from ccassess.actions.assess import assess
from ccassess.actions.import_files import import_files
from ccassess.actions.inputs import load_workspace_inputs
from ccassess.actions.load_plugins import load_registry
from ccassess.definitions.settings import load_settings
from ccassess.markers import hookimpl
from ccassess.plugin.registry import Registry
from ccassess.survey.session import survey_items
from ccassess.workspace import Workspace

MODULE = "customer_metrics"
FIGURES = {
    "csat_satisfied",
    "csat_responses",
    "nps_promoters",
    "nps_passives",
    "nps_detractors",
    "ces_average",
    "customers_start",
    "customers_lost",
    "customers_new",
    "customers_end",
    "avg_annual_value",
    "avg_lifetime_years",
}


def key_figures(rid: str, answers: dict[str, Any]) -> dict[str, Any]:
    return {"id": rid, "perspective": "key_figures", "answers": {MODULE: answers}}


def sheet_ids(path: Path) -> set[str]:
    """Every question id on the module sheets of an answer workbook."""
    book = openpyxl.load_workbook(path)
    ids: set[str] = set()
    for sheet in book.worksheets:
        if sheet.title.startswith("_") or sheet.title in ("Anleitung", "Angaben"):
            continue
        ids |= {row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}
    return ids


def test_staff_and_customers_are_never_asked_key_figures(
    workspace: Path, tmp_path: Path, run: Callable, registry: Registry
) -> None:
    for perspective in ("internal", "customer"):
        xlsx, csv, form = (tmp_path / f"{perspective}.{ext}" for ext in ("xlsx", "csv", "form"))
        args = ("sheet", "-w", workspace, "--perspective", perspective)
        assert run(*args, "-o", xlsx).exit_code == 0
        assert run(*args, "--format", "csv", "-o", csv).exit_code == 0
        assert run("form", "-w", workspace, "--perspective", perspective, "-o", f"{form}.xlsx")
        asked = sheet_ids(xlsx)
        assert asked and not asked & FIGURES, perspective
        csv_ids = {line.split(",")[1] for line in csv.read_text("utf-8-sig").splitlines()}
        assert not csv_ids & FIGURES, perspective
        survey = openpyxl.load_workbook(f"{form}.xlsx")["survey"]
        names = {row[1] for row in survey.iter_rows(min_row=2, values_only=True)}
        assert not names & FIGURES, perspective
        items = survey_items(list(registry.modules.values()), perspective)
        assert items and not {i.question.id for i in items} & FIGURES, perspective
    # the key-figures sheet holds exactly the figures
    figures = tmp_path / "figures.xlsx"
    args = ("sheet", "-w", workspace, "--perspective", "key_figures", "-o", figures)
    assert run(*args).exit_code == 0
    assert sheet_ids(figures) == FIGURES
    guide = [r[0] for r in openpyxl.load_workbook(figures)["Anleitung"].iter_rows(values_only=True)]
    assert any("einmal je Runde" in str(line) for line in guide)
    assert not any("Abteilung" in str(line) for line in guide)


def test_a_key_figures_sheet_is_imported_and_scored_as_nobody_s_view(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    figures = tmp_path / "figures.xlsx"
    args = ("sheet", "-w", workspace, "--perspective", "key_figures", "--id", "KF-1")
    assert run(*args, "-o", figures).exit_code == 0
    fill_workbook(figures, {MODULE: {"customers_start": 200, "customers_lost": 30}})
    result = run("import", "-w", workspace, figures)
    assert result.exit_code == 0, result.output
    staff = write_responses(
        tmp_path / "staff.yaml",
        [{"id": "I-1", "perspective": "internal", "answers": {MODULE: {"ret_churn_tracked": 4}}}],
    )
    assert run("import", "-w", workspace, staff).exit_code == 0
    scored = run("score", "-w", workspace, "--format", "json")
    assert scored.exit_code == 0, scored.output
    data = json.loads(scored.stdout)
    assert data["respondents"]["internal"] == 1 and data["respondents"]["customer"] == 0
    module = next(m for m in data["modules"] if m["id"] == MODULE)
    churn = module["analysis"]["customer_metrics"]["metrics"]["churn"]
    assert churn["value"] == 15.0 and churn["source"] == "internal_figures"


def test_key_figures_that_disagree_are_refused_naming_both(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    first = write_responses(
        tmp_path / "controlling.yaml", [key_figures("KF-1", {"customers_start": 200})]
    )
    assert run("import", "-w", workspace, first).exit_code == 0
    other = write_responses(
        tmp_path / "finance.yaml",
        [key_figures("KF-2", {"customers_start": 210, "customers_lost": 30})],
    )
    refused = run("import", "-w", workspace, other)
    assert refused.exit_code == 2
    assert "customer_metrics.customers_start is 210 for KF-2, but 200 for KF-1" in refused.stderr
    assert "finance.yaml" in refused.stderr and "Traceback" not in refused.output
    assert respondent_ids(workspace) == ["KF-1"]  # nothing written
    # figures that agree, or that complement each other, are taken and merged
    agreeing = write_responses(
        tmp_path / "finance2.yaml",
        [key_figures("KF-2", {"customers_start": 200, "customers_lost": 30})],
    )
    assert run("import", "-w", workspace, agreeing).exit_code == 0
    data = json.loads(run("score", "-w", workspace, "--format", "json").stdout)
    module = next(m for m in data["modules"] if m["id"] == MODULE)
    assert module["analysis"]["customer_metrics"]["metrics"]["churn"]["value"] == 15.0
    # response files scored directly: the same rule, naming both files
    settings = workspace / "assessment.yaml"
    files = run("score", "-a", settings, first, other)
    assert files.exit_code == 2
    assert "finance.yaml" in files.stderr and "KF-1 (" in files.stderr
    assert "controlling.yaml" in files.stderr
    checked = run("validate", "-a", settings, first, other)
    assert checked.exit_code == 2 and "but 200 for KF-1" in checked.stdout + checked.stderr


def test_key_figures_from_the_terminal_survey_are_checked_against_imports(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    # twelve figures in the module's order; the rest skipped
    answers = "\n".join(["", "", "", "", "", "", "500", "", "", "", "", ""]) + "\n"
    args = ("survey", "-w", workspace, "--perspective", "key_figures", "--id", "KF-T")
    surveyed = run(*args, "--module", MODULE, input=answers)
    assert surveyed.exit_code == 0, surveyed.output
    assert "Abteilung" not in surveyed.output
    conflicting = write_responses(
        tmp_path / "late.yaml", [key_figures("KF-2", {"customers_start": 450})]
    )
    refused = run("import", "-w", workspace, conflicting)
    assert refused.exit_code == 2
    assert "is 450 for KF-2, but 500 for KF-T" in refused.stderr


def _old_metrics_plugin(registry: Registry) -> type:
    """The metrics module as rounds before 2.0.0 answered it: staff entered the figures."""
    definition = json.loads(json.dumps(registry.entries[MODULE].module.definition))
    definition["version"] = "1.2.0"
    for dimension in definition["dimensions"]:
        for question in dimension["questions"]:
            if question.get("perspective") == "key_figures":
                question["perspective"] = "internal"

    class Old:
        @staticmethod
        @hookimpl
        def ccassess_modules() -> list[dict[str, Any]]:
            return [definition]

    return Old


def test_a_round_answered_with_staff_figures_keeps_scoring(
    tmp_path: Path, registry: Registry
) -> None:
    plugin = ("metrics_v1", _old_metrics_plugin(registry))
    old = load_registry(entry_points=False, extra_plugins=[plugin])
    assert old.entries[MODULE].module.version == "1.2.0"
    folder = tmp_path / "old"
    settings = replace(load_settings(DEMO / "assessment.yaml"), modules=(MODULE,))
    Workspace.create(folder, settings, old, "R1").close()  # the round pins the old version
    staff = write_responses(
        tmp_path / "staff.yaml",
        [
            {"id": "I-1", "perspective": "internal", "answers": {MODULE: {"customers_start": 90}}},
            {
                "id": "I-2",
                "perspective": "internal",
                "answers": {MODULE: {"customers_start": 200, "customers_lost": 30}},
            },
        ],
    )
    with Workspace.open(folder) as ws:
        import_files(ws, old, [staff])
    inputs = load_workspace_inputs(registry, folder)  # the installed 2.0.0 is newer
    assert inputs.registry is not None
    assert inputs.registry.entries[MODULE].module.version == "1.2.0"
    result = assess(inputs.registry, inputs.respondents, inputs.settings)
    module = result.module(MODULE)
    assert module is not None
    churn = module.analysis["customer_metrics"]["metrics"]["churn"]
    assert churn["value"] == 15.0  # the most complete staff set (I-2), as before


def test_a_workspace_of_schema_4_takes_key_figures_after_its_migration(
    tmp_path: Path, run: Callable
) -> None:
    from ws_kit import query

    from ccassess.workspace.db import connect
    from ccassess.workspace.schema import SCHEMA_VERSION, migrate

    folder = tmp_path / "old"
    folder.mkdir()
    config = (DEMO / "assessment.yaml").read_text("utf-8")
    (folder / "assessment.yaml").write_text(config + "workspace:\n  format: 1\n", "utf-8")
    database = folder / "ccassess.db"
    connection = connect(database, create=True)
    migrate(connection, database, target=4)
    connection.execute("INSERT INTO rounds (id, name, created) VALUES (1, 'alt', '2026-01-01')")
    connection.commit()
    connection.close()
    figures = write_responses(tmp_path / "kf.yaml", [key_figures("KF-1", {"customers_lost": 3})])
    result = run("import", "-w", folder, figures)
    assert result.exit_code == 0, result.output
    assert query(folder, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert query(folder, "SELECT perspective FROM respondents") == [("key_figures",)]
    assert query(folder, "PRAGMA integrity_check") == [("ok",)]
