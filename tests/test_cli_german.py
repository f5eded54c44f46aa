"""The CLI in German: every help page and click's own messages (usage errors, "Usage:",
"Options:", metavars, "[default: …]") come from the catalog, and one process switches back
to English for the next command (the help texts are translated per run)."""

from __future__ import annotations

import re
from collections.abc import Callable

import click
import pytest
from click.testing import CliRunner, Result

from ccassess.catalogs import using_language
from ccassess.cli import cli
from ccassess.cli.language import teach_click

GERMAN = {"CCASSESS_LANG": "de"}
ENGLISH = {"CCASSESS_LANG": "en"}
#: Words of an English sentence that no German help page holds (outside option names).
ENGLISH_WORDS = re.compile(
    r"\b(the|and|of|with|from|for|this|or|is|Show|Usage|Options|Commands|default|required|"
    r"OPTIONS|COMMAND|ARGS|FILE|DIRECTORY|PATH|INTEGER|RANGE)\b"
)
#: click's own texts, in English.
CLICK_ENGLISH = (
    "Usage:",
    "Options:",
    "Commands:",
    "Show this message and exit.",
    "[default:",
    "Error:",
    "Try '",
)


def command_paths() -> list[tuple[str, ...]]:
    """Every command and subcommand, found by walking the CLI as click sees it."""
    context = click.Context(cli, info_name="ccassess")
    found: list[tuple[str, ...]] = [()]

    def walk(group: click.Group, path: tuple[str, ...]) -> None:
        for name in group.list_commands(context):
            command = group.get_command(context, name)
            assert command is not None
            found.append((*path, name))
            if isinstance(command, click.Group):
                walk(command, (*path, name))

    walk(cli, ())
    return found


def german_help(run: Callable[..., Result], *path: str) -> str:
    """The command's help in German, its lines joined (wrapping varies with the text)."""
    shown = run(*path, "--help", env=GERMAN)
    assert shown.exit_code == 0, shown.output
    return flat(shown.output)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_root_help_is_german(run: Callable[..., Result]) -> None:
    shown = german_help(run)
    assert shown.startswith("Aufruf: cli [OPTIONEN] BEFEHL [ARGUMENTE]...")
    for german in (
        "Optionen:",
        "Befehle:",
        "messen, wie kundenzentriert ein Unternehmen wirklich ist.",
        "Diese Hilfe anzeigen und beenden.",
        "Die Version anzeigen und beenden.",
        "--plugins-dir ORDNER",
        "[Umgebungsvariable: CCASSESS_PLUGINS_DIR]",
        "Antworten auswerten und den Reifegradbericht schreiben.",  # a lazy command's summary
        "Moduldefinitionen und Antwortdateien prüfen.",
    ):
        assert german in shown
    for english in (
        *CLICK_ENGLISH,
        "measure how customer-centric",
        "Score responses",
        "List the loaded",
        "Start with",
        "[env:",
    ):
        assert english not in shown


def test_report_help_is_german(run: Callable[..., Result]) -> None:
    shown = german_help(run, "report")
    assert shown.startswith("Aufruf: cli report [OPTIONEN] [ANTWORTEN]...")
    for german in (
        "Antworten auswerten und den Reifegradbericht schreiben.",
        "Bei mehreren Arbeitsbereichen",
        "-a, --assessment DATEI",
        "-w, --workspace ORDNER",
        "-o, --output PFAD",
        "-j, --jobs GANZZAHL",
        "[Standard: pdf]",
        "[Standard: 1; x>=1]",
        "Anonymitätsschwelle",
    ):
        assert german in shown
    for english in (
        *CLICK_ENGLISH,
        "Score responses and write the maturity report.",
        "Where to write the report",
        "anonymity threshold",
        "The assessment's settings file",
        "INTEGER RANGE",
    ):
        assert english not in shown


def test_import_help_is_german(run: Callable[..., Result]) -> None:
    shown = german_help(run, "import")
    assert shown.startswith("Aufruf: cli import [OPTIONEN] DATEIEN...")
    for german in (
        "in den Arbeitsbereich importieren.",
        "Zuerst wird alles geprüft",
        "Tabellenblatt, Zeile und Spalte",
        "--mapping DATEI",
        "Bereits importierte Befragte",
    ):
        assert german in shown
    for english in (
        *CLICK_ENGLISH,
        "Import answer workbooks",
        "Everything is validated first",
        "Overwrite respondents",
        "The workspace folder",
        "survey tool",
    ):
        assert english not in shown


def test_round_help_and_its_subcommands_are_german(run: Callable[..., Result]) -> None:
    """`round` is a plain click group: its subcommands are translated with it."""
    shown = german_help(run, "round")
    assert shown.startswith("Aufruf: cli round [OPTIONEN] [BEFEHL] [ARGUMENTE]...")
    assert "Runden der Bewertung: auflisten (Standard) oder eine neue beginnen." in shown
    assert "table (Standard) oder json." in shown
    assert "Die Runden mit ihren Befragten auflisten" in shown  # the subcommand list
    for english in (*CLICK_ENGLISH, "Assessment rounds", "List the rounds", "[COMMAND]"):
        assert english not in shown
    new = german_help(run, "round", "new")
    assert "Eine neue Runde beginnen" in new and "--note TEXT" in new
    assert "Start a new round" not in new and "A note shown" not in new


