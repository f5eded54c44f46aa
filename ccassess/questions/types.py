"""The question-type interface: how a question is defined, which answers it accepts, how an
answer scores, and how it is put to respondents.

A question type describes itself, and the answer sheets, tables, online forms, the terminal
questionnaire and the survey-tool import ask it instead of knowing types by name. An answer
takes one of three shapes:

- **one cell** (the default): picked from `choices`, or typed in as `entry` says;
- **parts** (`parts`): a mapping of part id → cell, one row or column per part — a matrix's
  rows, a Kano item's functional and dysfunctional sides;
- **item rows** (`items`): a list of items entered one per row, with columns of their own
  besides the answer — an activity list.

The core's own types (`ccassess.questions.builtin`) are contributed through the same
`ccassess_question_types` hook that plugins use. Scores are in 0..1 before reverse coding;
`None` means "not scored" (free text, unscored numbers, classifications).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from ccassess.text import Text

if TYPE_CHECKING:  # only annotations: every command loads the question types (start-up)
    from ccassess.model.questionnaire import Question


class AnswerProblem(ValueError):
    """An answer that does not fit its question; the message says what is allowed.

    The message is for whoever imports a file, in the CLI's language (through a catalog:
    the core's `_()`, a plugin's own); `text`, where a type gives one,
    says the same to a respondent in their language (the terminal questionnaire). Without
    it, respondents are told what `QuestionType.allowed` describes.
    """

    def __init__(self, message: str, text: Text | None = None) -> None:
        super().__init__(message)
        self.text = text


class DefinitionContext:
    """What a question type needs to parse its own keys: the raw mapping and a way to complain."""

    def __init__(self, raw: Mapping[str, Any], report: Any, text: Any) -> None:
        self.raw = raw
        self.report = report  # report(key, message): records an error at that key
        self.text = text  # text(key, required=False) -> Text | None


class Choice(NamedTuple):
    """An answer a respondent can pick: a value `check` accepts, and its label."""

    value: Any
    label: Text


@dataclass(frozen=True)
class Part:
    """A part of an answer with a cell of its own: a matrix row, a side of a Kano item.

    `id` is the part's key in the answer (a mapping of part id → value) and its name in a
    table's column (``module.question[id]``) and a sheet's part column. `label` names the part.
    `wording`, for a part that is a question of its own (the Kano item's "How would you feel
    if …?"), is what respondents read instead of the label. `aliases` are further names a
    sheet's part column may give it (compared ignoring case, like the id and the label).
    """

    id: str
    label: Text
    wording: Text | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ItemField:
    """A column of an item row besides the answer: the item's key, the column's header and
    width on the workbook, and what it accepts — one of `choices` (value → label, a drop-down)
    or a number from `minimum` to `maximum` (either may be None); with neither, text. The key
    names the sheet column too, so it differs from the sheet's own (id, part, question,
    answer, allowed, help)."""

    key: str
    header: Text
    width: int = 20
    choices: Mapping[str, Text] | None = None
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class ItemRows:
    """How a list answer is entered: one item per row (an activity list).

    On an answer sheet the question has `count` numbered rows named by `label` ("Activity 3");
    the item's `answer` key is written in the answer column, each of `fields` in a column of
    its own. `hint` is a note below the question on the workbook. Where an item is typed on
    one line (the CSV sheet, the terminal, a table's cell), its keys are separated by ";" in
    the order `line` names them; `instruction` tells the terminal's respondent how.
    """

    count: int
    label: Text
    answer: str
    fields: tuple[ItemField, ...]
    hint: Text
    line: Text
    instruction: Text

    @property
    def keys(self) -> tuple[str, ...]:
        """The item's keys in the order of a line: the answer's, then the fields'."""
        return (self.answer, *(field.key for field in self.fields))


class QuestionType:
    """Base class of question types. Subclass, set `name`, override what differs.

    `check` and `score` decide what an answer is worth; `choices`, `entry`, `parts` and
    `items` say how it is asked and read from sheets, tables and forms. The defaults describe
    an answer typed into one cell and judged by `check`.
    """

    name: ClassVar[str] = ""
    #: Definition keys this type understands beyond the common question keys.
    keys: ClassVar[frozenset[str]] = frozenset()
    #: Whether answers of this type contribute to scores and coverage (see `is_scored`).
    scored: ClassVar[bool] = True
    #: Whether the type needs a scale (likert, matrix).
    needs_scale: ClassVar[bool] = False
    #: Whether the type needs choice options (the question's `options`).
    needs_options: ClassVar[bool] = False
    #: Whether the type has rows (the question's `rows`: a list, or the departments).
    needs_rows: ClassVar[bool] = False
    #: How a cell is typed when it is not picked from `choices`: "number" (a number from the
    #: question's `min` to its `max`, which the type then understands, with `unit` and
    #: `score`), "text" (free text, taken as written) or None (anything; `check` judges it).
    entry: ClassVar[str | None] = None
    #: Whether an answer is several of the question's options (a list of option ids).
    multiple: ClassVar[bool] = False
    #: For parts: whether each part may be left out on its own (a matrix). When False (a Kano
    #: item), every part is needed, and "don't know" on every part is "don't know" for the
    #: question. "Don't know" on some parts is passed to `check`, which decides (a matrix row
    #: and a Kano side take it).
    partial: ClassVar[bool] = True
    #: The kind of answer as a question list names it ("scale", "single choice"); None: the
    #: type's name.
    answer_type: ClassVar[Text | None] = None
    #: What a reader of the report calls the type ("rating scale", "Kano question pair"),
    #: shown in the report's method instead of the type's name; None: `answer_type`.
    label: ClassVar[Text | None] = None
    #: How an answer becomes a score (0–100), one phrase for the report's method ("scale
    #: points linear on 0–100"); None: the report says the module describes it.
    scoring: ClassVar[Text | None] = None

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

    def is_scored(self, question: Question) -> bool:
        """Whether answers to this question count for scores and coverage."""
        return self.scored

    def describe(self, question: Question, value: Any, lang: str) -> str:
        """The answer as a reader sees it (answer appendix, exports)."""
        return str(value)

    def allowed(self, question: Question, lang: str) -> str:
        """A short description of valid answers, for answer sheets."""
        return ""

    def choices(self, question: Question) -> Sequence[Choice] | None:
        """The answers to pick from, in order — for the whole answer, or for each of its parts:
        drop-downs of answer sheets, numbered lists in the terminal, choice lists of online
        forms. A picked label is read back as its value. None: the answer is typed in.

        For a scale question, sheets and the terminal show each label after its value
        ("4 – agree"): the number is what is typed.
        """
        return None

    def parts(self, question: Question, departments: Sequence[str]) -> Sequence[Part] | None:
        """The parts of an answer that is a mapping of part id → value, each answered from
        `choices`; None: the answer is not made of parts. `departments` are the assessment's
        (a matrix may have one row per department)."""
        return None

    def items(self, question: Question) -> ItemRows | None:
        """How a list answer is entered one item per row; None: it is not. Online forms
        cannot ask such a question; answer sheets and the terminal can."""
        return None


def type_label(qtype: QuestionType) -> Text:
    """What a reader calls the type: its `label`, else its `answer_type`, else its name."""
    return qtype.label or qtype.answer_type or Text(qtype.name, qtype.name)


def is_scored(qtype: QuestionType, question: Question) -> bool:
    """Whether answers to this question count for scores and coverage (an importance
    rating never does: it says what matters, not how well it is done)."""
    return not question.importance and qtype.is_scored(question)
