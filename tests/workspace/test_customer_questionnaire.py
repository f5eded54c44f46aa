"""The customers' questionnaire: no internal names, no department, a 12-month reference
period, and a service filter that works in every collection path.

Customers who say they had no contact with customer service skip the service items: those
count as not asked (not as "don't know"), an answer given anyway is refused with its place,
and every path (answer workbook, CSV sheet, CSV table, XLSForm, terminal survey) knows it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
from ws_kit import fill_workbook, respondent_ids, write_responses

from ccassess.plugin.registry import Registry
from ccassess.survey.session import survey_items

MODULE = "customer_perception"
SERVICE = ("svc_quick_response", "svc_preferred_channel", "svc_helpful_solution")


def customer_sheet(workspace: Path, folder: Path, run: Callable, lang: str = "de") -> Path:
    path = folder / f"customer-{lang}.xlsx"
    args = ("sheet", "-w", workspace, "--perspective", "customer", "--lang", lang, "-o", path)
    assert run(*args).exit_code == 0
    return path


def test_the_customer_workbook_shows_no_internal_names_and_no_department(
    workspace: Path, tmp_path: Path, run: Callable, registry: Registry
) -> None:
    expected = (("de", "Teil 1", "letzten 12 Monaten"), ("en", "Part 1", "12 months"))
    for lang, part, period in expected:
        book = openpyxl.load_workbook(customer_sheet(workspace, tmp_path, run, lang))
        visible = [s for s in book.worksheets if s.sheet_state == "visible"]
        assert part in book.sheetnames
        shown = " ".join(
            str(cell)
            for sheet in visible
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
        assert period in shown
        for module in registry.modules.values():
            assert module.id not in book.sheetnames
            assert module.title.get(lang) not in shown, module.id
            for dimension in module.dimensions:
                assert dimension.title.get(lang) not in shown, dimension.id
        # nobody asks a customer for a department: not the respondent sheet, not the guide
        respondent = book["Angaben" if lang == "de" else "Respondent"]
        fields = [row[0] for row in respondent.iter_rows(min_row=2, values_only=True) if row[0]]
        assert fields == ["id", "perspective", "role", "name"]
        guide = " ".join(str(r[0]) for r in book.worksheets[0].iter_rows(values_only=True) if r[0])
        assert "Abteilung" not in guide and "department" not in guide


def test_the_customer_xlsform_and_survey_show_no_internal_names(
    workspace: Path, tmp_path: Path, run: Callable, registry: Registry
) -> None:
    form = tmp_path / "form.xlsx"
    assert run("form", "-w", workspace, "--perspective", "customer", "-o", form).exit_code == 0
    survey = openpyxl.load_workbook(form)["survey"]
    header = [c.value for c in survey[1]]
    columns = [i for i, name in enumerate(header) if str(name).startswith("label::")]
    labels = {
        str(row[i])
        for row in survey.iter_rows(min_row=2, values_only=True)
        for i in columns
        if row[i]
    }
    titles = {m.title.de for m in registry.modules.values()} | {
        d.title.de for m in registry.modules.values() for d in m.dimensions
    }
    assert not labels & titles
    assert "Teil 1" in labels
    result = run(
        "survey", "-w", workspace, "--perspective", "customer", "--module", MODULE, input="q\n"
    )
    assert result.exit_code == 0, result.output
    assert "Teil 1/1" in result.output and "letzten 12 Monaten" in result.output
    assert registry.modules[MODULE].title.de not in result.output


def test_no_contact_with_service_skips_the_service_items_in_the_workbook(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    sheet = customer_sheet(workspace, tmp_path, run)
    rows = {
        row[0]: row
        for ws in openpyxl.load_workbook(sheet).worksheets
        for row in ws.iter_rows(values_only=True)
        if row and row[0]
    }
    assert "svc_contact" in rows
    for item in SERVICE:
        assert "Nur beantworten, wenn Sie bei „Hatten Sie" in rows[item][5]
        assert "„ja“ gewählt haben" in rows[item][5]
    # "no", and a service item answered anyway: refused with its place, nothing imported
    wrong = tmp_path / "wrong.xlsx"
    wrong.write_bytes(sheet.read_bytes())
    answers = {"svc_contact": "nein", "svc_quick_response": "4 – trifft eher zu"}
    fill_workbook(wrong, {MODULE: answers})
    refused = run("import", "-w", workspace, wrong)
    assert refused.exit_code == 2
    assert "svc_quick_response: not asked" in refused.stderr
    assert "'svc_contact' with yes, and this respondent answered 'no'" in refused.stderr
    assert "sheet 'Teil " in refused.stderr and respondent_ids(workspace) == []
    # "no" alone: the service items count as not asked, never as "don't know"
    fill_workbook(sheet, {MODULE: {"svc_contact": "nein", "simp_buy": "4 – trifft eher zu"}})
    yes = write_responses(
        tmp_path / "yes.yaml",
        [
            {
                "id": "K-2",
                "perspective": "customer",
                "answers": {MODULE: {"svc_contact": "yes", "svc_quick_response": "dont_know"}},
            }
        ],
    )
    assert run("import", "-w", workspace, sheet, yes).exit_code == 0
    data = json.loads(run("score", "-w", workspace, "--format", "json").stdout)
    module = next(m for m in data["modules"] if m["id"] == MODULE)
    service = next(d for d in module["dimensions"] if d["id"] == "service_and_response")
    quick = next(q for q in service["questions"] if q["id"] == "svc_quick_response")
    assert quick["coverage"] == {"asked": 1, "answered": 0, "dont_know": 1}


def test_the_filter_in_csv_sheets_tables_and_the_xlsform(
    workspace: Path, tmp_path: Path, run: Callable
) -> None:
    sheet = tmp_path / "customer.csv"
    args = ("sheet", "-w", workspace, "--perspective", "customer", "--format", "csv")
    assert run(*args, "-o", sheet).exit_code == 0
    with sheet.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    sections = {row[0] for row in rows[1:]} - {"respondent", "_ccassess"}
    assert sections and all(s.startswith("Teil ") for s in sections)  # no module ids
    for row in rows:
        if row[1] == "simp_buy":
            row[header.index("answer")] = "4"
        if row[1] == "svc_contact":
            row[header.index("answer")] = "nein"
        if row[1] == "svc_helpful_solution":
            assert "Nur beantworten, wenn" in row[header.index("question")]
            row[header.index("answer")] = "5"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    refused = run("import", "-w", workspace, sheet)
    assert refused.exit_code == 2 and "svc_helpful_solution: not asked" in refused.stderr
    for row in rows:  # without the service answer the part sheet imports, by question id
        if row[1] == "svc_helpful_solution":
            row[header.index("answer")] = ""
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    imported = run("import", "-w", workspace, sheet)
    assert imported.exit_code == 0, imported.output
    data = json.loads(run("export", "-w", workspace, "--format", "json").stdout)
    (person,) = data["respondents"]
    assert person["answers"]["customer_perception"] == {"simp_buy": 4, "svc_contact": "no"}
    table = tmp_path / "table.csv"
    table.write_text(
        "id,perspective,customer_perception.svc_contact,customer_perception.svc_quick_response\n"
        "K-1,customer,no,4\nK-2,customer,yes,4\nK-3,customer,,3\n",
        "utf-8",
    )
    refused = run("import", "-w", workspace, table)
    assert refused.exit_code == 2
    assert "table.csv:2" in refused.stderr and "K-2" not in refused.stderr
    form = tmp_path / "form.xlsx"
    assert run("form", "-w", workspace, "--perspective", "customer", "-o", form).exit_code == 0
    survey = openpyxl.load_workbook(form)["survey"]
    header = [c.value for c in survey[1]]
    relevant = {
        row[1]: row[header.index("relevant")]
        for row in survey.iter_rows(min_row=2, values_only=True)
    }
    assert relevant["svc_contact"] is None
    for item in SERVICE:
        assert relevant[item] == (
            "${svc_contact} = '' or selected(${svc_contact}, 'yes') or "
            "selected(${svc_contact}, 'dont_know')"
        )


def test_the_terminal_survey_steps_over_the_service_items(
    workspace: Path, run: Callable, registry: Registry
) -> None:
    items = [i.question.id for i in survey_items([registry.modules[MODULE]], "customer")]
    before = items.index("svc_contact")
    after = items[items.index(SERVICE[-1]) + 1]
    module = registry.modules[MODULE]

    def wording(question_id: str) -> str:
        question = module.question(question_id)
        assert question is not None
        return question.wording("customer", "de")

    # skip to the filter, say no (option 2), go back, say yes (option 1), then pause
    lines = [""] * before + ["2", "b", "1", "q"]
    result = run(
        "survey",
        "-w",
        workspace,
        "--perspective",
        "customer",
        "--module",
        MODULE,
        "--id",
        "K-T",
        input="\n".join(lines) + "\n",
    )
    assert result.exit_code == 0, result.output
    out = result.output
    first_after_no = out.index(wording(after))
    back_at_filter = out.index(wording("svc_contact"), first_after_no)
    assert wording(SERVICE[0]) not in out[:back_at_filter]  # stepped over, forwards and back
    assert wording(SERVICE[0]) in out[back_at_filter:]  # after "yes" it is asked
