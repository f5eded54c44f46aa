"""The core's question types: likert, yes/partly/no, single and multiple choice, number, free
text and matrix. They are contributed through the same `ccassess_question_types` hook that
plugins use (`ccassess/plugin/core.py`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from ccassess.catalogs import _, gettext_for
from ccassess.model import DONT_KNOW
from ccassess.questions.types import AnswerProblem, Choice, Part, QuestionType
from ccassess.text import Phrase, Text

if TYPE_CHECKING:  # only annotations: every command registers these types (start-up)
    from ccassess.model.questionnaire import Question, Scale


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
        low, high = scale.start, scale.start + scale.points - 1
        raise AnswerProblem(
            _("{value} is not on the scale; allowed: {low}–{high}").format(
                value=repr(value), low=low, high=high
            ),
            Phrase(
                "“{value}” is not on the scale; please type a number from {low} to {high}",
                value=value,
                low=low,
                high=high,
            ),
        )
    return value


def _scale_score(scale: Scale, value: int) -> float:
    return (value - scale.start) / (scale.points - 1)


def scale_choices(scale: Scale) -> list[Choice]:
    """The points of a scale with their labels in both languages."""
    return [
        Choice(value, Text(scale.label(value, "de"), scale.label(value, "en")))
        for value in scale.values
    ]


def _labels(question: Question, lang: str) -> str:
    """A choice question's options as respondents read them."""
    return " / ".join(option.label.get(lang) for option in question.options)


def _number_wanted(question: Question, value: Any) -> Phrase:
    """What a respondent is told when a number does not fit (`value` as they gave it)."""
    # late import: start-up time (formatting and presentation load the model's dataclasses
    # and decimal; `ccassess modules` needs neither)
    from ccassess.format import plain
    from ccassess.questions.present import number_range

    if _is_number(value) and math.isfinite(value):
        value = plain(value)
    low, high = question.minimum, question.maximum
    # TRANSLATORS: {allowed} is what a number question takes ("a number from 0 to 10")
    return Phrase(
        "“{value}” does not fit: please type {allowed}",
        value=value,
        allowed=partial(number_range, low, high),
    )


class Likert(QuestionType):
    name = "likert"
    needs_scale = True
    answer_type = Phrase("scale")
    label = Phrase("Rating scale")
    scoring = Phrase("scale points linear on 0–100 (first point 0, last 100)")

    def check(self, question: Question, value: Any, departments: tuple[str, ...]) -> Any:
        assert question.scale is not None
        return _scale_value(question.scale, value)

    def score(self, question: Question, value: Any) -> float | None:
        assert question.scale is not None
        return _scale_score(question.scale, value)

    def describe(self, question: Question, value: Any, lang: str) -> str:
        assert question.scale is not None
        return question.scale.numbered(value, lang)

    def allowed(self, question: Question, lang: str) -> str:
        assert question.scale is not None
        return f"{question.scale.start}–{question.scale.start + question.scale.points - 1}"

    def choices(self, question: Question) -> Sequence[Choice] | None:
        assert question.scale is not None
        return scale_choices(question.scale)


YES_PARTLY_NO = {"yes": 1.0, "partly": 0.5, "no": 0.0}
YES_PARTLY_NO_LABELS = {
    "yes": Phrase("yes"),
    "partly": Phrase("partly"),
    "no": Phrase("no"),
}


class YesPartlyNo(QuestionType):
    name = "yes_partly_no"
    answer_type = Phrase("single choice")
    label = Phrase("Yes / partly / no")
    scoring = Phrase("yes 100, partly 50, no 0")

    def check(self, question: Question, value: Any, departments: tuple[str, ...]) -> Any:
        if value is True:
            return "yes"
        if value is False:
            return "no"
        text = str(value).strip().lower()
        for key, label in YES_PARTLY_NO_LABELS.items():
            if text in (key, (label.de or "").lower()):
                return key
        raise AnswerProblem(
            _("{value} is not an answer here; allowed: yes, partly, no").format(value=repr(value)),
            Phrase("Please answer yes, partly or no"),
        )

    def score(self, question: Question, value: Any) -> float | None:
        return YES_PARTLY_NO[value]

    def describe(self, question: Question, value: Any, lang: str) -> str:
        return YES_PARTLY_NO_LABELS[value].get(lang)

    def allowed(self, question: Question, lang: str) -> str:
        return ", ".join(label.get(lang) for label in YES_PARTLY_NO_LABELS.values())

    def choices(self, question: Question) -> Sequence[Choice] | None:
        return [Choice(key, label) for key, label in YES_PARTLY_NO_LABELS.items()]


