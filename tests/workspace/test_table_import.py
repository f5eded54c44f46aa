"""Tables of answers (one respondent per row) read column by column: every cell still judged
on its own, every problem at its own row and column, nothing written when anything is wrong."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from ws_kit import query, respondent_ids, snapshot, stored_answers

from ccassess.importers.batch import content_hash
from ccassess.io.canonical import encode_answers
from ccassess.model.answers import Respondent

HEAD = ["id", "perspective", "department", "leadership.lead_visible", "leadership.lead_role_model"]


def write_table(path: Path, rows: list[list[Any]], head: list[str] = HEAD) -> Path:
    with path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows([head, *rows])
    return path


def people(count: int, visible: Any = 4, start: int = 0) -> list[list[Any]]:
    return [[f"T-{n:04d}", "internal", "Vertrieb", visible, 3] for n in range(start, start + count)]


def test_the_same_bad_text_is_an_error_in_every_row_it_is_in(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    rows = [
        *people(3),
        ["T-0100", "internal", "Vertrieb", "7", 3],
        *people(3, start=4),
        ["T-0200", "internal", "Vertrieb", "7", 3],
    ]
    before = snapshot(workspace)
    result = run("import", "-w", workspace, write_table(tmp_path / "t.csv", rows))
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if "is not on the scale" in line]
    assert len(errors) == 2
    assert ":5, column 'leadership.lead_visible'" in errors[0]
    assert ":9, column 'leadership.lead_visible'" in errors[1]
    assert snapshot(workspace) == before


def test_labels_and_numbers_in_one_column_mean_the_same(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    rows = [
        ["L-1", "internal", "Vertrieb", "4", "4 – trifft eher zu"],
        ["L-2", "intern", "Vertrieb", "4 – Tend to agree", "4"],
        ["L-3", "internal", "Vertrieb", "weiß nicht", " 4 "],
    ]
    result = run("import", "-w", workspace, write_table(tmp_path / "t.csv", rows))
    assert result.exit_code == 0, result.output
    assert (
        stored_answers(workspace, "L-1")
        == stored_answers(workspace, "L-2")
        == {"leadership": {"lead_visible": 4, "lead_role_model": 4}}
    )
    assert stored_answers(workspace, "L-3") == {
        "leadership": {"lead_visible": "dont_know", "lead_role_model": 4}
    }


def test_an_unknown_column_is_reported_once_where_it_is_first_answered(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    head = [*HEAD, "leadership.no_such_question", "nomodule.q1"]
    rows = [[*row, "", ""] for row in people(2)]
    rows += [[*row, "5", ""] for row in people(3, start=2)]
    table = write_table(tmp_path / "t.csv", rows, head)
    result = run("import", "-w", workspace, table)
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if "no_such_question" in line]
    assert lines == [
        f"error: {table}:4, column 'leadership.no_such_question': unknown question "
        "'no_such_question' in module 'leadership'"
    ]
    assert "nomodule" not in result.stderr  # never answered: nothing to complain about


def test_an_error_in_the_last_row_of_a_long_table_writes_nothing(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    rows = [*people(1500), ["T-9999", "internal", "Nowhere", 4, 3]]
    before = snapshot(workspace)
    result = run("import", "-w", workspace, write_table(tmp_path / "t.csv", rows))
    assert result.exit_code == 2
    assert ":1502, column 'department'" in result.stderr
    assert "unknown department 'Nowhere'" in result.stderr
    assert snapshot(workspace) == before


def test_a_long_table_is_imported_whole_and_recognised_when_imported_again(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    table = write_table(tmp_path / "t.csv", people(1500))
    first = run("import", "-w", workspace, table)
    assert first.exit_code == 0, first.output
    assert "imported 1500 respondent(s)" in first.stdout
    assert len(respondent_ids(workspace)) == 1500
    assert query(workspace, "SELECT count(*) FROM answers") == [(1500,)]
    again = run("import", "-w", workspace, table)
    assert again.exit_code == 0, again.output
    assert "imported 0 respondent(s), skipped 1500 already imported" in again.stdout


answers = st.dictionaries(
    st.text(min_size=1, max_size=12),
    st.one_of(
        st.integers(-5, 200),
        st.text(max_size=20),
        st.booleans(),
        st.none(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.dictionaries(st.text(max_size=8), st.integers(0, 9), max_size=4),
        st.lists(st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=3), max_size=3),
    ),
    max_size=12,
)
texts = st.one_of(st.none(), st.text(max_size=20))


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.text(min_size=1, max_size=12), answers, max_size=4),
    st.sampled_from(["internal", "customer"]),
    texts,
    texts,
    texts,
)
def test_content_hashes_match_the_ones_stored_by_earlier_versions(
    by_module: dict[str, dict[str, Any]],
    perspective: str,
    department: str | None,
    role: str | None,
    name: str | None,
) -> None:
    """Workspaces store a hash per respondent to recognise re-imports; it must not change.
    (Since schema 4 it leaves the name out, and opening an older workspace hashes again.)"""
    person = Respondent("X", perspective, by_module, role, department, name)  # type: ignore[arg-type]
    content = {
        "perspective": perspective,
        "department": department,
        "role": role,
        "name": None,
        "answers": by_module,
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert content_hash(person) == hashlib.sha256(text.encode("utf-8")).hexdigest()
    for module_answers in by_module.values():
        assert json.loads(encode_answers(module_answers)) == module_answers


def test_a_large_table_read_in_two_processes_gives_what_one_process_gives(
    make_workspace: Callable, tmp_path: Path, run: Callable, monkeypatch: Any
) -> None:
    """Above PARALLEL_MIN_ROWS a table is validated in two processes (where fork exists):
    respondents, problems and their order must be exactly those of one process."""
    from ccassess.importers.csv_table import PARALLEL_MIN_ROWS

    count = PARALLEL_MIN_ROWS + 2000
    rows = people(count)
    rows[3] = ["T-0003", "internal", "Vertrieb", "9", 3]  # an error in each half
    rows[-5] = ["T-LATE", "internal", "Vertrieb", "0", 3]
    rows[-3] = [*rows[10][:3], 5, 3]  # the id of row 10 again, other answers
    head = [*HEAD, "leadership.unknown_late"]
    cells = [[*row, "x" if number == count - 2 else ""] for number, row in enumerate(rows)]
    table = write_table(tmp_path / "big.csv", cells, head)
    outputs = {}
    for parallel in ("1", "0"):
        monkeypatch.setenv("CCASSESS_PARALLEL_IMPORT", parallel)
        outputs[parallel] = run("import", "-w", make_workspace(f"ws{parallel}"), table)
    assert outputs["1"].exit_code == outputs["0"].exit_code == 2
    errors = outputs["1"].stderr.splitlines()
    # the same problems; the order differs only where the second part's own problems meet
    # the duplicates found while merging
    assert sorted(errors) == sorted(outputs["0"].stderr.splitlines())
    assert len(errors) == 5, errors  # four errors and "Nothing was imported: …"
    assert errors[-1].startswith("Nothing was imported")
    assert ":5, column 'leadership.lead_visible'" in errors[0]
    assert any(f":{count - 3}, column 'leadership.lead_visible'" in e for e in errors)
    assert any("'T-0010' appears twice with different answers" in e for e in errors)
    assert any(f":{count}, column 'leadership.unknown_late'" in e for e in errors)

    fine = write_table(tmp_path / "fine.csv", people(count))
    stored = {}
    for parallel in ("1", "0"):
        monkeypatch.setenv("CCASSESS_PARALLEL_IMPORT", parallel)
        folder = make_workspace(f"fine{parallel}")
        result = run("import", "-w", folder, fine)
        assert result.exit_code == 0, result.output
        assert f"imported {count} respondent(s)" in result.stdout
        stored[parallel] = query(
            folder,
            "SELECT r.respondent_id, a.answers FROM respondents r "
            "JOIN answers a ON a.respondent = r.id ORDER BY r.id",
        )
    assert stored["1"] == stored["0"]
    assert len(stored["1"]) == count
