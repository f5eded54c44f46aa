"""Response files (YAML/JSON, one file or a folder) read and validated against the modules.

Everything is checked before anything is returned: unknown modules and questions, wrong
types, out-of-range values, duplicate respondents, missing metadata — all listed at once.
See docs/reference/response-format.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccassess.catalogs import N_, _, cli_language
from ccassess.errors import CcassessError, Problems, ValidationError
from ccassess.format import number
from ccassess.importers.base import ImportContext, RawRespondent
from ccassess.io.checker import Checker, join, kind
from ccassess.io.structured import read_structured
from ccassess.model import DONT_KNOW
from ccassess.model.answers import Respondent, normalise_id, respondent_key
from ccassess.model.questionnaire import RESPONDENT_PERSPECTIVES, Module
from ccassess.model.settings import AssessmentSettings
from ccassess.questions.types import AnswerProblem, QuestionType

if TYPE_CHECKING:
    from ccassess.plugin.manager import Plugins

RESPONDENT_KEYS = {"id", "perspective", "role", "department", "name", "answers"}
STRUCTURED_SUFFIXES = (".yaml", ".yml", ".json")
MAX_FILES = 100_000


def response_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders into their YAML/JSON files (recursively, sorted)."""
    files: list[Path] = []
    for entry in paths:
        path = Path(entry)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in STRUCTURED_SUFFIXES)
            files.extend(found)
        else:
            files.append(path)
        if len(files) > MAX_FILES:  # refused, never cut off: no answer is silently left out
            raise CcassessError(
                _("more than {limit} response files; read them in smaller batches").format(
                    limit=number(MAX_FILES, cli_language())
                )
            )
    return files


def is_response_data(data: Any) -> bool:
    return isinstance(data, Mapping) and ("respondents" in data or "respondent" in data)


def raw_respondents(data: Any, check: Checker) -> list[tuple[Mapping, str]]:
    """The respondent mappings in a parsed file, with their key path."""
    if data is None:
        check.error("", _("the file is empty; expected respondents"))
        return []
    if not isinstance(data, Mapping):
        check.error(
            "", _("expected a mapping with 'respondents', got {kind}").format(kind=kind(data))
        )
        return []
    check.known_keys(data, "", {"respondents", "respondent", "ccassess", "assessment"})
    if "respondent" in data:
        item = check.mapping(data["respondent"], "respondent", data, "respondent")
        return [(item, "respondent")] if item else []
    items = check.sequence(data, "respondents", "")
    found = []
    for index, item in enumerate(items):
        item = check.mapping(item, f"respondents[{index}]", items, index)
        if item:
            found.append((item, f"respondents[{index}]"))
    return found


#: What the validator decides about one answer: (normalised value, None) to keep it — a
#: value of None means "nothing to keep" — or (None, message) for an error at its place.
Verdict = tuple[Any, str | None]
#: Answer values whose verdict is memoised: immutable, hashable, and equal only when the
#: verdict is the same (the type is part of the key, since True == 1 == 1.0).
MEMO_TYPES = frozenset({str, int, float, bool, type(None)})
#: Distinct values memoised per question; free text and figures rarely repeat, scales do.
MEMO_LIMIT = 1_000
#: Answers of these types (under question ids of these types) may be kept as given by the
#: whole-module shortcut: no value of one equals a value of another (True == 1 == 1.0 do).
AS_GIVEN_TYPES = frozenset({str, int})


class _ModuleMemo:
    """One module for one perspective: verdicts already reached, and the required questions."""

    __slots__ = (
        "as_given",
        "conditioned",
        "counts",
        "module",
        "required",
        "structured",
        "verdicts",
    )

    def __init__(self, module: Module, perspective: str) -> None:
        self.module = module
        #: (question id, type of value, value or a dict's items) → verdict; messages carry
        #: no place, so one verdict serves every respondent giving that answer.
        self.verdicts: dict[tuple[str, type, Any], Verdict] = {}
        self.counts: dict[str, int] = {}
        #: (question id, value) of the memoised answers that are kept exactly as given.
        self.as_given: set[tuple[str, Any]] = set()
        #: Questions answered with mappings or lists (Kano pairs, matrices, activity lists):
        #: checked one by one, beside the shortcut for the rest.
        self.structured: set[str] = set()
        self.required = tuple(q for q in module.required_questions if q.asked_of(perspective))
        #: Questions asked only after a filter question (`ask_if`).
        self.conditioned = tuple(
            q for _, q in module.questions() if q.ask_if is not None and q.asked_of(perspective)
        )


