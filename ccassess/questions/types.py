"""Question types: how a question is defined, which answers it accepts, how an answer scores.

The core types below are contributed through the same `ccassess_question_types` hook that
plugins use (the Kano and activity-list types live in plugins). Scores are in 0..1 before
reverse coding; `None` means "not scored" (free text, Kano, unscored numbers).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, ClassVar

from ccassess.model.answers import DONT_KNOW
from ccassess.model.questionnaire import DEPARTMENT_ROWS, Question, Scale
from ccassess.text import Text


class AnswerProblem(ValueError):
    """An answer that does not fit its question; the message says what is allowed."""


class DefinitionContext:
    """What a question type needs to parse its own keys: the raw mapping and a way to complain."""

    def __init__(self, raw: Mapping[str, Any], report: Any, text: Any) -> None:
        self.raw = raw
        self.report = report  # report(key, message): records an error at that key
        self.text = text  # text(key, required=False) -> Text | None


class QuestionType:
    """Base class of question types. Subclass, set `name`, override what differs."""

    name: ClassVar[str] = ""
    #: Definition keys this type understands beyond the common question keys.
    keys: ClassVar[frozenset[str]] = frozenset()
    #: Whether answers of this type contribute to scores and coverage.
    scored: ClassVar[bool] = True
    #: Whether the type needs a scale (likert, matrix).
    needs_scale: ClassVar[bool] = False

    def configure(self, ctx: DefinitionContext) -> dict[str, Any]:
        """Parse type-specific keys into `Question.extra`; report problems through ctx."""
        return {}

    def check(self, question: Question, value: Any, departments: tuple[str, ...]) -> Any:
        """Return the normalised answer or raise AnswerProblem.

        Must be pure (depend on its arguments only): the validator reuses the verdict on a
        scalar answer (text, number, boolean) for everyone who gives it to the question.
        """
        raise NotImplementedError

    def score(self, question: Question, value: Any) -> float | None:
        """The answer's score in 0..1 before reverse coding, or None when it is not scored.

        Must be pure as well: scoring reuses the score of a text or whole-number answer.
        """
        return None

    def describe(self, question: Question, value: Any, lang: str) -> str:
        """The answer as a reader sees it (answer appendix, exports)."""
        return str(value)

    def allowed(self, question: Question, lang: str) -> str:
        """A short description of valid answers, for error messages and sheets."""
        return ""


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _scale_value(scale: Scale, value: Any) -> int:
    if type(value) is int and scale.start <= value < scale.start + scale.points:
        return value  # the common case, checked first
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value not in scale.values:
        raise AnswerProblem(
            f"{value!r} is not on the scale; "
            f"allowed: {scale.start}–{scale.start + scale.points - 1}"
        )
    return value


def _scale_score(scale: Scale, value: int) -> float:
    return (value - scale.start) / (scale.points - 1)


class Likert(QuestionType):
    name = "likert"
    needs_scale = True

    def check(self, question: Question, value: Any, departments: tuple[str, ...]) -> Any:
        assert question.scale is not None
        return _scale_value(question.scale, value)

    def score(self, question: Question, value: Any) -> float | None:
        assert question.scale is not None
        return _scale_score(question.scale, value)

    def describe(self, question: Question, value: Any, lang: str) -> str:
        assert question.scale is not None
        return f"{value} – {question.scale.label(value, lang)}"

    def allowed(self, question: Question, lang: str) -> str:
        assert question.scale is not None
        return f"{question.scale.start}–{question.scale.start + question.scale.points - 1}"


YES_PARTLY_NO = {"yes": 1.0, "partly": 0.5, "no": 0.0}
YES_PARTLY_NO_LABELS = {
    "yes": Text("ja", "yes"),
    "partly": Text("teilweise", "partly"),
    "no": Text("nein", "no"),
}


class YesPartlyNo(QuestionType):
    name = "yes_partly_no"

    def check(self, question: Question, value: Any, departments: tuple[str, ...]) -> Any:
        if value is True:
            return "yes"
        if value is False:
            return "no"
        text = str(value).strip().lower()
        for key, label in YES_PARTLY_NO_LABELS.items():
            if text in (key, (label.de or "").lower()):
                return key
        raise AnswerProblem(f"{value!r} is not an answer here; allowed: yes, partly, no")

    def score(self, question: Question, value: Any) -> float | None:
        return YES_PARTLY_NO[value]

    def describe(self, question: Question, value: Any, lang: str) -> str:
        return YES_PARTLY_NO_LABELS[value].get(lang)

    def allowed(self, question: Question, lang: str) -> str:
        return ", ".join(label.get(lang) for label in YES_PARTLY_NO_LABELS.values())


class SingleChoice(QuestionType):
    name = "single_choice"

    def check(self, question: Question, value: Any, departments: tuple[str, ...]) -> Any:
        ids = {option.id for option in question.options}
        if str(value) not in ids:
            raise AnswerProblem(f"{value!r} is not an option; allowed: {', '.join(sorted(ids))}")
        return str(value)

    def score(self, question: Question, value: Any) -> float | None:
        option = next(o for o in question.options if o.id == value)
        return option.score

    def describe(self, question: Question, value: Any, lang: str) -> str:
        option = next((o for o in question.options if o.id == value), None)
        return option.label.get(lang) if option else str(value)

    def allowed(self, question: Question, lang: str) -> str:
        return ", ".join(o.id for o in question.options)


class MultipleChoice(SingleChoice):
    name = "multiple_choice"

    def check(self, question: Question, value: Any, departments: tuple[str, ...]) -> Any:
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, list):
            raise AnswerProblem("expected a list of option ids")
        chosen = [SingleChoice.check(self, question, item, departments) for item in value]
        if len(set(chosen)) != len(chosen):
            raise AnswerProblem("an option is chosen twice")
        return chosen

    def score(self, question: Question, value: Any) -> float | None:
        best = sum(o.score for o in question.options if o.score and o.score > 0)
        if not best:
            return None
        got = sum(o.score or 0.0 for o in question.options if o.id in value)
        return min(1.0, max(0.0, got / best))

    def describe(self, question: Question, value: Any, lang: str) -> str:
        return "; ".join(SingleChoice.describe(self, question, item, lang) for item in value)


class Number(QuestionType):
    name = "number"

    def check(self, question: Question, value: Any, departments: tuple[str, ...]) -> Any:
        if isinstance(value, str):
            try:
                value = float(value.strip().replace(",", "."))
            except ValueError:
                raise AnswerProblem(f"{value!r} is not a number") from None
        if not _is_number(value) or not math.isfinite(value):
            raise AnswerProblem(f"{value!r} is not a finite number")
        if question.minimum is not None and value < question.minimum:
            raise AnswerProblem(f"{value} is below the minimum {question.minimum:g}")
        if question.maximum is not None and value > question.maximum:
            raise AnswerProblem(f"{value} is above the maximum {question.maximum:g}")
        return int(value) if float(value).is_integer() else float(value)

    def score(self, question: Question, value: Any) -> float | None:
        if question.score_range is None:
            return None
        low, high = question.score_range
        return min(1.0, max(0.0, (value - low) / (high - low)))

    def describe(self, question: Question, value: Any, lang: str) -> str:
        unit = f" {question.unit.get(lang)}" if question.unit else ""
        return f"{value:g}{unit}"

    def allowed(self, question: Question, lang: str) -> str:
        low = "" if question.minimum is None else f"{question.minimum:g}"
        high = "" if question.maximum is None else f"{question.maximum:g}"
        return f"a number {low}–{high}".strip()


class FreeText(QuestionType):
    name = "text"
    scored = False
    max_length = 10_000

    def check(self, question: Question, value: Any, departments: tuple[str, ...]) -> Any:
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise AnswerProblem("expected text")
        text = str(value)
        if len(text) > self.max_length:
            raise AnswerProblem(f"text is {len(text):,} characters; the limit is 10,000")
        return text


class Matrix(QuestionType):
    """Rows × one scale. Rows may be the assessment's departments (the silo check's matrix)."""

    name = "matrix"
    needs_scale = True

    def rows(self, question: Question, departments: tuple[str, ...]) -> list[str]:
        if question.rows == DEPARTMENT_ROWS:
            return list(departments)
        return [row.id for row in question.rows]  # type: ignore[union-attr]

    def check(self, question: Question, value: Any, departments: tuple[str, ...]) -> Any:
        assert question.scale is not None
        if not isinstance(value, (dict, Mapping)):  # dict first: the ABC check is slow
            raise AnswerProblem("expected a mapping of row → scale value")
        rows = self.rows(question, departments)
        checked: dict[str, Any] = {}
        for row, cell in value.items():
            if str(row) not in rows:
                raise AnswerProblem(f"unknown row {row!r}; rows: {', '.join(rows)}")
            if cell is None:
                continue
            if cell == DONT_KNOW:
                checked[str(row)] = DONT_KNOW
                continue
            try:
                checked[str(row)] = _scale_value(question.scale, cell)
            except AnswerProblem as exc:
                raise AnswerProblem(f"row {row!r}: {exc}") from None
        return checked

    def score(self, question: Question, value: Any) -> float | None:
        assert question.scale is not None
        cells = [v for v in value.values() if v != DONT_KNOW]
        if not cells:
            return None
        return sum(_scale_score(question.scale, v) for v in cells) / len(cells)

    def describe(self, question: Question, value: Any, lang: str) -> str:
        return "; ".join(f"{row}: {cell}" for row, cell in value.items())


CORE_TYPES: tuple[type[QuestionType], ...] = (
    Likert,
    YesPartlyNo,
    SingleChoice,
    MultipleChoice,
    Number,
    FreeText,
    Matrix,
)


def is_scored(qtype: QuestionType, question: Question) -> bool:
    """Whether answers to this question count for scores and coverage."""
    if not qtype.scored:
        return False
    if qtype.name == "number":
        return question.score_range is not None
    if qtype.name in ("single_choice", "multiple_choice"):
        return any(o.score is not None for o in question.options)
    return True
