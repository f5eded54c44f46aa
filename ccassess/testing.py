"""The test kit for plugin authors, also a pytest plugin (entry point `pytest11`).

With ccassess installed, every pytest run has the fixture `ccassess_kit`::

    import ccassess_acme

    def test_my_module(ccassess_kit):
        kit = ccassess_kit(ccassess_acme)            # only this plugin (plus the core)
        result = kit.score([kit.respondent("internal", {"acme": {"q1": 4}})])
        assert result.module("acme").score == 75.0

Nothing here mocks ccassess: the kit uses the real loader, validation, scoring engine and
report renderer. Without ``settings`` the kit shows every figure however few respondents
answered it (`KIT_SETTINGS`: anonymity and free-text thresholds 1), so that a hand-computed
test can stay small; give ``settings`` (for example ``{"anonymity_threshold": 5}``) to test
what a report would show. The names in ``__all__`` are public API (stable within a major version of
``ccassess.PLUGIN_API_VERSION``), including the methods of `Kit`.
"""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

from ccassess import hookimpl
from ccassess.actions.load_plugins import load_registry
from ccassess.model.answers import Respondent
from ccassess.model.questionnaire import Module
from ccassess.model.settings import AssessmentSettings
from ccassess.plugin.registry import Registry

if TYPE_CHECKING:
    from ccassess.errors import Problem
    from ccassess.model.result import AssessmentResult

__all__ = ["Kit", "ccassess_kit", "make_kit"]

#: What `make_kit` accepts as a plugin: the plugin object (usually its module), its import
#: name as a string, or a (name, plugin) pair to choose the name it is registered under.
PluginSpec = ModuleType | str | tuple[str, Any]


#: The kit's settings when none are given: every figure shown, however few answered it (an
#: assessment's settings never go below 3; see docs/security.md, "Anonymity").
KIT_SETTINGS = AssessmentSettings(anonymity_threshold=1, free_text_threshold=1)


@dataclass
class Kit:
    """A registry holding only the plugins under test, and one-liners around it."""

    registry: Registry
    settings: AssessmentSettings = field(default_factory=lambda: KIT_SETTINGS)
    _ids: Any = field(default_factory=lambda: itertools.count(1), repr=False)

    # -- what is loaded ---------------------------------------------------------------------

    def module(self, module_id: str) -> Module:
        """A loaded module by id (KeyError naming the loaded ones if it is not there)."""
        if module_id not in self.registry.entries:
            loaded = ", ".join(self.registry.entries) or "none"
            raise KeyError(f"module {module_id!r} is not loaded; loaded: {loaded}")
        return self.registry.entries[module_id].module

    @property
    def failures(self) -> list[str]:
        """Plugins that were skipped (only with ``skip_broken=True``), as "plugin: message"."""
        return [f"{f.plugin}: {f.message}" for f in self.registry.plugins.failures]

    def check_module(self, definition: str | Path | Mapping[str, Any]) -> list[Problem]:
        """Validate a module file (YAML/JSON) or definition dict against the loaded types.

        Returns the warnings (e.g. missing translations; ``[]`` when clean) and raises
        ``ccassess.ValidationError`` listing every error with its location.
        """
        # late import: the test kit loads with every pytest session (pytest11)
        from ccassess.definitions.loading import build_module, load_module_file

        if isinstance(definition, Mapping):
            loaded = build_module(dict(definition), self.registry.question_types, file="<test>")
        else:
            loaded = load_module_file(definition, self.registry.question_types)
        return loaded.warnings

    # -- respondents ------------------------------------------------------------------------

    def respondent(
        self,
        perspective: str,
        answers: Mapping[str, Mapping[str, Any]] | None = None,
        department: str | None = None,
        id: str | None = None,
        *,
        role: str | None = None,
    ) -> Respondent:
        """One respondent, validated exactly like a respondent read from a file.

        ``answers`` maps module id → question id → answer (``"dont_know"`` for "don't
        know"). A wrong answer, or one that a plugin's ``ccassess_validate_answers`` rejects,
        raises ``ccassess.ValidationError`` naming the question. Ids are R0001, R0002, …
        unless given.
        """
        # late import: the test kit loads with every pytest session (pytest11)
        from ccassess.errors import Problems
        from ccassess.importers.response_files import ResponseValidator
        from ccassess.io.checker import Checker

        raw: dict[str, Any] = {
            "id": id or f"R{next(self._ids):04d}",
            "perspective": perspective,
            "answers": {m: dict(a) for m, a in (answers or {}).items()},
        }
        if department:
            raw["department"] = department
        if role:
            raw["role"] = role
        problems = Problems()
        validator = ResponseValidator(
            self.registry.modules,
            self.registry.question_types,
            self.settings,
            problems,
            self.registry.plugins,
        )
        respondent = validator.respondent(raw, "respondent", Checker("<test>", problems))
        problems.raise_if_errors()
        assert respondent is not None
        return respondent

    def respondents(
        self,
        perspective: str,
        module_id: str,
        *answer_sets: Mapping[str, Any],
        department: str | None = None,
    ) -> list[Respondent]:
        """Several respondents of one perspective answering one module, one dict each::

        kit.respondents("internal", "acme", {"q1": 5}, {"q1": 3}, {"q1": "dont_know"})
        """
        return [
            self.respondent(perspective, {module_id: answers}, department)
            for answers in answer_sets
        ]

    def read_responses(self, *paths: str | Path) -> list[Respondent]:
        """Respondents from response files or folders (YAML/JSON), validated by the real reader."""
        # late import: the test kit loads with every pytest session (pytest11)
        from ccassess.importers.response_files import load_responses

        return load_responses(
            list(paths),
            self.registry.modules,
            self.registry.question_types,
            self.settings,
            plugins=self.registry.plugins,
        )

    def import_files(self, *paths: str | Path) -> list[Respondent]:
        """Respondents read by the importers — the core's and the plugins'
        (``ccassess_importers``) — and validated, as an import reads them. Raises
        ``ccassess.ValidationError`` listing every problem with file, line, sheet, row, column.
        """
        # late import: the test kit loads with every pytest session (pytest11)
        from ccassess.importers.base import ImportContext, collect_importers
        from ccassess.importers.batch import read_batch

        context = ImportContext(self.registry.modules, self.registry.question_types, self.settings)
        importers = collect_importers(self.registry.plugins)
        batch = read_batch(list(paths), importers, context, self.registry.plugins)
        batch.problems.raise_if_errors()
        return [item.respondent for item in batch.respondents]

    # -- scoring and reporting --------------------------------------------------------------

    def score(self, respondents: Iterable[Respondent], **options: Any) -> AssessmentResult:
        """Score like ``ccassess score``: engine, plugin analysis, findings, recommendations.

        ``options`` go to ``ccassess.actions.assess.assess`` (e.g. ``include_answers=True``).
        """
        # late import: the test kit loads with every pytest session (pytest11)
        from ccassess.actions.assess import assess

        return assess(self.registry, list(respondents), self.settings, **options)

    def report_text(self, result: AssessmentResult, lang: str = "en") -> str:
        """The report as plain text (HTML rendered, tags stripped): quick content checks."""
        # late import: the test kit loads with every pytest session (pytest11)
        from ccassess.report import ReportOptions
        from ccassess.report.html import render_html

        options = ReportOptions(format="html", lang=lang)
        return visible_text(render_html(result, self.registry.plugins, options).inline_html())


