"""Attacks on anonymity (issue 22): a reader who knows the teams tries to recover one
person's score from the JSON and HTML reports. Each attack must recover nothing.

The workspaces are made and reported on through the real CLI; the attacker only reads the
reports, as a board member would.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

LEADERSHIP = [
    "lead_visible",
    "lead_customer_contact",
    "lead_role_model",
    "lead_models_behaviour",
    "lead_delegated",
]
MIRRORED = ["simp_find_information", "simp_buy"]


def person(pid: str, value: Any, *, department: str | None = None, dk: set[str] = frozenset()):
    answers = {q: ("dont_know" if q in dk else value) for q in LEADERSHIP}
    item: dict[str, Any] = {
        "id": pid,
        "perspective": "internal",
        "answers": {
            "leadership": answers,
            "customer_perception": {q: value for q in MIRRORED},
        },
    }
    if department:
        item["department"] = department
    return item


def customer(pid: str, value: int) -> dict[str, Any]:
    return {
        "id": pid,
        "perspective": "customer",
        "answers": {"customer_perception": {q: value for q in MIRRORED}},
    }


def workspace(run: Callable[..., Result], tmp_path: Path, threshold: int) -> Path:
    settings = tmp_path / "settings.yaml"
    settings.write_text(
        yaml.safe_dump(
            {
                "client": "Beispiel AG",
                "modules": ["leadership", "customer_perception"],
                "anonymity_threshold": threshold,
                "departments": ["A", "B"],
            }
        ),
        "utf-8",
    )
    folder = tmp_path / "ws"
    result = run("init", folder, "--from", settings)
    assert result.exit_code == 0, result.output
    return folder


def load(run: Callable[..., Result], folder: Path, people: list[dict[str, Any]], name: str) -> None:
    path = folder.parent / f"{name}.json"
    path.write_text(json.dumps({"respondents": people}), "utf-8")
    result = run("import", "-w", folder, path)
    assert result.exit_code == 0, result.output


def report(run: Callable[..., Result], folder: Path, name: str) -> tuple[dict[str, Any], str]:
    out = folder.parent / f"{name}.json"
    html = folder.parent / f"{name}.html"
    for fmt, path in (("json", out), ("html", html)):
        result = run("report", "-w", folder, "--format", fmt, "-o", path, "--lang", "en")
        assert result.exit_code == 0, result.output
    return json.loads(out.read_text("utf-8")), html.read_text("utf-8")


FIGURES = {"score", "mean", "median", "internal", "customer", "gap", "low", "high", "value"}


def every_figure(data: Any) -> list[float]:
    """Every score-like number in a JSON tree (what an attacker would scan)."""
    found: list[float] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key in FIGURES and isinstance(value, int | float) and not isinstance(value, bool):
                found.append(float(value))
            else:
                found.extend(every_figure(value))
    elif isinstance(data, list):
        for value in data:
            found.extend(every_figure(value))
    return found


def department(result: dict[str, Any], name: str) -> dict[str, Any] | None:
    groups = (result.get("departments") or {}).get("groups") or []
    return next((g for g in groups if g["name"] == name), None)


def likert_score(value: int) -> float:
    return (value - 1) / 4 * 100


@pytest.mark.parametrize("threshold", [3, 5])
def test_dont_know_colleagues_do_not_expose_the_one_who_answered(run, tmp_path, threshold):
    """Department B has `threshold` members; all but one answer every leadership item
    "don't know". The one who answered must not be readable from B's figures."""
    folder = workspace(run, tmp_path, threshold)
    team_a = [person(f"a{i}", 1 + i % 5, department="A") for i in range(threshold + 3)]
    lone = person("b-lone", 5, department="B")
    silent = [person(f"b{i}", 3, department="B", dk=set(LEADERSHIP)) for i in range(threshold - 1)]
    load(run, folder, [*team_a, lone, *silent], "answers")
    result, html = report(run, folder, "r")
    secret = likert_score(5)  # the lone respondent's own leadership score: 100
    group_b = department(result, "B")
    assert group_b is None or group_b["modules"].get("leadership") is None
    # Subtraction: total × everyone − A × its members would give B's sum.
    staff = result["modules"][0]["by_perspective"]["internal"]
    group_a = department(result, "A")
    if staff["score"] is not None and group_a and group_a["modules"].get("leadership"):
        n_a = len(team_a)
        recovered = staff["score"] * (n_a + 1) - group_a["modules"]["leadership"] * n_a
        assert abs(recovered - secret) > 0.5
    assert 'class="num"><strong>100</strong>' not in html


