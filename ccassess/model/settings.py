"""What an assessment is about: the client, its departments, language and privacy rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class AssessmentSettings:
    """What an assessment is about: the client, its departments, language and privacy rules."""

    client: str = ""
    title: str = ""
    date: date | None = None
    prepared_by: str = ""
    language: str = "de"
    departments: tuple[str, ...] = ()
    anonymity_threshold: int = 5
    #: Free text is shown only when this many respondents gave it (never below the
    #: anonymity threshold: see `free_text_minimum`).
    free_text_threshold: int = 10
    modules: tuple[str, ...] | None = None
    theme: str | None = None
    logo: str | None = None
    #: How many staff were invited per department, as (department, count) pairs in the
    #: file's order: the report shows response rates from them (optional).
    invited: tuple[tuple[str, int], ...] = ()

    def invitations(self) -> dict[str, int]:
        """The invitations per department as a mapping."""
        return dict(self.invited)

    @property
    def free_text_minimum(self) -> int:
        """How many respondents must have given a free text before a report shows it."""
        return max(self.free_text_threshold, self.anonymity_threshold)