def visible_text(markup: str) -> str:
    """The text a reader sees in HTML: no style or script, no tags, entities decoded,
    whitespace collapsed. For content checks on rendered reports."""
    import html
    import re

    markup = re.sub(r"<(style|script)\b.*?</\1>", " ", markup, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def make_kit(
    *plugins: PluginSpec | Sequence[PluginSpec],
    modules: Sequence[str | Path | Mapping[str, Any]] = (),
    entry_points: bool = False,
    settings: AssessmentSettings | Mapping[str, Any] | None = None,
    skip_broken: bool = False,
) -> Kit:
    """A kit with the core and the given plugins only (installed plugins too if entry_points).

    - ``plugins``: plugin modules (``make_kit(ccassess_acme)``), import names
      (``make_kit("ccassess_acme")``), ``(name, plugin)`` pairs, or lists of these. A module
      is registered under its import name, a string under the name given.
    - ``modules``: module YAML/JSON files or definition dicts to load as well, as if a
      plugin registered them (a consultant's YAML module needs no Python to be tested).
    - ``settings``: ``AssessmentSettings`` or the mapping an assessment.yaml holds
      (``{"departments": ["Sales", "IT"], "anonymity_threshold": 3}``), validated.
    - ``skip_broken``: record a broken plugin in ``Kit.failures`` instead of raising
      ``ccassess.errors.PluginError``.
    """
    registered = [_named(spec) for spec in _flatten(plugins)]
    if modules:
        registered.append(("kit:modules", _ModulesPlugin(list(modules))))
    registry = load_registry(
        extra_plugins=registered, entry_points=entry_points, skip_broken=skip_broken
    )
    return Kit(registry, _settings(settings))


class _ModulesPlugin:
    """Registers module files or dicts given to `make_kit(modules=…)`."""

    def __init__(self, modules: list[Any]) -> None:
        self.modules = modules

    @hookimpl
    def ccassess_modules(self) -> list[Any]:
        return [dict(m) if isinstance(m, Mapping) else m for m in self.modules]


def _flatten(specs: Iterable[Any]) -> list[Any]:
    flat: list[Any] = []
    for spec in specs:
        if isinstance(spec, list | tuple) and not _is_pair(spec):
            flat.extend(_flatten(spec))
        else:
            flat.append(spec)
    return flat


def _is_pair(spec: Any) -> bool:
    return (
        isinstance(spec, tuple)
        and len(spec) == 2
        and isinstance(spec[0], str)
        and not isinstance(spec[1], str)
    )


def _named(spec: Any) -> tuple[str, Any]:
    if _is_pair(spec):
        return spec
    if isinstance(spec, str):
        return spec, importlib.import_module(spec)
    name = getattr(spec, "__name__", None) or type(spec).__name__
    return name, spec


def _settings(settings: AssessmentSettings | Mapping[str, Any] | None) -> AssessmentSettings:
    if settings is None:
        return KIT_SETTINGS
    if isinstance(settings, AssessmentSettings):
        return settings
    # late import: the test kit loads with every pytest session (pytest11)
    from ccassess.definitions.settings import build_settings

    return build_settings(dict(settings), "<test settings>")


@pytest.fixture
def ccassess_kit() -> Any:
    """Factory fixture: ``ccassess_kit(my_plugin, settings=…)`` → `Kit` (see `make_kit`)."""
    return make_kit


def pytest_report_header(config: pytest.Config) -> str:
    # late import: the test kit loads with every pytest session (pytest11)
    from ccassess import PLUGIN_API_VERSION, __version__

    return f"ccassess {__version__} (plugin API {PLUGIN_API_VERSION}), test kit: ccassess_kit"
