"""Markdown summary, the action-plan spreadsheet, atomic writes and the CLI around them."""

from __future__ import annotations

import io
import os
import re
import stat
import threading
from pathlib import Path

import pytest

from ccassess.errors import CcassessError
from ccassess.format import number
from ccassess.io.files import atomic_write
from ccassess.model.result import Recommendation
from ccassess.report import ReportOptions, write_report
from ccassess.report.action_plan import action_plan_workbook
from ccassess.report.markdown import escape_md, render_markdown
from ccassess.text import Text
from tests.report.conftest import with_info


def test_markdown_summary(demo_result):
    text = render_markdown(demo_result, "de")
    assert text.startswith("# Kundenzentrierung 2026")
    assert f"**Reifegrad der Praxis: {number(demo_result.score, 'de')}**" in text
    assert "## Maßnahmenplan" in text and "| Modul | Selbstbild |" in text
    english = render_markdown(demo_result, "en")
    assert f"**Practice maturity: {number(demo_result.score, 'en')}**" in english


def test_markdown_escapes_hostile_text(hostile_result):
    text = render_markdown(hostile_result, "de")
    assert "<img" not in text and "<script>" not in text
    assert escape_md('<img src="file:///etc/passwd">') in text
    assert escape_md("a|b*c") == r"a\|b\*c"


def test_action_plan_workbook(demo_result):
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(action_plan_workbook(demo_result, "de"))).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:9] == (
        "Nr.",
        "Initiative",
        "Priorität",
        "Prioritätswert",
        "Modul",
        "Dimension",
        "Empfehlung",
        "Stufe heute",
        "Zielstufe",
    )
    assert header[9:12] == ("Verantwortlich", "Fällig am", "Status")
    recommendations = [r for m in demo_result.modules for r in m.recommendations]
    assert len(body) == len(recommendations)
    assert all(row[9] is None and row[10] is None for row in body)
    top = max(recommendations, key=lambda r: r.priority)
    assert body[0][6] == top.text.get("de")
    assert body[0][7] == top.current_level and body[0][8] == top.target_level


def test_action_plan_workbook_groups_rows_by_initiative(demo_result):
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(action_plan_workbook(demo_result, "en"))).active
    body = list(sheet.iter_rows(min_row=2, values_only=True))
    expected = [f"{n}. {i.title.get('en')}" for n, i in enumerate(demo_result.initiatives, 1)]
    # every row names its initiative; rows come initiative by initiative, in plan order
    assert list(dict.fromkeys(row[1] for row in body)) == expected
    for label in expected:
        scores = [row[3] for row in body if row[1] == label]
        assert scores == sorted(scores, reverse=True)
    by_text = {r.text.get("en"): r for m in demo_result.modules for r in m.recommendations}
    titles = {i.id: i.title.get("en") for i in demo_result.initiatives}
    for row in body:
        assert row[1].split(". ", 1)[1] == titles[by_text[row[6]].initiative]


def test_action_plan_defuses_formulas(small_result):
    from openpyxl import load_workbook

    module = small_result.modules[0]
    hostile = ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2+3", "@SUM(A1)"]
    module.recommendations.extend(
        Recommendation(Text.both(text), module.id, priority=99.0) for text in hostile
    )
    try:
        sheet = load_workbook(io.BytesIO(action_plan_workbook(small_result, "en"))).active
    finally:
        del module.recommendations[-len(hostile) :]
    cells = [row[6] for row in sheet.iter_rows(min_row=2)]
    texts = {cell.value for cell in cells}
    for text in hostile:
        assert "'" + text in texts
    assert all(cell.data_type == "s" for cell in cells)


def test_atomic_write_keeps_the_previous_file(tmp_path: Path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"previous report")

    def failing(stream):
        stream.write(b"half a report")
        raise RuntimeError("render failed")

    with pytest.raises(RuntimeError):
        atomic_write(target, failing)
    assert target.read_bytes() == b"previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_failed_render_leaves_the_previous_report(registry, small_result, tmp_path: Path):
    target = tmp_path / "report.html"
    target.write_text("previous report")
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "theme.css").write_text("body { background: url(http://evil.example/x.png) }")
    options = ReportOptions(format="html", output=target, theme=theme)
    with pytest.raises(CcassessError, match=re.escape("http://evil.example/x.png")):
        write_report(small_result, registry.plugins, options)
    assert target.read_text() == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "theme"]


def test_report_formats_through_write_report(registry, small_result, tmp_path: Path):
    for fmt in ("html", "md", "json", "xlsx"):
        path = write_report(
            with_info(small_result, client="Beispiel AG"),
            registry.plugins,
            ReportOptions(format=fmt, output=tmp_path / f"r.{fmt}"),
        )
        assert path.stat().st_size > 100
    assert (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")


def test_cli_refuses_a_hostile_theme_in_one_line(run, tmp_path: Path):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "theme.css").write_text("@font-face { src: url(file:///etc/passwd) }")
    result = run("demo", "--format", "html", "--theme", theme, "-o", tmp_path / "r.html")
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "file:///etc/passwd" in lines[0]
    assert not (tmp_path / "r.html").exists()


def test_cli_markdown_and_spreadsheet(run, tmp_path: Path):
    result = run("demo", "--format", "md", "--lang", "en", "-o", tmp_path / "r.md")
    assert result.exit_code == 0, result.output
    assert "Executive summary" in (tmp_path / "r.md").read_text()
    result = run("demo", "--format", "xlsx", "-o", tmp_path / "plan.xlsx")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "plan.xlsx").read_bytes()[:2] == b"PK"


def test_a_device_or_pipe_is_written_to_not_replaced(tmp_path: Path):
    """`-o /dev/null` or `-o /dev/stdout` must not put a regular file where the device was."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    atomic_write(pipe, lambda stream: stream.write(b"report"))
    reader.join(timeout=10)
    assert received == [b"report"]
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]