def test_five_colleagues_one_item_dont_know(run, tmp_path):
    """Threshold 5: four colleagues answer one item "don't know", the fifth answers it; the
    group's figure must not rest on the fifth alone for that item."""
    folder = workspace(run, tmp_path, 5)
    team_a = [person(f"a{i}", 2, department="A") for i in range(8)]
    team_b = [person(f"b{i}", 3, department="B", dk={"lead_visible"}) for i in range(4)]
    fifth = person("b-fifth", 3, department="B")
    fifth["answers"]["leadership"]["lead_visible"] = 5
    load(run, folder, [*team_a, *team_b, fifth], "answers")
    result, _ = report(run, folder, "r")
    group_b = department(result, "B")
    assert group_b is not None
    # B's leadership score rests on the items all five answered: exactly 50, no trace of
    # the fifth's "5" on lead_visible (which would lift it to 60).
    assert group_b["modules"]["leadership"] == pytest.approx(50.0)
    question = result["modules"][0]["dimensions"][0]["questions"][0]
    assert question["id"] == "lead_visible"


def test_five_staff_one_answers_an_item_the_others_do_not_know(run, tmp_path):
    """Threshold 5, five staff in all: four answer one item "don't know", the fifth answers
    it. The item's figure (and everything built on it) must not be the fifth's answer."""
    folder = workspace(run, tmp_path, 5)
    four = [person(f"s{i}", 2, dk={"lead_visible"}) for i in range(4)]
    fifth = person("s-fifth", 2)
    fifth["answers"]["leadership"]["lead_visible"] = 5
    load(run, folder, [*four, fifth], "answers")
    result, _ = report(run, folder, "r")
    leadership = result["modules"][0]
    visible = leadership["dimensions"][0]
    item = next(q for q in visible["questions"] if q["id"] == "lead_visible")
    assert item["by_perspective"]["internal"]["mean"] is None
    assert item["score"] is None and item["stats"]["mean"] is None
    # the dimension rests on the items all five answered: 25, 25, 25 and the reverse-coded
    # lead_delegated 75 → 37.5; with the fifth's 100 on lead_visible it would be 50
    assert visible["by_perspective"]["internal"]["score"] == pytest.approx(37.5)


def test_lone_customer_is_not_a_group(run, tmp_path):
    """One customer among staff: no customers' view, no perception gap, no trace of their
    answer anywhere in the JSON."""
    folder = workspace(run, tmp_path, 3)
    staff = [person(f"s{i}", 4, department="A") for i in range(6)]
    load(run, folder, [*staff, customer("c-lone", 2)], "answers")
    result, html = report(run, folder, "r")
    assert result["by_perspective"]["customer"]["score"] is None
    assert result["mirror"] is None
    for module in result["modules"]:
        assert module["by_perspective"]["customer"]["score"] is None
        assert module["mirror"] is None
        for dimension in module["dimensions"]:
            assert dimension["mirror"] is None
            for question in dimension["questions"]:
                stats = question["by_perspective"].get("customer")
                assert stats is None or stats["mean"] is None
    staff_score = likert_score(4)
    secret = likert_score(2)  # 25; the gap would be 75 − 25 = 50
    # (leadership is staff-only; a reverse-coded item there scores 25 for the staff's "4")
    numbers = every_figure(
        [result["by_perspective"], result["mirror"], result["outcomes"], result["modules"][1]]
    )
    assert secret not in numbers
    assert staff_score - secret not in numbers
    assert "Perception gap" not in html or "50" not in re.findall(r">(\d+)<", html)


