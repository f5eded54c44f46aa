"""Turning what a user points at (an assessment file, response files, the demo) into
validated settings and respondents. Shared by the CLI commands and the test kit."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ccassess.actions.rounds import earlier_rounds
from ccassess.catalogs import _, ngettext
from ccassess.definitions.narrative import NARRATIVE_FILE, load_narrative
from ccassess.definitions.settings import load_settings
from ccassess.errors import CcassessError, Location, Problem, ValidationError
from ccassess.importers.base import (
    ImportContext,
    choose_importer,
    collect_importers,
    expand_paths,
)
from ccassess.importers.batch import read_batch
from ccassess.importers.key_figures import key_figure_conflicts
from ccassess.importers.response_files import (
    STRUCTURED_SUFFIXES,
    load_responses,
    response_files,
)
from ccassess.model.answers import Respondent
from ccassess.model.narrative import Narrative
from ccassess.model.questionnaire import Module
from ccassess.model.serial import to_data
from ccassess.model.settings import AssessmentSettings
from ccassess.plugin.registry import Registry
from ccassess.workspace.store import Workspace, find_workspace, open_workspace

ASSESSMENT_FILE = "assessment.yaml"


@dataclass
class Inputs:
    settings: AssessmentSettings
    respondents: list[Respondent]
    #: From a workspace: the registry narrowed to the round's modules as they were answered,
    #: earlier rounds (`assess(..., earlier_rounds=…)` puts them in the trend) and notes.
    registry: Registry | None = None
    earlier_rounds: list[Any] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: The workspace folder and round read (None for response files).
    workspace: Path | None = None
    round: str | None = None
    #: From a workspace: what the kept result's key is made of (result_cache.py); read with
    #: `lazy=True`, `respondents` stays empty until `load_respondents` is called.
    key_parts: dict[str, Any] | None = None
    load_respondents: Callable[[], list[Respondent]] | None = None
    #: The consultant's `narrative.md` (workspace folder, or beside the assessment file).
    narrative: Narrative | None = None
    #: The respondents' names in the workspace: only to remove them from open-text comments.
    names: list[str] = field(default_factory=list)


def load_inputs(
    registry: Registry,
    assessment: str | Path | None,
    responses: Sequence[str | Path],
    language: str | None = None,
    *,
    workspace: str | Path | None = None,
    round_name: str | None = None,
    lazy: bool = False,
) -> Inputs:
    """Settings from the assessment file (or defaults) and validated respondents.

    Without response files, a workspace is read instead: `workspace`, or the current
    directory when it is one (`load_workspace_inputs`).
    """
    if workspace is None and not responses and not assessment:
        workspace = find_workspace()
    if workspace is not None:
        if responses or assessment:
            raise CcassessError(
                _("give either a workspace (-w) or an assessment file and response files, not both")
            )
        return load_workspace_inputs(registry, workspace, round_name, language, lazy=lazy)
    if round_name is not None:
        raise CcassessError(_("--round needs a workspace (-w DIR)"))
    settings = load_settings(assessment) if assessment else AssessmentSettings()
    if language:
        settings = replace(settings, language=language)
    if not responses:
        raise CcassessError(_("no responses given; name response files or folders"))
    modules = {m.id: m for m in registry.select(settings.modules)}
    respondents, notes = load_answer_files(registry, modules, settings, responses)
    _check_key_figures(respondents)
    narrative = load_narrative(Path(assessment).parent / NARRATIVE_FILE) if assessment else None
    return Inputs(settings, respondents, notes=notes, narrative=narrative)


def load_answer_files(
    registry: Registry,
    modules: Mapping[str, Module],
    settings: AssessmentSettings,
    paths: Sequence[str | Path],
) -> tuple[list[Respondent], list[str]]:
    """Respondents from response files (YAML, JSON) and from whatever else `import` reads —
    answer sheets (.xlsx, .csv), survey-tool exports — checked by the same rules; folders
    give all of these. Raises ValidationError listing every problem; returns notes and
    warnings besides the respondents."""
    importers = collect_importers(registry.plugins)
    structured: list[Path] = []
    others: list[Path] = []
    for entry in paths:
        path = Path(entry)
        if path.is_dir():
            if response_files([path]):
                structured.append(path)  # its YAML and JSON files, read as before
            others.extend(
                p for p in expand_paths([path], importers) if not is_response_file(p, importers)
            )
        else:
            (structured if is_response_file(path, importers) else others).append(path)
    problems: list[Problem] = []
    respondents: list[Respondent] = []
    if structured or not others:
        try:
            respondents = load_responses(
                structured, modules, registry.question_types, settings, plugins=registry.plugins
            )
        except ValidationError as exc:
            problems.extend(exc.problems)
    notes: list[str] = []
    if others:
        context = ImportContext(modules, registry.question_types, settings)
        batch = read_batch(others, importers, context, registry.plugins)
        problems.extend(batch.problems.items)
        notes.extend([*batch.notes, *(str(d) for d in batch.duplicates)])
        seen = {r.id for r in respondents}
        for item in batch.respondents:
            if item.id in seen:
                twice = _("respondent {respondent} appears twice").format(respondent=repr(item.id))
                problems.append(Problem(item.location, twice))
            respondents.append(item.respondent)
    if any(p.severity == "error" for p in problems):
        raise ValidationError(problems)
    notes.extend(_("warning: {message}").format(message=p) for p in problems)
    return respondents, notes


def is_response_file(path: Path, importers: Sequence[Any]) -> bool:
    """Whether a file is a response file (YAML, JSON), or unknown (the response-file reader
    then says what is wrong with it), rather than a file another importer reads best."""
    if path.suffix.lower() in STRUCTURED_SUFFIXES:
        return True
    try:
        return choose_importer(path, importers).name == "structured"
    except CcassessError:
        return True


def _check_key_figures(respondents: Sequence[Respondent], where: str | None = None) -> None:
    """Two entries of one key figure that disagree stop scoring (see `key_figures`)."""
    located = ((r, Location(r.origin or where)) for r in respondents)
    key_figure_conflicts(located).raise_if_errors()


#: The built-in demo (plugin "demo"): what `ccassess demo` renders unless --name says otherwise.
BUILTIN_DEMO = "muster_handels"


@dataclass(frozen=True)
class Demo:
    """A demo assessment: its name (the folder's), the plugin that contributes it, where."""

    name: str
    plugin: str
    folder: Path


def demos(registry: Registry) -> list[Demo]:
    """Every demo assessment the loaded plugins contribute, in the order they were called."""
    return [
        Demo(Path(item).name, contribution.plugin, Path(item))
        for contribution in registry.plugins.hooks.demo_assessments()
        for item in contribution.items
    ]


def demo_folder(registry: Registry, name: str | None = None) -> Path:
    """The folder of a demo assessment: the one called `name`; without a name the built-in
    demo (`BUILTIN_DEMO`), else the first one. A plugin's demo never replaces the built-in
    one unasked."""
    found = demos(registry)
    if not found:
        raise CcassessError(_("no demo assessment is installed (the 'demo' plugin is not loaded)"))
    wanted = name or BUILTIN_DEMO
    chosen = [demo for demo in found if demo.name == wanted]
    if chosen:
        return chosen[0].folder
    if name is None:
        return found[0].folder
    known = ", ".join(
        f"{demo.name} (" + _("plugin {plugin}").format(plugin=repr(demo.plugin)) + ")"
        for demo in found
    )
    raise CcassessError(
        _("unknown demo {name}; installed demos: {demos}").format(name=repr(name), demos=known)
    )


def load_demo(registry: Registry, name: str | None = None, language: str | None = None) -> Inputs:
    folder = demo_folder(registry, name)
    return load_inputs(registry, folder / ASSESSMENT_FILE, [folder / "responses"], language)


def assessment_modules(
    registry: Registry,
    *,
    workspace_dir: str | Path | None = None,
    assessment: str | Path | None = None,
    modules: Sequence[str] = (),
    round_name: str | None = None,
) -> tuple[AssessmentSettings, list[Module]]:
    """The settings and modules of an assessment, for writing questionnaires (sheets, forms).

    From a workspace round (its modules as answered), an assessment file, or — with neither —
    the workspace in the current directory, else every loaded module. `modules` narrows the
    choice.
    """
    if workspace_dir is not None and assessment is not None:
        raise CcassessError(_("give either a workspace (-w) or an assessment file (-a), not both"))
    if workspace_dir is None and assessment is None:
        workspace_dir = find_workspace()
    if workspace_dir is not None:
        with open_workspace(workspace_dir) as workspace:
            settings = workspace.settings
            found = workspace.round_modules(workspace.round(round_name), registry).modules
    else:
        if round_name is not None:
            raise CcassessError(_("--round needs a workspace (-w DIR)"))
        settings = load_settings(assessment) if assessment else AssessmentSettings()
        found = {m.id: m for m in registry.select(settings.modules)}
    unknown = [m for m in modules if m not in found]
    if unknown:
        raise CcassessError(
            _("module {module} is not part of this assessment; modules: {modules}").format(
                module=repr(unknown[0]), modules=", ".join(found)
            )
        )
    return settings, [found[m] for m in modules] if modules else list(found.values())


def load_workspace_inputs(
    registry: Registry,
    folder: str | Path,
    round_name: str | None = None,
    language: str | None = None,
    *,
    lazy: bool = False,
) -> Inputs:
    """Settings and respondents of a workspace round (default: the latest), for scoring.

    Only completed respondents count; names are left out (reports never show them). With
    `lazy`, the respondents are read only when `load_respondents` is called (the report
    may find the round's scored result in the result cache instead).
    """
    with Workspace.open(folder) as workspace:
        round_ = workspace.round(round_name)
        pinned, notes = workspace.registry_for(round_, registry)
        settings = workspace.settings
        if language:
            settings = replace(settings, language=language)
        rows = workspace.respondent_rows(round_)
        # names only to remove them from open-text comments; never passed on otherwise
        names = workspace.respondent_names(round_)
        if round_.open_surveys:
            n = round_.open_surveys
            notes.append(
                ngettext(
                    "{n} unfinished survey(s) in round {round} are not counted; finish them "
                    "with `ccassess survey --resume`",
                    "{n} unfinished survey(s) in round {round} are not counted; finish them "
                    "with `ccassess survey --resume`",
                    n,
                ).format(n=n, round=repr(round_.name))
            )
        if not rows:
            notes.append(_("round {round} has no respondents yet").format(round=repr(round_.name)))
        earlier = earlier_rounds(workspace, registry, round_)
    path = Path(folder)
    narrative = load_narrative(path / NARRATIVE_FILE)

    def load() -> list[Respondent]:
        with Workspace.open(path) as reopened:
            found = reopened.respondents(reopened.round(round_.name), with_names=False)
        _check_key_figures(found, _("round {round}").format(round=repr(round_.name)))
        return found

    respondents = [] if lazy else load()

    return Inputs(
        settings,
        respondents,
        pinned,
        earlier,
        notes,
        workspace=path,
        round=round_.name,
        key_parts={
            "round": round_.name,
            "respondents": rows,
            "settings": to_data(settings),
            # the result carries the narrative and removes the names from comments
            "narrative": repr(narrative),
            "names": names,
        },
        load_respondents=load if lazy else None,
        narrative=narrative,
        names=names,
    )
