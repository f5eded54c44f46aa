"""Benchmarks across clients: `ccassess benchmark build` through the real CLI on real
workspaces, and `report --benchmark` placing a client among them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from ccassess.testing import visible_text
from tests.conftest import DEMO

CUSTOMERS = (60, 52, 44, 36, 30)


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory) -> list[Path]:
    """Five clients: the demo with fewer customers and staff each time (different answers)."""
    from click.testing import CliRunner

    from ccassess.cli import cli

    root = tmp_path_factory.mktemp("clients")
    folders = []
    for index, customers in enumerate(CUSTOMERS):
        answers = root / f"answers{index}"
        answers.mkdir()
        for name, keep in (("customers.yaml", customers), ("internal.yaml", 48 - 3 * index)):
            data = yaml.safe_load((DEMO / "responses" / name).read_text("utf-8"))
            data["respondents"] = data["respondents"][:keep]
            (answers / name).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
        folder = root / f"client{index}"
        for args in (
            ["init", str(folder), "--from", str(DEMO / "assessment.yaml")],
            ["import", "-w", str(folder), str(answers)],
        ):
            result = CliRunner().invoke(cli, args)
            assert result.exit_code == 0, result.output
        folders.append(folder)
    return folders


def test_norm_file_is_anonymous_and_complete(run, workspaces, tmp_path):
    out = tmp_path / "norms.json"
    result = run("benchmark", "build", *workspaces, "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    data = json.loads(text)
    assert data["clients"] == 5 and len(data["metrics"]["overall"]) == 5
    assert data["metrics"]["overall"] == sorted(data["metrics"]["overall"])
    assert "dimension:leadership/strategy" in data["metrics"] or any(
        k.startswith("dimension:") for k in data["metrics"]
    )
    assert "gap" in data["lower_is_better"]
    # no client, no respondent, no answer
    assert "Muster" not in text and "I-001" not in text and "C-001" not in text
    names = [
        r["name"]
        for r in yaml.safe_load((DEMO / "responses" / "internal.yaml").read_text("utf-8"))[
            "respondents"
        ]
        if r.get("name")
    ]
    assert not [n for n in names if n in text]
    assert len(data["contributors"]) >= 5


def test_a_client_counts_once_and_five_are_needed(run, workspaces, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(workspaces[0], copy)
    out = tmp_path / "n.json"
    result = run("benchmark", "build", *workspaces, copy, "-o", out)
    assert result.exit_code == 2 and "twice" in result.output and not out.exists()
    result = run("benchmark", "build", *workspaces[:4], "-o", out)
    assert result.exit_code == 2 and "at least 5" in result.output and not out.exists()


def test_report_places_the_client_among_the_clients(run, workspaces, tmp_path):
    norms = tmp_path / "norms.json"
    assert run("benchmark", "build", *workspaces, "-o", norms).exit_code == 0
    html = tmp_path / "r.html"
    args = ("report", "-w", workspaces[0], "--lang", "en", "--benchmark", norms)
    result = run(*args, "-o", html)
    assert result.exit_code == 0, result.output
    document = html.read_text("utf-8")
    section = visible_text(document.split('data-section="benchmark"')[1].split("</section>")[0])
    assert "among 5 of the consultancy's clients" in section
    assert "Practice maturity" in section and "Dimensions" in section
    assert any(b in section for b in ("top quarter", "bottom quarter", "median"))
    board = tmp_path / "b.html"
    assert run(*args, "--profile", "board", "-o", board).exit_code == 0
    assert "Among the consultancy's clients:" in visible_text(board.read_text("utf-8"))
    data = tmp_path / "r.json"
    assert run(*args, "-o", data).exit_code == 0
    positions = json.loads(data.read_text("utf-8"))["benchmark"]["positions"]
    overall = next(p for p in positions if p["key"] == "overall")
    assert 0 <= overall["percentile"] <= 100


def test_a_bad_norm_file_is_one_line(run, tmp_path):
    bad = tmp_path / "norms.json"
    bad.write_text('{"format": 1, "clients": 5, "metrics": {"overall": ["x"]}}', "utf-8")
    result = run("demo", "--benchmark", bad, "-o", tmp_path / "r.html")
    assert result.exit_code == 2
    assert "norms.json: metrics.overall must be a list of numbers" in result.output
