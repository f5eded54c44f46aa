"""Open-text comments for the report, grouped by question, already made safe to show."""

from __future__ import annotations

from dataclasses import dataclass, field

from ccassess.text import Text


@dataclass
class CommentGroup:
    """The comments one perspective gave to one open question: only when at least the
    free-text threshold of that perspective answered it; `comments` are the texts at least
    that many gave (with `counts`), scrubbed of e-mail addresses, phone numbers and names;
    `others` counts the answers too rare to show."""

    module: str
    question: str
    text: Text
    perspective: str
    answered: int
    comments: list[str] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)
    others: int = 0
