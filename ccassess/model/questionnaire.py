"""The questionnaire and response model: modules, dimensions, questions, respondents, answers.

Instances are built by the loaders (validation happens there, once); past that edge the code
trusts them. Frozen dataclasses keep modules shareable between respondents and threads.

The classes are dataclasses declared with `ccassess.records.record`, which writes their
methods once instead of generating them per class (every command imports this module; see
`ccassess/records.py`): each `__init__` below is the one `@dataclass` would generate.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import field
from functools import cached_property
from typing import Any, Literal

from ccassess.records import FACTORY, FrozenRecord, record, set_field
from ccassess.text import Text

Perspective = Literal["internal", "customer"]

QuestionPerspective = Literal["internal", "customer", "both"]

PERSPECTIVES: tuple[Perspective, ...] = ("internal", "customer")

#: A matrix question whose rows are the assessment's departments.
DEPARTMENT_ROWS = "departments"


@record
class Scale(FrozenRecord):
    """An ordered answer scale: points start, start+1, …; labels per language."""

    points: int
    start: int = 1
    labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __init__(
        self, points: int, start: int = 1, labels: Mapping[str, tuple[str, ...]] = FACTORY
    ) -> None:
        set_field(self, "points", points)
        set_field(self, "start", start)
        set_field(self, "labels", {} if labels is FACTORY else labels)

    @property
    def values(self) -> range:
        return range(self.start, self.start + self.points)

    def label(self, value: int, lang: str) -> str:
        labels = self.labels.get(lang) or self.labels.get("en" if lang == "de" else "de") or ()
        index = value - self.start
        return labels[index] if 0 <= index < len(labels) else str(value)


@record
class Option(FrozenRecord):
    """A choice option or a matrix row: an id, a label and, for choices, a score in 0..1."""

    id: str
    label: Text
    score: float | None = None

    def __init__(self, id: str, label: Text, score: float | None = None) -> None:
        set_field(self, "id", id)
        set_field(self, "label", label)
        set_field(self, "score", score)


@record
class Question(FrozenRecord):
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
    #: Type-specific settings that a plugin's question type parsed (e.g. Kano wordings).
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __init__(
        self,
        id: str,
        type: str,
        text: Text,
        source: str,
        perspective: QuestionPerspective = "internal",
        text_customer: Text | None = None,
        help: Text | None = None,
        weight: float = 1.0,
        reverse: bool = False,
        dont_know: bool = True,
        required: bool = False,
        scale: Scale | None = None,
        options: tuple[Option, ...] = (),
        rows: tuple[Option, ...] | str = (),
        minimum: float | None = None,
        maximum: float | None = None,
        unit: Text | None = None,
        score_range: tuple[float, float] | None = None,
        extra: Mapping[str, Any] = FACTORY,
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "type", type)
        set_field(self, "text", text)
        set_field(self, "source", source)
        set_field(self, "perspective", perspective)
        set_field(self, "text_customer", text_customer)
        set_field(self, "help", help)
        set_field(self, "weight", weight)
        set_field(self, "reverse", reverse)
        set_field(self, "dont_know", dont_know)
        set_field(self, "required", required)
        set_field(self, "scale", scale)
        set_field(self, "options", options)
        set_field(self, "rows", rows)
        set_field(self, "minimum", minimum)
        set_field(self, "maximum", maximum)
        set_field(self, "unit", unit)
        set_field(self, "score_range", score_range)
        set_field(self, "extra", {} if extra is FACTORY else extra)

    def asked_of(self, perspective: str) -> bool:
        return self.perspective == "both" or self.perspective == perspective

    @property
    def mirrored(self) -> bool:
        return self.perspective == "both"

    def wording(self, perspective: str, lang: str) -> str:
        if perspective == "customer" and self.text_customer is not None:
            return self.text_customer.get(lang)
        return self.text.get(lang)


@record
class Level(FrozenRecord):
    """A maturity level: scores from `minimum` up to the next level's minimum."""

    level: int
    minimum: float
    name: Text
    description: Text

    def __init__(self, level: int, minimum: float, name: Text, description: Text) -> None:
        set_field(self, "level", level)
        set_field(self, "minimum", minimum)
        set_field(self, "name", name)
        set_field(self, "description", description)


@record
class FindingRule(FrozenRecord):
    """A declarative finding: fires when a score is below/above a bound, or a gap is too wide."""

    id: str
    target: Literal["question", "dimension", "module"]
    target_id: str | None
    comparison: Literal["below", "above", "gap_above"]
    bound: float
    severity: Literal["info", "warning", "critical"]
    text: Text
    perspective: Perspective | None = None

    def __init__(
        self,
        id: str,
        target: Literal["question", "dimension", "module"],
        target_id: str | None,
        comparison: Literal["below", "above", "gap_above"],
        bound: float,
        severity: Literal["info", "warning", "critical"],
        text: Text,
        perspective: Perspective | None = None,
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "target", target)
        set_field(self, "target_id", target_id)
        set_field(self, "comparison", comparison)
        set_field(self, "bound", bound)
        set_field(self, "severity", severity)
        set_field(self, "text", text)
        set_field(self, "perspective", perspective)


@record
class Dimension(FrozenRecord):
    id: str
    title: Text
    questions: tuple[Question, ...]
    description: Text | None = None
    weight: float = 1.0
    levels: Mapping[int, Text] = field(default_factory=dict)
    recommendations: Mapping[int, tuple[Text, ...]] = field(default_factory=dict)

    def __init__(
        self,
        id: str,
        title: Text,
        questions: tuple[Question, ...],
        description: Text | None = None,
        weight: float = 1.0,
        levels: Mapping[int, Text] = FACTORY,
        recommendations: Mapping[int, tuple[Text, ...]] = FACTORY,
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "title", title)
        set_field(self, "questions", questions)
        set_field(self, "description", description)
        set_field(self, "weight", weight)
        set_field(self, "levels", {} if levels is FACTORY else levels)
        set_field(self, "recommendations", {} if recommendations is FACTORY else recommendations)


@record
class Module(FrozenRecord):
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
    #: The definition as plain data (the YAML schema), kept so a workspace can store the module
    #: exactly as it was when answered.
    definition: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    origin: str | None = field(default=None, compare=False)

    def __init__(
        self,
        id: str,
        version: str,
        title: Text,
        dimensions: tuple[Dimension, ...],
        levels: tuple[Level, ...],
        description: Text | None = None,
        weight: float = 1.0,
        findings: tuple[FindingRule, ...] = (),
        formulas: Mapping[str, Text] = FACTORY,
        definition: Mapping[str, Any] = FACTORY,
        origin: str | None = None,
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "version", version)
        set_field(self, "title", title)
        set_field(self, "dimensions", dimensions)
        set_field(self, "levels", levels)
        set_field(self, "description", description)
        set_field(self, "weight", weight)
        set_field(self, "findings", findings)
        set_field(self, "formulas", {} if formulas is FACTORY else formulas)
        set_field(self, "definition", {} if definition is FACTORY else definition)
        set_field(self, "origin", origin)

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
