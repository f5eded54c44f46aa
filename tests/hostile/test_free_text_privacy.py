"""Attacks through free text and the answers appendix (issue 17, "Privacy"): a reader who
knows the company tries to tell who someone is from activity names, open answers, the silo
matrix's skipped row or the note on merged departments. Each attack must find nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from tests.hostile.kit import write_assessment
from tests.report.conftest import text_of

DEPARTMENTS = ["Vertrieb", "Personal", "Vorstand"]
COMMON = "Angebote schreiben"
RARE = "Personalkennzahlen-Reporting"
RARE_REMARK = "Ich bin die einzige im Vorstand, die das sieht"
COMMON_REMARK = "Mehr Zeit für Kunden"


def notes_module(folder: Path) -> None:
    """A consultant's module with one open question (free text)."""
    folder.mkdir(parents=True, exist_ok=True)
    module = {
        "id": "notes",
        "version": "1.0.0",
        "title": {"de": "Notizen", "en": "Notes"},
        "dimensions": [
            {
                "id": "n",
                "title": {"de": "Notizen", "en": "Notes"},
                "questions": [
                    {
                        "id": "remark",
                        "type": "text",
                        "source": "test",
                        "text": {"de": "Anmerkung", "en": "Remark"},
                    }
                ],
            }
        ],
    }
    (folder / "notes.yaml").write_text(yaml.safe_dump(module, allow_unicode=True), "utf-8")


def staff(n: int, department: str, activity: str, remark: str) -> dict[str, Any]:
    return {
        "id": f"{department}-{n}",
        "perspective": "internal",
        "department": department,
        "answers": {
            "customer_or_reporting": {
                "activities": [
                    {"activity": activity, "share": 20, "category": "reporting"},
                    {"activity": "Kundenanrufe", "share": 30, "category": "customer"},
                ]
            },
            "silo_check": {"understanding_matrix": {d: 3 for d in DEPARTMENTS if d != department}},
            "notes": {"remark": remark},
        },
    }


def reports(run: Callable, tmp_path: Path, people: list[dict], **settings: Any) -> tuple:
    plugins = tmp_path / "plugins"
    notes_module(plugins)
    assessment = write_assessment(
        tmp_path / "a",
        departments=DEPARTMENTS,
        modules=["customer_or_reporting", "silo_check", "notes"],
        **settings,
    )
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump({"respondents": people}, allow_unicode=True), "utf-8")
    out = {}
    for fmt in ("json", "html", "md"):
        path = tmp_path / f"report.{fmt}"
        result = run(
            "--plugins-dir", plugins, "report", "-a", assessment, answers,
            "--appendix", "--lang", "de", "--format", fmt, "-o", path,
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        out[fmt] = path.read_text("utf-8")
    return json.loads(out["json"]), text_of(out["html"]), out["md"], out["json"]


def company() -> list[dict[str, Any]]:
    # 10 in sales name the same activity and remark; 2 in HR and 2 on the board their own
    sales = [staff(n, "Vertrieb", COMMON, COMMON_REMARK) for n in range(10)]
    hr = [staff(n, "Personal", RARE, "Personal-Anmerkung") for n in range(2)]
    board = [staff(n, "Vorstand", "Vorstandssitzung vorbereiten", RARE_REMARK) for n in range(2)]
    return sales + hr + board


def test_rare_activity_names_and_open_answers_are_not_shown(run, tmp_path):
    _, html, markdown, raw = reports(run, tmp_path, company())
    for text in (html, markdown, raw):
        assert RARE not in text
        assert "Vorstandssitzung" not in text
        assert RARE_REMARK not in text
        assert "Personal-Anmerkung" not in text
    # what ten people said is shown; the rest is counted under a neutral label
    assert COMMON in html and COMMON_REMARK in html
    assert "andere Tätigkeiten" in html and "andere Antwort" in html


def test_free_text_threshold_is_never_below_the_anonymity_threshold(run, tmp_path):
    assessment = write_assessment(tmp_path / "a", anonymity_threshold=5, free_text_threshold=3)
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump({"respondents": []}), "utf-8")
    result = run("validate", "-a", assessment, answers)
    assert result.exit_code == 2
    assert "free_text_threshold" in result.output and "anonymity threshold" in result.output


def test_the_appendix_does_not_reveal_departments_through_the_silo_matrix(run, tmp_path):
    data, html, _, _ = reports(run, tmp_path, company())
    for record in data["answers"]:
        assert record["department"] is None
        assert "understanding_matrix" not in record["answers"].get("silo_check", {})
    # no department name appears beside a pseudonym in the appendix
    appendix = html[html.index("Antworten") :] if "Antworten" in html else html
    assert "Vertrieb: 3" not in appendix and "Personal: 3" not in appendix


def test_the_appendix_order_does_not_follow_the_files(run, tmp_path):
    data, _, _, _ = reports(run, tmp_path, company())
    remarks = [r["answers"]["notes"]["remark"]["de"] for r in data["answers"]]
    # the rare answers (HR, board: last in the file) are not simply the last records
    assert remarks[-4:] != ["andere Antwort"] * 4 or remarks[:10] != [COMMON_REMARK] * 10


def test_the_merged_note_names_the_departments_and_the_reason(run, tmp_path):
    people = (
        [staff(n, "Vertrieb", COMMON, COMMON_REMARK) for n in range(6)]
        + [staff(n, "Personal", COMMON, COMMON_REMARK) for n in range(2)]
        + [staff(n, "Vorstand", COMMON, COMMON_REMARK) for n in range(3)]
    )
    data, html, _, _ = reports(run, tmp_path, people)
    breakdown = data["departments"]
    assert breakdown["merged_small"] == ["Personal"]
    assert breakdown["merged_to_protect"] == ["Vorstand"]
    # the small one by number (its name would say who is few), the other by name and why
    assert "Eine Abteilung mit weniger als 3 Befragten: in „Sonstige“ zusammengefasst" in html
    assert "Vorstand: genug Befragte, aber ebenfalls" in html
    assert "Abteilungen mit weniger als 3 Bewertenden (1)" in html  # the silo matrix too
    assert "Personal" not in html.split("Abteilungen")[-1]


def test_the_rule_for_plugins_that_show_free_text():
    """`ccassess.shown_free_texts`: what a plugin's section of open answers may show."""
    from ccassess import AssessmentSettings, shown_free_texts

    minimum = AssessmentSettings(anonymity_threshold=3, free_text_threshold=3).free_text_minimum
    given = {
        "a": ["Mehr Zeit für Kunden", RARE],
        "b": ["mehr  zeit für kunden"],
        "c": ["MEHR ZEIT FÜR KUNDEN"],
        "d": ["Vorstandssitzung vorbereiten"],
    }
    shown, other = shown_free_texts(given, minimum)
    assert shown == {"Mehr Zeit für Kunden": 3}
    assert other == 2
    assert AssessmentSettings(anonymity_threshold=12).free_text_minimum == 12
