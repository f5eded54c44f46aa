"""Response files (YAML/JSON, one file or a folder) read and validated against the modules.

Everything is checked before anything is returned: unknown modules and questions, wrong
types, out-of-range values, duplicate respondents, missing metadata — all listed at once.
See docs/reference/response-format.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccassess.checking import Checker, join, kind
from ccassess.errors import CcassessError, Problems, ValidationError
from ccassess.io.structured import read_structured
from ccassess.model import DONT_KNOW, PERSPECTIVES, AssessmentSettings, Module, Respondent
from ccassess.qtypes import AnswerProblem, QuestionType

if TYPE_CHECKING:
    from ccassess.plugins import Plugins

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
            raise CcassessError(f"more than {MAX_FILES:,} response files; read them in smaller "
                                "batches")  # fmt: skip
    return files


def is_response_data(data: Any) -> bool:
    return isinstance(data, Mapping) and ("respondents" in data or "respondent" in data)


def raw_respondents(data: Any, check: Checker) -> list[tuple[Mapping, str]]:
    """The respondent mappings in a parsed file, with their key path."""
    if data is None:
        check.error("", "the file is empty; expected respondents")
        return []
    if not isinstance(data, Mapping):
        check.error("", f"expected a mapping with 'respondents', got {kind(data)}")
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


class ResponseValidator:
    """Validates raw respondents against the loaded modules and the assessment's settings."""

    def __init__(
        self,
        modules: Mapping[str, Module],
        question_types: Mapping[str, QuestionType],
        settings: AssessmentSettings,
        problems: Problems | None = None,
        plugins: Plugins | None = None,
    ) -> None:
        self.modules = modules
        self.types = question_types
        self.settings = settings
        self.problems = problems if problems is not None else Problems()
        #: With plugins, their `ccassess_validate_answers` cross-field checks run too.
        self.plugins = plugins
        self.seen: dict[str, str] = {}

    def respondent(self, raw: Mapping, path: str, check: Checker) -> Respondent | None:
        check.known_keys(raw, path, RESPONDENT_KEYS)
        respondent_id = check.string(raw, "id", path)
        if respondent_id:
            path = f"respondents[{respondent_id}]" if path != "respondent" else path
            where = check.at(path, raw, "id")
            if respondent_id in self.seen:
                check.error(join(path, "id"), f"respondent {respondent_id!r} appears twice "
                            f"(also in {self.seen[respondent_id]})", raw, "id")  # fmt: skip
            else:
                self.seen[respondent_id] = str(where.file) + (
                    f":{where.line}" if where.line else ""
                )
        perspective = check.string(raw, "perspective", path)
        if perspective and perspective not in PERSPECTIVES:
            check.error(join(path, "perspective"), f"{perspective!r} is not a perspective; "
                        "allowed: internal, customer", raw, "perspective")  # fmt: skip
            perspective = ""
        department = check.string(raw, "department", path, required=False) or None
        departments = self.settings.departments
        if department and departments and department not in departments:
            check.error(join(path, "department"), f"unknown department {department!r}; "
                        f"departments: {', '.join(departments)}", raw, "department")  # fmt: skip
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

    def cross_check(self, respondent: Respondent, raw: Mapping, path: str, check: Checker) -> None:
        """Plugins' cross-field rules (`ccassess_validate_answers`), one error per message."""
        if self.plugins is None:
            return
        hook = "ccassess_validate_answers"
        by_module = raw.get("answers")
        for module_id in respondent.answers:
            module = self.modules.get(module_id)
            if module is None:
                continue
            for name, output in self.plugins.call_each(hook, module=module, respondent=respondent):
                for message in self.plugins.expect_list(name, hook, output, str):
                    check.error(join(path, f"answers.{module_id}"), message, by_module, module_id)

    def answers(
        self, raw: Mapping, path: str, check: Checker, perspective: str, department: str | None
    ) -> dict[str, dict[str, Any]]:
        result: dict[str, dict[str, Any]] = {}
        by_module = check.mapping(raw.get("answers") or {}, join(path, "answers"), raw, "answers")
        for module_id, answers in by_module.items():
            mpath = join(path, f"answers.{module_id}")
            module = self.modules.get(str(module_id))
            if module is None:
                known = ", ".join(sorted(self.modules)) or "none"
                check.error(mpath, f"unknown module {module_id!r}; loaded: {known}",
                            by_module, module_id)  # fmt: skip
                continue
            answers = check.mapping(answers, mpath, by_module, module_id)
            checked: dict[str, Any] = {}
            for question_id, value in answers.items():
                value = self.answer(module, str(question_id), value, mpath, answers, check,
                                    perspective, department)  # fmt: skip
                if value is not None:
                    checked[str(question_id)] = value
            for question in module.required_questions:
                if question.asked_of(perspective) and question.id not in checked:
                    check.error(join(mpath, question.id), "a required question is not answered",
                                by_module, module_id)  # fmt: skip
            result[module.id] = checked
        return result

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
        question = module.question(question_id)
        qpath = mpath + "." + question_id  # cheap; only used in messages
        if question is None:
            check.error(qpath, f"unknown question in module {module.id!r}", container, question_id)
            return None
        if perspective and not question.asked_of(perspective):
            check.error(qpath, f"this question is for {question.perspective} respondents, "
                        f"not {perspective}", container, question_id)  # fmt: skip
            return None
        if value is None:
            return None
        if value == DONT_KNOW:
            if not question.dont_know:
                check.error(qpath, "'don't know' is not offered for this question",
                            container, question_id)  # fmt: skip
                return None
            return DONT_KNOW
        qtype = self.types[question.type]
        try:
            return qtype.check(question, value, self.settings.departments)
        except AnswerProblem as exc:
            check.error(qpath, str(exc), container, question_id)
            return None


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
        checker.error("", "no response files (.yaml, .yml, .json) found")
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