class ResponseValidator:
    """Validates raw respondents against the loaded modules and the assessment's settings.

    A question type's `check` is pure, so the verdict on an answer of text, a number or a
    small mapping of them is memoised per module, perspective, question and value (the
    benchmark's 930,000 answers hold about 2,000 distinct ones); only the place of an error
    differs between respondents, and it is added when the error is recorded. A module's
    answers that were all seen before and are kept as given are copied at once. Modules,
    question types and settings must not change after construction.
    """

    def __init__(
        self,
        modules: Mapping[str, Module],
        question_types: Mapping[str, QuestionType],
        settings: AssessmentSettings,
        problems: Problems | None = None,
        plugins: Plugins | None = None,
        *,
        track_ids: bool = True,
    ) -> None:
        self.modules = modules
        self.types = question_types
        self.settings = settings
        self.problems = problems if problems is not None else Problems()
        #: With plugins, their `ccassess_validate_answers` cross-field checks run too.
        self.plugins = plugins
        #: Modules of plugins skipped as broken: answers to them are left out, not errors.
        failures = plugins.failures if plugins is not None else ()
        self.skipped = frozenset(module for failure in failures for module in failure.modules)
        self.seen: dict[str, str] = {}
        #: Whether an id given twice is an error (imports judge repeats by content instead).
        self.track_ids = track_ids
        self._memos: dict[tuple[str, str], _ModuleMemo] = {}

    def respondent(self, raw: Mapping, path: str, check: Checker) -> Respondent | None:
        check.known_keys(raw, path, RESPONDENT_KEYS)
        respondent_id = check.string(raw, "id", path)
        if respondent_id:
            respondent_id = normalise_id(respondent_id)
            path = f"respondents[{respondent_id}]" if path != "respondent" else path
            if self.track_ids:
                self._track(respondent_id, path, raw, check)
        perspective = check.string(raw, "perspective", path)
        if perspective and perspective not in RESPONDENT_PERSPECTIVES:
            check.error(
                join(path, "perspective"),
                _(
                    "{perspective} is not a perspective; allowed: internal, customer, key_figures"
                ).format(perspective=repr(perspective)),
                raw,
                "perspective",
            )
            perspective = ""
        department = check.string(raw, "department", path, required=False) or None
        departments = self.settings.departments
        if department and departments and department not in departments:
            check.error(
                join(path, "department"),
                _("unknown department {name}; departments: {known}").format(
                    name=repr(department), known=", ".join(departments)
                ),
                raw,
                "department",
            )
        answers = self.answers(raw, path, check, perspective, department)
        if not respondent_id or not perspective:
            return None
        respondent = Respondent(
            id=respondent_id,
            perspective=perspective,  # type: ignore[arg-type]
            answers=answers,
            role=check.string(raw, "role", path, required=False) or None,
            department=department,
            name=check.string(raw, "name", path, required=False) or None,
            origin=check.file,
        )
        self.cross_check(respondent, raw, path, check)
        return respondent

    def _track(self, respondent_id: str, path: str, raw: Mapping, check: Checker) -> None:
        """An id given twice is an error naming where it was first."""
        key = respondent_key(respondent_id)
        if key in self.seen:
            check.error(
                join(path, "id"),
                _("respondent {id} appears twice (also in {place})").format(
                    id=repr(respondent_id), place=self.seen[key]
                ),
                raw,
                "id",
            )
            return
        where = check.at(path, raw, "id")
        self.seen[key] = str(where.file) + (f":{where.line}" if where.line else "")

    def cross_check(self, respondent: Respondent, raw: Mapping, path: str, check: Checker) -> None:
        """Plugins' cross-field rules (`ccassess_validate_answers`), one error per message."""
        if self.plugins is None:
            return
        by_module = raw.get("answers")
        for module_id in respondent.answers:
            module = self.modules.get(module_id)
            if module is None:
                continue
            for contribution in self.plugins.hooks.validate_answers(module, respondent):
                for message in contribution.items:
                    check.error(join(path, f"answers.{module_id}"), message, by_module, module_id)

    def answers(
        self, raw: Mapping, path: str, check: Checker, perspective: str, department: str | None
    ) -> dict[str, dict[str, Any]]:
        result: dict[str, dict[str, Any]] = {}
        by_module = raw.get("answers") or {}
        if not isinstance(by_module, (dict, Mapping)):  # dict first: the ABC check is slow
            by_module = check.mapping(by_module, join(path, "answers"), raw, "answers")
        for module_id, answers in by_module.items():
            module = self.modules.get(str(module_id))
            if module is None and str(module_id) in self.skipped:
                continue  # its plugin is broken and skipped: named in a warning already
            if module is None:
                known = ", ".join(sorted(self.modules)) or _("none")
                check.error(
                    join(path, f"answers.{module_id}"),
                    _("unknown module {module}; loaded: {known}").format(
                        module=repr(module_id), known=known
                    ),
                    by_module,
                    module_id,
                )
                continue
            if not isinstance(answers, (dict, Mapping)):
                check.mapping(answers, join(path, f"answers.{module_id}"), by_module, module_id)
                answers = {}
            result[module.id] = self.module_answers(
                module, answers, path, check, perspective, by_module, module_id
            )
        return result

    def module_answers(
        self,
        module: Module,
        answers: Mapping,
        path: str,
        check: Checker,
        perspective: str,
        by_module: Mapping,
        module_id: Any,
    ) -> dict[str, Any]:
        """One module's answers, normalised, and the required questions that are missing."""
        memo = self._memo(module, perspective)
        checked = self._all_known(memo, answers, perspective)
        if checked is None:
            checked = self._each_answer(memo, answers, path, check, perspective, module_id)
        for question in memo.required:
            if question.id not in checked and not question.skipped(checked):
                qpath = join(path, f"answers.{module_id}.{question.id}")
                check.error(qpath, _("a required question is not answered"), by_module, module_id)
        for question in memo.conditioned:
            if question.id in checked and question.skipped(checked):
                condition = question.ask_if
                assert condition is not None
                allowed = ", ".join(str(v) for v in condition.values)
                check.error(
                    join(path, f"answers.{module_id}.{question.id}"),
                    _(
                        "not asked: the question is only for those who answered {question} "
                        "with {allowed}, and this respondent answered {answer}"
                    ).format(
                        question=repr(condition.question),
                        allowed=allowed,
                        answer=repr(checked[condition.question]),
                    ),
                    answers,
                    question.id,
                )
        return checked

    def _all_known(
        self, memo: _ModuleMemo, answers: Mapping, perspective: str
    ) -> dict[str, Any] | None:
        """The common case in C: every scalar answer seen before and fine as given, so the
        answers are copied; structured answers are checked apart. None when any answer is
        new or wrong: answer by answer, errors are then recorded in their order."""
        scalars = answers
        if memo.structured:
            scalars = dict(answers)
            for question_id in memo.structured:
                scalars.pop(question_id, None)
        if not (
            AS_GIVEN_TYPES.issuperset(map(type, scalars.values()))
            and AS_GIVEN_TYPES.issuperset(map(type, answers))
            and scalars.items() <= memo.as_given
        ):
            return None
        checked = dict(answers)
        for question_id in memo.structured:
            if question_id in checked:
                kept, message = self._structured(
                    memo, question_id, checked[question_id], perspective
                )
                if message is not None:
                    return None
                if kept is None:
                    del checked[question_id]
                else:
                    checked[question_id] = kept  # in place: the answers' order is kept
        return checked

    def _each_answer(
        self,
        memo: _ModuleMemo,
        answers: Mapping,
        path: str,
        check: Checker,
        perspective: str,
        module_id: Any,
    ) -> dict[str, Any]:
        """Answer by answer: one lookup each for scalars seen before, else the question type."""
        module = memo.module
        verdicts = memo.verdicts
        checked: dict[str, Any] = {}
        for question_id, value in answers.items():
            if question_id.__class__ is str and value.__class__ in MEMO_TYPES:
                verdict = verdicts.get((question_id, value.__class__, value))
                if verdict is None:
                    verdict = self._remember(memo, question_id, value, perspective)
            else:
                question_id = str(question_id)
                verdict = self._structured(memo, question_id, value, perspective)
                if module.question(question_id) is not None:
                    memo.structured.add(question_id)
            if verdict[1] is not None:
                mpath = join(path, f"answers.{module_id}")
                check.error(mpath + "." + question_id, verdict[1], answers, question_id)
            elif verdict[0] is not None:
                checked[question_id] = verdict[0]
        return checked

    def answer(
        self,
        module: Module,
        question_id: str,
        value: Any,
        mpath: str,
        container: Mapping,
        check: Checker,
        perspective: str,
        department: str | None,
    ) -> Any:
        """One answer, normalised, or None (skipped, or an error recorded at its place)."""
        checked, message = self.verdict(module, question_id, value, perspective)
        if message is not None:
            check.error(mpath + "." + question_id, message, container, question_id)
        return checked

    def problem(
        self, module: Module, question_id: str, value: Any, perspective: str
    ) -> tuple[Any, AnswerProblem | None]:
        """Like `verdict`, but the problem keeps what the question type tells a respondent
        (`AnswerProblem.text`), for the terminal questionnaire."""
        checked, message = self.verdict(module, question_id, value, perspective)
        if message is None:
            return checked, None
        question = module.question(question_id)
        qtype = self.types.get(question.type) if question is not None else None
        if question is not None and qtype is not None and value not in (None, DONT_KNOW):
            try:
                qtype.check(question, value, self.settings.departments)
            except AnswerProblem as exc:
                return None, exc
        return None, AnswerProblem(message)

    def verdict(self, module: Module, question_id: str, value: Any, perspective: str) -> Verdict:
        """What the question (and its type's `check`) makes of an answer, wherever it stands."""
        question = module.question(question_id)
        if question is None:
            return None, _("unknown question in module {module}").format(module=repr(module.id))
        if perspective and not question.asked_of(perspective):
            return (
                None,
                _("this question is for {perspective} respondents, not {given}").format(
                    perspective=question.perspective, given=perspective
                ),
            )
        if value is None:
            return None, None
        if value == DONT_KNOW:
            if not question.dont_know:
                return None, _("'don't know' is not offered for this question")
            return DONT_KNOW, None
        qtype = self.types[question.type]
        try:
            return qtype.check(question, value, self.settings.departments), None
        except AnswerProblem as exc:
            return None, str(exc)

    def _structured(
        self, memo: _ModuleMemo, question_id: str, value: Any, perspective: str
    ) -> Verdict:
        """The verdict on a mapping of text and whole numbers (a Kano pair, a matrix row set)
        is memoised by its type and content, and each respondent gets a copy of the
        normalised mapping; anything else is judged afresh."""
        content = _content(value)
        if content is None:
            return self.verdict(memo.module, question_id, value, perspective)
        key = (question_id, value.__class__, content)
        verdict = memo.verdicts.get(key)
        if verdict is None:
            verdict = self.verdict(memo.module, question_id, value, perspective)
            count = memo.counts.get(question_id, 0)
            if count < MEMO_LIMIT and _copyable(verdict[0]):
                memo.verdicts[key] = verdict
                memo.counts[question_id] = count + 1
        kept, message = verdict
        return verdict if kept is None else (dict(kept), message)

    def _memo(self, module: Module, perspective: str) -> _ModuleMemo:
        memo = self._memos.get((module.id, perspective))
        if memo is None or memo.module is not module:
            memo = self._memos[(module.id, perspective)] = _ModuleMemo(module, perspective)
        return memo

    def _remember(
        self, memo: _ModuleMemo, question_id: str, value: Any, perspective: str
    ) -> Verdict:
        """The verdict on a scalar answer, kept for the next respondent when it is safe to share.

        Not kept: normalised values that are not scalars (a list could be changed by one
        respondent's owner), 0.0 (its sign shows in messages: -0.0 == 0.0) and values beyond
        MEMO_LIMIT per question.
        """
        verdict = self.verdict(memo.module, question_id, value, perspective)
        count = memo.counts.get(question_id, 0)
        if (
            verdict[0].__class__ in MEMO_TYPES
            and count < MEMO_LIMIT
            and not (value.__class__ is float and value == 0)
        ):
            memo.verdicts[(question_id, value.__class__, value)] = verdict
            memo.counts[question_id] = count + 1
            if _kept_as_given(verdict, value):
                memo.as_given.add((question_id, value))
        return verdict


