"""The typed facade over the hooks: one method per hook of `ccassess.hookspecs`.

This is the one place that names hooks. Every method calls its hook through pluggy
(`Plugins.call`), so pluggy orders the implementations (``tryfirst``, ``trylast``, otherwise
the order the plugins were loaded in) and runs wrappers (``wrapper=True`` and old-style
``hookwrapper=True``) around them. What comes back is checked and attributed: a
`Contribution` per plugin that returned something, in the order pluggy called them. A plugin
that raises or returns the wrong kind of thing is named (plugin and hook) and, with
``--skip-broken-plugins``, left out with everything it contributed (`Plugins.reject`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from ccassess.catalogs import _

if TYPE_CHECKING:
    from ccassess.errors import PluginError
    from ccassess.model.answers import Respondent
    from ccassess.model.questionnaire import Module
    from ccassess.model.result import AssessmentResult, Finding, ModuleResult, Recommendation
    from ccassess.model.settings import AssessmentSettings
    from ccassess.plugin.manager import Plugins
    from ccassess.questions.types import QuestionType
    from ccassess.report.section import ReportSection

T = TypeVar("T")

#: What a hook's result must be: a check giving the problem with one plugin's result, or None.
Check = Callable[[Any], "str | None"]


#: The arguments that are shared data, mutable in Python, that no plugin may change: a
#: plugin that does fails, named (module and settings are frozen; respondents a tuple).
WATCHED = frozenset({"result", "respondent"})


class Contribution(NamedTuple, Generic[T]):
    """What one plugin returned from one hook call, checked: its items, in its order."""

    plugin: str
    hook: str
    items: list[T]

    def error(self, message: str) -> PluginError:
        """An error naming this contribution's plugin and hook (for `Plugins.reject`)."""
        # late import: start-up time (`ccassess modules` must not load it)
        from ccassess.errors import PluginError

        return PluginError(self.plugin, self.hook, message)


class ModuleAnalysis(NamedTuple):
    """What one plugin's `ccassess_module_analysis` returned for a module, checked."""

    plugin: str
    #: Where `data` is stored in `ModuleResult.analysis` (the plugin's name by default).
    key: str
    data: Any
    #: Dimension id → the plugin's score 0..100 (None: no score), replacing the engine's.
    dimension_scores: dict[str, float | None]


