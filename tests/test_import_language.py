"""Import errors speak the user's language: an answer sheet, a CSV table and a survey-tool
export refused in German, each in one line naming the file and the place, exit status 2.

The survey-tool importers are a plugin with a catalog of their own
(`ccassess.plugin_messages`); the pseudo language shows that its messages go through that
catalog as the core's go through the core's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from click.testing import Result

import ccassess
from ccassess.catalogs import using_language

GERMAN = {"CCASSESS_LANG": "de"}
PSEUDO = {"CCASSESS_LANG": "qps"}


@pytest.fixture
def workspace(tmp_path: Path, run: Callable[..., Result]) -> Path:
    folder = tmp_path / "kunde"
    made = run(
        "init", folder, "--client", "Beispiel AG", "--language", "de", "--round", "R1", env=GERMAN
    )
    assert made.exit_code == 0, made.output
    return folder


def bad_sheet(workspace: Path, tmp_path: Path, run: Callable[..., Result]) -> tuple[Path, int]:
    """A real answer workbook (`ccassess sheet`) with an answer to a question that does not
    exist, in the row returned."""
    path = tmp_path / "bogen.xlsx"
    assert run("sheet", "-w", workspace, "-o", path, env=GERMAN).exit_code == 0
    book = openpyxl.load_workbook(path)
    sheet = book["leadership"]
    row = sheet.max_row + 1
    sheet.cell(row=row, column=1, value="gibt_es_nicht")
    sheet.cell(row=row, column=4, value=4)
    book.save(path)
    return path, row


def bad_table(tmp_path: Path) -> Path:
    """A table of answers with a column for a module the assessment does not have."""
    path = tmp_path / "antworten.csv"
    path.write_text("id,perspective,leadership.lead_visible,marketing.q\nA1,internal,4,5\n")
    return path


def bad_export(tmp_path: Path) -> Path:
    """A Google Forms download with a cell beyond the last heading."""
    path = tmp_path / "formular.csv"
    path.write_text("Zeitstempel,Wie zufrieden sind Sie?\n2026-11-12 10:00:00,4,extra\n")
    return path


def refused(shown: Result) -> str:
    """The one error line of a refused import (exit 2, no traceback)."""
    assert shown.exit_code == 2, shown.output
    assert "Traceback" not in shown.output
    prefixes = ("error: ", "Fehler: ", "[[error: ")  # the frame is translated as well
    lines = [line for line in shown.stderr.splitlines() if line.startswith(prefixes)]
    assert len(lines) == 1, shown.stderr
    return lines[0]


def test_an_answer_sheet_with_a_bad_cell_is_refused_in_german(
    workspace: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    path, row = bad_sheet(workspace, tmp_path, run)
    line = refused(run("import", "-w", workspace, path, env=GERMAN))
    assert str(path) in line and "'leadership'" in line and str(row) in line and "'A'" in line
    assert "unbekannte Frage 'gibt_es_nicht' im Modul 'leadership'" in line
    assert "unknown question" not in line


def test_a_csv_table_with_a_bad_column_is_refused_in_german(
    workspace: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    path = bad_table(tmp_path)
    line = refused(run("import", "-w", workspace, path, env=GERMAN))
    assert f"{path}:2" in line and "'marketing.q'" in line
    assert "'marketing' ist kein Modul dieser Bewertung; Module: customer_metrics" in line
    assert "is not a module" not in line


def test_a_survey_tool_export_with_a_problem_is_refused_in_german(
    workspace: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    """The message comes from the survey-tool plugin's own catalog."""
    path = bad_export(tmp_path)
    line = refused(run("import", "-w", workspace, path, env=GERMAN))
    assert re.search(rf"{re.escape(str(path))}, \w+ 2: ", line), line
    assert (
        "die Zeile hat 3 Zellen, die Kopfzeile aber 2; die Zellen jenseits der Kopfzeile "
        "gehören zu keiner Frage (erste: 'extra')"
    ) in line
    assert "the row has" not in line


def test_suggest_mapping_comments_in_german(
    workspace: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    """The proposed mapping file explains itself in the user's language; its keys stay."""
    path = tmp_path / "formular.csv"
    path.write_text("Zeitstempel,Wie heißen Sie wirklich?\n2026-11-12 10:00:00,Erika\n")
    shown = run("import", "-w", workspace, path, "--suggest-mapping", env=GERMAN)
    assert shown.exit_code == 0, shown.output
    assert "# ccassess-Zuordnung für den Google Forms-Export formular.csv" in shown.stdout
    assert "keine Frage passt" in shown.stdout and "columns:" in shown.stdout
    assert "Proposed by" not in shown.stdout and "no question matches" not in shown.stdout


def test_pseudo_language_wraps_core_and_plugin_messages(
    workspace: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    """Every message of these refusals comes from a catalog: the core's (sheet, table) and
    the survey-tool plugin's (the export), each wrapped in [[…]]."""
    sheet, _row = bad_sheet(workspace, tmp_path, run)
    expected = {
        sheet: "[[unknown question 'gibt_es_nicht' in module 'leadership']]",
        bad_table(tmp_path): "[['marketing' is not a module of this assessment; modules: ",
        bad_export(tmp_path): "[[the row has 3 cells but the header 2; the cells beyond",
    }
    for path, message in expected.items():
        line = refused(run("import", "-w", workspace, path, env=PSEUDO))
        assert message in line, line
        after_place = line.split("]]: ", 1)[1]
        assert after_place.startswith("[[") and after_place.endswith("]]"), line


def test_a_plugin_translates_from_its_own_catalog(tmp_path: Path) -> None:
    """`ccassess.plugin_messages`: a plugin's .po (no .mo needed) in the CLI's language,
    English for what it lacks, the pseudo language wrapped; the core's names are taken."""
    folder = tmp_path / "locale"
    (folder / "de" / "LC_MESSAGES").mkdir(parents=True)
    (folder / "de" / "LC_MESSAGES" / "ccassess_acme.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "{n} rows read"\nmsgstr "{n} Zeilen gelesen"\n',
        "utf-8",
    )
    messages = ccassess.plugin_messages("ccassess_acme", folder)
    _ = messages.gettext
    with using_language("de"):
        assert _("{n} rows read").format(n=3) == "3 Zeilen gelesen"
        assert _("not translated") == "not translated"
    with using_language("en"):
        assert _("{n} rows read") == "{n} rows read"
    with using_language("qps"):
        assert _("{n} rows read") == "[[{n} rows read]]"
    assert messages.gettext_for("de", "{n} rows read") == "{n} Zeilen gelesen"
    with pytest.raises(ValueError, match="ccassess's own catalog"):
        ccassess.plugin_messages("ccassess", folder)


def test_the_survey_tool_catalog_is_complete_and_compiled() -> None:
    """Every message of the survey-tool plugin has its German translation, and its .pot,
    .po and .mo are what `scripts/update_catalogs.py` makes of the code (the whole check
    waits for the other areas of #21; this part is done)."""
    import importlib.util

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location(
        "update_catalogs", root / "scripts" / "update_catalogs.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    files, missing = script.planned_files()
    folder = root / "plugins" / "ccassess_survey_tools" / "locale"
    ours = {path: data for path, data in files.items() if folder in path.parents}
    assert len(ours) == 3  # the .pot, the German .po and .mo
    assert [path for path, data in ours.items() if path.read_bytes() != data] == []
    assert [line for line in missing if "ccassess_survey_tools" in line] == []
