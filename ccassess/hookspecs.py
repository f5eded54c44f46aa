"""Every hook a ccassess plugin can implement.

Plugins are modules or objects with functions named like the hooks below, decorated with
``ccassess.hookimpl``. Hook names and their argument names are public API (see
``ccassess.PLUGIN_API_VERSION``): an implementation may accept any subset of the arguments.
The docs' hook reference is generated from these docstrings.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from ccassess.model.answers import Respondent
    from ccassess.model.questionnaire import Module
    from ccassess.model.result import Analysis, AssessmentResult, ModuleResult
    from ccassess.model.settings import AssessmentSettings
    from ccassess.questions.types import QuestionType

hookspec = pluggy.HookspecMarker("ccassess")


@hookspec
def ccassess_question_types() -> Sequence[QuestionType]:
    """Contribute question types (how answers are checked, scored and asked).

    Called once when plugins load, before any module is built. Return a list of
    ``ccassess.QuestionType`` instances; each ``name`` must be unique across all plugins.
    A type decides which extra definition keys it accepts (``keys``), how an answer is
    checked (``check``), and how it scores in 0..1 (``score``; ``None`` for unscored), and
    describes how its questions are asked (``choices``, ``parts``, ``items``, ``entry``), so
    that answer sheets, forms and the terminal questionnaire treat it like a built-in type.
    The core types (likert, yes_partly_no, single_choice, multiple_choice, number, text,
    matrix) are contributed through this same hook.
    """


@hookspec
def ccassess_modules() -> Sequence[Module | str | Path | dict[str, Any]]:
    """Register assessment modules.

    Called once when plugins load, after all question types are known. Return a list whose
    items are a path to a module YAML/JSON file, a module definition as a dict (the YAML
    schema, see docs/reference/module-format.md) or a ready ``ccassess.Module``. Paths and
    dicts are validated; a problem names the plugin and the file location. Module ids must
    be unique across all plugins.
    """


@hookspec
def ccassess_validate_answers(module: Module, respondent: Respondent) -> Sequence[str] | None:
    """Check one respondent's answers to a module across questions (cross-field rules).

    Called while responses are validated (``ccassess validate``, loading response files),
    once per respondent and module they answered, after every single answer passed its
    question type's ``check``: ``respondent.answers[module.id]`` holds the normalised values
    (``ccassess.DONT_KNOW`` for "don't know"; unanswered questions are absent). Return
    ``None`` for modules you do not handle, or a list of messages, one per problem, each
    naming the question ids involved, for example ``"customers_lost (120) is greater than
    customers_start (100)"``. Every message is reported as an error at the respondent's
    answers to that module, with the file and key path, and the responses are rejected.
    Use it for what one answer alone cannot show (a count larger than the total it belongs
    to); single-answer rules belong in the question (``min``/``max``, the question type).
    Must be pure and fast: no I/O, no printing.
    """


@hookspec
def ccassess_module_analysis(
    module: Module,
    respondents: Sequence[Respondent],
    settings: AssessmentSettings,
    result: ModuleResult,
) -> Analysis | dict[str, Any] | None:
    """Add module-specific analysis to a scored module, and optionally override scores.

    Called once per scored module, after the engine computed the default scores.
    ``respondents`` are those who answered the module: staff, customers and the round's
    key figures (``perspective == "key_figures"``: company figures entered once, which the
    engine does not score). Return ``None`` for modules you do not handle, or a
    ``ccassess.Analysis`` (API 1.2; the dict with the same keys that API 1.0 documented is
    still accepted) with:

    - ``"data"``: JSON-serialisable analysis stored in ``ModuleResult.analysis[<key>]``
      (for example the silo matrix or the activity-audit shares);
    - ``"key"``: the name to store it under (default: the plugin's name);
    - ``"dimension_scores"`` (optional): ``{dimension_id: score 0..100}`` replacing the
      engine's practice score (the staff's) for those dimensions; module and overall
      maturity are recomputed. The customers' view and the perception gap stay the engine's,
      and an analysis that carries outcome KPIs (a ``"metrics"`` key in its data) never
      replaces a maturity score (see docs/concepts/scoring.md).

    Each field is checked where the result is returned: a key that is not one of these, data
    that is not JSON, an unknown dimension or a score outside 0..100 fails the plugin, named
    with the field. Must be pure: no I/O, no printing, no randomness.
    """


@hookspec
def ccassess_findings(
    module: Module, result: ModuleResult, settings: AssessmentSettings
) -> Sequence[Any] | None:
    """Contribute findings for a scored module.

    Called once per module after scoring and analysis. Return a list of
    ``ccassess.Finding`` (id, severity info|warning|critical, bilingual text, optional
    dimension; optionally ``evidence`` — customer|kpi|mirror|self_rated, the default — and
    ``n``, the respondents it rests on, which rank it among all findings). Every field is
    checked where the result is returned: a severity or evidence that is not one of these,
    a dimension not of the module, a negative ``n`` fails the plugin, named with the field.
    The module's
    declarative ``findings:`` rules are evaluated by the core before this hook; plugins add
    what rules cannot express (e.g. listing activities).
    """


@hookspec
def ccassess_recommendations(
    module: Module, result: ModuleResult, settings: AssessmentSettings
) -> Sequence[Any] | None:
    """Contribute recommendations (action-plan items) for a scored module.

    Called once per module after findings. Return a list of ``ccassess.Recommendation``.
    The per-dimension, per-level recommendations of the module definition are added by
    the core; this hook is for recommendations that depend on analysis data. The core sets
    every recommendation's priority (0–100, see docs/plugins/extending.md, "The priority
    scale") by one rule; what a plugin gives must still be on the scale: a ``priority``
    outside 0–100 (or not a number), a ``priority_label`` other than high|medium|low, a
    level outside 1–5 or a dimension not of the module fails the plugin, named with the
    field. ``initiative`` (optional) names the module whose initiative in the action plan
    it belongs to.
    """


@hookspec
def ccassess_report_sections(result: AssessmentResult, lang: str) -> Sequence[Any] | None:
    """Contribute report sections.

    Called once per report. Return a list of ``ccassess.ReportSection`` (id, bilingual
    title, template name, order, context dict, the template's own ``labels`` in German and
    English, its own ``css``). Every field is checked where the result is returned. Sections are
    sorted by ``order``; the built-in sections use 100, 200, … 1300, so a plugin section with
    order 750 appears between the perception gap (700) and the silo heatmap (800) of the
    built-in silo check's plugin. A section with ``within`` set to another section's id (e.g.
    ``"module-leadership"``) is rendered as a part of that section instead. Templates are
    looked up in the theme, then in the directories from ``ccassess_template_dirs``. The
    context must be plain data: templates only format, they never compute.
    """


@hookspec
def ccassess_template_dirs() -> Sequence[str | Path] | None:
    """Contribute directories with Jinja templates for report sections.

    Called once per report. Files in these directories may be read by the renderer
    (templates, images, CSS); nothing outside the theme and template directories is.
    """


@hookspec
def ccassess_importers() -> Sequence[Any] | None:
    """Contribute input formats (importers) for responses.

    Called wherever answer files are read: ``ccassess import`` (into a workspace) and
    ``score``, ``report`` and ``validate`` given files, so a plugin's format is read
    everywhere a YAML response file or an answer sheet is. Return objects following the
    ``ccassess.Importer`` protocol: ``name`` (short, unique), ``label`` (what
    users see), ``detect(path) -> float`` (0 = not mine, 1 = certainly mine) and
    ``read(path, context) -> Iterable[RawRespondent]`` — raw respondent mappings with their
    locations (a list, or a generator so that a large file streams through validation); the
    core validates them exactly like response files. Readers raise
    ``ccassess.ValidationError`` with locations (file, sheet, row, column) for bad input; a
    generator may raise it after its last respondent.
    """


@hookspec
def ccassess_demo_assessments() -> Sequence[str | Path] | None:
    """Contribute demo assessments: folders with an ``assessment.yaml`` and ``responses/``.

    A demo's name is its folder's name. ``ccassess demo`` renders the built-in demo
    (``muster_handels``) unless ``--name`` names another; ``ccassess demo --list`` lists
    them all with their plugins.
    """