class Hooks:
    """One typed method per hook; each calls every implementation through pluggy."""

    def __init__(self, plugins: Plugins) -> None:
        self._plugins = plugins

    def _lists(
        self,
        hook: str,
        of: type | tuple[type, ...],
        each: Callable[[Any], str | None] | None = None,
        **kwargs: Any,
    ) -> list[Any]:
        """Call a hook whose implementations return lists (or None) of `of`; `each` checks
        every item's fields (the first problem fails the plugin). The shared data among the
        arguments (`WATCHED`) must come back unchanged."""
        check = list_of(of) if each is None else _each(list_of(of), each)
        watch = tuple(name for name in kwargs if name in WATCHED)
        return [
            Contribution(plugin, hook, list(output))
            for plugin, output in self._plugins.call(hook, check, kwargs, watch)
        ]

    # -- while plugins load -----------------------------------------------------------------

    def question_types(self) -> list[Contribution[QuestionType]]:
        """`ccassess_question_types`: the question types each plugin contributes."""
        # late import: start-up time (`ccassess modules` must not load it)
        from ccassess.questions.types import QuestionType

        return self._lists("ccassess_question_types", QuestionType)

    def modules(self) -> list[Contribution[Module | str | Path | dict[str, Any]]]:
        """`ccassess_modules`: module files, definitions or modules, per plugin."""
        return [
            Contribution(plugin, "ccassess_modules", list(output))
            for plugin, output in self._plugins.call("ccassess_modules", _module_list, {})
        ]

    def local_modules(self, files: Sequence[Path]) -> Contribution[Path]:
        """The module files of a local plugins folder, registered as if by a plugin "local"
        through `ccassess_modules` (so that their errors read alike)."""
        return Contribution("local", "ccassess_modules", list(files))

    # -- while responses are read -----------------------------------------------------------

    def importers(self) -> list[Contribution[Any]]:
        """`ccassess_importers`: input formats, per plugin (checked further by the caller)."""
        return self._lists("ccassess_importers", object)

    def validate_answers(self, module: Module, respondent: Respondent) -> list[Contribution[str]]:
        """`ccassess_validate_answers`: the plugins' messages about one respondent's answers."""
        return self._lists("ccassess_validate_answers", str, module=module, respondent=respondent)

    # -- while an assessment is scored ------------------------------------------------------

    def module_analysis(
        self,
        module: Module,
        respondents: Sequence[Respondent],
        settings: AssessmentSettings,
        result: ModuleResult,
    ) -> list[ModuleAnalysis]:
        """`ccassess_module_analysis`: each plugin's analysis of a scored module."""

        # late import: start-up time (`ccassess modules` must not load it)
        from ccassess.plugin.results import analysis_problem, as_analysis

        dimensions = {d.id for d in module.dimensions}

        def check(output: Any) -> str | None:
            return analysis_problem(output, dimensions, module.id)

        hook = "ccassess_module_analysis"
        kwargs = {
            "module": module,
            "respondents": tuple(respondents),  # read-only: a plugin cannot add or remove
            "settings": settings,
            "result": result,
        }
        analyses = [
            (plugin, as_analysis(output))
            for plugin, output in self._plugins.call(hook, check, kwargs, ("result",))
        ]
        return [
            ModuleAnalysis(
                plugin, analysis.key or plugin, analysis.data, dict(analysis.dimension_scores)
            )
            for plugin, analysis in analyses
        ]

    def findings(
        self, module: Module, result: ModuleResult, settings: AssessmentSettings
    ) -> list[Contribution[Finding]]:
        """`ccassess_findings`: the plugins' findings for a scored module."""
        # late import: start-up time (`ccassess modules` must not load it)
        from ccassess.model.result import Finding
        from ccassess.plugin.results import finding_problem

        dimensions = {d.id for d in module.dimensions}
        return self._lists(
            "ccassess_findings",
            Finding,
            lambda item: finding_problem(item, dimensions, module.id),
            module=module,
            result=result,
            settings=settings,
        )

    def recommendations(
        self, module: Module, result: ModuleResult, settings: AssessmentSettings
    ) -> list[Contribution[Recommendation]]:
        """`ccassess_recommendations`: the plugins' recommendations for a scored module."""
        # late import: start-up time (`ccassess modules` must not load it)
        from ccassess.model.result import Recommendation
        from ccassess.plugin.results import recommendation_problem

        dimensions = {d.id for d in module.dimensions}
        return self._lists(
            "ccassess_recommendations",
            Recommendation,
            lambda item: recommendation_problem(item, dimensions, module.id),
            module=module,
            result=result,
            settings=settings,
        )

    # -- while a report is rendered ---------------------------------------------------------

    def report_sections(
        self, result: AssessmentResult, lang: str, section_type: type[ReportSection]
    ) -> list[Contribution[ReportSection]]:
        """`ccassess_report_sections`: the report sections each plugin contributes.

        `section_type` is `ReportSection`, which belongs to the report, a layer above this one.
        """
        # late import: start-up time (`ccassess modules` must not load it)
        from ccassess.plugin.results import section_problem

        return self._lists(
            "ccassess_report_sections", section_type, section_problem, result=result, lang=lang
        )

    def template_dirs(self) -> list[Contribution[str | Path]]:
        """`ccassess_template_dirs`: folders with the plugins' report templates."""
        return self._lists("ccassess_template_dirs", (str, Path))

    def demo_assessments(self) -> list[Contribution[str | Path]]:
        """`ccassess_demo_assessments`: folders of demo assessments."""
        return self._lists("ccassess_demo_assessments", (str, Path))


@cache
def list_of(of: type | tuple[type, ...]) -> Check:
    """The check of a hook that returns a list (or tuple) of `of`."""
    what = of.__name__ if isinstance(of, type) else " or ".join(t.__name__ for t in of)

    def check(output: Any) -> str | None:
        if isinstance(output, list | tuple) and all(isinstance(item, of) for item in output):
            return None
        return _("must return a list of {types}, got {got}").format(
            types=what, got=describe(output)
        )

    return check


def _module_list(output: Any) -> str | None:
    """The check of `ccassess_modules`: files, definitions as dicts, or built modules.

    The model is imported only for a result that is not all files and dicts (those of the
    built-in plugins are files), so that listing cached modules does not import it
    (start-up, docs/performance.md)."""
    if isinstance(output, list | tuple) and all(isinstance(i, str | Path | dict) for i in output):
        return None
    # late import: start-up time (`ccassess modules` must not load it)
    from ccassess.model.questionnaire import Module

    return list_of((Module, str, Path, dict))(output)


def describe(value: Any) -> str:
    """What a value is, for a message: its type, or the types in a list."""
    if isinstance(value, list | tuple):
        kinds = sorted({type(v).__name__ for v in value})
        return _("a list of {types}").format(types=", ".join(kinds))
    return type(value).__name__


def _each(whole: Check, item: Callable[[Any], str | None]) -> Check:
    """A list check, then `item` on each item: the first problem found."""

    def check(output: Any) -> str | None:
        problem = whole(output)
        if problem is not None:
            return problem
        return next((p for p in map(item, output) if p is not None), None)

    return check