class SingleChoice(QuestionType):
    name = "single_choice"
    needs_options = True
    answer_type = Phrase("single choice")
    label = Phrase("Single choice")
    scoring = Phrase("score of the chosen option")

    def check(self, question: Question, value: Any, departments: tuple[str, ...]) -> Any:
        ids = {option.id for option in question.options}
        if str(value) in ids:
            return str(value)
        wanted = str(value).strip().casefold()
        for option in question.options:  # a label typed in (a sheet, the terminal)
            if wanted in (
                label.casefold() for label in (option.label.de, option.label.en) if label
            ):
                return option.id
        raise AnswerProblem(
            _("{value} is not an option; allowed: {options}").format(
                value=repr(value), options=", ".join(sorted(ids))
            ),
            Phrase(
                "“{value}” is not one of the options: {options}",
                value=value,
                options=partial(_labels, question),
            ),
        )

    def score(self, question: Question, value: Any) -> float | None:
        option = next(o for o in question.options if o.id == value)
        return option.score

    def is_scored(self, question: Question) -> bool:
        return self.scored and any(o.score is not None for o in question.options)

    def describe(self, question: Question, value: Any, lang: str) -> str:
        option = next((o for o in question.options if o.id == value), None)
        return option.label.get(lang) if option else str(value)

    def allowed(self, question: Question, lang: str) -> str:
        return _labels(question, lang)

    def choices(self, question: Question) -> Sequence[Choice] | None:
        return [Choice(option.id, option.label) for option in question.options]


class MultipleChoice(SingleChoice):
    name = "multiple_choice"
    multiple = True
    answer_type = Phrase("multiple choice")
    label = Phrase("Multiple choice")
    scoring = Phrase("sum of the chosen options relative to the best possible")

    def check(self, question: Question, value: Any, departments: tuple[str, ...]) -> Any:
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, list):
            raise AnswerProblem(
                _("expected a list of option ids"),
                Phrase("Please pick one or more options"),
            )
        chosen = [SingleChoice.check(self, question, item, departments) for item in value]
        if len(set(chosen)) != len(chosen):
            raise AnswerProblem(
                _("an option is chosen twice"),
                Phrase("An option is chosen twice"),
            )
        return chosen

    def score(self, question: Question, value: Any) -> float | None:
        best = sum(o.score for o in question.options if o.score and o.score > 0)
        if not best:
            return None
        got = sum(o.score or 0.0 for o in question.options if o.id in value)
        return min(1.0, max(0.0, got / best))

    def describe(self, question: Question, value: Any, lang: str) -> str:
        return "; ".join(SingleChoice.describe(self, question, item, lang) for item in value)

    def allowed(self, question: Question, lang: str) -> str:
        options = ", ".join(o.label.get(lang) for o in question.options)
        return gettext_for(lang, "one or more, separated by commas: {options}").format(
            options=options
        )


class Number(QuestionType):
    name = "number"
    entry = "number"
    answer_type = Phrase("number")
    label = Phrase("Number")
    scoring = Phrase(
        "linear within the given range; numbers without one (such as company figures) are "
        "not scored"
    )

    def check(self, question: Question, value: Any, departments: tuple[str, ...]) -> Any:
        given = value.strip() if isinstance(value, str) else value
        if isinstance(value, str):
            typed = "".join(value.split()).replace(",", ".").replace("\u2212", "-")
            try:
                value = float(typed)  # spaces group digits ("10 000"), never decimals
            except ValueError:
                raise AnswerProblem(
                    _("{value} is not a number").format(value=repr(value)),
                    _number_wanted(question, given),
                ) from None
        if not _is_number(value) or not math.isfinite(value):
            raise AnswerProblem(
                _("{value} is not a finite number").format(value=repr(value)),
                _number_wanted(question, given),
            )
        low, high = question.minimum, question.maximum
        # late import: start-up time (formatting loads decimal; `ccassess modules` needs none)
        from ccassess.format import plain

        if low is not None and value < low:
            raise AnswerProblem(
                _("{value} is below the minimum {minimum}").format(value=value, minimum=plain(low)),
                _number_wanted(question, given),
            )
        if high is not None and value > high:
            raise AnswerProblem(
                _("{value} is above the maximum {maximum}").format(
                    value=value, maximum=plain(high)
                ),
                _number_wanted(question, given),
            )
        return int(value) if float(value).is_integer() else float(value)

    def score(self, question: Question, value: Any) -> float | None:
        if question.score_range is None:
            return None
        low, high = question.score_range
        return min(1.0, max(0.0, (value - low) / (high - low)))

    def is_scored(self, question: Question) -> bool:
        return self.scored and question.score_range is not None

    def describe(self, question: Question, value: Any, lang: str) -> str:
        # late import: start-up time (formatting loads decimal; `ccassess modules` needs none)
        from ccassess.format import amount

        unit = f" {question.unit.get(lang)}" if question.unit else ""
        return f"{amount(value, lang)}{unit}"

    def allowed(self, question: Question, lang: str) -> str:
        # late import: start-up time (see `_number_wanted`)
        from ccassess.questions.present import number_range

        return number_range(question.minimum, question.maximum, lang)


