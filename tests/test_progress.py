"""Progress on long work (imports, batch reports, rendering): a line on stderr on a terminal,
nothing off one or with --quiet, no escape codes with NO_COLOR (ccassess.cli.progress).

click's runner is no terminal; CCASSESS_PROGRESS=always stands in for one."""

from __future__ import annotations

from pathlib import Path

from ccassess.cli.progress import ProgressLine

DEMO = Path(__file__).parents[1] / "plugins" / "ccassess_demo" / "muster_handels"
ALWAYS = {"CCASSESS_PROGRESS": "always", "NO_COLOR": ""}
ESC = "\x1b"


def _workspace(run, folder: Path) -> Path:
    outcome = run("init", folder, "--from", DEMO / "assessment.yaml")
    assert outcome.exit_code == 0, outcome.output
    return folder


def _import(run, workspace: Path, *extra: str, env: dict[str, str] | None = None):
    files = [DEMO / "responses" / name for name in ("internal.yaml", "customers.yaml")]
    return run("import", "-w", workspace, *files, *extra, env=env)


def test_import_counts_respondents_on_a_terminal(run, tmp_path):
    workspace = _workspace(run, tmp_path / "ws")
    outcome = _import(run, workspace, env=ALWAYS)
    assert outcome.exit_code == 0, outcome.output
    imported = int(outcome.stdout.split("imported ")[1].split()[0])
    last = outcome.stderr.split("\r")[-1]  # the line as it was left, with its line feed
    assert last.startswith(f"Reading responses: {imported}  0:0")
    assert "Reading responses" not in outcome.stdout  # the data channel stays clean


def test_no_progress_off_a_terminal_or_with_quiet(run, tmp_path):
    workspace = _workspace(run, tmp_path / "ws")
    plain = _import(run, workspace)  # the runner's stderr is no terminal
    assert plain.exit_code == 0, plain.output
    assert "Reading responses" not in plain.stderr and "\r" not in plain.stderr
    again = _workspace(run, tmp_path / "ws2")
    quiet = _import(run, again, "--quiet", env=ALWAYS)
    assert quiet.exit_code == 0, quiet.output
    assert "Reading responses" not in quiet.stderr and "\r" not in quiet.stderr
    never = _import(run, _workspace(run, tmp_path / "ws3"), env={"CCASSESS_PROGRESS": "never"})
    assert "\r" not in never.stderr


def test_batch_counts_reports_and_colour_only_without_no_color(run, tmp_path):
    first = _workspace(run, tmp_path / "a")
    second = _workspace(run, tmp_path / "b")
    for workspace in (first, second):
        assert _import(run, workspace).exit_code == 0
    args = ("report", "-w", first, "-w", second, "--format", "md")
    coloured = run(*args, env={"CCASSESS_PROGRESS": "always", "NO_COLOR": ""})
    assert coloured.exit_code == 0, coloured.output
    assert "Rendering reports  [" in coloured.stderr
    assert "0/2" in coloured.stderr and "1/2" in coloured.stderr and "2/2" in coloured.stderr
    assert f"{ESC}[32m" in coloured.stderr  # the bar is green on a colour terminal
    plain = run(*args, env={"CCASSESS_PROGRESS": "always", "NO_COLOR": "1"})
    assert plain.exit_code == 0, plain.output
    assert "2/2" in plain.stderr
    assert ESC not in plain.stderr  # no colour, no cursor codes: nothing but text and \r
    assert f"[{'#' * 24}]" in plain.stderr
    assert plain.stdout.count("Report written to") == 2
    # in parallel worker processes (forked while the line is being redrawn)
    parallel = run(*args, "--jobs", "2", env={"CCASSESS_PROGRESS": "always", "NO_COLOR": "1"})
    assert parallel.exit_code == 0, parallel.output
    assert parallel.stderr.split("\r")[-1].startswith(f"Rendering reports  [{'#' * 24}]  2/2")


def test_rendering_one_report_shows_the_format_and_the_elapsed_time(run, tmp_path):
    output = tmp_path / "demo.html"
    outcome = run("demo", "--format", "html", "-o", output, env=ALWAYS)
    assert outcome.exit_code == 0, outcome.output
    assert output.is_file()
    assert "Rendering the report (html)  [" in outcome.stderr
    final = outcome.stderr.split("\r")[-1]
    assert "]  1/1  0:" in final
    quiet = run("demo", "--format", "html", "-o", output, "-q", env=ALWAYS)
    assert "Rendering" not in quiet.stderr


def test_german_progress_label(run, tmp_path):
    workspace = _workspace(run, tmp_path / "ws")
    outcome = _import(run, workspace, env={**ALWAYS, "CCASSESS_LANG": "de"})
    assert outcome.exit_code == 0, outcome.output
    assert "Antworten werden gelesen: " in outcome.stderr
    assert "Reading responses" not in outcome.stderr


def test_a_note_during_progress_gets_a_line_of_its_own(capsys, monkeypatch):
    monkeypatch.setenv("CCASSESS_PROGRESS", "always")
    monkeypatch.setenv("NO_COLOR", "1")
    with ProgressLine("Working", total=3) as progress:
        progress(1)
        progress.echo("note: something")
        progress(3)
    err = capsys.readouterr().err
    lines = err.split("\n")
    assert "note: something" in [line.split("\r")[-1] for line in lines]
    assert lines[-2].split("\r")[-1].startswith("Working  [")
    assert "3/3" in lines[-2]


def test_an_error_wipes_the_line(capsys, monkeypatch):
    monkeypatch.setenv("CCASSESS_PROGRESS", "always")
    try:
        with ProgressLine("Working", total=3) as progress:
            progress(1)
            raise RuntimeError("stop")
    except RuntimeError:
        pass
    err = capsys.readouterr().err
    assert err.endswith("\r") and "\n" not in err
