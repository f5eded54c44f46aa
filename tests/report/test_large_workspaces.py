"""Reports whose size follows what they show, not the answers behind them (issue 23).

The activity tables show a top list and count the rest, the answers appendix is capped with a
note, and a workspace round's scored result is kept until anything it depends on changes.
Speed itself is measured in benchmarks/ (benchmarks/sizes.py), never asserted here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from ccassess.actions.assess import assess
from ccassess.cli import cli
from ccassess.model.settings import AssessmentSettings
from ccassess.report import ReportOptions
from ccassess.report.html import render_html
from ccassess.scoring.answers import APPENDIX_RESPONDENTS
from ccassess.testing import Kit
from ccassess.workspace.config import RESULT_CACHE_FILE
from tests.report.conftest import section_html, text_of

DEMO = Path(__file__).resolve().parents[2] / "plugins" / "ccassess_demo" / "muster_handels"


def _activity_people(kit: Kit, count: int) -> list:
    """`count` respondents, each naming four reporting activities nobody else names."""
    return [
        kit.respondent(
            "internal",
            {
                "customer_or_reporting": {
                    "activities": [
                        {"activity": f"Bericht {n}-{i}", "share": 10, "category": "reporting"}
                        for i in range(4)
                    ]
                }
            },
            "Vertrieb",
            id=f"R{n:03d}",
        )
        for n in range(count)
    ]


def test_activity_table_shows_a_top_list_and_counts_the_rest(registry):
    """40 activities, each named by 12 people (above the free-text threshold): 25 rows."""
    settings = AssessmentSettings(departments=("Vertrieb",), modules=("customer_or_reporting",))
    kit = Kit(registry, settings)
    people = [
        kit.respondent(
            "internal",
            {
                "customer_or_reporting": {
                    "activities": [
                        {
                            "activity": f"Bericht {20 * (n % 2) + i}",
                            "share": 4,
                            "category": "reporting",
                        }
                        for i in range(20)
                    ]
                }
            },
            "Vertrieb",
            id=f"R{n:03d}",
        )
        for n in range(24)
    ]
    result = assess(registry, people, settings)
    audit = result.modules[0].analysis["activity_audit"]
    assert len(audit["activities_to_review"]) == 40  # the result keeps every activity
    document = render_html(result, registry.plugins, ReportOptions(format="html")).inline_html()
    section = section_html(document, "activity")
    assert section.count("<tr>") == 25 + 1  # 25 rows and the head
    text = text_of(section)
    assert "15 weitere mit zusammen 180 Nennungen sind nicht aufgeführt" in text


def test_appendix_is_capped_and_says_so(registry):
    settings = AssessmentSettings(departments=("Vertrieb",), modules=("customer_or_reporting",))
    kit = Kit(registry, settings)
    people = _activity_people(kit, APPENDIX_RESPONDENTS + 7)
    result = assess(registry, people, settings, include_answers=True)
    assert result.answers is not None and len(result.answers) == APPENDIX_RESPONDENTS
    options = ReportOptions(format="html", appendix=True)
    document = render_html(result, registry.plugins, options).inline_html()
    appendix = text_of(section_html(document, "answers"))
    assert f"von {APPENDIX_RESPONDENTS} der {APPENDIX_RESPONDENTS + 7} Befragten" in appendix
    assert "ccassess export" in appendix
    assert len(re.findall(r"\bI\d{3}\b", appendix)) == APPENDIX_RESPONDENTS


def test_small_appendix_has_no_cap_note(registry):
    settings = AssessmentSettings(departments=("Vertrieb",), modules=("customer_or_reporting",))
    kit = Kit(registry, settings)
    result = assess(registry, _activity_people(kit, 6), settings, include_answers=True)
    options = ReportOptions(format="html", appendix=True)
    document = render_html(result, registry.plugins, options).inline_html()
    assert "ccassess export" not in text_of(section_html(document, "answers"))


def _run(*args: str) -> str:
    outcome = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert outcome.exit_code == 0, outcome.output
    return outcome.output


def _demo_workspace(tmp_path: Path) -> Path:
    workspace = tmp_path / "ws"
    _run("init", str(workspace), "--from", str(DEMO / "assessment.yaml"))
    _run("import", "-w", str(workspace), str(DEMO / "responses" / "internal.yaml"))
    return workspace


def test_kept_result_is_used_until_the_answers_change(tmp_path):
    workspace = _demo_workspace(tmp_path)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    _run("report", "-w", str(workspace), "--format", "json", "-o", str(first))
    (kept,) = workspace.glob(f"{RESULT_CACHE_FILE}-*")  # one file for the one round
    assert oct(kept.stat().st_mode & 0o777) == "0o600"
    # the kept result is what the next report reads: a changed copy shows through
    key, meta, body = kept.read_bytes().split(b"\n", 2)  # key, what was shared, result
    data = json.loads(body)
    data["info"]["client"] = "Aus dem Speicher GmbH"
    kept.write_bytes(key + b"\n" + meta + b"\n" + json.dumps(data).encode())
    _run("report", "-w", str(workspace), "--format", "json", "-o", str(second))
    assert json.loads(second.read_text())["info"]["client"] == "Aus dem Speicher GmbH"
    # new answers: scored afresh
    _run("import", "-w", str(workspace), str(DEMO / "responses" / "customers.yaml"))
    _run("report", "-w", str(workspace), "--format", "json", "-o", str(second))
    fresh = json.loads(second.read_text())
    assert fresh["info"]["client"] == json.loads(first.read_text())["info"]["client"]
    assert fresh["respondents"]["customer"] > 0


def test_kept_result_of_other_data_or_damaged_is_ignored(tmp_path):
    workspace = _demo_workspace(tmp_path)
    expected, got = tmp_path / "a.json", tmp_path / "b.json"
    _run("report", "-w", str(workspace), "--format", "json", "-o", str(expected))
    (kept,) = workspace.glob(f"{RESULT_CACHE_FILE}-*")
    for damaged in (b"0" * 40 + b"\n{}", kept.read_bytes()[:-200], b"\x00\xff"):
        kept.write_bytes(damaged)
        _run("report", "-w", str(workspace), "--format", "json", "-o", str(got))
        assert got.read_text() == expected.read_text()


def test_forget_deletes_the_kept_result(tmp_path):
    workspace = _demo_workspace(tmp_path)
    output = tmp_path / "r.html"
    _run("report", "-w", str(workspace), "--appendix", "--format", "html", "-o", str(output))
    assert list(workspace.glob(f"{RESULT_CACHE_FILE}-*"))
    _run("forget", "-w", str(workspace), "I-001", "--yes")
    assert not list(workspace.glob(f"{RESULT_CACHE_FILE}*"))


def test_earlier_rounds_are_kept_too_and_the_trend_follows_them(tmp_path):
    workspace = _demo_workspace(tmp_path)
    _run("round", "new", "-w", str(workspace), "2027")
    _run("import", "-w", str(workspace), str(DEMO / "responses" / "internal.yaml"))
    report = tmp_path / "r.json"
    _run("report", "-w", str(workspace), "--format", "json", "-o", str(report))
    assert len(list(workspace.glob(f"{RESULT_CACHE_FILE}-*"))) == 2  # this round and the one before
    first = json.loads(report.read_text())["trend"]
    assert first and first[0]["respondents"] > 0
    _run("report", "-w", str(workspace), "--format", "json", "-o", str(report))
    assert json.loads(report.read_text())["trend"] == first
