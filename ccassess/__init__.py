"""ccassess: customer-centricity self-assessment with pluggable modules and PDF reports.

Public API for plugin authors (stable within a PLUGIN_API_VERSION major version): the names
in ``__all__``. Everything else is internal and may change.
"""

from __future__ import annotations

import pluggy

__version__ = "0.1.0"

#: The plugin API version. A plugin may declare ``CCASSESS_PLUGIN_API = "1.0"``; it loads when
#: the major version matches and its minor version is not newer than this one.
PLUGIN_API_VERSION = "1.0"

hookimpl = pluggy.HookimplMarker("ccassess")

from ccassess.errors import CcassessError, Location, Problem, ValidationError  # noqa: E402
from ccassess.model import (  # noqa: E402
    DONT_KNOW,
    AssessmentSettings,
    Dimension,
    Module,
    Option,
    Question,
    Respondent,
    Scale,
)
from ccassess.qtypes import AnswerProblem, DefinitionContext, QuestionType  # noqa: E402
from ccassess.result import (  # noqa: E402
    AssessmentResult,
    DimensionResult,
    Finding,
    ModuleResult,
    Recommendation,
)
from ccassess.sections import ReportSection  # noqa: E402
from ccassess.text import Text  # noqa: E402

__all__ = [
    "DONT_KNOW",
    "PLUGIN_API_VERSION",
    "AnswerProblem",
    "AssessmentResult",
    "AssessmentSettings",
    "CcassessError",
    "DefinitionContext",
    "Dimension",
    "DimensionResult",
    "Finding",
    "Location",
    "Module",
    "ModuleResult",
    "Option",
    "Problem",
    "Question",
    "QuestionType",
    "Recommendation",
    "ReportSection",
    "Respondent",
    "Scale",
    "Text",
    "ValidationError",
    "__version__",
    "hookimpl",
]
