"""The strict YAML/JSON reader: nothing is silently merged, expanded or coerced."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccassess.errors import ValidationError
from ccassess.io.structured import Yaml11Bool, parse_yaml, read_structured


def problem(text: str) -> str:
    with pytest.raises(ValidationError) as caught:
        parse_yaml(text, "m.yaml")
    return str(caught.value)


def test_keeps_lines_of_keys_and_items() -> None:
    data = parse_yaml("a: 1\nlist:\n  - x\n  - {b: 2}\n", "m.yaml")
    assert data == {"a": 1, "list": ["x", {"b": 2}]}
    assert data.line_of("list") == 2
    assert data["list"].line_of(1) == 4


def test_yaml11_booleans_stay_text_but_are_marked() -> None:
    data = parse_yaml("answer: no\nflag: true\nquoted: 'no'\n", "m.yaml")
    assert data["answer"] == "no" and isinstance(data["answer"], Yaml11Bool)
    assert data["flag"] is True
    assert not isinstance(data["quoted"], Yaml11Bool)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x 1\nb: *x\n", "m.yaml:1: anchor &x is not allowed"),
        ("a: 1\nb: 2\na: 3\n", "m.yaml:3: duplicate key 'a' (first at line 1)"),
        ("a: !!python/object/apply:os.system [ls]\n", "m.yaml:1: YAML tag"),
        ("a: .inf\n", "m.yaml:1: '.inf' is not a finite number"),
        ("<<: {a: 1}\n", "m.yaml:1: merge keys (<<) are not allowed"),
        ("a: [1, 2\n", "m.yaml:2: invalid YAML"),
    ],
)
def test_refuses_with_line(text: str, expected: str) -> None:
    assert problem(text).startswith(expected)


def test_billion_laughs_is_refused_before_expansion() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    assert "anchor &a is not allowed" in problem(bomb)


def test_encodings(tmp_path: Path) -> None:
    utf16 = tmp_path / "utf16.yaml"
    utf16.write_bytes("name: Müller\n".encode("utf-16"))
    assert read_structured(utf16) == {"name": "Müller"}
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbfname: M\xc3\xbcller\n")
    assert read_structured(bom) == {"name": "Müller"}
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("a: 1\nname: Müller\n".encode("latin-1"))
    with pytest.raises(ValidationError, match=r"latin1.yaml:2: not valid UTF-8 \(byte 0xfc\)"):
        read_structured(latin1)


def test_binary_file_renamed_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "answers.yaml"
    fake.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00<<>>\n")
    with pytest.raises(ValidationError, match=r"answers\.yaml: not a text file"):
        read_structured(fake)


def test_json_refuses_duplicates_and_nan(tmp_path: Path) -> None:
    dup = tmp_path / "d.json"
    dup.write_text('{"a": 1, "a": 2}')
    with pytest.raises(ValidationError, match="duplicate key 'a'"):
        read_structured(dup)
    nan = tmp_path / "n.json"
    nan.write_text('{"a": NaN}')
    with pytest.raises(ValidationError, match="NaN is not a finite number"):
        read_structured(nan)


def test_file_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 2000 + "\n")
    with pytest.raises(ValidationError, match="the limit is 1,000"):
        read_structured(big, limit=1000)