@pytest.mark.parametrize("path", command_paths(), ids=lambda path: " ".join(path) or "ccassess")
def test_no_help_page_holds_an_english_sentence(
    run: Callable[..., Result], path: tuple[str, ...]
) -> None:
    shown = german_help(run, *path)
    assert "Optionen:" in shown
    without_options = re.sub(r"--?[\w-]+", "", shown)
    assert ENGLISH_WORDS.findall(without_options) == [], shown


def test_a_required_option_is_marked_in_german(run: Callable[..., Result]) -> None:
    shown = german_help(run, "benchmark", "build")
    assert "[erforderlich]" in shown and "[required]" not in shown


def test_usage_errors_are_german_and_exit_2(run: Callable[..., Result]) -> None:
    unknown = run("report", "--no-such-option", env=GERMAN)
    assert unknown.exit_code == 2
    assert "Aufruf: cli report [OPTIONEN] [ANTWORTEN]..." in unknown.output
    assert "„cli report --help“ zeigt die Hilfe." in unknown.output
    assert "Fehler: Unbekannte Option '--no-such-option'." in unknown.output
    typo = run("report", "--formt", "pdf", env=GERMAN)
    assert typo.exit_code == 2 and "Meinten Sie '--format'?" in typo.output
    missing = run("import", env=GERMAN)
    assert missing.exit_code == 2
    assert "Fehler: Fehlendes Argument 'DATEIEN...'." in missing.output
    choice = run("report", "--format", "docx", env=GERMAN)
    assert choice.exit_code == 2
    assert (
        "Fehler: Ungültiger Wert für '--format': 'docx' ist keiner der Werte 'pdf', 'html'"
        in choice.output
    )
    number = run("init", "--anonymity-threshold", "many", "x", env=GERMAN)
    assert number.exit_code == 2 and "'many' ist keine gültige Ganzzahl." in number.output
    no_command = run("reprot", env=GERMAN)
    assert no_command.exit_code == 2 and "Unbekannter Befehl 'reprot'." in no_command.output
    no_value = run("round", "new", "--note", env=GERMAN)
    assert no_value.exit_code == 2
    assert "Die Option '--note' braucht einen Wert." in no_value.output
    for shown in (unknown, typo, missing, choice, number, no_command, no_value):
        for english in (
            *CLICK_ENGLISH,
            "No such",
            "Missing argument",
            "Invalid value",
            "is not one of",
            "is not a valid",
            "Did you mean",
            "requires an argument",
        ):
            assert english not in shown.output


def test_the_version_is_german(run: Callable[..., Result]) -> None:
    assert run("--version", env=GERMAN).output.startswith("ccassess, Version ")
    assert run("--version", env=ENGLISH).output.startswith("ccassess, version ")


def test_the_locale_chooses_german_too(run: Callable[..., Result]) -> None:
    locale = {
        "CCASSESS_LANG": None,
        "LANGUAGE": None,
        "LC_ALL": None,
        "LC_MESSAGES": None,
        "LANG": "de_DE.UTF-8",
    }
    shown = run("import", "--help", env=locale)
    assert shown.exit_code == 0 and "Optionen:" in shown.output
    assert "Zuerst wird alles geprüft" in shown.output


def test_one_process_switches_between_english_and_german(run: Callable[..., Result]) -> None:
    """Help texts, type names and the cached --help option follow each run's language."""
    for _ in range(2):
        english = flat(run("report", "--help", env=ENGLISH).output)
        assert english.startswith("Usage: cli report [OPTIONS] [RESPONSES]...")
        for text in (
            "Options:",
            "Score responses and write the maturity report.",
            "-a, --assessment FILE",
            "-j, --jobs INTEGER RANGE",
            "[default: pdf]",
            "Show this message and exit.",
        ):
            assert text in english
        for german in ("Optionen", "Antworten", "DATEI", "GANZZAHL", "Standard", "Hilfe"):
            assert german not in english
        german = german_help(run, "report")
        assert "-j, --jobs GANZZAHL" in german and "Diese Hilfe anzeigen" in german
        error = run("report", "--jobs", "x", env=ENGLISH)
        assert error.exit_code == 2
        assert "Error: Invalid value for '--jobs' / '-j': 'x' is not a valid integer" in flat(
            error.output
        )
        assert "Try 'cli report --help' for help." in error.output


def test_click_prompts_speak_german() -> None:
    """click's prompts (as `ccassess survey` and `forget` use them) in the CLI's language."""
    teach_click()

    @click.command()
    def ask() -> None:
        click.prompt("PIN", type=int, confirmation_prompt=True)

    with using_language("de"):
        shown = CliRunner().invoke(ask, input="x\n1\n2\n1\n1\n").output
    assert "Fehler: 'x' ist keine gültige Ganzzahl." in shown
    assert "Zur Bestätigung wiederholen" in shown
    assert "Fehler: Die beiden Eingaben stimmen nicht überein." in shown
    assert "Error" not in shown and "confirmation" not in shown


def test_argument_names_are_translated(run: Callable[..., Result]) -> None:
    """Usage lines and errors name arguments in the user's language (click never translates
    them: ccassess's catalog does), and the help's text calls them the same."""
    german = run("import", env={"CCASSESS_LANG": "de"})
    assert german.exit_code == 2 and "'DATEIEN...'" in german.output, german.output
    forget = run("forget", "--help", env={"CCASSESS_LANG": "de"}).output
    assert "[OPTIONEN] BEFRAGTE" in forget and "Alles von BEFRAGTE" in forget
    english = run("import", env={"CCASSESS_LANG": "en"})
    assert "'FILES...'" in english.output and "DATEIEN" not in english.output
