"""Message catalogs: complete, compiled, chosen by the user's language, and used everywhere.

`scripts/update_catalogs.py --check` extracts every message the code, the CLI's help and
click can show and fails when a catalog misses one (or a translation changes a placeholder),
or when a compiled .mo file is older than its .po.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from ccassess.catalogs import (
    PSEUDO,
    gettext_for,
    label,
    language_from_environment,
    languages,
    using_language,
)
from ccassess.format import day, number

ROOT = Path(__file__).resolve().parent.parent


def test_catalogs_are_complete_and_compiled() -> None:
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_catalogs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),  # no French catalog: English
        ({"LC_MESSAGES": "de_AT", "LANG": "en_GB"}, "de"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "de_DE"}, "en"),
        ({"LANGUAGE": "fr:de", "LANG": "en_US"}, "de"),
        ({"CCASSESS_LANG": "de", "LC_ALL": "en_US.UTF-8"}, "de"),
        ({"CCASSESS_LANG": "qps"}, PSEUDO),
    ],
)
def test_the_cli_language_follows_the_environment(environ: dict[str, str], expected: str) -> None:
    assert language_from_environment(environ) == expected


def test_german_and_english_have_catalogs() -> None:
    assert {"de", "en"} <= set(languages())


def test_pseudo_language_wraps_every_message() -> None:
    assert gettext_for(PSEUDO, "invalid input") == "[[invalid input]]"
    with using_language(PSEUDO):
        from ccassess.catalogs import _

        assert _("invalid input") == "[[invalid input]]"


def test_an_unknown_label_is_an_error() -> None:
    with pytest.raises(KeyError, match="no_such_label"):
        label("de", "no_such_label")


def test_dates_and_numbers_do_not_depend_on_the_machine_locale() -> None:
    """Babel formats them from the language's own locale data (CLDR)."""
    code = (
        "import locale; locale.setlocale(locale.LC_ALL, 'C');"
        "from ccassess.format import day, number;"
        "print(day('2026-11-24', 'en'), '|', day('2026-11-24', 'de'), '|',"
        " number(-1234.5, 'de', 1), '|', number(1234.5, 'en', 1))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"LANG": "C", "LC_ALL": "C", "PATH": "/usr/bin:/bin"},
    ).stdout.strip()
    assert shown == "24 November 2026 | 24.11.2026 | \u22121.234,5 | 1,234.5"
    assert day("2026-03-01", "en") == "1 March 2026" and number(0.5, "de", 1) == "0,5"


def test_click_speaks_german(run: Callable[..., Result]) -> None:
    shown = run("--help", env={"CCASSESS_LANG": "de"})
    assert shown.exit_code == 0
    assert "Optionen:" in shown.output and "Options:" not in shown.output
    wrong = run("report", "--no-such-option", env={"CCASSESS_LANG": "de"})
    assert wrong.exit_code == 2 and "Unbekannte Option" in wrong.output


def test_help_texts_are_translated(run: Callable[..., Result]) -> None:
    """The same command object shows its help in the language of each run."""
    german = run("--help", env={"CCASSESS_LANG": "de"}).output
    english = run("--help", env={"CCASSESS_LANG": "en"}).output
    assert "Show the full traceback" in english and "Show the full traceback" not in german


def test_a_language_can_be_added_outside_the_package(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    """A consultancy keeps its own language's catalogs in a folder of its own
    (CCASSESS_LOCALE_PATH, docs/languages.md): the CLI speaks it, --lang takes it, the report
    uses its labels (English for the keys it has not translated yet) and Babel's French
    number format."""
    folder = tmp_path / "locale" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    (folder / "ccassess.po").write_text(
        header + 'msgid "error: {message}"\nmsgstr "erreur : {message}"\n', "utf-8"
    )
    (folder / "labels.po").write_text(header + 'msgid "summary"\nmsgstr "Synthèse"\n', "utf-8")
    env = {"CCASSESS_LOCALE_PATH": str(tmp_path / "locale"), "CCASSESS_LANG": "fr"}
    refused = run("score", "-w", tmp_path / "nowhere", env=env)
    assert refused.exit_code == 2 and refused.output.startswith("erreur : "), refused.output
    page = tmp_path / "rapport.html"
    shown = run("demo", "--lang", "fr", "--format", "html", "-o", page, env=env)
    assert shown.exit_code == 0, shown.output
    text = page.read_text("utf-8")
    assert "Synthèse" in text and "Maturity overview" in text  # translated, and not yet
    assert run("demo", "--lang", "fr", "-o", tmp_path / "x.pdf").exit_code == 2  # not set
