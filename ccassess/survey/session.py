"""The terminal questionnaire: one question at a time, every answer stored as it is given.

The session is independent of the terminal: it talks through a `Console` (say a line, ask
for a line). `TerminalConsole` uses click's prompt for interactive terminals; `LineConsole`
reads standard input line by line, which makes the survey scriptable and testable. End of
input pauses the survey; `ccassess survey --resume` continues where it stopped.

Each answer is checked with the same rules as any other source (ResponseValidator) and
written in its own transaction before the next question appears, so a closed terminal or a
crash loses nothing that was answered.
"""

from __future__ import annotations

import secrets
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ccassess.errors import CcassessError, Problems
from ccassess.importers.batch import content_hash
from ccassess.importers.response_files import ResponseValidator
from ccassess.io.checker import Checker
from ccassess.model.answers import DONT_KNOW, Respondent
from ccassess.model.questionnaire import Module, Question
from ccassess.questions import present
from ccassess.questions.types import ItemRows, Part, QuestionType

if TYPE_CHECKING:
    from ccassess.plugin.registry import Registry
    from ccassess.workspace.store import Round, Workspace

BACK = {"b", "back", "z", "zurück", "zurueck", "<"}
SKIP = {"", "s", "skip", "ü", "überspringen", "ueberspringen", ">"}
DONT = {"?", "dk", "wn", "weiß nicht", "weiss nicht", "don't know", "dont know"}
QUIT = {"q", "quit", "exit", "beenden", "pause"}
HELP = {"h", "help", "hilfe"}

MESSAGES = {
    "de": {
        "progress": "Frage {k} von {n} · Modul {i}/{m}: {module}",
        "keys": "Eingabe: {what} · b = zurück · s/Enter = überspringen{dk} · q = pausieren{help}",
        "dk": " · ? = weiß nicht",
        "help": " · h = Hinweis",
        "number": "Zahl",
        "choice": "Nummer",
        "text": "Text",
        "current": "bisher: {value}",
        "invalid": "Ungültig: {message}",
        "answer": "Antwort",
        "row": "  {label}",
        "paused": (
            "Pausiert – alle bisherigen Antworten sind gespeichert. Fortsetzen mit: "
            "ccassess survey --resume {id}"
        ),
        "done": "Vielen Dank! Ihre Antworten sind gespeichert (Befragten-ID {id}).",
        "problems": "Bitte prüfen Sie diese Antworten:",
        "perspective": "Sie antworten als: 1) intern (Mitarbeitende)  2) Kunde",
        "department": "Ihre Abteilung (Nummer, Enter = keine Angabe):",
        "start": "Fragebogen {title}: {n} Fragen in {m} Modulen. Befragten-ID: {id}",
        "resume": "Fortsetzung bei Frage {k} von {n} (Befragten-ID {id}).",
        "dont_know": "weiß nicht",
    },
    "en": {
        "progress": "Question {k} of {n} · module {i}/{m}: {module}",
        "keys": "Enter: {what} · b = back · s/Enter = skip{dk} · q = pause{help}",
        "dk": " · ? = don't know",
        "help": " · h = help",
        "number": "a number",
        "choice": "a number from the list",
        "text": "text",
        "current": "so far: {value}",
        "invalid": "Not valid: {message}",
        "answer": "Answer",
        "row": "  {label}",
        "paused": (
            "Paused – every answer so far is saved. Continue with: ccassess survey --resume {id}"
        ),
        "done": "Thank you! Your answers are saved (respondent id {id}).",
        "problems": "Please check these answers:",
        "perspective": "You answer as: 1) internal (staff)  2) customer",
        "department": "Your department (number, Enter = none):",
        "start": "Questionnaire {title}: {n} questions in {m} modules. Respondent id: {id}",
        "resume": "Continuing at question {k} of {n} (respondent id {id}).",
        "dont_know": "don't know",
    },
}


class Console(Protocol):
    def say(self, text: str = "") -> None: ...

    def ask(self, prompt: str) -> str | None:
        """One line of input (stripped), or None when the input has ended."""
        ...


class LineConsole:
    """Plain mode: prompts on standard output, answers line by line from standard input."""

    def __init__(self, stdin: Any = None) -> None:
        import click

        self.click = click
        # One stream for the whole session: a new wrapper per line would lose buffered input.
        self.stdin = stdin or sys.stdin

    def say(self, text: str = "") -> None:
        self.click.echo(text)

    def ask(self, prompt: str) -> str | None:
        self.click.echo(f"{prompt} ", nl=False)
        line = self.stdin.readline()
        if not line:
            self.click.echo()
            return None
        self.click.echo()
        return line.rstrip("\r\n").strip()


