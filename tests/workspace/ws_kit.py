"""Helpers for the workspace tests: real workspaces, real workbooks, the real CLI."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "plugins" / "ccassess_demo" / "muster_handels"
CLI = [sys.executable, "-c", "from ccassess.cli import main; main()"]


def database(folder: Path) -> Path:
    return folder / "ccassess.db"


def query(folder: Path, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
    """Read the workspace database directly (a fresh connection, closed afterwards)."""
    connection = sqlite3.connect(database(folder))
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def stored_answers(folder: Path, respondent: str) -> dict[str, dict[str, Any]]:
    """{module: {question: answer}} of one respondent, as the database holds them."""
    rows = query(
        folder,
        "SELECT a.module_id, a.answers FROM answers a JOIN respondents r "
        "ON r.id = a.respondent WHERE r.respondent_id = ?",
        (respondent,),
    )
    return {module_id: json.loads(text) for module_id, text in rows}


def respondent_ids(folder: Path) -> list[str]:
    return [
        row[0]
        for row in query(folder, "SELECT respondent_id FROM respondents ORDER BY respondent_id")
    ]


def snapshot(folder: Path) -> list[str]:
    """Every row of every table: equal snapshots mean an unchanged workspace."""
    connection = sqlite3.connect(database(folder))
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def fill_workbook(
    path: Path,
    answers: Mapping[str, Mapping[Any, Any]],
    respondent: Mapping[str, Any] | None = None,
) -> None:
    """Fill an answer workbook like a respondent would, through openpyxl.

    `answers`: sheet → {question id or (question id, part): value}; an activity row's value
    is (activity, share, category).
    """
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    if respondent:
        sheet = workbook["Angaben"] if "Angaben" in workbook.sheetnames else workbook["Respondent"]
        for row in sheet.iter_rows(min_row=2):
            if row[0].value in respondent:
                row[2].value = respondent[row[0].value]
    # `answers` names module ids; a customers' workbook names its sheets "Part 1", "Part 2", …
    meta = {row[0]: row[1] for row in workbook["_ccassess"].iter_rows(values_only=True)}
    by_module = {v: k[len("sheet:") :] for k, v in meta.items() if str(k).startswith("sheet:")}
    for title, items in answers.items():
        sheet = workbook[by_module.get(title, title)]
        header = [cell.value for cell in sheet[1]]
        index = {name: number for number, name in enumerate(header)}
        answer = index.get("Antwort", index.get("Answer"))
        part_column = index.get("Teil", index.get("Part"))
        for row in sheet.iter_rows(min_row=2):
            question = row[index["ID"]].value
            part = row[part_column].value if part_column is not None else None
            key = (question, part) if part is not None else question
            if key not in items:
                continue
            value = items[key]
            if isinstance(value, tuple):
                row[answer].value, row[answer + 1].value, row[answer + 2].value = value
            else:
                row[answer].value = value
    workbook.save(path)


def write_responses(path: Path, respondents: list[dict[str, Any]]) -> Path:
    path.write_text(
        yaml.safe_dump({"respondents": respondents}, allow_unicode=True, sort_keys=False), "utf-8"
    )
    return path


def run_cli(
    *args: Any, env: Mapping[str, str] | None = None, timeout: float = 60, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    import os

    return subprocess.run(
        [*CLI, *[str(a) for a in args]],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        cwd=cwd,
    )


def start_cli(*args: Any, env: Mapping[str, str] | None = None) -> subprocess.Popen:
    import os

    return subprocess.Popen(
        [*CLI, *[str(a) for a in args]],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
