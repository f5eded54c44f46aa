"""`validate` as a library call: modules and response files, every problem with its place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ccassess.actions.inputs import is_response_file
from ccassess.catalogs import _, ngettext
from ccassess.definitions.loading import MAX_MODULE_BYTES, build_module
from ccassess.definitions.settings import load_settings
from ccassess.errors import CcassessError, Location, Problem, Problems, ValidationError
from ccassess.importers.base import ImportContext, collect_importers, expand_paths
from ccassess.importers.batch import read_batch
from ccassess.importers.key_figures import KeyFigures
from ccassess.importers.response_files import ResponseValidator, raw_respondents, response_files
from ccassess.io.checker import Checker
from ccassess.io.structured import MAX_FILE_BYTES, read_structured
from ccassess.model.questionnaire import Module
from ccassess.model.settings import AssessmentSettings
from ccassess.plugin.registry import Registry
from ccassess.report.theme import load_theme
from ccassess.report.theme_check import contrast_problems


@dataclass
class ValidationReport:
    problems: list[Problem] = field(default_factory=list)
    modules: int = 0
    respondents: int = 0
    files: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def lines(self) -> list[str]:
        return [
            _("error: {message}").format(message=p) if p.severity == "error" else str(p)
            for p in self.problems
        ]

    def to_data(self) -> dict[str, object]:
        """The report as data (`validate --format json`): counts and every problem with its
        place."""
        return {
            "modules": self.modules,
            "respondents": self.respondents,
            "files": self.files,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "problems": [_problem_data(p) for p in self.problems],
        }

    def summary(self) -> str:
        # the English "(s)" forms stay as they were; other languages get real plurals
        modules, respondents = self.modules, self.respondents
        errors, warnings = len(self.errors), len(self.warnings)
        return _("checked {modules}, {respondents}: {errors}, {warnings}").format(
            modules=ngettext("{n} module(s)", "{n} module(s)", modules).format(n=modules),
            respondents=ngettext("{n} respondent(s)", "{n} respondent(s)", respondents).format(
                n=respondents
            ),
            errors=ngettext("{n} error(s)", "{n} error(s)", errors).format(n=errors),
            warnings=ngettext("{n} warning(s)", "{n} warning(s)", warnings).format(n=warnings),
        )


def _problem_data(problem: Problem) -> dict[str, object]:
    where = problem.location
    place = {
        "file": where.file,
        "line": where.line,
        "path": where.path,
        "sheet": where.sheet,
        "row": where.row,
        "column": where.column,
    }
    return {
        "severity": problem.severity,
        **{key: value for key, value in place.items() if value is not None},
        "message": problem.message,
        "text": str(problem),
    }


def validate_paths(
    registry: Registry,
    paths: Sequence[Path],
    module_files: Sequence[Path],
    assessment: Path | None = None,
    theme: Path | None = None,
) -> ValidationReport:
    report = ValidationReport()
    settings = load_settings(assessment) if assessment else AssessmentSettings()
    theme = theme or (Path(settings.theme) if settings.theme else None)
    if theme is not None:
        check_theme(theme, report)
    extra_modules: dict[str, Module] = {}
    response_data: list[tuple[Path, object]] = []
    if not paths and not module_files:
        for entry in registry.entries.values():
            report.modules += 1
            report.problems.extend(entry.warnings)
    for path in module_files:
        data = read_or_record(path, report, MAX_MODULE_BYTES)
        _module(path, data, registry, report, extra_modules)
    importers = collect_importers(registry.plugins)
    sheets = [p for p in expand_paths(paths, importers) if not is_response_file(p, importers)]
    structured = [p for p in paths if p.is_dir() or p not in sheets]
    for path in response_files(structured):
        data = read_or_record(path, report)
        if data is None:
            continue
        if isinstance(data, dict) and "dimensions" in data:
            _module(path, data, registry, report, extra_modules)
        else:
            response_data.append((path, data))
    modules = {**registry.modules, **extra_modules}
    problems = Problems()
    validator = ResponseValidator(
        modules, registry.question_types, settings, problems, registry.plugins
    )
    figures = KeyFigures()
    for path, data in response_data:
        report.files += 1
        check = Checker(str(path), problems)
        for raw, rpath in raw_respondents(data, check):
            respondent = validator.respondent(raw, rpath, check)
            if respondent is not None:
                report.respondents += 1
                figures.add(respondent, Location(str(path), path=rpath), problems)
    if sheets:  # answer sheets, tables, survey-tool exports: read as `import` reads them
        context = ImportContext(modules, registry.question_types, settings, problems)
        batch = read_batch(sheets, importers, context, registry.plugins)
        report.files += len(batch.files)
        report.respondents += len(batch.respondents)
        for item in batch.respondents:
            figures.add(item.respondent, item.location, problems)
    report.problems.extend(problems.items)
    return report


def check_theme(folder: Path, report: ValidationReport) -> None:
    """A theme that cannot load is an error; colours below WCAG AA contrast are warnings."""
    try:
        report.problems.extend(contrast_problems(load_theme(folder)))
    except CcassessError as exc:
        report.problems.append(Problem(exc.location or Location(str(folder)), exc.message))


def read_or_record(
    path: Path, report: ValidationReport, limit: int = MAX_FILE_BYTES
) -> object | None:
    try:
        data = read_structured(path, limit)
    except ValidationError as exc:
        report.problems.extend(exc.problems)
        return None
    if data is None:
        report.problems.append(Problem(Location(str(path)), _("the file is empty")))
    return data


def _module(
    path: Path,
    data: object,
    registry: Registry,
    report: ValidationReport,
    extra: dict[str, Module],
) -> None:
    if data is None:
        return
    report.modules += 1
    types = {**registry.contributed_types, **registry.question_types}
    try:
        loaded = build_module(data, types, file=str(path))
    except ValidationError as exc:
        report.problems.extend(exc.problems)
        return
    report.problems.extend(loaded.warnings)
    extra[loaded.module.id] = loaded.module
