"""Talking with the respondent: what the questionnaire says, and the console it says it on.

The questionnaire never touches the terminal itself: it talks through a `Console` (say a
line, ask for a line). `TerminalConsole` uses click's prompt for interactive terminals;
`LineConsole` reads standard input line by line, which makes the survey scriptable and
testable. Both write every text with its control characters escaped (ccassess.terminal), so
that a module's wording, a department name or an answer shown back cannot drive the
terminal. `MESSAGES` holds every text the questionnaire shows, in German and English.
"""

from __future__ import annotations

import sys
from typing import Any, Protocol

from ccassess.terminal import visible

MESSAGES: dict[str, dict[str, Any]] = {
    "de": {
        "progress": "Frage {k} von {n} · Modul {i}/{m}: {module}",
        "progress_customer": "Frage {k} von {n} · Teil {i}/{m}",
        "period": (
            "Bitte denken Sie an Ihre Erfahrungen mit dem Unternehmen in den letzten 12 Monaten."
        ),
        "keys": "Eingabe: {what} · b = zurück · s/Enter = überspringen{dk} · q = pausieren{help}",
        "dk": " · ? = weiß nicht",
        "help": " · h = Hinweis",
        "number": "Zahl",
        "choice": "Nummer",
        "text": "Text",
        "current": "bisher: {value}",
        "invalid": "Ungültig: {message}",
        "allowed": "möglich ist: {allowed}",
        "not_possible": "Diese Antwort ist hier nicht möglich",
        "no_dont_know": "„weiß nicht“ ist bei dieser Frage nicht vorgesehen",
        "pick": "bitte eine Nummer von 1 bis {n}",
        "several": "Nummer(n) aus der Liste, mehrere durch Komma getrennt",
        "answer": "Antwort",
        "row": "  {label}",
        "paused": (
            "Pausiert – alle bisherigen Antworten sind gespeichert. Fortsetzen mit: "
            "ccassess survey --resume {id}"
        ),
        "done": "Vielen Dank! Ihre Antworten sind gespeichert (Befragten-ID {id}).",
        "problems": "Bitte prüfen Sie diese Antworten:",
        "perspective": "Sie antworten als: 1) intern (Mitarbeitende)  2) Kunde",
        "department": "Ihre Abteilung (Nummer, Enter = keine Angabe):",
        "start": "Fragebogen{title}: {questions} in {modules}. Befragten-ID: {id}",
        "questions": ("1 Frage", "{n} Fragen"),
        "modules": ("1 Modul", "{n} Modulen"),
        "start_customer": "Fragebogen{title}: {questions}. Befragten-ID: {id}",
        "resume": "Fortsetzung bei Frage {k} von {n} (Befragten-ID {id}).",
        "dont_know": "weiß nicht",
    },
    "en": {
        "progress": "Question {k} of {n} · module {i}/{m}: {module}",
        "progress_customer": "Question {k} of {n} · part {i}/{m}",
        "period": "Please think of your experience with the company in the last 12 months.",
        "keys": "Enter: {what} · b = back · s/Enter = skip{dk} · q = pause{help}",
        "dk": " · ? = don't know",
        "help": " · h = help",
        "number": "a number",
        "choice": "a number from the list",
        "text": "text",
        "current": "so far: {value}",
        "invalid": "Not valid: {message}",
        "allowed": "possible: {allowed}",
        "not_possible": "This answer is not possible here",
        "no_dont_know": "“don't know” is not offered for this question",
        "pick": "please type a number from 1 to {n}",
        "several": "number(s) from the list, several separated by commas",
        "answer": "Answer",
        "row": "  {label}",
        "paused": (
            "Paused – every answer so far is saved. Continue with: ccassess survey --resume {id}"
        ),
        "done": "Thank you! Your answers are saved (respondent id {id}).",
        "problems": "Please check these answers:",
        "perspective": "You answer as: 1) internal (staff)  2) customer",
        "department": "Your department (number, Enter = none):",
        "start": "Questionnaire{title}: {questions} in {modules}. Respondent id: {id}",
        "questions": ("1 question", "{n} questions"),
        "modules": ("1 module", "{n} modules"),
        "start_customer": "Questionnaire{title}: {questions}. Respondent id: {id}",
        "resume": "Continuing at question {k} of {n} (respondent id {id}).",
        "dont_know": "don't know",
    },
}


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


def counted(text: dict[str, Any], key: str, n: int) -> str:
    """A count with its noun, singular or plural ("1 Modul", "7 Modulen")."""
    one, many = text[key]
    return str(one if n == 1 else many.format(n=n))


def console_for_terminal() -> Console:
    stdin = sys.stdin
    return TerminalConsole() if stdin is not None and stdin.isatty() else LineConsole()
