"""`ccassess form` and the round trip: a form written by ccassess, answered in the tool's
export layout, imports with no hand-written mapping."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

from test_exports import KOBO_META_END, KOBO_META_START, assert_stored
from tools_kit import (
    PEOPLE,
    agree,
    satisfied,
    stored,
    write_csv,
)

Run = Callable[..., Any]


def read_xlsform(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    import openpyxl

    workbook = openpyxl.load_workbook(path)

    def records(name: str) -> list[dict[str, Any]]:
        rows = list(workbook[name].iter_rows(values_only=True))
        return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]

    settings = records("settings")[0]
    return records("survey"), records("choices"), settings


def kobo_columns(survey: list[dict[str, Any]], choices: list[dict[str, Any]]) -> list[str]:
    """The columns KoboToolbox exports for a form (XML names, groups in the headings)."""
    lists: dict[str, list[str]] = {}
    for choice in choices:
        lists.setdefault(choice["list_name"], []).append(str(choice["name"]))
    groups: list[str] = []
    columns: list[str] = []
    for row in survey:
        kind = row["type"]
        if kind == "begin_group":
            groups.append(row["name"])
        elif kind == "end_group":
            groups.pop()
        else:
            path = "/".join([*groups, row["name"]])
            columns.append(path)
            if kind.startswith("select_multiple "):
                columns.extend(f"{path}/{name}" for name in lists[kind.split()[1]])
    return columns


def kobo_export(columns: list[str], people: list[dict[str, Any]]) -> list[list[Any]]:
    """Rows of a Kobo export: `people` are {column suffix: value} (a select_multiple's value is
    a list of choice names)."""
    rows: list[list[Any]] = [[*KOBO_META_START, *columns, *KOBO_META_END]]
    for number, answers in enumerate(people, start=1):
        row: list[Any] = [
            "2026-11-11T10:00:00.000+01:00",
            "2026-11-11T10:06:00.000+01:00",
            "enketo.kobotoolbox.org:x",
        ]
        for column in columns:
            suffix = next((s for s in answers if column == s or column.endswith("/" + s)), None)
            value = answers.get(suffix) if suffix else None
            parent = column.rsplit("/", 1)[0]
            chosen = next(
                (
                    v
                    for s, v in answers.items()
                    if isinstance(v, list) and (parent == s or parent.endswith("/" + s))
                ),
                None,
            )
            if isinstance(value, list):
                row.append(" ".join(value))
            elif chosen is not None and suffix is None:
                row.append(1 if column.rsplit("/", 1)[1] in chosen else 0)
            elif column == "perspective":
                row.append(answers.get("perspective", ""))
            else:
                row.append("" if value is None else value)
        row += [
            5000 + number,
            f"0c9a-{number:04d}-round-trip",
            "2026-11-11T09:06:00",
            "",
            "",
            "submitted_via_web",
            "",
            "vX1",
            "",
            number,
        ]
        rows.append(row)
    return rows


def as_choice(value: Any) -> Any:
    return value if value == "dont_know" else str(value)


def test_xlsform_round_trip_customers(ws: Path, cc: Run, tmp_path: Path) -> None:
    form = tmp_path / "kundenbefragung.xlsx"
    result = cc("form", "-w", ws, "-o", form)
    assert result.exit_code == 0, result.output
    assert f"Form written to {form}" in result.stdout
    survey, choices, settings = read_xlsform(form)
    assert settings["default_language"] == "Deutsch (de)"
    assert survey[0] == {
        **dict.fromkeys(survey[0]),
        "type": "calculate",
        "name": "perspective",
        "calculation": "'customer'",
    }
    simp_buy = next(row for row in survey if row["name"] == "simp_buy")
    assert simp_buy["type"].startswith("select_one scale5") and simp_buy["appearance"] == "likert"
    assert simp_buy["label::Deutsch (de)"].startswith("Das Unternehmen macht es mir einfach")
    assert {"name": "dont_know", "label::Deutsch (de)": "weiß nicht"}.items() <= next(
        c for c in choices if c["name"] == "dont_know"
    ).items()
    assert not any(row["name"] == "sat_measured_regularly" for row in survey)  # internal only

    columns = kobo_columns(survey, choices)
    assert "customer_perception/simplicity/simp_buy" in columns
    assert "kontakt/wege/bereiche/lieferung" in columns
    assert "kontakt/wege/kanaele/telefon" in columns
    people = []
    for person in PEOPLE:
        answers: dict[str, Any] = {"perspective": "customer"}
        answers.update({q: as_choice(v) for q, v in person["cp"].items()})
        answers.update({"nps_rating": person["nps"], "csat_rating": person["csat"]})
        answers.update({f"bereiche/{a}": person["areas"][a] for a in person["areas"]})
        answers["kanaele"] = list(person["channels"]) or None
        answers["anmerkung"] = person["comment"]
        people.append(answers)
    path = write_csv(
        tmp_path / "kundenbefragung_-_latest_version_-_False_-_2026-11-11.csv",
        kobo_export(columns, people),
        delimiter=";",
        quote_all=True,
    )
    result = cc("import", "-w", ws, path)  # no mapping
    assert result.exit_code == 0, result.output
    assert "read as a KoboToolbox export (recognised" in result.stderr
    assert_stored(ws, "kobo", PEOPLE)


def test_xlsform_round_trip_staff_with_departments_and_a_matrix(tmp_path: Path, cc: Run) -> None:
    folder = tmp_path / "intern"
    made = cc(
        "init",
        folder,
        "--module",
        "silo_check",
        "--module",
        "customer_perception",
        "--department",
        "Vertrieb",
        "--department",
        "IT & Digital",
    )
    assert made.exit_code == 0, made.output
    form = tmp_path / "intern.xlsx"
    assert (
        cc("form", "-w", folder, "--perspective", "internal", "--lang", "en", "-o", form).exit_code
        == 0
    )
    survey, choices, settings = read_xlsform(form)
    assert settings["default_language"] == "English (en)"
    department = next(row for row in survey if row["name"] == "department")
    assert department["type"] == "select_one departments" and department["required"] == "yes"
    assert [c["name"] for c in choices if c["list_name"] == "departments"] == [
        "Vertrieb",
        "IT_Digital",
    ]
    columns = kobo_columns(survey, choices)
    matrix = [c for c in columns if "/understanding_matrix/" in c]
    assert [c.rsplit("/", 1)[1] for c in matrix] == ["Vertrieb", "IT_Digital"]
    people = [
        {
            "perspective": "internal",
            "department": "IT_Digital",
            "Vertrieb": "4",
            "IT_Digital": "dont_know",
            "simp_buy": "3",
            "sg_common_goal": "2",
        }
    ]
    path = write_csv(
        tmp_path / "intern.csv", kobo_export(columns, people), delimiter=";", quote_all=True
    )
    result = cc("import", "-w", folder, path)
    assert result.exit_code == 0, result.output
    ((perspective, answers),) = stored(folder).values()
    assert perspective == "internal"
    assert answers == {
        "silo_check": {
            "understanding_matrix": {"Vertrieb": 4, "IT & Digital": "dont_know"},
            "sg_common_goal": 2,
        },
        "customer_perception": {"simp_buy": 3},
    }
    from ccassess.workspace import Workspace

    with Workspace.open(folder) as workspace:
        (respondent,) = workspace.respondents()
    assert respondent.department == "IT & Digital"


def test_xlsform_kano_items_and_activity_lists(tmp_path: Path, cc: Run) -> None:
    folder = tmp_path / "kano"
    assert (
        cc(
            "init",
            folder,
            "--module",
            "customer_understanding",
            "--module",
            "customer_or_reporting",
        ).exit_code
        == 0
    )
    form = tmp_path / "kano.xlsx"
    assert cc("form", "-w", folder, "-o", form).exit_code == 0
    survey, choices, _ = read_xlsform(form)
    columns = kobo_columns(survey, choices)
    kano = [c for c in columns if "/kano_same_day_answer/" in c]
    assert [c.rsplit("/", 1)[1] for c in kano] == ["functional", "dysfunctional"]
    people = [
        {
            "perspective": "customer",
            "kano_same_day_answer/functional": "like",
            "kano_same_day_answer/dysfunctional": "dislike",
            "kano_personal_contact/functional": "dont_know",
            "kano_personal_contact/dysfunctional": "dont_know",
            "fb_listened_to": "4",
        }
    ]
    path = write_csv(tmp_path / "kano.csv", kobo_export(columns, people), delimiter=";")
    result = cc("import", "-w", folder, path)
    assert result.exit_code == 0, result.output
    ((_, answers),) = stored(folder).values()
    assert answers["customer_understanding"] == {
        "kano_same_day_answer": {"functional": "like", "dysfunctional": "dislike"},
        "kano_personal_contact": "dont_know",
        "fb_listened_to": 4,
    }
    staff = cc("form", "-w", folder, "--perspective", "internal", "-o", tmp_path / "staff.xlsx")
    assert staff.exit_code == 0, staff.output
    assert (
        "note: customer_or_reporting.activities (activity_list) cannot be asked in an "
        "online form; collect it with `ccassess sheet`" in staff.stderr
    )


def test_question_list_round_trip_through_google_forms(ws: Path, cc: Run, tmp_path: Path) -> None:
    """The CSV question list, typed into Google Forms word for word: its export maps."""
    listing = tmp_path / "fragen.csv"
    result = cc("form", "-w", ws, "--format", "csv", "--lang", "en", "-o", listing)
    assert result.exit_code == 0, result.output
    with open(listing, encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    by_code = {row["Code"]: row for row in rows}
    assert (
        by_code["kontakt.bereiche[lieferung]"]["Question"]
        == "How satisfied are you with these areas? [Delivery]"
    )
    assert by_code["customer_perception.simp_buy"]["Answers"].startswith(
        "1 = disagree | 2 = tend to disagree"
    )
    header = ["Timestamp", *(row["Question"] for row in rows)]
    lines: list[list[Any]] = [header]
    for number, person in enumerate(PEOPLE, start=1):
        answers = {f"customer_perception.{q}": agree(v, "en") for q, v in person["cp"].items()}
        answers["customer_metrics.nps_rating"] = person["nps"]
        if person["csat"]:
            answers["customer_metrics.csat_rating"] = satisfied(person["csat"], "en")
        for area, value in person["areas"].items():
            answers[f"kontakt.bereiche[{area}]"] = satisfied(value, "en")
        answers["kontakt.kanaele"] = ", ".join(
            {"email": "E-mail", "telefon": "Phone", "chat": "Chat"}[c] for c in person["channels"]
        )
        answers["kontakt.anmerkung"] = person["comment"]
        lines.append(
            [f"2026/11/12 1:0{number}:00 PM GMT+1", *(answers.get(row["Code"], "") for row in rows)]
        )
    path = write_csv(tmp_path / "Kundenbefragung.csv", lines)
    result = cc("import", "-w", ws, path)
    assert result.exit_code == 0, result.output
    assert_stored(ws, "gforms", PEOPLE)
    markdown = tmp_path / "fragen.md"
    assert cc("form", "-w", ws, "--format", "markdown", "-o", markdown).exit_code == 0
    text = markdown.read_text("utf-8")
    assert "## Kundenwahrnehmung – Selbstbild und Fremdbild" in text
    assert "`kontakt.kanaele` – Mehrfachauswahl: E-Mail | Telefon | Chat | Filiale" in text
    staff = tmp_path / "intern.csv"
    assert (
        cc("form", "-w", ws, "--format", "csv", "--perspective", "internal", "-o", staff).exit_code
        == 0
    )
    first = staff.read_text("utf-8-sig").splitlines()[1]
    assert first == "department,,,Ihre Abteilung,Einfachauswahl,Vertrieb,ja"


def test_xlsform_round_trip_skips_what_the_service_filter_passes_by(
    ws: Path, cc: Run, tmp_path: Path
) -> None:
    """KoboToolbox leaves a question empty whose `relevant` is false: customers without
    service contact import without service answers, counted as not asked."""
    form = tmp_path / "kunden.xlsx"
    assert cc("form", "-w", ws, "--module", "customer_perception", "-o", form).exit_code == 0
    survey, choices, _ = read_xlsform(form)
    relevant = {row["name"]: row.get("relevant") for row in survey}
    assert "selected(${svc_contact}, 'yes')" in relevant["svc_quick_response"]
    columns = kobo_columns(survey, choices)
    people = [
        {"perspective": "customer", "svc_contact": "no", "simp_buy": "4"},
        {"perspective": "customer", "svc_contact": "yes", "svc_quick_response": "2"},
    ]
    path = write_csv(tmp_path / "kunden.csv", kobo_export(columns, people), delimiter=";")
    result = cc("import", "-w", ws, path)
    assert result.exit_code == 0, result.output
    answers = sorted(
        (a["customer_perception"] for _, a in stored(ws).values()), key=lambda a: a["svc_contact"]
    )
    assert answers == [
        {"svc_contact": "no", "simp_buy": 4},
        {"svc_contact": "yes", "svc_quick_response": 2},
    ]
