"""Who answered and what: respondents and their answers."""

from __future__ import annotations

import unicodedata
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


def normalise_id(respondent_id: str) -> str:
    """A respondent id as stored: Unicode NFC, without invisible format characters (zero-width
    spaces, joiners, byte-order marks) and surrounding spaces."""
    composed = unicodedata.normalize("NFC", respondent_id)
    return "".join(c for c in composed if unicodedata.category(c) != "Cf").strip()


def respondent_key(respondent_id: str) -> str:
    """What makes two ids the same respondent: equal once normalised, ignoring letter case."""
    return normalise_id(respondent_id).casefold()
