"""The consultant's own narrative: key messages, next steps, initiative owners and a comment
per report section, as Markdown source text (rendered and sanitised only in the report)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Owner:
    """Who owns an initiative of the action plan (`initiative` is its id), and by when."""

    initiative: str
    owner: str
    due: str = ""


@dataclass
class Narrative:
    """What `narrative.md` in the workspace says; every text is Markdown, kept as written."""

    key_messages: list[str] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)
    owners: list[Owner] = field(default_factory=list)
    #: Section id (e.g. ``perception-gap``, ``module-leadership``) → Markdown comment.
    comments: dict[str, str] = field(default_factory=dict)

    def owner_of(self, initiative: str) -> Owner | None:
        return next((o for o in self.owners if o.initiative == initiative), None)

    def __bool__(self) -> bool:
        return bool(self.key_messages or self.next_steps or self.owners or self.comments)
