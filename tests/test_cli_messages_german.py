"""The CLI's own messages in German: confirmations, notes, warnings, prompts, errors and the
tables of `ccassess/cli` and `ccassess/actions` come from the catalog (#21).

Each workflow runs the real CLI with CCASSESS_LANG=de and checks German text and that no
English word is left once the user's data (paths, ids, round names) is taken out. The pseudo
language `qps` shows that no line of these commands bypasses the catalog: every word outside
the data sits inside [[…]].
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result
from english_scan import english_in

GERMAN = {"CCASSESS_LANG": "de"}
PSEUDO = {"CCASSESS_LANG": "qps"}


def people(*ids: str, value: int = 4) -> dict[str, object]:
    return {
        "respondents": [
            {
                "id": rid,
                "perspective": "internal",
                "department": "Vertrieb",
                "answers": {"leadership": {"lead_visible": value, "lead_role_model": 3}},
            }
            for rid in ids
        ]
    }


def write_yaml(path: Path, data: object) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


@pytest.fixture
def german(run: Callable[..., Result]) -> Callable[..., Result]:
    """Run the CLI in German and check the exit status."""

    def _run(*args: object, code: int = 0) -> Result:
        result = run(*args, env=GERMAN)
        assert result.exit_code == code, f"{args}: {result.output}"
        return result

    return _run


@pytest.fixture
def workspace(tmp_path: Path, german: Callable[..., Result]) -> Path:
    folder = tmp_path / "kunde"
    made = german("init", folder, "--client", "Beispiel AG", "--round", "R1")
    assert made.stdout.startswith(f"Arbeitsbereich {folder} mit ")
    assert " Modulen angelegt; Runde 'R1'.\n" in made.stdout
    assert f"Als Nächstes: {folder / 'assessment.yaml'} bearbeiten, dann" in made.stdout
    assert not english_in(made.output, [str(folder), "Beispiel AG"]), made.output
    return folder


def test_a_round_in_german(workspace: Path, tmp_path: Path, german: Callable[..., Result]) -> None:
    first = write_yaml(tmp_path / "erste.yaml", people("A-1", "A-2"))
    second = write_yaml(tmp_path / "zweite.yaml", people("A-3"))
    changed = write_yaml(tmp_path / "anders.yaml", people("A-1", value=1))
    outputs: list[Result] = []

    def step(*args: object, code: int = 0) -> Result:
        outputs.append(german(*args, code=code))
        return outputs[-1]

    done = step("import", "-w", workspace, first, second)
    assert done.stdout == "Runde 'R1': 3 Befragte importiert (aus 2 Dateien)\n"
    again = step("import", "-w", workspace, first)
    assert again.stdout == (
        "Runde 'R1': 0 Befragte importiert, 2 bereits importierte übersprungen (aus 1 Datei)\n"
    )
    assert again.stderr.splitlines()[0].startswith(f"Hinweis: {first}:")
    assert "Befragte/r 'A-1' ist schon in Runde 'R1' (aus " in again.stderr
    refused = step("import", "-w", workspace, changed, code=2)
    lines = refused.stderr.splitlines()
    assert lines[0].startswith(f"Fehler: {changed}:")
    assert "mit anderen Antworten; mit --replace importieren" in lines[0]
    assert lines[-1] == (
        "Nichts wurde importiert: Der Arbeitsbereich ist unverändert. Beheben Sie die "
        "Probleme oben und führen Sie denselben Befehl erneut aus."
    )
    assert step("round", "list", "-w", workspace).stdout.rstrip().endswith("3 Befragte")
    started = step("round", "new", "R2", "-w", workspace)
    assert started.stdout == "Runde 'R2' begonnen; Importe und Befragungen gehen jetzt dorthin.\n"
    listed = step("round", "-w", workspace).stdout.splitlines()
    assert listed[0].startswith("  R1 ") and listed[0].endswith("  3 Befragte")
    assert listed[1].startswith("* R2 ") and listed[1].endswith("  0 Befragte")
    empty = step("score", "-w", workspace)
    assert "Hinweis: Runde 'R2' hat noch keine Befragten" in empty.stderr
    table = step("score", "-w", workspace, "--round", "R1").stdout
    assert table.startswith("Kundenzentrierung – Beispiel AG\nBefragte: 3 intern, 0 Kunden\n")
    assert "Modul / Dimension" in table and "Abdeckung" in table and "\nGesamt " in table
    compared = step("compare", "-w", workspace).stdout
    assert compared.startswith("Modul / Dimension") and "Befragte: 3 → 0" in compared
    report = step(
        "report", "-w", workspace, "--round", "R1", "--format", "md", "-o", tmp_path / "b.md"
    )
    assert report.stdout == f"Bericht geschrieben: {tmp_path / 'b.md'}\n"
    sheet = step("sheet", "-w", workspace, "-o", tmp_path / "bogen.xlsx")
    assert sheet.stdout == f"Antwortbogen geschrieben: {tmp_path / 'bogen.xlsx'}\n"
    form = german("form", "-w", workspace, "--format", "markdown", "-o", "-")
    assert form.stderr.endswith("Formular auf die Standardausgabe geschrieben\n")
    checked = step("validate", first)
    assert checked.stdout == "geprüft: 0 Module, 2 Befragte: 0 Fehler, 0 Warnungen\n"
    exported = step("export", "-w", workspace, "--round", "R1", "-o", tmp_path / "a.csv")
    assert exported.stderr == f"Runde 'R1' exportiert nach {tmp_path / 'a.csv'}\n"
    unconfirmed = step("forget", "A-1", "-w", workspace, code=2)
    assert unconfirmed.stderr == (
        "Fehler: forget löscht Daten endgültig; bestätigen Sie mit --yes\n"
    )
    forgotten = step("forget", "A-1", "-w", workspace, "--yes").stdout.splitlines()
    assert forgotten == [
        "Befragte/n 'A-1' in Runde 'R1' gelöscht (2 Antworten).",
        "Die Datenbank des Arbeitsbereichs wurde neu geschrieben; sie enthält keine Spur "
        "der/des Befragten mehr.",
    ]
    data = [str(workspace), str(tmp_path), "Beispiel AG", "R1", "R2", "A-1", "A-2", "A-3"]
    found = [words for result in outputs if (words := english_in(result.output, data))]
    assert not found, found


def test_mistakes_are_explained_in_german(
    workspace: Path, tmp_path: Path, german: Callable[..., Result]
) -> None:
    answers = write_yaml(tmp_path / "antworten.yaml", people("A-1"))
    expected = {
        ("compare", "-w", workspace): "Fehler: es gibt nur eine Runde; beginnen Sie eine "
        "weitere mit `ccassess round new` oder nennen Sie zwei Runden",
        ("score", "-w", workspace, answers): "Fehler: geben Sie entweder einen Arbeitsbereich "
        "(-w) oder eine Bewertungsdatei und Antwortdateien an, nicht beides",
        ("score", "--round", "R1", answers): "Fehler: --round braucht einen Arbeitsbereich "
        "(-w ORDNER)",
        ("export", "-w", workspace, "-o", tmp_path / "a.json", "--format", "csv"): (
            f"Fehler: {tmp_path / 'a.json'}: die Endung '.json' bedeutet json, aber --format "
            "ist csv; ändern Sie eines von beiden"
        ),
        ("import", "-w", workspace, "--suggest-mapping", answers, answers): (
            "Fehler: --suggest-mapping liest genau eine Exportdatei"
        ),
        ("sheet", "-w", workspace, "--module", "gibtsnicht", "-o", tmp_path / "b.xlsx"): (
            "Fehler: Modul 'gibtsnicht' gehört nicht zu dieser Bewertung; Module: "
        ),
        ("chart", "ranking", "-w", workspace, "-o", tmp_path / "c.gif"): (
            f"Fehler: {tmp_path / 'c.gif'}: das Diagramm wird als .svg oder .png "
            "geschrieben, nicht als '.gif'"
        ),
        ("demo", "--name", "gibtsnicht", "-o", tmp_path / "d.pdf"): (
            "Fehler: unbekannte Demo 'gibtsnicht'; installierte Demos: muster_handels "
            "(Plugin 'demo')"
        ),
    }
    for args, message in expected.items():
        result = german(*args, code=2)
        assert result.stderr.startswith(message), (args, result.stderr)
        assert not result.stdout
        data = [str(workspace), str(tmp_path), "R1", "gibtsnicht", "'.json'", "json", "csv"]
        assert not english_in(result.stderr.split(" Module: ")[0], data), result.stderr
    missing = german("import", "-w", workspace, tmp_path / "fehlt.yaml", code=2)
    lines = missing.stderr.splitlines()
    assert lines[0].startswith(f"Fehler: {tmp_path / 'fehlt.yaml'}")
    assert lines[-1].startswith("Nichts wurde importiert: Der Arbeitsbereich ist unverändert.")
    twice = german("report", "-w", workspace, "-w", workspace, code=2)
    assert (
        twice.stderr == f"Fehler: {workspace}: der Arbeitsbereich ist im Stapel doppelt genannt\n"
    )
    several = german("score", "-w", workspace, "-w", workspace, code=2)
    assert "mehrere Arbeitsbereiche (-w) kann nur `ccassess report` verarbeiten" in (several.stderr)


def test_what_is_loaded_in_german(german: Callable[..., Result]) -> None:
    modules = german("modules").stdout.splitlines()
    assert modules[0].split() == ["Modul", "Version", "Dim.", "Fr.", "Spr.", "Titel"]
    assert any(
        line.startswith("leadership ") and line.endswith("Führung und Verpflichtung")
        for line in modules
    )
    english = german("modules", "--lang", "en").stdout
    assert "Leadership and commitment" in english or "Führung" not in english
    plugins = german("plugins").stdout.splitlines()
    assert any(line.startswith("    Hooks: ") for line in plugins)
    assert not any(line.startswith("    hooks:") for line in plugins)


#: A [[…]] segment with no [[ or ]] inside: removed from the inside out.
WRAPPED = re.compile(r"\[\[(?!\[)(?:(?!\[\[|\]\]).)*\]\]", re.S)


def outside_catalog(text: str, data: list[str]) -> list[str]:
    """The lines of `text` that still hold a word once every [[…]] and the data are gone."""
    for item in sorted(data, key=len, reverse=True):
        text = text.replace(item, " ")
    while WRAPPED.search(text):
        text = WRAPPED.sub(" ", text)
    return [line for line in text.splitlines() if re.search(r"[A-Za-z]{2,}", line)]


def test_every_line_comes_from_the_catalog(tmp_path: Path, run: Callable[..., Result]) -> None:
    folder = tmp_path / "ws"
    answers = write_yaml(tmp_path / "answers.yaml", people("A-1", "A-2"))
    commands: list[tuple[object, ...]] = [
        ("init", folder, "--client", "ACME", "--round", "R1"),
        ("import", "-w", folder, answers),
        ("import", "-w", folder, answers),  # notes: skipped
        ("validate", answers),
        ("round", "new", "R2", "-w", folder),
        ("round", "list", "-w", folder),
        ("import", "-w", folder, tmp_path / "missing.yaml"),
        ("export", "-w", folder, "--round", "R1", "-o", tmp_path / "x.csv"),
        ("export", "-w", folder, "-o", tmp_path / "x.json", "--format", "csv"),
        ("forget", "A-1", "-w", folder),
        ("forget", "A-1", "-w", folder, "--yes"),
        ("plugin", "new", "acme", "--dir", tmp_path),
    ]
    data = [str(tmp_path), "ACME", "R1", "R2", "A-1", "'.json'", "json", "csv"]
    for args in commands:
        result = run(*args, env=PSEUDO)
        assert result.exit_code in (0, 2), (args, result.output)
        assert "[[" in result.output, (args, result.output)
        # `plugin new` prints the commands to type next: they are not messages
        shown = re.sub(r"(?m)^  (cd|pip|pytest|ccassess) .*?(#|$)", " ", result.output)
        left = outside_catalog(shown, data)
        assert not left, (args, left)
