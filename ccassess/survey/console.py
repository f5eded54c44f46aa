"""Talking with the respondent: what the questionnaire says, and the console it says it on.

The questionnaire never touches the terminal itself: it talks through a `Console` (say a
line, ask for a line). `TerminalConsole` uses click's prompt for interactive terminals;
`LineConsole` reads standard input line by line, which makes the survey scriptable and
testable. Both write every text with its control characters escaped (ccassess.terminal), so
that a module's wording, a department name or an answer shown back cannot drive the
terminal. `SurveyTexts` gives every text the questionnaire shows, from the catalogs, in the
respondent's language.
"""

from __future__ import annotations

import sys
from typing import Any, Protocol

from ccassess.catalogs import label, ngettext_for
from ccassess.terminal import visible


class SurveyTexts:
    """What the questionnaire says in one language: the ``survey_…`` labels of the catalog
    (``texts["done"]`` is the label ``survey_done``), and counts with their nouns."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __getitem__(self, key: str) -> str:
        return label(self.lang, f"survey_{key}")

    def questions(self, n: int) -> str:
        return ngettext_for(self.lang, "{n} question", "{n} questions", n).format(n=n)

    def modules(self, n: int) -> str:
        # TRANSLATORS: as in "12 questions in 3 modules" (German: dative, "in 3 Modulen")
        return ngettext_for(self.lang, "{n} module", "{n} modules", n).format(n=n)


class Console(Protocol):
    def say(self, text: str = "") -> None: ...

    def ask(self, prompt: str) -> str | None:
        """One line of input (stripped), or None when the input has ended."""
        ...


class LineConsole:
    """Plain mode: prompts on standard output, answers line by line from standard input."""

    def __init__(self, stdin: Any = None) -> None:
        import click

        self.click = click
        # One stream for the whole session: a new wrapper per line would lose buffered input.
        self.stdin = stdin or sys.stdin

    def say(self, text: str = "") -> None:
        self.click.echo(visible(text))

    def ask(self, prompt: str) -> str | None:
        self.click.echo(f"{visible(prompt)} ", nl=False)
        line = self.stdin.readline()
        if not line:
            self.click.echo()
            return None
        self.click.echo()
        return line.rstrip("\r\n").strip()


class TerminalConsole(LineConsole):
    """Interactive terminals: click's prompt (line editing), a little colour."""

    def say(self, text: str = "") -> None:
        self.click.echo(visible(text))

    def ask(self, prompt: str) -> str | None:
        try:
            answer = self.click.prompt(
                self.click.style(visible(prompt), bold=True),
                default="",
                show_default=False,
                prompt_suffix=" ",
            )
        except (EOFError, self.click.exceptions.Abort):
            return None
        return str(answer).strip()


def console_for_terminal() -> Console:
    stdin = sys.stdin
    return TerminalConsole() if stdin is not None and stdin.isatty() else LineConsole()