def _late_respondent_attack(run, tmp_path, change: Callable[[Path], None]) -> None:
    folder = workspace(run, tmp_path, 3)
    team = [person(f"a{i}", 1 + i % 5, department="A") for i in range(6)]
    team_b = [person(f"b{i}", 3, department="B") for i in range(4)]
    load(run, folder, [*team, *team_b], "first")
    before, _ = report(run, folder, "before")
    change(folder)
    after, html = report(run, folder, "after")
    # The attack: 7 × after − 6 × before (department A; the staff as a whole likewise).
    a_before = department(before, "A")["modules"]["leadership"]
    a_after = (department(after, "A") or {"modules": {}})["modules"].get("leadership")
    staff_before = before["modules"][0]["by_perspective"]["internal"]["score"]
    staff_after = after["modules"][0]["by_perspective"]["internal"]["score"]
    assert a_after is None, "department A's changed figure is shown"
    assert staff_after is None, "the staff's changed figure is shown"
    assert a_before is not None and staff_before is not None
    assert after["privacy"]["withheld"], "the report does not say why"
    assert "Withheld" in html


def test_late_respondent_cannot_be_subtracted(run, tmp_path):
    def late(folder: Path) -> None:
        load(run, folder, [person("late", 5, department="A")], "late")

    _late_respondent_attack(run, tmp_path, late)


def test_forgotten_respondent_cannot_be_subtracted(run, tmp_path):
    def forget(folder: Path) -> None:
        result = run("forget", "-w", folder, "a3", "--yes")
        assert result.exit_code == 0, result.output

    _late_respondent_attack(run, tmp_path, forget)


def test_accepting_the_risk_is_explicit_and_recorded(run, tmp_path):
    folder = workspace(run, tmp_path, 3)
    load(run, folder, [person(f"a{i}", 2, department="A") for i in range(6)], "first")
    report(run, folder, "before")
    load(run, folder, [person("late", 5, department="A")], "late")
    out = tmp_path / "accepted.json"
    result = run(
        "report", "-w", folder, "--format", "json", "-o", out, "--accept-differencing-risk"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text("utf-8"))
    assert data["privacy"]["accepted"] and not data["privacy"]["withheld"]
    assert data["modules"][0]["score"] is not None
    import sqlite3

    connection = sqlite3.connect(folder / "ccassess.db")
    try:
        accepted = [row[0] for row in connection.execute("SELECT accepted FROM releases")]
    finally:
        connection.close()
    assert accepted[-1] > 0


def test_lone_customers_kano_answers_are_not_shown(run, tmp_path):
    """Two customers classify a Kano feature (threshold 3): the analysis keeps their number,
    never the categories they chose."""
    folder = tmp_path / "ws"
    settings = tmp_path / "settings.yaml"
    settings.write_text(
        yaml.safe_dump(
            {"client": "X", "modules": ["customer_understanding"], "anonymity_threshold": 3}
        ),
        "utf-8",
    )
    assert run("init", folder, "--from", settings).exit_code == 0
    answer = {"functional": "like", "dysfunctional": "dislike"}  # one-dimensional
    people = [
        {
            "id": f"k{n}",
            "perspective": "customer",
            "answers": {"customer_understanding": {"kano_same_day_answer": answer}},
        }
        for n in range(2)
    ]
    load(run, folder, people, "kano")
    result, html = report(run, folder, "r")
    module = next(m for m in result["modules"] if m["id"] == "customer_understanding")
    feature = next(
        f for f in module["analysis"]["kano"]["features"] if f["id"] == "kano_same_day_answer"
    )
    assert feature["n"] == 2 and feature["suppressed"] is True
    assert feature["category"] is None and feature["shares"] is None and feature["counts"] is None
    assert "one-dimensional" not in html.lower() or "Same-day answer" not in html


def test_a_withheld_group_is_told_in_the_users_language(run, tmp_path):
    """The CLI's note on what a report withholds speaks the user's language, like its
    other messages (the report itself speaks the report's)."""
    folder = workspace(run, tmp_path, 3)
    team = [person(f"a{i}", 1 + i % 5, department="A") for i in range(6)]
    load(run, folder, [*team, *[person(f"b{i}", 3, department="B") for i in range(4)]], "first")
    report(run, folder, "before")
    load(run, folder, [person("late", 5, department="A")], "late")
    german = run(
        "report",
        "-w",
        folder,
        "--format",
        "json",
        "-o",
        tmp_path / "de.json",
        env={"CCASSESS_LANG": "de"},
    )
    assert german.exit_code == 0, german.output
    notes = [line for line in german.stderr.splitlines() if line.startswith("Hinweis: ")]
    assert notes and all("Zurückgehalten" in line for line in notes), german.stderr
    assert "Withheld" not in german.stderr and "note:" not in german.stderr
