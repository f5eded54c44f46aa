"""Numbers a person types are read by the digit grouping of their language: "1.240" is one
thousand two hundred forty to a German respondent (was 1.24), "1,240" to an English one; what
could mean two numbers is refused in the respondent's language, never guessed. Terminal
survey and answer sheet (a text cell) read by the same rule; response files stay strict."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from ws_kit import fill_workbook, write_responses

from ccassess.errors import Problems
from ccassess.importers.response_files import ResponseValidator
from ccassess.model.settings import AssessmentSettings
from ccassess.plugin.registry import Registry
from ccassess.questions.typed_number import typed_number
from ccassess.questions.types import AnswerProblem
from ccassess.web.questionnaire import PageForm, pages

MODULE = "customer_metrics"
SKIP_TO_START = "\n" * 6  # customers_start is the seventh key figure


@pytest.mark.parametrize(
    ("typed", "lang", "number"),
    [
        ("1.240", "de", 1240),
        ("1.240.000", "de", 1_240_000),
        ("1.240,5", "de", 1240.5),
        ("1,5", "de", 1.5),
        ("12.5", "de", 12.5),
        ("10 000", "de", 10_000),
        ("\u22125", "de", -5),
        ("1,240", "en", 1240),
        ("1,240.5", "en", 1240.5),
        ("1.5", "en", 1.5),
        ("1,5", "en", 1.5),
        ("-1.240", "de", -1240),
    ],
)
def test_typed_numbers_read_by_language(typed: str, lang: str, number: float) -> None:
    assert typed_number(typed, lang) == number


@pytest.mark.parametrize(
    ("typed", "lang"),
    [
        ("1.24.0", "de"),
        ("1,240.5", "de"),
        ("1,2,3", "de"),
        ("1.240,5", "en"),
        ("0.240", "de"),
        ("1.2.3", "en"),
    ],
)
def test_unclear_numbers_are_refused_in_the_respondent_s_language(typed: str, lang: str) -> None:
    with pytest.raises(AnswerProblem) as refused:
        typed_number(typed, lang)
    assert refused.value.text is not None
    said = refused.value.text.get(lang)
    assert ("eindeutige Zahl" if lang == "de" else "unambiguous number") in said


@pytest.mark.parametrize("typed", ["abc", "1e9", "", "."])
def test_what_is_no_number_at_all_is_left_to_the_question_s_check(typed: str) -> None:
    assert typed_number(typed, "de") == typed


def _survey(workspace: Path, run: Callable, lang: str, typed: list[str]) -> str:
    answers = SKIP_TO_START + "\n".join(typed) + "\n" + "\n" * 6
    args = ("survey", "-w", workspace, "--perspective", "key_figures", "--id", "KF-T")
    result = run(*args, "--lang", lang, "--module", MODULE, input=answers)
    assert result.exit_code == 0, result.output
    return str(result.output)


def _stored_start(workspace: Path, tmp_path: Path, run: Callable) -> str:
    """customers_start as stored, read back through the conflict message."""
    other = write_responses(
        tmp_path / "probe.yaml",
        [{"id": "KF-P", "perspective": "key_figures", "answers": {MODULE: {"customers_start": 7}}}],
    )
    refused = run("import", "-w", workspace, other)
    assert refused.exit_code == 2, refused.output
    return str(refused.stderr)


def test_german_terminal_survey_reads_thousands_and_refuses_the_unclear(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    output = _survey(workspace, run, "de", ["1.24.0", "1.240"])
    assert "„1.24.0“ ist keine eindeutige Zahl" in output
    assert "but 1240 for KF-T" in _stored_start(workspace, tmp_path, run)


def test_english_terminal_survey_reads_comma_thousands(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    output = _survey(workspace, run, "en", ["1.240,5", "1,240"])
    assert "“1.240,5” is not an unambiguous number" in output
    assert "but 1240 for KF-T" in _stored_start(workspace, tmp_path, run)


def test_german_answer_sheet_text_cell_reads_thousands(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    figures = tmp_path / "figures.xlsx"
    args = ("sheet", "-w", workspace, "--perspective", "key_figures", "--id", "KF-1")
    assert run(*args, "--lang", "de", "-o", figures).exit_code == 0
    fill_workbook(figures, {MODULE: {"customers_start": "1.240"}})
    result = run("import", "-w", workspace, figures)
    assert result.exit_code == 0, result.output
    assert "but 1240 for KF-1" in _stored_start(workspace, tmp_path, run)


def test_an_unclear_number_in_an_answer_sheet_stops_the_import(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    figures = tmp_path / "figures.xlsx"
    args = ("sheet", "-w", workspace, "--perspective", "key_figures", "--id", "KF-1")
    assert run(*args, "--lang", "de", "-o", figures).exit_code == 0
    fill_workbook(figures, {MODULE: {"customers_start": "1,240.5"}})
    result = run("import", "-w", workspace, figures)
    assert result.exit_code == 2, result.output
    assert "figures.xlsx" in result.stderr and "not an unambiguous number" in result.stderr
    assert "Traceback" not in result.output


def test_response_files_keep_their_strict_reading(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    """A machine format is not a person typing: a decimal point there stays a decimal."""
    data = write_responses(
        tmp_path / "r.yaml",
        [{"id": "KF-Y", "perspective": "key_figures", "answers": {MODULE: {"ces_average": "1.5"}}}],
    )
    assert run("import", "-w", workspace, data).exit_code == 0


@pytest.mark.parametrize(
    ("lang", "typed", "number", "told"),
    [
        ("de", "1.240", 1240, None),
        ("en", "1,240", 1240, None),
        ("de", "1,240.5", None, "„1,240.5“ ist keine eindeutige Zahl"),
    ],
)
def test_web_form_reads_typed_numbers_by_the_same_rule(
    registry: Registry, lang: str, typed: str, number: float | None, told: str | None
) -> None:
    """The web questionnaire reads a number field as the terminal survey does."""
    modules = [registry.entries[MODULE].module]
    validator = ResponseValidator(
        {MODULE: modules[0]},
        registry.question_types,
        AssessmentSettings(),
        Problems(),
        registry.plugins,
        track_ids=False,
    )
    page = next(
        p
        for p in pages(modules, "key_figures")
        if p.module.question("customers_start") in p.questions
    )
    form = PageForm(registry.question_types, (), validator, "key_figures", None, lang)
    answers, errors, refused = form.read(page, {"q.customers_start": [typed]})
    assert answers.get("customers_start") == number
    assert errors.get("customers_start", "").startswith(told) if told else not errors
    assert refused == ({"customers_start": typed} if told else {})  # shown again as typed
