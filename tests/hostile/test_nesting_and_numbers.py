"""Lists and mappings nested hundreds of levels deep and numbers of thousands of digits, in
every file ccassess reads: module definitions, response files (YAML, JSON, a workspace's JSON
export), assessment settings, a workspace's config and survey-tool mapping files. Each is
bad input — one line naming the file and the line, exit status 2 — never an "unexpected
RecursionError" or "ValueError"."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from ccassess.io.structured import MAX_NESTING, MAX_NUMBER_CHARS
from tests.hostile.conftest import assert_refused
from tests.hostile.kit import make_workspace, people, snapshot, write_assessment

DEPTHS = (600, 1_000, 5_000)
NESTED = f"lists and mappings nested more than {MAX_NESTING} levels deep"
DIGITS = "9" * 5_000
LONG_NUMBER = f"a number of 5,000 characters; at most {MAX_NUMBER_CHARS} are read"


def flow_yaml(depth: int) -> str:
    """`key: [[[…]]]` on line 2."""
    return "client: Beispiel AG\nkey: " + "[" * depth + "]" * depth + "\n"


def block_yaml(depth: int) -> str:
    """`key:` mappings, one more level on each line from line 2 on (at most 1,000: the
    indentation grows with the square of the depth, and a module file has a size limit)."""
    levels = min(depth, 1_000)
    return "client: Beispiel AG\n" + "".join("  " * i + "key:\n" for i in range(levels))


def deep_json(depth: int) -> str:
    """`{"key": [[[…]]]}` with every bracket on a line of its own (so the line tells where)."""
    return '{"key":\n' + "[\n" * depth + "]\n" * depth + "}\n"


def refused_at(result: object, path: Path, line: int, message: str) -> None:
    assert_refused(result, f"error: {path}:{line}: {message}")


@pytest.mark.parametrize("depth", DEPTHS)
def test_deep_yaml_and_json_response_files(run: Callable, tmp_path: Path, depth: int) -> None:
    flow = tmp_path / "flow.yaml"
    flow.write_text(flow_yaml(depth))
    refused_at(run("score", flow), flow, 2, NESTED)
    block = tmp_path / "block.yaml"
    block.write_text(block_yaml(depth))
    # the settings mapping is level 1; level n is the value of the `key:` on line n
    refused_at(run("score", block), block, MAX_NESTING + 2, NESTED)
    deep = tmp_path / "deep.json"
    deep.write_text(deep_json(depth))
    # line 1 opens the outer mapping (level 1), line n the list at level n
    refused_at(run("score", deep), deep, MAX_NESTING + 1, NESTED)
    for path in (flow, block, deep):
        refused = run("validate", path)
        assert refused.exit_code == 2, refused.output
        assert "unexpected" not in refused.output
        assert f"error: {path}:" in refused.stderr


def test_the_nesting_limit_leaves_real_files_alone(run: Callable, tmp_path: Path) -> None:
    """Exactly MAX_NESTING levels are read (and then judged by what they hold)."""
    path = tmp_path / "edge.json"
    path.write_text("[" * MAX_NESTING + "]" * MAX_NESTING)
    assert_refused(run("score", path), f"error: {path}: expected a mapping")


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_numbers_of_thousands_of_digits(run: Callable, tmp_path: Path, suffix: str) -> None:
    respondent = {"id": "R1", "perspective": "internal", "answers": {"leadership": {}}}
    path = tmp_path / f"answers{suffix}"
    if suffix == ".json":
        text = json.dumps({"respondent": respondent}, indent=1)
        text = text.replace('"leadership": {}', f'"leadership": {{"lead_visible": {DIGITS}}}')
        line = text[: text.index(DIGITS)].count("\n") + 1
    else:
        text = (
            "respondent:\n  id: R1\n  perspective: internal\n  answers:\n"
            f"    leadership:\n      lead_visible: {DIGITS}\n"
        )
        line = 6
    path.write_text(text)
    refused_at(run("score", path), path, line, LONG_NUMBER)
    for number in ("1.0e+400", "-1.0e+400"):
        path.write_text(text.replace(DIGITS, number))
        refused_at(run("score", path), path, line, f"{number!r} is not a finite number")
    path.write_text(text.replace(DIGITS, "1" * 400 + ".5"))
    refused_at(run("score", path), path, line, LONG_NUMBER.replace("5,000", "402"))


def test_impossible_dates_are_bad_input(run: Callable, tmp_path: Path) -> None:
    settings = write_assessment(tmp_path / "a")
    settings.write_text(settings.read_text() + "date: 2026-13-45\n")
    result = run("validate", "-a", settings)
    assert result.exit_code == 2, result.output
    assert re.search(
        rf"error: {re.escape(str(settings))}:\d+: '2026-13-45' is not a valid date",
        result.stderr,
    ), result.stderr


@pytest.mark.parametrize("depth", DEPTHS)
def test_deep_module_definitions(run: Callable, tmp_path: Path, depth: int) -> None:
    module = tmp_path / "module.yaml"
    module.write_text(block_yaml(depth).replace("client: Beispiel AG", "id: deep"))
    refused_at(run("validate", "--module", module), module, MAX_NESTING + 2, NESTED)
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "deep.yaml").write_text(flow_yaml(depth))
    result = run("--plugins-dir", plugins, "modules")
    assert result.exit_code == 2, result.output
    assert f"error: {plugins / 'deep.yaml'}:2: {NESTED}" in result.stderr


@pytest.mark.parametrize("depth", DEPTHS)
def test_deep_settings_and_workspace_config(run: Callable, tmp_path: Path, depth: int) -> None:
    settings = tmp_path / "assessment.yaml"
    settings.write_text(flow_yaml(depth))
    refused_at(run("init", tmp_path / "new", "--from", settings), settings, 2, NESTED)
    assert not (tmp_path / "new").exists()
    refused_at(run("validate", "-a", settings), settings, 2, NESTED)
    workspace = make_workspace(run, tmp_path)
    config = workspace / "assessment.yaml"
    config.write_text(config.read_text() + "extra: " + "[" * depth + "]" * depth + "\n")
    line = config.read_text().count("\n")
    before = snapshot(workspace)
    refused_at(run("score", "-w", workspace), config, line, NESTED)
    config.write_text(config.read_text().replace("[" * depth + "]" * depth, DIGITS))
    refused_at(run("score", "-w", workspace), config, line, LONG_NUMBER)
    assert snapshot(workspace) == before


@pytest.mark.parametrize("depth", DEPTHS)
def test_deep_workspace_json_export_import(run: Callable, tmp_path: Path, depth: int) -> None:
    """A workspace's JSON export, edited, going back in with `import`."""
    source = make_workspace(run, tmp_path, "source")
    answers = tmp_path / "answers.yaml"
    answers.write_text(json.dumps({"respondents": people("R", 3)}))
    assert run("import", "-w", source, answers).exit_code == 0
    export = tmp_path / "export.json"
    assert run("export", "-w", source, "--format", "json", "-o", export).exit_code == 0
    text = export.read_text()
    first_answer = re.search(r'"lead_visible": \d', text)
    assert first_answer
    deep = text.replace(
        first_answer.group(0), '"lead_visible": ' + "[\n" * depth + "]\n" * depth, 1
    )
    export.write_text(deep)
    # the first list opens on the answer's line, one level below the answer's mapping
    start = first_answer.start()
    line = text[:start].count("\n") + 1 + MAX_NESTING - level_at(text, start)
    target = make_workspace(run, tmp_path, "target")
    before = snapshot(target)
    refused = run("import", "-w", target, export)
    assert_refused(refused, f"error: {export}:")
    assert NESTED in refused.stderr and "unexpected" not in refused.stderr
    assert refused.stderr.startswith(f"error: {export}:{line}: ")
    export.write_text(text.replace(first_answer.group(0), f'"lead_visible": {DIGITS}', 1))
    line = text[: first_answer.start()].count("\n") + 1
    refused_at(run("import", "-w", target, export), export, line, LONG_NUMBER)
    assert snapshot(target) == before


def level_at(text: str, offset: int) -> int:
    """How deep JSON text is nested at `offset` (brackets outside strings)."""
    level = 0
    for match in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text[:offset]):
        token = match.group(0)
        if token in "[{":
            level += 1
        elif token in "]}":
            level -= 1
    return level


@pytest.mark.parametrize("depth", DEPTHS)
def test_deep_survey_tool_mapping_files(run: Callable, tmp_path: Path, depth: int) -> None:
    workspace = make_workspace(run, tmp_path)
    export = tmp_path / "export.csv"
    export.write_text("Respondent,Sichtbare Führung\nA,4\nB,5\n", "utf-8")
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("tool: generic\ncolumns: " + "[" * depth + "]" * depth + "\n")
    before = snapshot(workspace)
    args = ("import", "-w", workspace, export, "--from", "generic", "--mapping", mapping)
    refused_at(run(*args), mapping, 2, NESTED)
    mapping.write_text(f"tool: generic\ncolumns:\n  Sichtbare Führung: {DIGITS}\n")
    refused_at(run(*args), mapping, 3, LONG_NUMBER)
    assert snapshot(workspace) == before
