"""Hostile and broken response files: exact outcome for each, nothing scored half-way."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.conftest import assert_refused

ONE = (
    "respondent:\n  id: R1\n  perspective: internal\n  answers:\n"
    "    leadership: {lead_visible: %s}\n"
)


def score(run: Callable, *paths: Path) -> object:
    return run("score", "--format", "json", *paths)


def test_utf16_with_bom_is_read(run: Callable, tmp_path: Path) -> None:
    path = tmp_path / "utf16.yaml"
    path.write_bytes((ONE % 4).replace("R1", "Rüdiger").encode("utf-16"))
    result = score(run, path)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["respondents"]["internal"] == 1


def test_utf8_bom_is_read(run: Callable, tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (ONE % 4).encode())
    assert score(run, path).exit_code == 0


def test_latin1_with_umlauts_is_refused_with_its_line(run: Callable, tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(
        (ONE % 4).replace("internal", "internal\n  role: Geschäftsführer").encode("latin-1")
    )
    assert_refused(
        score(run, path), f"{path}:4: not valid UTF-8 (byte 0xe4); save the file as UTF-8"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("'sehr'", "'sehr' is not on the scale; allowed: 1–5"),
        ("[1, 2]", "[1, 2] is not on the scale"),
        ("6", "6 is not on the scale; allowed: 1–5"),
        ("3.5", "3.5 is not on the scale"),
        (".nan", "'.nan' is not a finite number"),
        ("-.inf", "'-.inf' is not a finite number"),
    ],
)
def test_bad_values(run: Callable, tmp_path: Path, value: str, message: str) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(ONE % value)
    assert_refused(score(run, path), f"{path}:5", message)


def test_json_nan_and_infinity(run: Callable, tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(
        '{"respondent": {"id": "R1", "perspective": "internal", '
        '"answers": {"leadership": {"lead_visible": Infinity}}}}'
    )
    assert_refused(score(run, path), f"{path}:1: Infinity is not a finite number")


def test_respondent_twice(run: Callable, tmp_path: Path) -> None:
    path = tmp_path / "twice.yaml"
    path.write_text(
        "respondents:\n  - {id: R1, perspective: internal}\n  - {id: R1, perspective: customer}\n"
    )
    assert_refused(
        score(run, path),
        f"{path}:3: respondents[R1].id: respondent 'R1' appears twice (also in {path}:2)",
    )


def test_empty_file(run: Callable, tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("")
    assert_refused(score(run, path), f"{path}: the file is empty; expected respondents")


def test_pdf_renamed(run: Callable, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n4 0 obj\n<< /Length 5 >>\nstream\x00\x01\n")
    assert_refused(score(run, path), f"{path}: not a text file (it contains binary data)")


def test_text_that_is_not_yaml_at_all(run: Callable, tmp_path: Path) -> None:
    path = tmp_path / "notes.yaml"
    path.write_text("Dear consultant,\n\tplease find: our answers: attached\n")
    assert_refused(score(run, path), f"{path}:")


def test_thousand_files_one_broken(run: Callable, tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    for i in range(1000):
        value = 9 if i == 617 else 1 + i % 5
        (folder / f"r{i:04d}.yaml").write_text((ONE % value).replace("R1", f"R{i}"))
    result = score(run, folder)
    assert_refused(
        result,
        f"{folder / 'r0617.yaml'}:5: respondent.answers.leadership."
        "lead_visible: 9 is not on the scale",
    )
    assert result.stdout == ""  # nothing scored half-way


def test_too_many_files_are_refused_not_cut_off(
    run: Callable, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ccassess.importers.response_files

    monkeypatch.setattr(
        ccassess.importers.response_files, "MAX_FILES", 10
    )  # the real limit is 100,000
    folder = tmp_path / "answers"
    folder.mkdir()
    for i in range(11):
        (folder / f"r{i:02d}.yaml").write_text((ONE % 4).replace("R1", f"R{i}"))
    result = score(run, folder)
    assert_refused(result, "error: more than 10 response files; read them in smaller batches")
    assert result.stdout == ""


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_file_is_not_read(run: Callable) -> None:
    # A file that never ends is a device: refused before a byte is read. (A regular file
    # that grows while it is read is read up to the limit only: `read_bytes`.)
    result = score(run, Path("/dev/zero"))
    assert_refused(
        result,
        "error: /dev/zero: is a device, not a regular file; ccassess reads only regular files",
    )
