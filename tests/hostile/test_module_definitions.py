"""Hostile and broken module definitions: each refused with file, line and key path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.conftest import assert_refused

VALID = """\
id: hostile
version: 1.0.0
title: {de: Test, en: Test}
dimensions:
  - id: d1
    title: {de: Eins, en: One}
    questions:
      - id: q1
        type: likert
        weight: 1
        text: {de: Frage, en: Question}
        source: test
"""


def validate(run: Callable, path: Path) -> object:
    return run("validate", "--module", path)


def test_valid_baseline(run: Callable, module_file: Callable) -> None:
    result = validate(run, module_file(VALID))
    assert result.exit_code == 0, result.output


def test_invalid_yaml(run: Callable, module_file: Callable) -> None:
    path = module_file(VALID.replace("title: {de: Eins, en: One}", "title: {de: Eins, en: One"))
    assert_refused(validate(run, path), f"{path}:7: invalid YAML")


def test_tag_that_constructs_python_objects(run: Callable, module_file: Callable) -> None:
    path = module_file(
        VALID.replace(
            "source: test", "source: !!python/object/apply:os.system ['touch /tmp/pwned']"
        )
    )
    assert_refused(validate(run, path), f"{path}:12: YAML tag", "is not allowed")
    assert not Path("/tmp/pwned").exists()


def test_alias_bomb(run: Callable, module_file: Callable) -> None:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{x}: &{x} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
        for p, x in zip("abcdefgh", "bcdefghi", strict=True)
    )
    path = module_file(bomb + VALID)
    assert_refused(validate(run, path), f"{path}:1: anchor &a is not allowed")


def test_duplicate_dimension_ids(run: Callable, module_file: Callable) -> None:
    second = VALID.split("dimensions:\n")[1].replace("id: q1", "id: q2")
    path = module_file(VALID + second)
    assert_refused(
        validate(run, path), f"{path}:13: dimensions[d1].id: duplicate dimension id 'd1'"
    )


def test_duplicate_key(run: Callable, module_file: Callable) -> None:
    path = module_file(VALID.replace("version: 1.0.0", "version: 1.0.0\nid: other"))
    assert_refused(validate(run, path), f"{path}:3: duplicate key 'id' (first at line 1)")


def test_question_in_two_dimensions(run: Callable, module_file: Callable) -> None:
    second = VALID.split("dimensions:\n")[1].replace("id: d1", "id: d2")
    path = module_file(VALID + second)
    assert_refused(
        validate(run, path),
        "dimensions[d2].questions[q1].id: duplicate question id 'q1' (also in 'd1')",
    )


@pytest.mark.parametrize(
    ("weight", "message"),
    [
        ("0", "must be greater than 0, got 0"),
        ("-2", "must be greater than 0, got -2"),
        ("heavy", "expected a number, got text ('heavy')"),
        (".nan", "'.nan' is not a finite number"),
    ],
)
def test_bad_weights(run: Callable, module_file: Callable, weight: str, message: str) -> None:
    path = module_file(VALID.replace("weight: 1", f"weight: {weight}"))
    assert_refused(validate(run, path), f"{path}:10", message)


def test_likert_with_one_point(run: Callable, module_file: Callable) -> None:
    path = module_file(VALID.replace("        weight: 1\n", "        scale: {points: 1}\n"))
    assert_refused(
        validate(run, path),
        f"{path}:10: dimensions[d1].questions[q1].scale.points: "
        "a scale needs 2 to 11 points, got 1",
    )


def test_level_thresholds_out_of_order(run: Callable, module_file: Callable) -> None:
    levels = "levels:\n" + "".join(
        f"  - {{level: {i}, min: {m}, name: {{de: S{i}, en: L{i}}}}}\n"
        for i, m in zip(range(1, 6), (0, 50, 40, 60, 80), strict=True)
    )
    path = module_file(VALID.replace("dimensions:", levels + "dimensions:"))
    assert_refused(
        validate(run, path),
        f"{path}:7: levels[2].min: thresholds must rise "
        "strictly and stay below 100; got 40 after 50",
    )


def test_missing_translation_warns_and_strict_fails(run: Callable, module_file: Callable) -> None:
    path = module_file(VALID.replace("title: {de: Eins, en: One}", "title: {de: Eins}"))
    lenient = validate(run, path)
    assert lenient.exit_code == 0
    assert f"{path}:6: dimensions[d1].title.en: warning: missing translation" in lenient.stderr
    strict = run("validate", "--strict", "--module", path)
    assert strict.exit_code == 2


def test_ten_megabytes_in_one_field(run: Callable, module_file: Callable) -> None:
    path = module_file(
        VALID.replace("{de: Frage, en: Question}", "{de: Frage, en: '" + "x" * 10_000_000 + "'}")
    )
    assert_refused(validate(run, path), f"{path}: file is 10,000,", "the limit is 2,097,152")


def test_yes_no_where_text_is_expected(run: Callable, module_file: Callable) -> None:
    path = module_file(VALID.replace("source: test", "source: no"))
    assert_refused(
        validate(run, path),
        f"{path}:12: dimensions[d1].questions[q1].source: no is a boolean in YAML 1.1; quote it",
    )
