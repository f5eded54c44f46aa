"""The core's own contributions, registered through the same hooks as any plugin."""

from __future__ import annotations

from ccassess.markers import hookimpl
from ccassess.questions.types import CORE_TYPES, QuestionType


@hookimpl
def ccassess_question_types() -> list[QuestionType]:
    return [qtype() for qtype in CORE_TYPES]


@hookimpl
def ccassess_importers() -> list[object]:
    from ccassess.importers.base import core_importers

    return list(core_importers())
