"""Kano pairs with "don't know" on one side: a valid answer in sheets, tables and the terminal,
kept as given and left out of the classification."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

from ws_kit import fill_workbook, stored_answers

from ccassess.plugin.registry import Registry

ONE_SIDED = {"functional": "like", "dysfunctional": "dont_know"}


def test_one_sided_dont_know_in_a_customer_sheet_is_imported(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    sheet = tmp_path / "kunde.xlsx"
    result = run("sheet", "-w", workspace, "-o", sheet, "--perspective", "customer", "--id", "K-1")
    assert result.exit_code == 0, result.output
    fill_workbook(
        sheet,
        {
            "customer_understanding": {
                ("kano_same_day_answer", "functional"): "gefällt mir",
                ("kano_same_day_answer", "dysfunctional"): "weiß nicht",
                ("kano_personal_contact", "functional"): "weiß nicht",
                ("kano_personal_contact", "dysfunctional"): "stört mich",
            }
        },
    )
    result = run("import", "-w", workspace, sheet)
    assert result.exit_code == 0, result.output
    answers = stored_answers(workspace, "K-1")["customer_understanding"]
    assert answers["kano_same_day_answer"] == ONE_SIDED
    assert answers["kano_personal_contact"] == {
        "functional": "dont_know",
        "dysfunctional": "dislike",
    }


def test_one_sided_dont_know_in_the_csv_sheet_and_a_table_is_imported(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    sheet = tmp_path / "kunde.csv"
    result = run(
        "sheet", "-w", workspace, "-o", sheet, "--perspective", "customer", "--id", "K-2",
        "--format", "csv",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with sheet.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    header = rows[0]
    for row in rows[1:]:
        if len(row) > 2 and row[1] == "kano_same_day_answer":
            row[header.index("answer")] = "1" if row[2] == "functional" else "weiß nicht"
    with sheet.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    table = tmp_path / "tabelle.csv"
    table.write_text(
        "id,perspective,customer_understanding.kano_same_day_answer[functional],"
        "customer_understanding.kano_same_day_answer[dysfunctional]\n"
        "K-3,customer,gefällt mir,weiß nicht\n"
        "K-4,customer,don't know,5\n",
        "utf-8",
    )
    result = run("import", "-w", workspace, sheet, table)
    assert result.exit_code == 0, result.output
    assert stored_answers(workspace, "K-2")["customer_understanding"] == {
        "kano_same_day_answer": ONE_SIDED
    }
    assert stored_answers(workspace, "K-3")["customer_understanding"] == {
        "kano_same_day_answer": ONE_SIDED
    }
    assert stored_answers(workspace, "K-4")["customer_understanding"] == {
        "kano_same_day_answer": {"functional": "dont_know", "dysfunctional": "dislike"}
    }


def test_one_sided_dont_know_in_the_terminal_keeps_the_other_side(
    workspace: Path, run: Callable, registry: Registry
) -> None:
    module = registry.modules["customer_understanding"]
    kano = [q.id for _, q in module.questions() if q.type == "kano"]
    # the first Kano item: "like", then "don't know"; then quit
    lines = []
    for _, question in module.questions():
        if not question.asked_of("customer"):
            continue
        if question.id == kano[0]:
            lines += ["1", "?", "q"]
            break
        lines.append("")  # skip
    result = run(
        "survey", "-w", workspace, "--id", "T-9", "--perspective", "customer",
        "--module", "customer_understanding", input="\n".join(lines) + "\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert stored_answers(workspace, "T-9")["customer_understanding"] == {kano[0]: ONE_SIDED}


def test_one_sided_dont_know_is_counted_but_not_classified(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    table = tmp_path / "tabelle.csv"
    column = "customer_understanding.kano_same_day_answer"
    table.write_text(
        f"id,perspective,{column}[functional],{column}[dysfunctional]\n"
        "K-1,customer,1,5\nK-2,customer,1,5\nK-3,customer,1,weiß nicht\n"
        "K-4,customer,weiß nicht,weiß nicht\n"
        # three more classified pairs: five in all, the workspace's anonymity threshold
        "K-5,customer,1,5\nK-6,customer,1,5\nK-7,customer,1,5\n",
        "utf-8",
    )
    assert run("import", "-w", workspace, table).exit_code == 0
    result = run("score", "-w", workspace, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (module,) = [m for m in data["modules"] if m["id"] == "customer_understanding"]
    features = {f["id"]: f for f in module["analysis"]["kano"]["features"]}
    feature = features["kano_same_day_answer"]
    assert feature["n"] == 5
    assert feature["dont_know"] == 1
    assert feature["category"] == "one_dimensional"
    assert feature["shares"]["one_dimensional"] == 1.0
    html = tmp_path / "bericht.html"
    assert run("report", "-w", workspace, "-o", html).exit_code == 0
    assert "Nicht eingeordnet: 1 Antwortpaar(e) mit „weiß nicht“ auf einer Seite" in (
        html.read_text("utf-8")
    )
