"""A workspace with two rounds gets a trend section; one round gets none."""

from __future__ import annotations

import re
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


def test_trend_says_what_moved_beyond_noise(tmp_path: Path, run: Callable) -> None:
    """Round 1 with the leadership answers one point lower: round 2 moved leadership up,
    beyond noise, and the unchanged modules stay within it; the board summary says so."""
    import yaml

    earlier = tmp_path / "r1"
    earlier.mkdir()
    for source in (DEMO / "responses").glob("*.yaml"):
        data = yaml.safe_load(source.read_text("utf-8"))
        for respondent in data["respondents"]:
            answers = respondent["answers"].get("leadership", {})
            for key, value in answers.items():
                if type(value) is int and 2 <= value <= 5:
                    answers[key] = value - 1
        (earlier / source.name).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    workspace = tmp_path / "ws"
    assert run("init", workspace, "--from", DEMO / "assessment.yaml").exit_code == 0
    assert run("import", "-w", workspace, earlier).exit_code == 0
    assert run("round", "new", "-w", workspace, "zweite").exit_code == 0
    assert run("import", "-w", workspace, DEMO / "responses").exit_code == 0
    full = tmp_path / "full.html"
    assert run("report", "-w", workspace, "--lang", "en", "-o", full).exit_code == 0
    text = text_of(full)
    moved = text.split("What moved")[1].split("Overall")[0]
    assert re.search(r"Leadership commitment: \+1\d \(95%: \+\d+ to \+\d+\)", moved), moved
    assert "Silo check" not in moved
    assert "beyond noise" in text and "within noise" in text
    assert "Perception gap" in text.split("Trend since earlier rounds")[-1]
    assert "<polyline" in full.read_text("utf-8")  # the trend panels
    board = tmp_path / "board.html"
    result = run("report", "-w", workspace, "--profile", "board", "--lang", "en", "-o", board)
    assert result.exit_code == 0
    summary = text_of(board).split("At a glance")[1]
    assert re.search(r"Since the previous round: Leadership commitment \+1\d \(95%", summary)
