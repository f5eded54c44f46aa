"""Sheets outside a workspace: `sheet` needs a workspace or an assessment file; `validate`,
`score` and `report` with files read answer sheets (.xlsx, .csv) as `import` does; `round
list` and `validate` print data with --format json."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from ws_kit import DEMO, fill_workbook


def test_sheet_outside_a_workspace_is_refused_not_generic(
    tmp_path: Path, run: Callable, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("sheet", "-o", "bogen.xlsx")
    assert result.exit_code == 2, result.output
    assert "not a ccassess workspace; give the workspace (-w DIR) or an assessment file" in (
        result.stderr
    )
    assert not (tmp_path / "bogen.xlsx").exists()
    with_settings = run("sheet", "-a", DEMO / "assessment.yaml", "-o", "bogen.xlsx")
    assert with_settings.exit_code == 0, with_settings.output


@pytest.fixture
def filled(tmp_path: Path, run: Callable) -> tuple[Path, Path]:
    """A filled sheet made from the assessment file, and a broken copy of it."""
    good, bad = tmp_path / "gut.xlsx", tmp_path / "kaputt.xlsx"
    for path, value in ((good, "4 – trifft eher zu"), (bad, "sehr gut")):
        result = run(
            "sheet", "-a", DEMO / "assessment.yaml", "-o", path, "--id", f"I-{path.stem}",
            "--module", "leadership",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        fill_workbook(
            path, {"leadership": {"lead_visible": value}}, respondent={"department": "Vertrieb"}
        )
    return good, bad


def test_validate_reads_answer_sheets(filled: tuple[Path, Path], run: Callable) -> None:
    good, bad = filled
    result = run("validate", "-a", DEMO / "assessment.yaml", good)
    assert result.exit_code == 0, result.output
    assert "1 respondent(s): 0 error(s)" in result.stdout
    result = run("validate", "-a", DEMO / "assessment.yaml", good, bad, "--format", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["respondents"] == 1 and data["errors"] == 1
    (problem,) = data["problems"]
    assert problem["file"] == str(bad)
    assert problem["sheet"] == "leadership" and problem["column"] == "D"
    assert "'sehr gut' is not on the scale" in problem["message"]


def test_score_and_report_with_files_read_answer_sheets(
    filled: tuple[Path, Path], tmp_path: Path, run: Callable
) -> None:
    good, bad = filled
    result = run("score", "-a", DEMO / "assessment.yaml", good, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["respondents"]["internal"] == 1
    folder = tmp_path / "bogen"
    folder.mkdir()
    good.rename(folder / good.name)
    out = tmp_path / "r.json"
    result = run("report", "-a", DEMO / "assessment.yaml", folder, "-o", out)
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text("utf-8"))["respondents"]["internal"] == 1
    refused = run("score", "-a", DEMO / "assessment.yaml", bad)
    assert refused.exit_code == 2
    assert "kaputt.xlsx, sheet 'leadership', row" in refused.stderr


def test_round_list_as_json(workspace: Path, run: Callable) -> None:
    assert run("round", "new", "R2", "-w", workspace, "--note", "Herbst").exit_code == 0
    for command in (["round", "list"], ["round"]):
        result = run(*command, "-w", workspace, "--format", "json")
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert [r["name"] for r in data] == ["R1", "R2"]
        assert [r["current"] for r in data] == [False, True]
        assert data[1]["note"] == "Herbst" and data[0]["respondents"] == 0
