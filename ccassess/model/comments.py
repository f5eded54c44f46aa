"""Open-text comments for the report, grouped by question, already made safe to show."""

from __future__ import annotations

from dataclasses import dataclass, field

from ccassess.text import Text


@dataclass
class CommentGroup:
    """The comments one perspective gave to one open question: only when at least the
    free-text threshold of that perspective answered it, in a fixed order that says nothing
    about who wrote which, with e-mail addresses, phone numbers and names removed."""

    module: str
    question: str
    text: Text
    perspective: str
    answered: int
    comments: list[str] = field(default_factory=list)