def _content(value: Any) -> tuple | None:
    """A dict of text and whole numbers (or one read from a file) as a hashable key, equal
    only for dicts with equal keys and values of the same types in the same order; None for
    anything else."""
    if (
        isinstance(value, dict)
        and AS_GIVEN_TYPES.issuperset(map(type, value))
        and AS_GIVEN_TYPES.issuperset(map(type, value.values()))
    ):
        return tuple(value.items())
    return None


def _copyable(kept: Any) -> bool:
    """Whether a normalised value is nothing or a dict that a shallow copy makes anew."""
    return kept is None or (
        kept.__class__ is dict
        and MEMO_TYPES.issuperset(map(type, kept))
        and MEMO_TYPES.issuperset(map(type, kept.values()))
    )


def _kept_as_given(verdict: Verdict, value: Any) -> bool:
    """Whether the answer is kept exactly as given: no error, and the same value and type."""
    kept, message = verdict
    return (
        message is None
        and value.__class__ in AS_GIVEN_TYPES
        and kept.__class__ is value.__class__
        and kept == value
    )


def load_responses(
    paths: Sequence[str | Path],
    modules: Mapping[str, Module],
    question_types: Mapping[str, QuestionType],
    settings: AssessmentSettings,
    plugins: Plugins | None = None,
) -> list[Respondent]:
    """Read and validate response files/folders; raises ValidationError listing all problems.

    With `plugins`, their cross-field checks (`ccassess_validate_answers`) run as well.
    """
    problems = Problems()
    validator = ResponseValidator(modules, question_types, settings, problems, plugins)
    respondents: list[Respondent] = []
    files = response_files(paths)
    if not files:
        checker = Checker(", ".join(str(p) for p in paths), problems)
        checker.error("", _("no response files (.yaml, .yml, .json) found"))
    for path in files:
        check = Checker(str(path), problems)
        try:
            data = read_structured(path)
        except ValidationError as exc:  # keep going: every file's problems are listed
            problems.items.extend(exc.problems)
            continue
        for raw, rpath in raw_respondents(data, check):
            respondent = validator.respondent(raw, rpath, check)
            if respondent is not None:
                respondents.append(respondent)
    problems.raise_if_errors()
    return respondents


LABEL = N_("response files (.yaml, .yml, .json)")


class StructuredImporter:
    """Response files in YAML or JSON (docs/reference/response-format.md)."""

    name = "structured"

    @property
    def label(self) -> str:
        return _(LABEL)

    def detect(self, path: Path) -> float:
        return 0.9 if path.suffix.lower() in (".yaml", ".yml", ".json") else 0.0

    def read(self, path: Path, context: ImportContext) -> list[RawRespondent]:
        data = read_structured(path)
        problems = Problems()
        found = raw_respondents(data, Checker(str(path), problems))
        problems.raise_if_errors()
        return [RawRespondent(raw, str(path), rpath) for raw, rpath in found]
