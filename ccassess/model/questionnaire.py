"""The questionnaire and response model: modules, dimensions, questions, respondents, answers.

Instances are built by the loaders (validation happens there, once); past that edge the code
trusts them. Frozen dataclasses keep modules shareable between respondents and threads.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from ccassess.text import Text

Perspective = Literal["internal", "customer", "key_figures"]

QuestionPerspective = Literal["internal", "customer", "both", "key_figures"]

#: The perspectives that are scored: staff and customers.
PERSPECTIVES: tuple[Perspective, ...] = ("internal", "customer")

#: Who may answer: staff, customers, and the key figures a consultant or controller enters
#: once per round (company figures such as customer counts; never asked of staff or
#: customers, never scored as anyone's view).
KEY_FIGURES: Perspective = "key_figures"
RESPONDENT_PERSPECTIVES: tuple[Perspective, ...] = (*PERSPECTIVES, KEY_FIGURES)

#: A matrix question whose rows are the assessment's departments.
DEPARTMENT_ROWS = "departments"


@dataclass(frozen=True)
class Scale:
    """An ordered answer scale: points start, start+1, …; labels per language."""

    points: int
    start: int = 1
    labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def values(self) -> range:
        return range(self.start, self.start + self.points)

    def label(self, value: int, lang: str) -> str:
        # another language falls back to English, as all module content does
        labels = (
            self.labels.get(lang)
            or self.labels.get("en" if lang != "en" else "de")
            or self.labels.get("de")
            or ()
        )
        index = value - self.start
        return labels[index] if 0 <= index < len(labels) else str(value)

    def numbered(self, value: int, lang: str) -> str:
        """A point as respondents see it: its number, then its label ("4 – agree"); a label
        that is the number or starts with it ("0 – not at all likely") is shown as it is."""
        label = self.label(value, lang)
        number = str(value)
        if label == number or label.startswith((f"{number} ", f"{number}–", f"{number}-")):
            return label
        return f"{number} – {label}"


@dataclass(frozen=True)
class Option:
    """A choice option or a matrix row: an id, a label and, for choices, a score in 0..1."""

    id: str
    label: Text
    score: float | None = None


@dataclass(frozen=True)
class Condition:
    """When a question is asked: only if an earlier question of the module was answered with
    one of `values` (a filter such as "Did you contact our service in the last 12 months?").

    A respondent who answered the filter otherwise is not asked the question: it counts as not
    asked, never as "don't know". Without an answer to the filter (skipped, "don't know", or a
    perspective the filter is not put to) the question is asked.
    """

    question: str
    values: tuple[Any, ...]

    def skips(self, answers: Mapping[str, Any]) -> bool:
        """Whether these answers (one module's) answered the filter so that the question is
        not asked."""
        given = answers.get(self.question)
        if given is None or given == "dont_know":
            return False
        return given not in self.values


@dataclass(frozen=True)
class Question:
    """One questionnaire item. `text` is the internal wording; mirrored items add a customer one."""

    id: str
    type: str
    text: Text
    source: str
    perspective: QuestionPerspective = "internal"
    text_customer: Text | None = None
    help: Text | None = None
    weight: float = 1.0
    reverse: bool = False
    dont_know: bool = True
    required: bool = False
    scale: Scale | None = None
    options: tuple[Option, ...] = ()
    rows: tuple[Option, ...] | str = ()
    minimum: float | None = None
    maximum: float | None = None
    unit: Text | None = None
    score_range: tuple[float, float] | None = None
    #: Asked only when an earlier question was answered a certain way (`ask_if`).
    ask_if: Condition | None = None
    #: Rates how important its dimension is to the respondent (an importance × performance
    #: view), not how well it is done: never part of a score.
    importance: bool = False
    #: Type-specific settings that a plugin's question type parsed (e.g. Kano wordings).
    extra: Mapping[str, Any] = field(default_factory=dict)

    def skipped(self, answers: Mapping[str, Any]) -> bool:
        """Not asked of the respondent who gave these answers (one module's): a filter
        question answered so that this question does not apply."""
        return self.ask_if is not None and self.ask_if.skips(answers)

    def asked_of(self, perspective: str) -> bool:
        if self.perspective == "both":  # mirrored: staff and customers, never key figures
            return perspective in PERSPECTIVES
        return self.perspective == perspective

    @property
    def mirrored(self) -> bool:
        return self.perspective == "both"

    def wording(self, perspective: str, lang: str) -> str:
        if perspective == "customer" and self.text_customer is not None:
            return self.text_customer.get(lang)
        return self.text.get(lang)


@dataclass(frozen=True)
class Level:
    """A maturity level: scores from `minimum` up to the next level's minimum."""

    level: int
    minimum: float
    name: Text
    description: Text


@dataclass(frozen=True)
class FindingRule:
    """A declarative finding: fires when a score is below/above a bound, or a gap is too wide."""

    id: str
    target: Literal["question", "dimension", "module"]
    target_id: str | None
    comparison: Literal["below", "above", "gap_above"]
    bound: float
    severity: Literal["info", "warning", "critical"]
    text: Text
    perspective: Perspective | None = None


@dataclass(frozen=True)
class Dimension:
    id: str
    title: Text
    questions: tuple[Question, ...]
    description: Text | None = None
    weight: float = 1.0
    levels: Mapping[int, Text] = field(default_factory=dict)
    recommendations: Mapping[int, tuple[Text, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class InitiativeText:
    """The module's initiative in the action plan: a short title and why it matters."""

    title: Text
    why: Text


@dataclass(frozen=True)
class Module:
    """An assessment module as a plugin defines it."""

    id: str
    version: str
    title: Text
    dimensions: tuple[Dimension, ...]
    levels: tuple[Level, ...]
    description: Text | None = None
    weight: float = 1.0
    findings: tuple[FindingRule, ...] = ()
    formulas: Mapping[str, Text] = field(default_factory=dict)
    #: Title and reason of the module's initiative in the action plan (optional; without it
    #: the module's title is used).
    initiative: InitiativeText | None = None
    #: The definition as plain data (the YAML schema), kept so a workspace can store the module
    #: exactly as it was when answered.
    definition: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    origin: str | None = field(default=None, compare=False)

    def questions(self) -> Iterator[tuple[Dimension, Question]]:
        for dimension in self.dimensions:
            for question in dimension.questions:
                yield dimension, question

    @cached_property
    def _question_index(self) -> dict[str, Question]:
        return {question.id: question for _, question in self.questions()}

    @cached_property
    def required_questions(self) -> tuple[Question, ...]:
        return tuple(q for _, q in self.questions() if q.required)

    def question(self, question_id: str) -> Question | None:
        return self._question_index.get(question_id)

    def dimension(self, dimension_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)
