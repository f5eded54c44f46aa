"""The terminal questionnaire: one question at a time, every answer stored as it is given.

A session walks one respondent through the questions of their perspective, module by
module: forward, back, skipping and pausing (`asking.py` puts each question on the
`Console` of `console.py` and checks the answer). Each answer is written in its own
transaction before the next question appears, with the position reached, so a closed
terminal or a crash loses nothing that was answered. End of input pauses the survey;
`ccassess survey --resume` continues where it stopped. At the end the whole respondent is
validated with the same rules as any other source (ResponseValidator) and marked complete.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ccassess.catalogs import _, using_language
from ccassess.errors import CcassessError, Problems
from ccassess.importers.batch import content_hash
from ccassess.importers.response_files import ResponseValidator
from ccassess.io.checker import Checker
from ccassess.model.answers import Respondent
from ccassess.model.questionnaire import Module
from ccassess.survey.asking import Back, Pause, QuestionAsker, Skip, SurveyItem
from ccassess.survey.console import Console, SurveyTexts

if TYPE_CHECKING:
    from ccassess.plugin.registry import Registry
    from ccassess.workspace.store import Round, Workspace


def survey_items(modules: Sequence[Module], perspective: str) -> list[SurveyItem]:
    """The questions asked of `perspective`, in order, each with its place."""
    items: list[SurveyItem] = []
    asked = [(m, [q for _, q in m.questions() if q.asked_of(perspective)]) for m in modules]
    asked = [(m, qs) for m, qs in asked if qs]
    for index, (module, questions) in enumerate(asked, start=1):
        for number, question in enumerate(questions, start=1):
            items.append(SurveyItem(module, question, number, len(questions), index, len(asked)))
    return items


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
        self.text = SurveyTexts(lang)
        modules = {item.module.id: item.module for item in items}
        self.modules = modules
        self.validator = ResponseValidator(
            modules, registry.question_types, workspace.settings, Problems(), registry.plugins
        )
        self.asker = QuestionAsker(
            console,
            lang,
            registry.question_types,
            workspace.settings.departments,
            respondent,
            self.validator,
        )

    # -- running ----------------------------------------------------------------------------

    def run(self, position: int) -> SurveyOutcome:
        answers = self.respondent.answers
        index = max(0, min(position, len(self.items)))
        step = 1  # the direction of travel: a question a filter passes by is stepped over
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
            given = answers.get(item.module.id, {})
            if item.question.skipped(given):
                if given.pop(item.question.id, None) is not None:  # the filter changed since
                    self._forget(item, index)
                step = 1 if index + step < 0 else step
                index += step
                continue
            current = given.get(item.question.id)
            try:
                value = self.asker.ask(item, current)
            except Pause:
                self.workspace.save_position(self.row, index)
                self.console.say(self.text["paused"].format(id=self.respondent.id))
                return SurveyOutcome(self.respondent.id, False, self._count())
            except Back:
                index, step = max(0, index - 1), -1
                self.workspace.save_position(self.row, index)
                continue
            except Skip:
                index, step = index + 1, 1
                self.workspace.save_position(self.row, index)
                continue
            answers.setdefault(item.module.id, {})[item.question.id] = value
            index, step = index + 1, 1
            self.workspace.save_answer(self.row, item.module.id, item.question.id, value, index)

    def _forget(self, item: SurveyItem, index: int) -> None:
        self.workspace.save_answer(self.row, item.module.id, item.question.id, None, index)

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
        with using_language(self.lang):  # the validator's messages, in the respondent's words
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
            raise Pause
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
    text = SurveyTexts(lang)
    found = workspace.round_modules(round_, registry)
    modules = list(found.modules.values())
    if request.modules:
        unknown = [m for m in request.modules if m not in found.modules]
        if unknown:
            raise CcassessError(
                _("module {module} is not part of this workspace; modules: {modules}").format(
                    module=repr(unknown[0]), modules=", ".join(found.modules)
                )
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
    except Pause:
        return None
    if department and settings.departments and department not in settings.departments:
        raise CcassessError(
            _("unknown department {department}; departments: {departments}").format(
                department=repr(department), departments=", ".join(settings.departments)
            )
        )
    items = survey_items(modules, perspective)
    if not items:
        raise CcassessError(
            _("no questions for {perspective} respondents in these modules").format(
                perspective=perspective
            )
        )
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
    customer = perspective == "customer"
    console.say(
        text["start_customer" if customer else "start"].format(
            title=f" {named}" if (named := settings.title or settings.client) else "",
            questions=text.questions(len(items)),
            modules=text.modules(module_count),
            id=respondent.id,
        )
    )
    if customer:
        console.say(text["period"])
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
            raise CcassessError(
                _("no unfinished survey in round {round}").format(round=repr(round_.name))
            )
        if len(waiting) > 1:
            ids = ", ".join(item[0] for item in waiting)
            raise CcassessError(
                _("several unfinished surveys ({ids}); name one with --resume ID").format(ids=ids)
            )
        respondent_id = waiting[0][0]
    row, position, stored_lang, module_ids = workspace.survey(round_, respondent_id)
    lang = lang or stored_lang
    found = workspace.round_modules(round_, registry)
    missing = [m for m in module_ids if m not in found.modules]
    if missing:
        raise CcassessError(
            _("module {module} of this survey is no longer in the workspace").format(
                module=repr(missing[0])
            )
        )
    stored = workspace.stored_respondent(row)
    respondent = stored.respondent
    items = survey_items([found.modules[m] for m in module_ids], respondent.perspective)
    console.say(
        SurveyTexts(lang)["resume"].format(
            k=min(position + 1, len(items)), n=len(items), id=respondent.id
        )
    )
    session = SurveySession(workspace, registry, round_, row, respondent, items, lang, console)
    return session.run(position)