class FreeText(QuestionType):
    name = "text"
    scored = False
    entry = "text"
    answer_type = Phrase("free text")
    label = Phrase("Free text")
    scoring = Phrase("not scored")
    max_length = 10_000

    def check(self, question: Question, value: Any, departments: tuple[str, ...]) -> Any:
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise AnswerProblem(_("expected text"))
        text = str(value)
        if len(text) > self.max_length:
            # late import: start-up time (formatting loads Babel; `ccassess modules` needs none)
            from ccassess.format import counted

            raise AnswerProblem(
                _("text is {n} characters; the limit is {limit}").format(
                    n=counted(len(text)), limit=counted(self.max_length)
                ),
                Phrase("The text is too long ({n} characters, at most 10,000)", n=len(text)),
            )
        return text

    def allowed(self, question: Question, lang: str) -> str:
        return gettext_for(lang, "free text")


class Matrix(QuestionType):
    """Rows × one scale. Rows may be the assessment's departments (the silo check's matrix)."""

    name = "matrix"
    needs_scale = True
    needs_rows = True
    answer_type = Phrase("matrix row (scale)")
    label = Phrase("Matrix (rows on a scale)")
    scoring = Phrase("mean of the rows, scale points linear")

    def parts(self, question: Question, departments: Sequence[str]) -> Sequence[Part] | None:
        # late import: start-up time (registering the types must not load the model)
        from ccassess.model.questionnaire import DEPARTMENT_ROWS

        if question.rows == DEPARTMENT_ROWS:
            return [Part(name, Text(name, name)) for name in departments]
        return [Part(row.id, row.label) for row in question.rows]  # type: ignore[union-attr]

    def rows(self, question: Question, departments: tuple[str, ...]) -> list[str]:
        # late import: start-up time (`ccassess modules` must not load the model)
        from ccassess.model.questionnaire import DEPARTMENT_ROWS

        if question.rows == DEPARTMENT_ROWS:
            return list(departments)
        return [row.id for row in question.rows]  # type: ignore[union-attr]

    def check(self, question: Question, value: Any, departments: tuple[str, ...]) -> Any:
        assert question.scale is not None
        if not isinstance(value, (dict, Mapping)):  # dict first: the ABC check is slow
            raise AnswerProblem(_("expected a mapping of row → scale value"))
        rows = self.rows(question, departments)
        checked: dict[str, Any] = {}
        for row, cell in value.items():
            if str(row) not in rows:
                raise AnswerProblem(
                    _("unknown row {row}; rows: {rows}").format(row=repr(row), rows=", ".join(rows))
                )
            if cell is None:
                continue
            if cell == DONT_KNOW:
                checked[str(row)] = DONT_KNOW
                continue
            try:
                checked[str(row)] = _scale_value(question.scale, cell)
            except AnswerProblem as exc:
                said, named = exc.text, self._row_label(question, str(row))
                raise AnswerProblem(
                    # TRANSLATORS: a matrix row and what is wrong with its answer
                    _("row {row}: {problem}").format(row=repr(row), problem=exc),
                    # TRANSLATORS: a matrix row and what is wrong with its answer
                    said and Phrase("{row}: {problem}", row=named.get, problem=said.get),
                ) from None
        return checked

    @staticmethod
    def _row_label(question: Question, row: str) -> Text:
        """A row as respondents read it (a department is its own name)."""
        rows = question.rows if isinstance(question.rows, tuple) else ()
        return next((option.label for option in rows if option.id == row), Text(row, row))

    def score(self, question: Question, value: Any) -> float | None:
        assert question.scale is not None
        cells = [v for v in value.values() if v != DONT_KNOW]
        if not cells:
            return None
        return sum(_scale_score(question.scale, v) for v in cells) / len(cells)

    def describe(self, question: Question, value: Any, lang: str) -> str:
        return "; ".join(f"{row}: {cell}" for row, cell in value.items())

    def choices(self, question: Question) -> Sequence[Choice] | None:
        assert question.scale is not None
        return scale_choices(question.scale)


CORE_TYPES: tuple[type[QuestionType], ...] = (
    Likert,
    YesPartlyNo,
    SingleChoice,
    MultipleChoice,
    Number,
    FreeText,
    Matrix,
)
