r"""Control characters in names: refused where they come in, naming the key or the option.

A vertical tab (`\v`) in a department name made `sheet` and `form` stop with "unexpected
IllegalCharacterError" (exit 1): no worksheet can hold it. Names and texts come in through
the assessment settings, module definitions, response files and command-line options; each
refuses a control character other than tab and line breaks (exit 2), so nothing later has to
cope with one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.conftest import assert_refused
from tests.hostile.kit import make_workspace, snapshot, write_assessment

CONTROL = ["\x0b", "\x00", "\x1b", "\x7f", "\x9b"]


def quoted(character: str) -> str:
    """The character as a YAML double-quoted escape."""
    return f"\\x{ord(character):02x}"


def refusal(value: str) -> str:
    character = next(c for c in value if ord(c) < 32 or 0x7F <= ord(c) <= 0x9F)
    return f"{value!r} contains a control character (U+{ord(character):04X}); remove it"


@pytest.mark.parametrize("character", CONTROL)
def test_department_names_in_the_settings(run: Callable, tmp_path: Path, character: str) -> None:
    settings = write_assessment(tmp_path / "in", modules=["leadership", "silo_check"])
    settings.write_text(
        settings.read_text() + f'departments: ["Vertrieb", "Ver{quoted(character)}trieb"]\n'
    )
    line = settings.read_text().count("\n")
    name = f"Ver{character}trieb"
    message = f"error: {settings}:{line}: departments[1]: {refusal(name)}"
    assert_refused(run("init", tmp_path / "new", "--from", settings), message)
    assert not (tmp_path / "new").exists()
    assert_refused(run("sheet", "-a", settings, "-o", tmp_path / "s.xlsx"), message)
    assert_refused(run("form", "-a", settings, "-o", tmp_path / "f.xlsx"), message)

    # the settings of a workspace, edited after `init`
    workspace = make_workspace(run, tmp_path, modules=["leadership", "silo_check"])
    config = workspace / "assessment.yaml"
    text = config.read_text()
    config.write_text(text.replace("departments: []", f'departments: ["{quoted(character)}IT"]'))
    assert config.read_text() != text
    before = snapshot(workspace)
    for args in [
        ("sheet", "-w", workspace, "-o", tmp_path / "s.xlsx"),
        ("sheet", "-w", workspace, "--format", "csv", "-o", tmp_path / "s.csv"),
        ("form", "-w", workspace, "--perspective", "internal", "-o", tmp_path / "f.xlsx"),
        ("score", "-w", workspace),
    ]:
        result = run(*args)
        assert_refused(result, f"error: {config}:", f"departments[0]: {refusal(character + 'IT')}")
    assert snapshot(workspace) == before
    assert not any(tmp_path.glob("[sf].*"))


def test_client_title_and_other_settings_texts(run: Callable, tmp_path: Path) -> None:
    for key in ("client", "title", "prepared_by"):
        settings = write_assessment(tmp_path / key, **{key: "x"})
        settings.write_text(settings.read_text().replace(f"{key}: x", f'{key}: "A\\vB"'))
        line = next(n for n, text in enumerate(settings.read_text().splitlines(), 1) if key in text)
        assert_refused(
            run("sheet", "-a", settings, "-o", tmp_path / "s.xlsx"),
            f"error: {settings}:{line}: {key}: {refusal(chr(65) + chr(11) + chr(66))}",
        )


def test_module_texts(run: Callable, tmp_path: Path) -> None:
    module = tmp_path / "module.yaml"
    module.write_text(
        "id: hostile\nversion: 1.0.0\ntitle: {de: Test, en: Test}\ndimensions:\n"
        "  - id: d1\n    title: {de: Eins, en: One}\n    questions:\n"
        "      - id: q1\n        type: likert\n        weight: 1\n"
        '        text: {de: "Frage\\v", en: Question}\n        source: test\n'
    )
    assert_refused(
        run("validate", "--module", module),
        f"error: {module}:11: dimensions[d1].questions[q1].text.de: {refusal('Frage' + chr(11))}",
    )


def test_respondent_ids_and_departments_in_response_files(run: Callable, tmp_path: Path) -> None:
    workspace = make_workspace(run, tmp_path)
    path = tmp_path / "answers.yaml"
    path.write_text(
        'respondent:\n  id: "R\\x1b]0;owned\\x07"\n  perspective: internal\n'
        "  answers: {leadership: {lead_visible: 4}}\n"
    )
    before = snapshot(workspace)
    assert_refused(
        run("import", "-w", workspace, path),
        f"error: {path}:2: respondent.id: {refusal(chr(82) + chr(27) + ']0;owned' + chr(7))}",
    )
    assert snapshot(workspace) == before


@pytest.mark.parametrize(
    "args",
    [
        ("sheet", "--id"),
        ("survey", "--id"),
        ("survey", "--department"),
        ("survey", "--role"),
        ("survey", "--name"),
        ("init", "--client"),
        ("init", "--title"),
        ("init", "--department"),
        ("init", "--round"),
        ("round", "new"),
    ],
)
def test_command_line_options(run: Callable, tmp_path: Path, args: tuple[str, str]) -> None:
    workspace = make_workspace(run, tmp_path)
    command, option = args
    value = "a\x0bb"
    if command == "init":
        full = ["init", tmp_path / "new", option, value]
    elif command == "round":
        full = ["round", "new", value, "-w", workspace]
    elif command == "survey":
        full = ["survey", "-w", workspace, "--perspective", "internal", option, value]
    else:
        full = [command, "-w", workspace, "-o", tmp_path / "s.xlsx", option, value]
    before = snapshot(workspace)
    name = "NAME" if command == "round" else option
    result = run(*full, input="q\n")
    assert_refused(result, f"error: {name}: {refusal(value)}")
    assert snapshot(workspace) == before
    assert not (tmp_path / "new").exists() and not (tmp_path / "s.xlsx").exists()


def test_tabs_and_line_breaks_stay_allowed_in_texts(run: Callable, tmp_path: Path) -> None:
    settings = write_assessment(tmp_path / "in")
    settings.write_text(settings.read_text() + 'title: "Erste Runde\\n\\tmit Einrückung"\n')
    result = run("sheet", "-a", settings, "-o", tmp_path / "s.xlsx")
    assert result.exit_code == 0, result.output


def test_a_raw_control_character_in_yaml_is_one_line_with_its_line(
    run: Callable, tmp_path: Path
) -> None:
    settings = write_assessment(tmp_path / "in")
    settings.write_text(settings.read_text() + 'departments: ["Ver\x0btrieb"]\n')
    line = settings.read_text().count("\n")
    result = run("validate", "-a", settings)
    assert_refused(
        result,
        f"error: {settings}:{line}: invalid YAML: unacceptable character #x000b: "
        "control characters are not allowed",
    )
    assert "<unicode string>" not in result.stderr
