"""A workspace with two rounds gets a trend section; one round gets none."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ccassess.testing import visible_text

DEMO = Path(__file__).resolve().parents[2] / "plugins" / "ccassess_demo" / "muster_handels"


def text_of(path: Path) -> str:
    return visible_text(path.read_text("utf-8"))


def test_trend_section_compares_rounds(tmp_path: Path, run: Callable) -> None:
    workspace = tmp_path / "ws"
    assert run("init", workspace, "--from", DEMO / "assessment.yaml").exit_code == 0
    # round 1: internal respondents only; round 2 adds the customers
    assert run("import", "-w", workspace, DEMO / "responses" / "internal.yaml").exit_code == 0
    single = tmp_path / "one.html"
    assert run("report", "-w", workspace, "--format", "html", "-o", single).exit_code == 0
    assert "Entwicklung seit der letzten Runde" not in text_of(single)

    assert run("round", "new", "-w", workspace, "zweite").exit_code == 0
    assert run("import", "-w", workspace, DEMO / "responses").exit_code == 0
    both = tmp_path / "two.html"
    result = run("report", "-w", workspace, "--format", "html", "-o", both, "--lang", "en")
    assert result.exit_code == 0, result.output
    text = text_of(both)
    assert "Trend since earlier rounds" in text
    scores = run("score", "-w", workspace, "--format", "json")
    import json

    data = json.loads(scores.stdout)
    (earlier,) = data["trend"]
    # maturity is the staff's score: adding the customers in round 2 does not move it
    assert earlier["score"] == data["score"]
    assert f"Overall {round(earlier['score'])} {round(data['score'])} ±0" in text
    assert "Largest changes by dimension" in text
