"""Who answered and what: respondents and their answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ccassess.model.questionnaire import Perspective


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
