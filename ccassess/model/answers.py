"""Who answered and what: respondents and their answers, and the "don't know" value."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ccassess.model.questionnaire import Perspective

#: The answer value that means "don't know / not applicable": excluded from scores, counted
#: in coverage as asked but not answered.
DONT_KNOW = "dont_know"


@dataclass
class Respondent:
    """A person who answered: pseudonymous id, perspective, optional role/department/name.

    `answers` maps module id → question id → value (already checked against the question type).
    The name is kept only for the consultant's records; reports never show it.
    """

    id: str
    perspective: Perspective
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    role: str | None = None
    department: str | None = None
    name: str | None = None
    origin: str | None = None
