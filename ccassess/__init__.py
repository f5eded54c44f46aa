"""ccassess: customer-centricity self-assessment with pluggable modules and PDF reports.

Public API for plugin authors (stable within a PLUGIN_API_VERSION major version): the names
in ``__all__``. Everything else is internal and may change.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ccassess.lazy import lazy_names

# openpyxl parses workbooks with lxml whenever lxml is installed (python-pptx brings it) and
# then leaves part of its parsing to lxml instead of defusedxml. ccassess reads every
# workbook through defusedxml (DTDs and entity declarations refused, named), whatever else
# is installed; this must be set before openpyxl is first imported.
os.environ.setdefault("OPENPYXL_LXML", "False")

__version__ = "0.1.0"

#: The plugin API version. A plugin may declare ``CCASSESS_PLUGIN_API = "1.0"``; it loads when
#: the major version matches and its minor version is not newer than this one.
PLUGIN_API_VERSION = "1.3"

# The public names are imported on first use (PEP 562), so `ccassess --help` stays instant.
_PUBLIC = {
    "hookimpl": "ccassess.markers",
    "PluginMessages": "ccassess.catalogs",
    "plugin_messages": "ccassess.catalogs",
    "CcassessError": "ccassess.errors",
    "Location": "ccassess.errors",
    "Problem": "ccassess.errors",
    "Problems": "ccassess.errors",
    "ValidationError": "ccassess.errors",
    "DONT_KNOW": "ccassess.model",
    "AssessmentSettings": "ccassess.model.settings",
    "Dimension": "ccassess.model.questionnaire",
    "Module": "ccassess.model.questionnaire",
    "Option": "ccassess.model.questionnaire",
    "Question": "ccassess.model.questionnaire",
    "Respondent": "ccassess.model.answers",
    "Scale": "ccassess.model.questionnaire",
    "AnswerProblem": "ccassess.questions.types",
    "Choice": "ccassess.questions.types",
    "DefinitionContext": "ccassess.questions.types",
    "ItemField": "ccassess.questions.types",
    "ItemRows": "ccassess.questions.types",
    "Part": "ccassess.questions.types",
    "QuestionType": "ccassess.questions.types",
    "perspective_from_label": "ccassess.questions.present",
    "xml_name": "ccassess.forms.xlsform",
    "Analysis": "ccassess.model.result",
    "AssessmentResult": "ccassess.model.result",
    "DimensionResult": "ccassess.model.result",
    "Finding": "ccassess.model.result",
    "ModuleResult": "ccassess.model.result",
    "Recommendation": "ccassess.model.result",
    "ReportSection": "ccassess.report.section",
    "Text": "ccassess.text",
    "label": "ccassess.catalogs",
    "catalog_text": "ccassess.report.i18n",
    "department_groups": "ccassess.scoring.departments",
    "shown_free_texts": "ccassess.scoring.answers",
    "Interval": "ccassess.scoring.intervals",
    "mean_interval": "ccassess.scoring.intervals",
    "nps_interval": "ccassess.scoring.intervals",
    "welch_interval": "ccassess.scoring.intervals",
    "wilson_interval": "ccassess.scoring.intervals",
    "Importer": "ccassess.importers.base",
    "ImportContext": "ccassess.importers.base",
    "RawRespondent": "ccassess.importers.base",
    "SourceMap": "ccassess.importers.base",
}

if TYPE_CHECKING:  # pragma: no cover
    from ccassess.catalogs import PluginMessages, label, plugin_messages
    from ccassess.errors import CcassessError, Location, Problem, Problems, ValidationError
    from ccassess.forms.xlsform import xml_name
    from ccassess.importers.base import ImportContext, Importer, RawRespondent, SourceMap
    from ccassess.markers import hookimpl
    from ccassess.model import DONT_KNOW
    from ccassess.model.answers import Respondent
    from ccassess.model.questionnaire import Dimension, Module, Option, Question, Scale
    from ccassess.model.result import (
        Analysis,
        AssessmentResult,
        DimensionResult,
        Finding,
        ModuleResult,
        Recommendation,
    )
    from ccassess.model.settings import AssessmentSettings
    from ccassess.questions.present import perspective_from_label
    from ccassess.questions.types import (
        AnswerProblem,
        Choice,
        DefinitionContext,
        ItemField,
        ItemRows,
        Part,
        QuestionType,
    )
    from ccassess.report.i18n import catalog_text
    from ccassess.report.section import ReportSection
    from ccassess.scoring.answers import shown_free_texts
    from ccassess.scoring.departments import department_groups
    from ccassess.scoring.intervals import (
        Interval,
        mean_interval,
        nps_interval,
        welch_interval,
        wilson_interval,
    )
    from ccassess.text import Text


__getattr__, __dir__ = lazy_names(__name__, _PUBLIC, globals())


__all__ = [
    "DONT_KNOW",
    "PLUGIN_API_VERSION",
    "Analysis",
    "AnswerProblem",
    "AssessmentResult",
    "AssessmentSettings",
    "CcassessError",
    "Choice",
    "DefinitionContext",
    "Dimension",
    "DimensionResult",
    "Finding",
    "ImportContext",
    "Importer",
    "Interval",
    "ItemField",
    "ItemRows",
    "Location",
    "Module",
    "ModuleResult",
    "Option",
    "Part",
    "PluginMessages",
    "Problem",
    "Problems",
    "Question",
    "QuestionType",
    "RawRespondent",
    "Recommendation",
    "ReportSection",
    "Respondent",
    "Scale",
    "SourceMap",
    "Text",
    "ValidationError",
    "__version__",
    "catalog_text",
    "department_groups",
    "hookimpl",
    "label",
    "mean_interval",
    "nps_interval",
    "perspective_from_label",
    "plugin_messages",
    "shown_free_texts",
    "welch_interval",
    "wilson_interval",
    "xml_name",
]
