"""Answers given by many respondents: the validator reuses its verdict on a repeated value, so
these pin that reuse changes nothing: every error at its own respondent's place, values
normalised the same way, no normalised value shared between respondents."""

from __future__ import annotations

import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ccassess import hookimpl
from ccassess.errors import Problems, ValidationError
from ccassess.importers.response_files import ResponseValidator
from ccassess.io.checker import Checker
from ccassess.model.answers import Respondent
from ccassess.model.questionnaire import Question
from ccassess.model.settings import AssessmentSettings
from ccassess.questions.types import AnswerProblem, QuestionType
from ccassess.testing import Kit, make_kit


def _text(name: str) -> dict[str, str]:
    return {"de": name, "en": name}


def _row(row_id: str) -> dict[str, Any]:
    return {"id": row_id, "label": _text(row_id)}


def _question(qid: str, qtype: str, **keys: Any) -> dict[str, Any]:
    return {"id": qid, "type": qtype, "source": "t", "text": _text(qid), **keys}


REPEAT = {
    "id": "repeat",
    "version": "1.0.0",
    "title": _text("Repeat"),
    "dimensions": [
        {
            "id": "d1",
            "title": _text("D1"),
            "questions": [
                _question("scale", "likert"),
                _question("strict", "likert", dont_know=False),
                _question("count", "number", min=1, max=100),
                _question(
                    "channels",
                    "multiple_choice",
                    options=[
                        {"id": "mail", "label": _text("mail"), "score": 1},
                        {"id": "phone", "label": _text("phone"), "score": 0},
                    ],
                ),
                _question(
                    "mirror",
                    "yes_partly_no",
                    perspective="both",
                    text={"internal": _text("i"), "customer": _text("c")},
                ),
                _question("must", "likert", required=True),
                _question("grid", "matrix", rows=[_row("r1"), _row("r2")]),
            ],
        }
    ],
}


@pytest.fixture(scope="module")
def kit() -> Kit:
    return make_kit(modules=[REPEAT])


def validate(kit: Kit, *answer_sets: dict[str, Any], perspective: str = "internal") -> tuple:
    """Validate respondents R1, R2, … (one per answer set) with one validator, like a file."""
    problems = Problems()
    validator = ResponseValidator(
        kit.registry.modules, kit.registry.question_types, AssessmentSettings(), problems
    )
    check = Checker("<test>", problems)
    respondents = [
        validator.respondent(
            {"id": f"R{n}", "perspective": perspective, "answers": {"repeat": answers}},
            f"respondents[{n - 1}]",
            check,
        )
        for n, answers in enumerate(answer_sets, start=1)
    ]
    return respondents, [f"{p.location.path}: {p.message}" for p in problems.errors]


def test_the_same_bad_value_is_an_error_at_each_respondent(kit: Kit) -> None:
    bad = {"scale": 7, "must": 1}
    _, errors = validate(kit, bad, {"scale": 3, "must": 1}, bad, bad)
    assert errors == [
        f"respondents[R{n}].answers.repeat.scale: 7 is not on the scale; allowed: 1–5"
        for n in (1, 3, 4)
    ]


def test_repeated_errors_keep_their_file_and_line(write: Callable[..., Path], kit: Kit) -> None:
    path = write(
        "repeat.yaml",
        """
        respondents:
          - id: R1
            perspective: internal
            answers:
              repeat: {scale: 9, must: 2}
          - id: R2
            perspective: internal
            answers:
              repeat:
                must: 2
                scale: 9
                strict: dont_know
          - id: R3
            perspective: customer
            answers:
              repeat: {strict: dont_know}
    """,
    )
    with pytest.raises(ValidationError) as caught:
        kit.read_responses(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:5: respondents[R1].answers.repeat.scale: 9 is not on the scale; allowed: 1–5",
        f"{path}:11: respondents[R2].answers.repeat.scale: 9 is not on the scale; allowed: 1–5",
        f"{path}:12: respondents[R2].answers.repeat.strict: 'don't know' is not offered for "
        "this question",
        f"{path}:16: respondents[R3].answers.repeat.strict: this question is for internal "
        "respondents, not customer",
    ]


def test_equal_values_of_other_types_get_their_own_verdict(kit: Kit) -> None:
    respondents, errors = validate(
        kit,
        {"scale": 1, "count": 5, "must": 1},
        {"scale": True, "count": 5.0, "must": 1},
        {"scale": 1.0, "count": "5", "must": "1"},
        {"scale": 1, "count": 5, "must": 1},
    )
    assert errors == [
        "respondents[R2].answers.repeat.scale: True is not on the scale; allowed: 1–5"
    ]
    kept = [r.answers["repeat"] for r in respondents]
    assert kept[0] == kept[3] == {"scale": 1, "count": 5, "must": 1}
    assert kept[1] == {"count": 5, "must": 1}
    assert kept[2] == {"scale": 1, "count": 5, "must": 1}
    assert [type(k["count"]) for k in kept] == [int] * 4
    assert [type(k["must"]) for k in kept] == [int] * 4  # "1" is normalised, not kept as text


def test_the_sign_of_zero_stays_in_the_message(kit: Kit) -> None:
    _, errors = validate(kit, {"count": 0.0, "must": 1}, {"count": -0.0, "must": 1})
    assert errors == [
        "respondents[R1].answers.repeat.count: 0.0 is below the minimum 1",
        "respondents[R2].answers.repeat.count: -0.0 is below the minimum 1",
    ]


