"""Asking one question on the console: the keys a respondent types, and turning lines into
an answer the question type accepts.

A question type says how it is asked (`choices`, `entry`, `parts`, `items`), so every type —
a plugin's too — is asked the same way: choices by their number or label, a question made
of parts one line per part, item rows one item per line. Each answer is checked with the
same rules as any other source (`ResponseValidator`) before it is returned; moving through
the questionnaire (back, skip, pause) is signalled to the session by the exceptions below.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ccassess.catalogs import SOURCE_LANGUAGE
from ccassess.importers.response_files import ResponseValidator
from ccassess.model import DONT_KNOW
from ccassess.model.answers import Respondent
from ccassess.model.questionnaire import Module, Question
from ccassess.questions import present
from ccassess.questions.typed_number import typed_number
from ccassess.questions.types import AnswerProblem, ItemRows, Part, QuestionType
from ccassess.survey.console import Console, SurveyTexts

BACK = {"b", "back", "z", "zurück", "zurueck", "<"}
SKIP = {"", "s", "skip", "ü", "überspringen", "ueberspringen", ">"}
DONT = {"?", "dk", "wn", "weiß nicht", "weiss nicht", "don't know", "dont know"}
QUIT = {"q", "quit", "exit", "beenden", "pause"}
HELP = {"h", "help", "hilfe"}


class Back(Exception):
    """The respondent goes back to the previous question."""


class Pause(Exception):
    """The respondent pauses the survey (or the input has ended)."""


class Skip(Exception):
    """The respondent skips the question."""


@dataclass(frozen=True)
class SurveyItem:
    """One question with its place: question k of n within module i of m."""

    module: Module
    question: Question
    number: int
    total: int
    module_number: int
    module_count: int


class QuestionAsker:
    """Asks the questions of one respondent, in one language, and checks each answer."""

    def __init__(
        self,
        console: Console,
        lang: str,
        question_types: Mapping[str, QuestionType],
        departments: Sequence[str],
        respondent: Respondent,
        validator: ResponseValidator,
    ) -> None:
        self.console = console
        self.lang = lang
        self.text = SurveyTexts(lang)
        self.question_types = question_types
        self.departments = departments
        self.respondent = respondent
        self.validator = validator

    def ask(self, item: SurveyItem, current: Any) -> Any:
        """The answer to `item`, checked; `current` is the answer given before (or None)."""
        question = item.question
        self._header(item, current)
        qtype = self.question_types[question.type]
        parts = qtype.parts(question, self.departments)
        if parts is not None:
            return self._ask_parts(item, qtype, parts)
        items = qtype.items(question)
        if items is not None:
            return self._ask_items(item, items)
        # a multiple choice lists its options too, and takes several
        options = present.choices(qtype, question, self.lang, several=True)
        scale = question.scale is not None  # a scale point is typed as its number
        if options is not None:
            self.console.say(self._options(options, numbered=not scale))
        what = (
            "number"
            if scale or qtype.entry == "number"
            else ("several" if qtype.multiple else "choice" if options is not None else "text")
        )
        self.console.say(self._keys(question, what))
        while True:
            line = self._line(self.text["answer"] + ":", question)
            value = self._parse(line, qtype, options, numbered=not scale)
            if value is _SKIPPED:
                raise Skip
            if qtype.entry == "number" and not scale and isinstance(value, str):
                try:
                    value = typed_number(value, self.lang)
                except AnswerProblem as unclear:
                    message = told(unclear, value, question, qtype, self.lang)
                    self.console.say(self.text["invalid"].format(message=message))
                    continue
            checked, problem = self._check(item, value)
            if problem is None:
                return checked
            self.console.say(self.text["invalid"].format(message=problem))

    def _line(self, prompt: str, question: Question) -> str:
        while True:
            line = self.console.ask(prompt)
            if line is None:
                raise Pause
            word = line.casefold()
            if word in QUIT:
                raise Pause
            if word in BACK:
                raise Back
            if word in HELP:
                if question.help:
                    self.console.say(question.help.get(self.lang))
                continue
            return line

    def _check(self, item: SurveyItem, value: Any) -> tuple[Any, str | None]:
        """The validator's verdict on one answer: (normalised value, what the respondent is
        told, in their language)."""
        checked, problem = self.validator.problem(
            item.module, item.question.id, value, self.respondent.perspective
        )
        if problem is None:
            return checked, None
        qtype = self.question_types[item.question.type]
        return None, told(problem, value, item.question, qtype, self.lang)

    def _header(self, item: SurveyItem, current: Any) -> None:
        t = self.text
        self.console.say()
        # customers see numbered parts, never the assessment's module names
        customer = self.respondent.perspective == "customer"
        self.console.say(
            t["progress_customer" if customer else "progress"].format(
                k=item.number,
                n=item.total,
                i=item.module_number,
                m=item.module_count,
                module=item.module.title.get(self.lang),
            )
        )
        self.console.say(item.question.wording(self.respondent.perspective, self.lang))
        if current is not None:
            self.console.say(t["current"].format(value=self._describe(item, current)))

    def _describe(self, item: SurveyItem, value: Any) -> str:
        if value == DONT_KNOW:
            return self.text["dont_know"]
        qtype = self.question_types[item.question.type]
        try:
            return qtype.describe(item.question, value, self.lang)
        except Exception:
            return str(value)

    def _keys(self, question: Question, what: str, dont_know: bool = True) -> str:
        t = self.text
        return t["keys"].format(
            what=t[what],
            dk=t["dk"] if dont_know and question.dont_know else "",
            help=t["help"] if question.help else "",
        )

    def _options(self, options: Sequence[present.Pick], numbered: bool) -> str:
        if numbered:
            return "  ".join(f"{n}) {c.label}" for n, c in enumerate(options, start=1))
        return "  ".join(c.label for c in options)

    def _parse(
        self, line: str, qtype: QuestionType, options: Sequence[present.Pick] | None, numbered: bool
    ) -> Any:
        word = line.casefold()
        if word in SKIP:
            return _SKIPPED
        if word in DONT:
            return DONT_KNOW
        if options is None:
            if qtype.multiple:
                return [part.strip() for part in line.split(",") if part.strip()]
            return line
        if qtype.multiple:
            whole = self._pick(line, options)  # one label that has a comma in it
            if whole is not line:
                return [whole]
            return [self._pick(part.strip(), options) for part in line.split(",") if part.strip()]
        return self._pick(line, options) if numbered else line

    def _pick(self, text: str, options: Sequence[present.Pick]) -> Any:
        if text.isdigit() and 1 <= int(text) <= len(options):
            return options[int(text) - 1].value
        return present.from_label(text, present.label_map(options))

    def _ask_parts(self, item: SurveyItem, qtype: QuestionType, parts: Sequence[Part]) -> Any:
        """One line per part. Parts answered one by one (a matrix) may each be skipped or
        unknown, and are checked as they are given; otherwise skipping a part skips the
        question, "don't know" holds for that part only (a Kano side: the other side is still
        asked), and "don't know" on every part is "don't know" for the question."""
        question = item.question
        options = present.choices(qtype, question, self.lang) or []
        numbered = question.scale is None  # a scale point is typed as its number
        self.console.say(self._options(options, numbered))
        self.console.say(self._keys(question, "choice" if numbered else "number"))
        values = {option.value for option in options}
        value: dict[str, Any] = {}
        for part in parts:
            if qtype.partial and part.id == self.respondent.department:
                continue  # nobody rates their own department
            if part.wording is not None:
                prompt = part.wording.get(self.lang)
            else:
                prompt = self.text["row"].format(label=part.label.get(self.lang)) + ":"
            while True:
                line = self._line(prompt, question)
                word = line.casefold()
                if word in SKIP:
                    if not qtype.partial:
                        raise Skip
                    break
                if word in DONT:
                    cell: Any = DONT_KNOW  # on this part only; the other parts are still asked
                else:
                    cell = self._pick(line, options) if numbered else line
                if qtype.partial:
                    _, problem = self._check(item, {part.id: cell})
                elif cell == DONT_KNOW and not question.dont_know:
                    problem = self.text["pick"].format(n=len(options))  # not offered: asked again
                elif cell not in values and cell != DONT_KNOW:
                    problem = self.text["pick"].format(n=len(options))
                else:
                    problem = None
                if problem is None:
                    value[part.id] = cell
                    break
                self.console.say(self.text["invalid"].format(message=problem))
        if not value:
            raise Skip
        if not qtype.partial and set(value.values()) == {DONT_KNOW}:
            return self._checked_or_skip(item, DONT_KNOW)  # no part known: the whole question
        return self._checked_or_skip(item, value)

    def _checked_or_skip(self, item: SurveyItem, value: Any) -> Any:
        checked, problem = self._check(item, value)
        if problem is not None:
            self.console.say(self.text["invalid"].format(message=problem))
            raise Skip
        return checked

    def _ask_items(self, item: SurveyItem, rows: ItemRows) -> Any:
        """One item per line, its keys separated by ";"; a column with choices takes one by
        its number. An empty line ends the list. Each line is checked as it is typed (with
        the lines before it: a total over 100 % shows at the line that makes it); a bad line
        is asked again and the lines before it are kept."""
        question = item.question
        picks = {field.key: present.field_choices(field, self.lang) for field in rows.fields}
        self.console.say(rows.instruction.get(self.lang))
        for field in rows.fields:
            if picks[field.key] is not None:
                self.console.say(self._options(picks[field.key] or [], True))
        entries: list[Any] = []
        while True:
            line = self._line(f"{rows.label.get(self.lang)} {len(entries) + 1}:", question)
            if not line or line.casefold() in SKIP:
                if not entries:
                    raise Skip
                checked, problem = self._check(item, entries)
                if problem is None:
                    return checked
                self.console.say(self.text["invalid"].format(message=problem))
                continue  # the list as a whole is refused: add or quit, nothing is lost
            entry = self._item_line(line, rows, picks)
            _, problem = self._check(item, [*entries, entry])
            if problem is None:
                entries.append(entry)
            else:
                self.console.say(self.text["invalid"].format(message=problem))

    def _item_line(
        self, line: str, rows: ItemRows, picks: dict[str, list[present.Pick] | None]
    ) -> Any:
        """One typed item: a mapping of its keys, or the line itself when its parts do not
        fit (the question type then says what is wrong)."""
        parts = [part.strip() for part in line.rsplit(";", len(rows.fields))]
        if len(parts) != len(rows.keys):
            return line
        for number, field in enumerate(rows.fields, start=1):
            options = picks[field.key]
            if options is not None:
                parts[number] = str(self._pick(parts[number], options))
        return dict(zip(rows.keys, parts, strict=True))


_SKIPPED = object()


def told(
    problem: AnswerProblem, value: Any, question: Question, qtype: QuestionType, lang: str
) -> str:
    """What a respondent is told about a refused answer, in their language: the type's own
    text where it gives one, else what the question allows (a type's message is English)."""
    messages = SurveyTexts(lang)
    if problem.text is not None:
        return problem.text.get(lang)
    if value == DONT_KNOW:
        return messages["no_dont_know"]
    if lang == SOURCE_LANGUAGE:
        return str(problem)
    try:
        allowed = qtype.allowed(question, lang)
    except Exception:  # a plugin's description must never break the questionnaire
        allowed = ""
    if allowed:
        return messages["allowed"].format(allowed=allowed)
    return messages["not_possible"]