class TerminalConsole(LineConsole):
    """Interactive terminals: click's prompt (line editing), a little colour."""

    def say(self, text: str = "") -> None:
        self.click.echo(text)

    def ask(self, prompt: str) -> str | None:
        try:
            answer = self.click.prompt(
                self.click.style(prompt, bold=True),
                default="",
                show_default=False,
                prompt_suffix=" ",
            )
        except (EOFError, self.click.exceptions.Abort):
            return None
        return str(answer).strip()


def console_for_terminal() -> Console:
    stdin = sys.stdin
    return TerminalConsole() if stdin is not None and stdin.isatty() else LineConsole()


@dataclass(frozen=True)
class SurveyItem:
    """One question with its place: question k of n within module i of m."""

    module: Module
    question: Question
    number: int
    total: int
    module_number: int
    module_count: int


def survey_items(modules: Sequence[Module], perspective: str) -> list[SurveyItem]:
    items: list[SurveyItem] = []
    asked = [(m, [q for _, q in m.questions() if q.asked_of(perspective)]) for m in modules]
    asked = [(m, qs) for m, qs in asked if qs]
    for index, (module, questions) in enumerate(asked, start=1):
        for number, question in enumerate(questions, start=1):
            items.append(SurveyItem(module, question, number, len(questions), index, len(asked)))
    return items


class _Back(Exception):
    pass


class _Quit(Exception):
    pass


class _Skip(Exception):
    pass


@dataclass
class SurveyOutcome:
    respondent_id: str
    finished: bool
    answered: int


