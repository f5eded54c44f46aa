"""Scanning German output for English words: shared by the tests of German workflows.

What the user typed (names, paths), key paths, option names and commands to type are data and
are taken out first; what remains must not hold a telltale English word.
"""

from __future__ import annotations

import re

#: Lower-case English words that German text must not contain (whole words, as written).
ENGLISH = [
    "the",
    "and",
    "of",
    "with",
    "is",
    "are",
    "not",
    "for",
    "to",
    "from",
    "into",
    "this",
    "that",
    "only",
    "one",
    "yet",
    "wrote",
    "written",
    "imported",
    "replaced",
    "skipped",
    "deleted",
    "started",
    "created",
    "exported",
    "checked",
    "respondent",
    "respondents",
    "answer",
    "answers",
    "round",
    "rounds",
    "file",
    "files",
    "module",
    "modules",
    "error",
    "errors",
    "warning",
    "warnings",
    "note",
    "next",
    "give",
    "needs",
    "unknown",
    "already",
    "different",
    "level",
    "score",
    "gap",
    "coverage",
    "internal",
    "customers",
    "mirrored",
    "overall",
    "title",
    "version",
    "hooks",
    "by",
    "cannot",
    "could",
    "please",
    "your",
    "missing",
    "invalid",
    "expected",
    "found",
    "usage",
    "options",
    "show",
    "exit",
]
ENGLISH_WORD = re.compile(r"(?<![\w./-])(" + "|".join(ENGLISH) + r")(?![\w/.-])")


def english_in(text: str, data: list[str]) -> list[str]:
    """English words in `text` with some context, after removing data, paths and options."""
    text = re.sub(r"[\w.]+\[[^\]\s]*\][\w.]*", " ", text)  # key paths: respondents[A-1]
    for item in sorted(data, key=len, reverse=True):
        text = text.replace(item, " ")
    text = re.sub(r"\S*[/\\]\S*", " ", text)  # paths
    text = re.sub(r"--?[a-z][\w-]*", " ", text)  # option names
    text = re.sub(r"`[^`]*`", " ", text)  # commands to type
    return [
        "…" + text[max(0, m.start() - 40) : m.end() + 40].replace("\n", " ") + "…"
        for m in ENGLISH_WORD.finditer(text)
    ]