def test_missing_required_answers_are_found_after_known_answers(kit: Kit) -> None:
    _, errors = validate(kit, {"scale": 2, "must": 3}, {"scale": 2}, {"scale": 2, "must": 3})
    assert errors == ["respondents[R2].answers.repeat.must: a required question is not answered"]


def test_perspectives_are_judged_apart(kit: Kit) -> None:
    internal, errors = validate(kit, {"mirror": "ja", "must": 1}, {"mirror": "ja", "must": 1})
    assert not errors and [r.answers["repeat"]["mirror"] for r in internal] == ["yes", "yes"]
    customers, errors = validate(kit, {"mirror": "ja"}, {"scale": 2}, perspective="customer")
    assert [r.answers["repeat"] for r in customers] == [{"mirror": "yes"}, {}]
    assert errors == [
        "respondents[R2].answers.repeat.scale: this question is for internal respondents, "
        "not customer"
    ]


def test_structured_answers_beside_known_ones(kit: Kit) -> None:
    respondents, errors = validate(
        kit,
        {"scale": 3, "channels": ["mail"], "must": 1},
        {"scale": 3, "channels": ["mail", "fax"], "must": 1},
        {"channels": ["phone", "mail"], "scale": 3, "must": 1},
        {"scale": 3, "channels": None, "must": 1},
        {"channels": ["fax"], "strict": "dont_know", "must": 1},
    )
    fax = "'fax' is not an option; allowed: mail, phone"
    assert errors == [
        f"respondents[R2].answers.repeat.channels: {fax}",
        f"respondents[R5].answers.repeat.channels: {fax}",
        "respondents[R5].answers.repeat.strict: 'don't know' is not offered for this question",
    ]
    kept = [r.answers["repeat"] for r in respondents]
    assert list(kept[2].items()) == [("channels", ["phone", "mail"]), ("scale", 3), ("must", 1)]
    assert kept[1] == kept[3] == {"scale": 3, "must": 1} and kept[4] == {"must": 1}


def test_repeated_mappings_are_judged_by_type_and_content(kit: Kit) -> None:
    grids = [
        {"r1": 2, "r2": "dont_know"},
        {"r1": 2, "r2": "dont_know"},
        {"r1": True},
        {"r1": 1},
        {"r1": 1.0},
        {"r1": True},
        {"r2": 2, "r1": 9},
        {"r2": 2, "r1": 9},
    ]
    respondents, errors = validate(kit, *({"grid": grid, "must": 1} for grid in grids))
    assert errors == [
        f"respondents[R{n}].answers.repeat.grid: row 'r1': {shown} is not on the scale; "
        "allowed: 1–5"
        for n, shown in ((3, "True"), (6, "True"), (7, 9), (8, 9))
    ]
    kept = [r.answers["repeat"].get("grid") for r in respondents]
    assert kept[:2] == [{"r1": 2, "r2": "dont_know"}] * 2 and kept[0] is not kept[1]
    assert kept[3] == kept[4] == {"r1": 1} and type(kept[4]["r1"]) is int
    kept[0]["r1"] = 5
    assert kept[1]["r1"] == 2


def test_no_normalised_value_is_shared_between_respondents(kit: Kit) -> None:
    answers = {"channels": "mail, phone", "must": 1}
    respondents, errors = validate(kit, answers, dict(answers), dict(answers))
    assert not errors
    lists = [r.answers["repeat"]["channels"] for r in respondents]
    assert lists == [["mail", "phone"]] * 3
    lists[0].append("changed")
    assert lists[1] == lists[2] == ["mail", "phone"]


def test_answers_are_copied_not_shared_with_the_input(kit: Kit) -> None:
    given = {"scale": 4, "must": 2}
    respondents, _ = validate(kit, given, given)
    first: Respondent = respondents[0]
    assert first.answers["repeat"] == given and first.answers["repeat"] is not given
    first.answers["repeat"]["scale"] = 1
    assert given["scale"] == 4 and respondents[1].answers["repeat"]["scale"] == 4


class Fraction(QuestionType):
    """Whole numbers in, floats out: the normalised value equals the answer, in another type."""

    name = "fraction"

    def check(self, question: Question, value: Any, departments: tuple[str, ...]) -> Any:
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 1:
            raise AnswerProblem(f"{value!r} is not 0 or 1")
        return float(value)

    def score(self, question: Question, value: Any) -> float | None:
        return value


def test_values_are_kept_as_the_question_type_returns_them() -> None:
    plugin = types.ModuleType("fraction_plugin")
    plugin.ccassess_question_types = hookimpl(lambda: [Fraction()])  # type: ignore[attr-defined]
    dimension = {**REPEAT["dimensions"][0], "questions": [_question("part", "fraction")]}
    kit = make_kit(("fraction", plugin), modules=[{**REPEAT, "dimensions": [dimension]}])
    respondents, errors = validate(kit, {"part": 1}, {"part": 1}, {"part": 0}, {"part": 0})
    assert not errors
    kept = [r.answers["repeat"]["part"] for r in respondents]
    assert kept == [1.0, 1.0, 0.0, 0.0] and {type(k) for k in kept} == {float}