class SurveySession:
    """Runs one respondent's questionnaire against a workspace round."""

    def __init__(
        self,
        workspace: Workspace,
        registry: Registry,
        round_: Round,
        row: int,
        respondent: Respondent,
        items: list[SurveyItem],
        lang: str,
        console: Console,
    ) -> None:

        self.workspace = workspace
        self.registry = registry
        self.round = round_
        self.row = row
        self.respondent = respondent
        self.items = items
        self.lang = lang
        self.console = console
        self.text = MESSAGES[lang]
        modules = {item.module.id: item.module for item in items}
        self.modules = modules
        self.validator = ResponseValidator(
            modules, registry.question_types, workspace.settings, Problems(), registry.plugins
        )

    # -- running ----------------------------------------------------------------------------

    def run(self, position: int) -> SurveyOutcome:
        answers = self.respondent.answers
        index = max(0, min(position, len(self.items)))
        while True:
            if index >= len(self.items):
                problem_module = self._finish()
                if problem_module is None:
                    self.console.say(self.text["done"].format(id=self.respondent.id))
                    return SurveyOutcome(self.respondent.id, True, self._count())
                index = next(
                    i for i, item in enumerate(self.items) if item.module.id == problem_module
                )
                self.workspace.save_position(self.row, index)
                continue
            item = self.items[index]
            current = answers.get(item.module.id, {}).get(item.question.id)
            try:
                value = self._ask(item, current)
            except _Quit:
                self.workspace.save_position(self.row, index)
                self.console.say(self.text["paused"].format(id=self.respondent.id))
                return SurveyOutcome(self.respondent.id, False, self._count())
            except _Back:
                index = max(0, index - 1)
                self.workspace.save_position(self.row, index)
                continue
            except _Skip:
                index += 1
                self.workspace.save_position(self.row, index)
                continue
            answers.setdefault(item.module.id, {})[item.question.id] = value
            index += 1
            self.workspace.save_answer(self.row, item.module.id, item.question.id, value, index)

    def _count(self) -> int:
        return sum(len(a) for a in self.respondent.answers.values())

    def _finish(self) -> str | None:
        """Validate the whole respondent (cross-field rules too); mark complete when fine."""
        problems = Problems()
        self.validator.problems = problems
        self.validator.seen.clear()
        raw = {
            "id": self.respondent.id,
            "perspective": self.respondent.perspective,
            "answers": self.respondent.answers,
        }
        for key in ("department", "role", "name"):
            if getattr(self.respondent, key):
                raw[key] = getattr(self.respondent, key)
        checked = self.validator.respondent(raw, "respondent", Checker("<survey>", problems))
        if problems.errors or checked is None:
            self.console.say(self.text["problems"])
            for problem in problems.errors:
                self.console.say(f"  - {problem.location.path}: {problem.message}")
            first = problems.errors[0].location.path or ""
            module_id = first.split("answers.", 1)[-1].split(".", 1)[0]
            return module_id if module_id in self.modules else self.items[0].module.id
        self.workspace.finish_survey(self.row, content_hash(checked))
        return None

    # -- one question --------------------------------------------------------------------------

    def _line(self, prompt: str, question: Question) -> str:
        while True:
            line = self.console.ask(prompt)
            if line is None:
                raise _Quit
            word = line.casefold()
            if word in QUIT:
                raise _Quit
            if word in BACK:
                raise _Back
            if word in HELP:
                if question.help:
                    self.console.say(question.help.get(self.lang))
                continue
            return line

    def _check(self, item: SurveyItem, value: Any) -> tuple[Any, str | None]:
        """The validator's verdict on one answer: (normalised value, problem message)."""
        problems = Problems()
        check = Checker("<survey>", problems)
        mpath = f"answers.{item.module.id}"
        checked = self.validator.answer(
            item.module,
            item.question.id,
            value,
            mpath,
            {item.question.id: value},
            check,
            self.respondent.perspective,
            self.respondent.department,
        )
        if problems.errors:
            return None, problems.errors[0].message
        return checked, None

    def _header(self, item: SurveyItem, current: Any) -> None:
        t = self.text
        self.console.say()
        self.console.say(
            t["progress"].format(
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
        qtype = self.registry.question_types[item.question.type]
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

    def _ask(self, item: SurveyItem, current: Any) -> Any:
        question = item.question
        self._header(item, current)
        qtype = self.registry.question_types[question.type]
        parts = qtype.parts(question, self.workspace.settings.departments)
        if parts is not None:
            return self._ask_parts(item, qtype, parts)
        items = qtype.items(question)
        if items is not None:
            return self._ask_items(item, items)
        options = present.choices(qtype, question, self.lang)
        scale = question.scale is not None  # a scale point is typed as its number
        if options is not None:
            self.console.say(self._options(options, numbered=not scale))
        what = (
            "number"
            if scale or qtype.entry == "number"
            else ("choice" if options is not None else "text")
        )
        self.console.say(self._keys(question, what))
        while True:
            line = self._line(self.text["answer"] + ":", question)
            value = self._parse(line, qtype, options, numbered=not scale)
            if value is _SKIPPED:
                raise _Skip
            checked, problem = self._check(item, value)
            if problem is None:
                return checked
            self.console.say(self.text["invalid"].format(message=problem))

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
            return [self._pick(part.strip(), options) for part in line.split(",") if part.strip()]
        return self._pick(line, options) if numbered else line

    def _pick(self, text: str, options: Sequence[present.Pick]) -> Any:
        if text.isdigit() and 1 <= int(text) <= len(options):
            return options[int(text) - 1].value
        return present.from_label(text, present.label_map(options))

    def _ask_parts(self, item: SurveyItem, qtype: QuestionType, parts: Sequence[Part]) -> Any:
        """One line per part. Parts answered one by one (a matrix) may each be skipped or
        unknown, and are checked as they are given; otherwise skipping a part
        skips the question and "don't know" is for the whole question."""
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
                        raise _Skip
                    break
                if word in DONT and not qtype.partial:
                    return self._checked_or_skip(item, DONT_KNOW)
                if word in DONT:
                    cell: Any = DONT_KNOW
                else:
                    cell = self._pick(line, options) if numbered else line
                if qtype.partial:
                    _, problem = self._check(item, {part.id: cell})
                elif cell not in values:
                    problem = f"{line!r}: 1–{len(options)}"
                else:
                    problem = None
                if problem is None:
                    value[part.id] = cell
                    break
                self.console.say(self.text["invalid"].format(message=problem))
        if not value:
            raise _Skip
        return self._checked_or_skip(item, value)

    def _checked_or_skip(self, item: SurveyItem, value: Any) -> Any:
        checked, problem = self._check(item, value)
        if problem is not None:
            self.console.say(self.text["invalid"].format(message=problem))
            raise _Skip
        return checked

    def _ask_items(self, item: SurveyItem, rows: ItemRows) -> Any:
        """One item per line, its keys separated by ";"; a column with choices takes one by
        its number. An empty line ends the list."""
        question = item.question
        picks = {field.key: present.field_choices(field, self.lang) for field in rows.fields}
        self.console.say(rows.instruction.get(self.lang))
        for field in rows.fields:
            if picks[field.key] is not None:
                self.console.say(self._options(picks[field.key] or [], True))
        while True:
            entries: list[Any] = []
            while True:
                line = self._line(f"{rows.label.get(self.lang)} {len(entries) + 1}:", question)
                if not line or line.casefold() in SKIP:
                    break
                parts = [part.strip() for part in line.rsplit(";", len(rows.fields))]
                if len(parts) == len(rows.keys):
                    for number, field in enumerate(rows.fields, start=1):
                        options = picks[field.key]
                        if options is not None:
                            parts[number] = str(self._pick(parts[number], options))
                    entries.append(dict(zip(rows.keys, parts, strict=True)))
                else:
                    entries.append(line)
            if not entries:
                raise _Skip
            checked, problem = self._check(item, entries)
            if problem is None:
                return checked
            self.console.say(self.text["invalid"].format(message=problem))


_SKIPPED = object()


# -- starting and resuming -------------------------------------------------------------------


@dataclass
class SurveyRequest:
    perspective: str | None = None
    department: str | None = None
    role: str | None = None
    name: str | None = None
    respondent_id: str | None = None
    lang: str | None = None
    modules: Sequence[str] | None = None


def new_respondent_id() -> str:
    return "T-" + secrets.token_hex(4)


def _choose(console: Console, prompt: str, options: Sequence[str]) -> str | None:
    while True:
        line = console.ask(prompt)
        if line is None:
            raise _Quit
        if not line:
            return None
        if line.isdigit() and 1 <= int(line) <= len(options):
            return options[int(line) - 1]
        if line in options:
            return line


def start_survey(
    workspace: Workspace,
    registry: Registry,
    request: SurveyRequest,
    console: Console,
    round_name: str | None = None,
) -> SurveyOutcome | None:
    """Ask the metadata that is not given, create the respondent and run the questionnaire."""
    round_ = workspace.round(round_name)
    settings = workspace.settings
    lang = request.lang or settings.language
    text = MESSAGES[lang]
    found = workspace.round_modules(round_, registry)
    modules = list(found.modules.values())
    if request.modules:
        unknown = [m for m in request.modules if m not in found.modules]
        if unknown:
            raise CcassessError(
                f"module {unknown[0]!r} is not part of this workspace; modules: "
                f"{', '.join(found.modules)}"
            )
        modules = [found.modules[m] for m in request.modules]
    perspective = request.perspective
    department = request.department
    try:
        while perspective is None:
            picked = _choose(console, text["perspective"], ["internal", "customer"])
            perspective = picked
        if department is None and perspective == "internal" and settings.departments:
            console.say(text["department"])
            console.say("  ".join(f"{n}) {d}" for n, d in enumerate(settings.departments, 1)))
            department = _choose(console, ">", list(settings.departments))
    except _Quit:
        return None
    if department and settings.departments and department not in settings.departments:
        raise CcassessError(
            f"unknown department {department!r}; departments: {', '.join(settings.departments)}"
        )
    items = survey_items(modules, perspective)
    if not items:
        raise CcassessError(f"no questions for {perspective} respondents in these modules")
    respondent = Respondent(
        request.respondent_id or new_respondent_id(),
        perspective,  # type: ignore[arg-type]
        {},
        request.role,
        department,
        request.name,
    )
    used = [m for m in modules if any(i.module.id == m.id for i in items)]
    row = workspace.start_survey(round_, respondent, lang, used, registry)
    module_count = len(used)
    console.say(
        text["start"].format(
            title=settings.title or settings.client or "",
            n=len(items),
            m=module_count,
            id=respondent.id,
        )
    )
    session = SurveySession(workspace, registry, round_, row, respondent, items, lang, console)
    return session.run(0)


def resume_survey(
    workspace: Workspace,
    registry: Registry,
    respondent_id: str | None,
    console: Console,
    lang: str | None = None,
    round_name: str | None = None,
) -> SurveyOutcome:
    """Continue an unfinished survey (the only one of the round when no id is given)."""
    round_ = workspace.round(round_name)
    if not respondent_id:
        waiting = workspace.open_surveys(round_)
        if not waiting:
            raise CcassessError(f"no unfinished survey in round {round_.name!r}")
        if len(waiting) > 1:
            ids = ", ".join(item[0] for item in waiting)
            raise CcassessError(f"several unfinished surveys ({ids}); name one with --resume ID")
        respondent_id = waiting[0][0]
    row, position, stored_lang, module_ids = workspace.survey(round_, respondent_id)
    lang = lang or stored_lang
    found = workspace.round_modules(round_, registry)
    missing = [m for m in module_ids if m not in found.modules]
    if missing:
        raise CcassessError(f"module {missing[0]!r} of this survey is no longer in the workspace")
    stored = workspace.stored_respondent(row)
    respondent = stored.respondent
    items = survey_items([found.modules[m] for m in module_ids], respondent.perspective)
    console.say(
        MESSAGES[lang]["resume"].format(
            k=min(position + 1, len(items)), n=len(items), id=respondent.id
        )
    )
    session = SurveySession(workspace, registry, round_, row, respondent, items, lang, console)
    return session.run(position)
