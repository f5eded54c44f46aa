"""The core's messages speak the user's language (#21): workspace errors, plugin failures and
theme, logo and CSS checks, through the real CLI with ``CCASSESS_LANG=de``.

Each case checks the exit status (unchanged by the language), the German words and that no
English word is left in the lines the core wrote; the pseudo language ``qps`` shows that the
same messages come from the catalog (each wrapped in ``[[…]]``), not from a string in code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.hostile.kit import people, write_assessment, write_responses

GERMAN = {"CCASSESS_LANG": "de"}
PSEUDO = {"CCASSESS_LANG": "qps"}
#: Words that give English away (whole words, as written).
ENGLISH = re.compile(
    r"(?<![\w./'-])(the|and|of|is|not|no|at|with|already|exists|raised|round|rounds|"
    r"workspace|error|warning|below|file|folder|found|failed|import|limit|larger|than|"
    r"without|damaged|oversized|unknown|expected|create|contrast|text|page)(?![\w/.'-])"
)
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="1e9" height="20">'
    '<rect width="40" height="20"/></svg>'
)


def english(lines: list[str], data: list[str]) -> list[str]:
    """The English words in `lines` once the user's data (paths, names) is taken out."""
    found = []
    for line in lines:
        for item in sorted(data, key=len, reverse=True):
            line = line.replace(item, " ")
        line = re.sub(r"'[^']*'", " ", line)  # quoted ids and names
        found += [m.group(0) for m in ENGLISH.finditer(line)]
    return found


