"""Built-in plugin 'survey_tools': import the response exports of online survey tools.

Microsoft Forms, Google Forms, LimeSurvey, SurveyMonkey, Qualtrics, Typeform and
KoboToolbox exports are recognised by their header (or named with ``ccassess import
--from TOOL``); their columns are matched to the modules' questions by id and text, or
through a mapping file (``--suggest-mapping`` proposes one). Registered through the
``ccassess`` entry-point group like any third-party plugin. See docs/survey-tools.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ccassess import hookimpl

if TYPE_CHECKING:
    from ccassess_survey_tools.export import SurveyTool

CCASSESS_PLUGIN_API = "1.3"


def survey_tools() -> list[SurveyTool]:
    """One importer per tool, and the catch-all for exports of tools not recognised.

    Imported here, not at the top: the plugin loads with every command, the importers are
    needed only when files are imported.
    """
    from ccassess_survey_tools.generic import OtherSurveyTool
    from ccassess_survey_tools.google_forms import GoogleForms
    from ccassess_survey_tools.kobo import KoboToolbox
    from ccassess_survey_tools.limesurvey import LimeSurvey
    from ccassess_survey_tools.ms_forms import MicrosoftForms
    from ccassess_survey_tools.qualtrics import Qualtrics
    from ccassess_survey_tools.surveymonkey import SurveyMonkey
    from ccassess_survey_tools.typeform import Typeform

    tools: list[SurveyTool] = [
        MicrosoftForms(),
        GoogleForms(),
        LimeSurvey(),
        SurveyMonkey(),
        Qualtrics(),
        Typeform(),
        KoboToolbox(),
    ]
    other = OtherSurveyTool()
    other.tools = tuple(tools)
    return [*tools, other]


@hookimpl
def ccassess_importers() -> list[SurveyTool]:
    return survey_tools()