def errors(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.fixture
def workspace(tmp_path: Path, run: Callable[..., Result]) -> Path:
    folder = tmp_path / "kunde"
    made = run("init", folder, "--client", "Beispiel AG", "--round", "R1")
    assert made.exit_code == 0, made.output
    return folder


def broken_plugin(folder: Path) -> Path:
    """A plugin whose `ccassess_modules` raises, on line 6 of its file."""
    folder.mkdir()
    path = folder / "broken.py"
    path.write_text(
        "from ccassess import hookimpl\n\n\n@hookimpl\ndef ccassess_modules():\n"
        "    raise RuntimeError('Datenbank weg')\n"
    )
    return path


def pale_theme(tmp_path: Path) -> Path:
    theme = tmp_path / "blass"
    theme.mkdir()
    (theme / "theme.yaml").write_text('name: Blass\ncolours:\n  text: "#cccccc"\n')
    return theme


def test_workspace_errors_are_german(
    workspace: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    data = [str(workspace), str(tmp_path)]
    again = run("round", "new", "R1", "-w", workspace, env=GERMAN)
    assert again.exit_code == 2
    assert errors(again) == ["Fehler: eine Runde namens 'R1' gibt es schon"]
    unknown = run("score", "-w", workspace, "--round", "R9", env=GERMAN)
    assert unknown.exit_code == 2
    assert errors(unknown) == ["Fehler: keine Runde 'R9' in diesem Arbeitsbereich; Runden: R1"], (
        unknown.stderr
    )
    empty = tmp_path / "leer"
    empty.mkdir()
    answers = tmp_path / "antworten.yaml"
    write_responses(answers, people("I", 1))
    outside = run("import", "-w", empty, answers, env=GERMAN)
    assert outside.exit_code == 2
    (line,) = errors(outside)
    assert line.startswith(f"Fehler: {empty}: kein ccassess-Arbeitsbereich"), line
    assert "legen Sie einen mit `ccassess init` an" in line
    missing = run("round", "list", "-w", tmp_path / "fehlt", env=GERMAN)
    assert missing.exit_code == 2
    assert "diesen Ordner gibt es nicht" in missing.stderr
    for result in (again, unknown, outside, missing):
        assert not english(errors(result), data), result.stderr
        assert "Traceback" not in result.output


def test_a_broken_plugin_is_named_in_german_with_file_and_line(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    folder = tmp_path / "plugins"
    plugin = broken_plugin(folder)
    failed = run("--plugins-dir", folder, "modules", env=GERMAN)
    assert failed.exit_code == 2
    assert errors(failed) == [
        "Fehler: Plugin 'local:broken', Hook ccassess_modules: löste RuntimeError: Datenbank "
        f"weg aus (bei {plugin}:6)"
    ], failed.stderr
    skipped = run("--plugins-dir", folder, "--skip-broken-plugins", "modules", env=GERMAN)
    assert skipped.exit_code == 3  # done without the plugin, as in English
    assert skipped.stderr.startswith("Warnung: Plugin 'local:broken' übersprungen: ")
    assert f"(bei {plugin}:6)" in skipped.stderr
    (folder / "later.py").write_text("x = 1\nraise ImportError('kein Modul fancy')\n")
    (plugin).unlink()
    unimportable = run("--plugins-dir", folder, "modules", env=GERMAN)
    assert unimportable.exit_code == 2
    assert errors(unimportable) == [
        f"Fehler: Plugin 'local:later': {folder / 'later.py'}: Import fehlgeschlagen: "
        "ImportError: kein Modul fancy (in Zeile 2)"
    ], unimportable.stderr
    data = [str(tmp_path), "RuntimeError", "ImportError", "ccassess_modules"]
    for result in (failed, skipped, unimportable):
        assert not english(errors(result), data), result.stderr


def test_theme_logo_and_css_problems_are_german(tmp_path: Path, run: Callable[..., Result]) -> None:
    theme = pale_theme(tmp_path)
    checked = run("validate", "--theme", theme, env=GERMAN)
    assert checked.exit_code == 0, checked.output
    contrast = [line for line in checked.output.splitlines() if "colours.text" in line]
    assert contrast[0].endswith(
        "colours.text: Warnung: Kontrast 1,61:1 von #cccccc auf #ffffff (Fließtext auf der "
        "Seite) liegt unter WCAG AA 4,5:1"
    ), checked.output
    assert not english(contrast, [str(theme)])

    folder = tmp_path / "bewertung"
    (folder).mkdir()
    (folder / "logo.svg").write_text(SVG)
    write_assessment(folder, logo="logo.svg")
    write_responses(folder / "antworten.yaml", people("I", 5))
    target = tmp_path / "bericht.html"
    report = [
        "report",
        "-a",
        folder / "assessment.yaml",
        folder / "antworten.yaml",
        "--format",
        "html",
        "-o",
        target,
    ]
    rendered = run(*report, env=GERMAN)
    assert rendered.exit_code == 0, rendered.output
    warned = [line for line in errors(rendered) if "logo.svg" in line]
    assert warned == [
        f"Warnung: Logo {folder / 'logo.svg'}: sein Attribut width (1e9) ist übergroß "
        "(höchstens 100.000); der Bericht wird ohne Logo erstellt"
    ], rendered.stderr
    assert not english(warned, [str(folder)])

    (theme / "theme.yaml").write_text("colours:\n  text: rot\n")
    wrong = run(*report, "--theme", theme, env=GERMAN)
    assert wrong.exit_code == 2
    assert errors(wrong) == [
        f"Fehler: {theme / 'theme.yaml'}: colours.text: eine Farbe wie '#17365d' erwartet, "
        "erhalten: 'rot'"
    ], wrong.stderr
    assert not english(errors(wrong), [str(theme)])

    (theme / "theme.yaml").write_text("name: Riesig\n")
    (theme / "theme.css").write_text("h1 {\n  font-size: 1e9px;\n}\n")
    refused = run(*report, "--theme", theme, env=GERMAN)
    assert refused.exit_code == 2
    assert errors(refused) == [
        f"Fehler: {theme / 'theme.css'}:2: font-size: 1e9px ist größer als die Grenze für "
        "Schriftgrößen (500pt); mehr darf ein Theme vom Renderer nicht verlangen (siehe "
        "docs/theming.md, Grenzen)"
    ], refused.stderr


def test_the_pseudo_language_wraps_the_core_messages(
    workspace: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    """Every message above comes from the catalog: in `qps` each is wrapped in [[…]]."""
    again = run("round", "new", "R1", "-w", workspace, env=PSEUDO)
    assert again.exit_code == 2
    assert errors(again) == ["[[error: [[a round named 'R1' already exists]]]]"]
    unknown = run("score", "-w", workspace, "--round", "R9", env=PSEUDO)
    assert "[[no round 'R9' in this workspace; rounds: R1]]" in unknown.stderr
    folder = tmp_path / "plugins"
    plugin = broken_plugin(folder)
    failed = run("--plugins-dir", folder, "modules", env=PSEUDO)
    assert failed.exit_code == 2
    assert errors(failed) == [
        "[[error: [[plugin 'local:broken', hook ccassess_modules]]: [[raised RuntimeError: "
        f"Datenbank weg (at {plugin}:6)]]]]"
    ], failed.stderr
    checked = run("validate", "--theme", pale_theme(tmp_path), env=PSEUDO)
    contrast = [line for line in checked.output.splitlines() if "colours.text" in line]
    assert contrast and all("[[contrast " in line for line in contrast), checked.output
    assert "([[body text on the page]])" in checked.output

    for result in (again, unknown, failed):
        for line in errors(result):
            assert line.startswith("[[") and line.endswith("]]"), line
