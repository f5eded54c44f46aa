"""Each tool's export, written by the test in the tool's layout, imported into a real
workspace and scored: the stored answers are the ones given, personal data is gone,
incomplete and preview responses are skipped and counted."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from tools_kit import (
    AREA_LABELS,
    AREAS,
    CHANNEL_LABELS,
    CHANNELS,
    GRID,
    KONTAKT_TEXT,
    PEOPLE,
    STATEMENTS,
    agree,
    database_text,
    errors,
    expected,
    satisfied,
    stored,
    wording,
    write_csv,
    write_xlsx,
)

Run = Callable[..., Any]


def imported(cc: Run, ws: Path, *args: Any) -> Any:
    result = cc("import", "-w", ws, *args)
    assert result.exit_code == 0, result.output
    return result


def customer_stats(cc: Run, ws: Path, module: str, question: str) -> dict[str, Any]:
    result = cc("score", "-w", ws, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    found = next(m for m in data["modules"] if m["id"] == module)
    for dimension in found["dimensions"]:
        for item in dimension["questions"]:
            if item["id"] == question:
                # the answers given (the customers' mean itself is shown only from the
                # anonymity threshold on; these workspaces hold customers alone)
                return {**item["by_perspective"]["customer"], "n": item["coverage"]["answered"]}
    raise AssertionError(question)


def assert_stored(ws: Path, prefix: str, people: list[dict[str, Any]]) -> dict[str, Any]:
    found = stored(ws)
    assert all(key.startswith(prefix + "-") for key in found), found
    assert all(perspective == "customer" for perspective, _ in found.values())
    assert sorted((json.dumps(a, sort_keys=True) for _, a in found.values())) == sorted(
        json.dumps(expected(p), sort_keys=True) for p in people
    )
    return found


def no_personal_data(ws: Path, *secrets: str) -> None:
    text = database_text(ws)
    for secret in secrets:
        assert secret not in text


# -- Microsoft Forms ------------------------------------------------------------------------


def ms_forms_rows(lang: str = "de") -> list[list[Any]]:
    header = [
        "ID",
        "Startzeit",
        "Fertigstellungszeit",
        "E-Mail",
        "Name",
        "Zeitpunkt der letzten Änderung",
    ]
    header += [f"{GRID[lang]}.{wording('customer_perception', q, lang)}" for q in STATEMENTS]
    header += [
        wording("customer_metrics", "nps_rating", lang),
        wording("customer_metrics", "csat_rating", lang),
    ]
    header += [f"{KONTAKT_TEXT['bereiche'][lang]}.{AREA_LABELS[lang][a]}" for a in AREAS]
    header += [KONTAKT_TEXT["kanaele"][lang], KONTAKT_TEXT["anmerkung"][lang]]
    rows = [header]
    for number, person in enumerate(PEOPLE, start=1):
        started = datetime(2026, 11, 3, 9, number, 12)
        row: list[Any] = [
            number,
            started,
            started.replace(minute=number + 7),
            f"kunde{number}@example.com",
            f"Kundin Müller {number}",
            None,
        ]
        if number == 3:  # submitted without answering anything: Forms has no partial ones
            rows.append(row + [None] * (len(header) - len(row)))
            continue
        row += [agree(person["cp"][q], lang) if q in person["cp"] else None for q in STATEMENTS]
        row += [person["nps"], person["csat"]]  # a rating question gives its number
        row += [
            satisfied(person["areas"][a], lang) if a in person["areas"] else None for a in AREAS
        ]
        row += [
            "".join(CHANNEL_LABELS[lang][c] + ";" for c in person["channels"]),
            person["comment"] or '=HYPERLINK("http://example.com","klick")',
        ]
        rows.append(row)
    return rows


def test_microsoft_forms_xlsx(ws: Path, cc: Run, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "Kundenbefragung(1-3).xlsx", ms_forms_rows(), "Sheet1", formulas=True
    )
    result = imported(cc, ws, path)
    assert "read as a Microsoft Forms export (recognised" in result.stderr
    assert "personal data not imported: 'E-Mail', 'Name'" in result.stderr
    assert "skipped 1 response without any answer" in result.stderr
    assert "imported 2 respondent(s)" in result.stdout
    # the formula a user typed into the exported file is never evaluated: no answer
    assert_stored(ws, "msforms", PEOPLE[:2])
    no_personal_data(ws, "kunde1@example.com", "Kundin Müller", "HYPERLINK")
    stats = customer_stats(cc, ws, "customer_perception", "simp_find_information")
    assert stats["n"] == 2  # points 4 and 2 of 5 (assert_stored); 2 < 3: no mean shown
    assert stats["mean"] is None
    again = imported(cc, ws, path)  # the same export again: nobody twice
    assert "imported 0 respondent(s), skipped 2 already imported" in again.stdout
    assert len(stored(ws)) == 2


# -- Google Forms ---------------------------------------------------------------------------


def google_rows(people: list[dict[str, Any]], lang: str, sheet: bool) -> list[list[Any]]:
    header = [
        "Zeitstempel" if lang == "de" else "Timestamp",
        "E-Mail-Adresse" if lang == "de" else "Email Address",
    ]
    header += [f"{GRID[lang]} [{wording('customer_perception', q, lang)}]" for q in STATEMENTS]
    header += [
        wording("customer_metrics", "nps_rating", lang),
        wording("customer_metrics", "csat_rating", lang),
    ]
    header += [f"{KONTAKT_TEXT['bereiche'][lang]} [{AREA_LABELS[lang][a]}]" for a in AREAS]
    header += [KONTAKT_TEXT["kanaele"][lang], KONTAKT_TEXT["anmerkung"][lang]]
    rows = [header]
    for number, person in enumerate(people, start=1):
        stamp: Any = (
            datetime(2026, 11, 4, 10, number, 5)
            if sheet
            else f"2026/11/04 10:0{number}:05 AM GMT+1"
        )
        row = [stamp, f"kunde{number}@example.com"]
        row += [agree(person["cp"][q], lang) if q in person["cp"] else "" for q in STATEMENTS]
        row += [person["nps"], satisfied(person["csat"], lang) if person["csat"] else ""]
        row += [satisfied(person["areas"][a], lang) if a in person["areas"] else "" for a in AREAS]
        row += [", ".join(CHANNEL_LABELS[lang][c] for c in person["channels"]), person["comment"]]
        rows.append(row)
    return rows


def test_google_forms_csv_download_and_sheet_export(ws: Path, cc: Run, tmp_path: Path) -> None:
    download = write_csv(tmp_path / "Kundenbefragung.csv", google_rows(PEOPLE[:2], "en", False))
    sheet = write_xlsx(
        tmp_path / "Kundenbefragung (Antworten).xlsx",
        google_rows(PEOPLE[2:], "de", True),
        "Formularantworten 1",
    )
    result = imported(cc, ws, download, sheet)
    assert result.stderr.count("read as a Google Forms export (recognised") == 2
    assert "personal data not imported: 'Email Address'" in result.stderr
    assert "personal data not imported: 'E-Mail-Adresse'" in result.stderr
    assert "imported 3 respondent(s) from 2 file(s)" in result.stdout
    assert_stored(ws, "gforms", PEOPLE)
    no_personal_data(ws, "kunde1@example.com", "kunde2@example.com")
    assert customer_stats(cc, ws, "customer_metrics", "nps_rating")["n"] == 3
    assert "skipped 3 already imported" in imported(cc, ws, download, sheet).stdout


# -- LimeSurvey -----------------------------------------------------------------------------

LIME_META = [
    "id",
    "submitdate",
    "lastpage",
    "startlanguage",
    "seed",
    "startdate",
    "datestamp",
    "ipaddr",
    "token",
]


def lime_codes_rows() -> list[list[Any]]:
    """Question-code headings and answer codes (A1 … A5, A6 = weiß nicht)."""
    header = list(LIME_META)
    header += [f"CP[{q.replace('_', '')}]" for q in STATEMENTS]
    header += ["NPS", "csatrating"]
    header += [f"bereiche[{a}]" for a in AREAS]
    header += [f"kanaele[{c}]" for c in CHANNELS] + ["anmerkung", "interviewtime", "CPTime"]

    def code(value: Any) -> str:
        return "" if value is None else "A6" if value == "dont_know" else f"A{value}"

    rows = [header]
    for number, person in enumerate(PEOPLE, start=1):
        done = number != 3
        row: list[Any] = [
            number,
            "2026-11-05 11:20:00" if done else "",
            3 if done else 1,
            "de",
            "123456",
            "2026-11-05 11:15:00",
            "2026-11-05 11:20:00",
            f"192.0.2.{number}",
            f"tok{number}xyz",
        ]
        row += [code(person["cp"].get(q)) for q in STATEMENTS]
        row += [person["nps"] if done else "", code(person["csat"])]
        row += [code(person["areas"].get(a)) for a in AREAS]
        row += ["Y" if c in person["channels"] else "" for c in CHANNELS]
        row += [person["comment"], "312.5", "45.1"]
        rows.append(row)
    return rows


def test_limesurvey_codes_need_a_checked_mapping(ws: Path, cc: Run, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "results-survey123456.csv", lime_codes_rows(), bom=True, quote_all=True
    )
    refused = cc("import", "-w", ws, path)
    assert refused.exit_code == 2
    found = errors(refused.stderr)
    assert (
        f"error: {path}, row 1, column 'NPS': not matched with certainty: no question "
        "matches" in found
    )
    assert (
        f"error: {path}, row 2, column 'CP[simpfindinformation]': answer 'A4' is not "
        "certainly an answer of customer_perception.simp_find_information; best guess 4 (60 %: "
        "answer code, by position); allowed: 1–5 (trifft nicht zu … trifft voll zu); give its "
        "value in a mapping file (--suggest-mapping proposes one)" in found
    )
    assert (
        f"error: {path}, row 3, column 'CP[simpbuy]': answer 'A6' is none of the answers "
        "of customer_perception.simp_buy; allowed: 1–5 (trifft nicht zu … trifft voll zu); "
        "give its value in a mapping file (--suggest-mapping proposes one)" in found
    )
    assert found[-1].endswith(
        "--suggest-mapping > mapping.yaml`, check it, and import with --mapping mapping.yaml"
    )
    assert stored(ws) == {}

    proposal = cc("import", "-w", ws, path, "--suggest-mapping")
    assert proposal.exit_code == 0, proposal.output
    text = proposal.stdout
    assert "tool: limesurvey" in text
    assert '"CP[simpbuy]": "customer_perception.simp_buy"   # sure: same id' in text
    assert '"kanaele[telefon]": "kontakt.kanaele[telefon]"   # sure: same id' in text
    assert '"NPS": null   # unmatched' in text
    assert '"A4": 4   # check (60 %): answer code, by position' in text
    assert '"A6": null   # unmatched: give a value' in text
    assert "# Personal data, never imported: 'ipaddr', 'token'" in text
    assert "# Responses skipped on import (1 incomplete)" in text
    # the consultant checks the proposal and fills in what ccassess could not know
    edited = text.replace('"NPS": null', '"NPS": "customer_metrics.nps_rating"')
    edited = edited.replace('"A6": null', '"A6": dont_know')
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(edited, "utf-8")
    result = imported(cc, ws, path, "--mapping", mapping)
    assert f"with the mapping {mapping}" in result.stderr
    assert "responses skipped: 1 incomplete; --include-incomplete imports them" in result.stderr
    assert "personal data not imported: 'ipaddr', 'token'" in result.stderr
    assert_stored(ws, "limesurvey", PEOPLE[:2])
    no_personal_data(ws, "192.0.2.1", "tok1xyz")


def test_limesurvey_full_text_xlsx(ws: Path, cc: Run, tmp_path: Path) -> None:
    lang = "de"
    header = [
        "Antwort ID",
        "Datum Abgeschickt",
        "Letzte Seite",
        "Start-Sprache",
        "Zufallsstartwert",
        "Datum gestartet",
        "Datum letzte Aktivität",
        "IP-Adresse",
    ]
    header += [f"{GRID[lang]} [{wording('customer_perception', q, lang)}]" for q in STATEMENTS]
    header += [
        wording("customer_metrics", "nps_rating", lang),
        wording("customer_metrics", "csat_rating", lang),
    ]
    header += [f"{KONTAKT_TEXT['bereiche'][lang]} [{AREA_LABELS[lang][a]}]" for a in AREAS]
    header += [f"{KONTAKT_TEXT['kanaele'][lang]} [{CHANNEL_LABELS[lang][c]}]" for c in CHANNELS]
    header += [KONTAKT_TEXT["anmerkung"][lang]]
    rows: list[list[Any]] = [header]
    for number, person in enumerate(PEOPLE, start=1):
        done = number != 3
        row: list[Any] = [
            number,
            datetime(2026, 11, 6, 8, 30) if done else None,
            3 if done else 1,
            "de",
            99,
            datetime(2026, 11, 6, 8, 20),
            datetime(2026, 11, 6, 8, 30),
            f"198.51.100.{number}",
        ]
        row += [agree(person["cp"][q], lang) if q in person["cp"] else None for q in STATEMENTS]
        row += [person["nps"], satisfied(person["csat"], lang) if person["csat"] else None]
        row += [
            satisfied(person["areas"][a], lang) if a in person["areas"] else None for a in AREAS
        ]
        row += ["Ja" if c in person["channels"] else None for c in CHANNELS]
        row += [person["comment"] or None]
        rows.append(row)
    path = write_xlsx(tmp_path / "results-survey99.xlsx", rows, "results")
    result = imported(cc, ws, path)
    assert "read as a LimeSurvey export (recognised; columns matched" in result.stderr
    assert "responses skipped: 1 incomplete" in result.stderr
    assert_stored(ws, "limesurvey", PEOPLE[:2])
    no_personal_data(ws, "198.51.100.1")


# -- SurveyMonkey ---------------------------------------------------------------------------

MONKEY_AGREE = [
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
]


def monkey_rows() -> list[list[Any]]:
    lang = "en"
    top = [
        "Respondent ID",
        "Collector ID",
        "Start Date",
        "End Date",
        "IP Address",
        "Email Address",
        "First Name",
        "Last Name",
        "Custom Data 1",
    ]
    second = [""] * len(top)
    top += [GRID[lang], "", ""]
    second += [wording("customer_perception", q, lang) for q in STATEMENTS]
    top += [
        wording("customer_metrics", "nps_rating", lang),
        wording("customer_metrics", "csat_rating", lang),
    ]
    second += ["Response", "Response"]
    top += [KONTAKT_TEXT["bereiche"][lang], "", ""]
    second += [AREA_LABELS[lang][a] for a in AREAS]
    top += [KONTAKT_TEXT["kanaele"][lang], "", "", "", ""]
    second += [CHANNEL_LABELS[lang][c] for c in CHANNELS] + ["Other (please specify)"]
    top += [KONTAKT_TEXT["anmerkung"][lang]]
    second += ["Open-Ended Response"]
    rows = [top, second]
    for number, person in enumerate(PEOPLE, start=1):
        row: list[Any] = [
            11400000000 + number,
            4200001,
            "11/07/2026 09:00:00 AM",
            "11/07/2026 09:06:00 AM",
            f"203.0.113.{number}",
            f"kunde{number}@example.com",
            "Kim",
            f"Schäfer{number}",
            "VIP",
        ]
        if number == 3:  # left on the first page: no answers at all
            rows.append(row + [""] * (len(top) - len(row)))
            continue
        row += [
            "N/A"
            if person["cp"].get(q) == "dont_know"
            else MONKEY_AGREE[person["cp"][q] - 1]
            if q in person["cp"]
            else ""
            for q in STATEMENTS
        ]
        row += [person["nps"], satisfied(person["csat"], lang).capitalize()]
        row += [
            satisfied(person["areas"][a], lang).capitalize() if a in person["areas"] else ""
            for a in AREAS
        ]
        row += [CHANNEL_LABELS[lang][c] if c in person["channels"] else "" for c in CHANNELS]
        row += ["WhatsApp-Gruppe" if number == 2 else "", person["comment"]]
        rows.append(row)
    return rows


def test_surveymonkey_two_header_rows(ws: Path, cc: Run, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "Sheet_1.csv", monkey_rows())
    refused = cc("import", "-w", ws, path)
    assert refused.exit_code == 2
    assert any(
        "column 'Which channels do you use to contact us? / Other (please specify)': "
        "not matched with certainty" in line
        for line in errors(refused.stderr)
    )
    proposal = cc("import", "-w", ws, path, "--suggest-mapping").stdout
    assert '"Strongly agree": 5   # check (90 %): position 5 of 5 on a common scale' in proposal
    assert '"N/A": dont_know   # check (90 %)' in proposal
    assert '"Very satisfied": 5   # sure' in proposal
    assert (
        '"Which channels do you use to contact us? / Other (please specify)": null   # '
        "unmatched: no question matches (closest: kontakt.kanaele, whose options are other "
        "columns)" in proposal
    )
    mapping = tmp_path / "monkey.yaml"
    mapping.write_text(
        proposal.replace('(please specify)": null', '(please specify)": ignore'), "utf-8"
    )
    result = imported(cc, ws, path, "--mapping", mapping)
    assert "columns ignored as the mapping says: 'Which channels" in result.stderr
    assert (
        "personal data not imported: 'IP Address', 'Email Address', 'First Name', "
        "'Last Name', 'Custom Data 1'" in result.stderr
    )
    assert "skipped 1 response without any answer" in result.stderr
    found = assert_stored(ws, "surveymonkey", PEOPLE[:2])
    assert "surveymonkey-11400000001" in found
    no_personal_data(ws, "203.0.113.1", "Schäfer1", "VIP", "WhatsApp-Gruppe")


# -- Qualtrics ------------------------------------------------------------------------------

QUALTRICS_META = [
    "StartDate",
    "EndDate",
    "Status",
    "IPAddress",
    "Progress",
    "Duration (in seconds)",
    "Finished",
    "RecordedDate",
    "ResponseId",
    "RecipientLastName",
    "RecipientFirstName",
    "RecipientEmail",
    "ExternalReference",
    "LocationLatitude",
    "LocationLongitude",
    "DistributionChannel",
    "UserLanguage",
]
QUALTRICS_TEXTS = [
    "Start Date",
    "End Date",
    "Response Type",
    "IP Address",
    "Progress",
    "Duration (in seconds)",
    "Finished",
    "Recorded Date",
    "Response ID",
    "Recipient Last Name",
    "Recipient First Name",
    "Recipient Email",
    "External Data Reference",
    "Location Latitude",
    "Location Longitude",
    "Distribution Channel",
    "User Language",
]


def qualtrics_rows(numeric: bool, lang: str) -> list[list[Any]]:
    tags = list(QUALTRICS_META)
    texts = list(QUALTRICS_TEXTS)
    tags += [f"Q1_{n}" for n in range(1, 4)]
    texts += [f"{GRID[lang]} - {wording('customer_perception', q, lang)}" for q in STATEMENTS]
    tags += ["Q2", "Q2_NPS_GROUP", "Q3"]
    texts += [wording("customer_metrics", "nps_rating", lang)] * 2
    texts += [wording("customer_metrics", "csat_rating", lang)]
    tags += [f"Q4_{n}" for n in range(1, 4)] + ["Q5", "Q6"]
    texts += [f"{KONTAKT_TEXT['bereiche'][lang]} - {AREA_LABELS[lang][a]}" for a in AREAS]
    texts += [KONTAKT_TEXT["kanaele"][lang], KONTAKT_TEXT["anmerkung"][lang]]
    imports = [json.dumps({"ImportId": tag}) for tag in tags]

    def scale(value: Any, labels: Callable[[Any, str], str]) -> Any:
        if value is None:
            return ""
        if numeric:
            return 6 if value == "dont_know" else value
        return labels(value, lang)

    previewer = {
        "cp": {"simp_find_information": 1, "simp_buy": 1, "svc_quick_response": 1},
        "nps": 0,
        "csat": 1,
        "areas": {"beratung": 1},
        "channels": ["filiale"],
        "comment": "Test der Vorschau",
    }
    rows = [tags, texts, imports]
    for number, person in enumerate([*PEOPLE, previewer], start=1):
        finished = number != 3
        preview = number == 4
        status = (
            (1 if numeric else "Survey Preview") if preview else (0 if numeric else "IP Address")
        )
        row: list[Any] = [
            "2026-11-08 10:00:00",
            "2026-11-08 10:04:00",
            status,
            f"192.0.2.{50 + number}",
            100 if finished else 40,
            240,
            (1 if numeric else "True") if finished else (0 if numeric else "False"),
            "2026-11-08 10:04:01",
            f"R_3kQx{number}AbCdEfGh",
            "Schmidt",
            "Jana",
            "jana.schmidt@example.com",
            "",
            52.52,
            13.40,
            "preview" if preview else "anonymous",
            lang.upper(),
        ]
        row += [scale(person["cp"].get(q), agree) for q in STATEMENTS]
        nps = person["nps"]
        group = (
            ""
            if nps is None or not finished
            else ("Promoter" if nps >= 9 else "Passive" if nps >= 7 else "Detractor")
        )
        row += [nps if nps is not None else "", group, scale(person["csat"], satisfied)]
        row += [scale(person["areas"].get(a), satisfied) for a in AREAS]
        if numeric:
            row += [",".join(str(CHANNELS.index(c) + 1) for c in person["channels"])]
        else:
            row += [",".join(CHANNEL_LABELS[lang][c] for c in person["channels"])]
        row += [person["comment"]]
        rows.append(row)
    return rows


def test_qualtrics_numeric_values(ws: Path, cc: Run, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "Kundenbefragung_November.csv", qualtrics_rows(True, "en"), bom=True
    )
    proposal = cc("import", "-w", ws, path, "--suggest-mapping")
    assert proposal.exit_code == 0, proposal.output
    text = proposal.stdout
    assert '"Q1_1": "customer_perception.simp_find_information"   # check: numeric codes' in text
    assert (
        '"Q4_2": "kontakt.bereiche[lieferung]"   # check: numeric codes of worded answers (see '
        "codes: above); same question and row" in text
    )
    # '6' is 'don't know' in the grids but a score on the NPS question: asked per column
    assert text.count('"6": null   # unmatched: give a value') == 1
    assert '"1": "email"   # check (70 %): option number, by position' in text  # choice 1
    assert "# Personal data, never imported: 'IPAddress', 'RecipientLastName'" in text
    assert "# Responses skipped on import (1 incomplete, 1 preview/test)" in text
    mapping = tmp_path / "qualtrics.yaml"
    # numeric codes of worded scales: which way they run is for a person to confirm
    assert "codes: null   # check: 7 columns hold numeric codes" in text
    checked = text.replace('"6": null', '"6": dont_know')
    mapping.write_text(checked, "utf-8")
    unconfirmed = cc("import", "-w", ws, path, "--mapping", mapping)
    assert unconfirmed.exit_code == 2 and not stored(ws)
    assert (
        "column 'Q1_1': numeric codes ('1', '2', '3', '4') of worded answers" in unconfirmed.stderr
    )
    mapping.write_text(checked.replace("codes: null", "codes: ascending"), "utf-8")
    result = imported(cc, ws, path, "--mapping", mapping)
    assert (
        "responses skipped: 1 incomplete, 1 preview/test; --include-incomplete imports "
        "them" in result.stderr
    )
    found = assert_stored(ws, "qualtrics", PEOPLE[:2])
    assert sorted(found) == ["qualtrics-R_3kQx1AbCdEfGh", "qualtrics-R_3kQx2AbCdEfGh"]
    no_personal_data(ws, "jana.schmidt@example.com", "Schmidt", "52.52", "192.0.2.51")


def test_qualtrics_choice_text_and_include_incomplete(ws: Path, cc: Run, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "export.csv", qualtrics_rows(False, "de"), bom=True)
    result = imported(cc, ws, path)
    assert "read as a Qualtrics export (recognised" in result.stderr
    assert "responses skipped: 1 incomplete, 1 preview/test" in result.stderr
    assert_stored(ws, "qualtrics", PEOPLE[:2])
    more = imported(cc, ws, path, "--include-incomplete")
    assert "imported 2 respondent(s), skipped 2 already imported" in more.stdout
    assert len(stored(ws)) == 4
    assert customer_stats(cc, ws, "customer_perception", "simp_find_information")["n"] == 4


# -- Typeform -------------------------------------------------------------------------------


def test_typeform_csv(ws: Path, cc: Run, tmp_path: Path) -> None:
    lang = "en"
    header = ["#"]
    header += [wording("customer_perception", q, lang) for q in STATEMENTS]
    header += [
        wording("customer_metrics", "nps_rating", lang),
        wording("customer_metrics", "csat_rating", lang),
    ]
    header += [f"{KONTAKT_TEXT['bereiche'][lang]} - {AREA_LABELS[lang][a]}" for a in AREAS]
    header += [CHANNEL_LABELS[lang][c] for c in CHANNELS]  # one column per choice
    header += [
        KONTAKT_TEXT["anmerkung"][lang],
        "Response Type",
        "Start Date (UTC)",
        "Stage Date (UTC)",
        "Submit Date (UTC)",
        "Network ID",
        "Tags",
    ]
    rows: list[list[Any]] = [header]
    for number, person in enumerate(PEOPLE, start=1):
        done = number != 3
        row: list[Any] = [f"x8c1v0q{number}kd9"]
        row += [
            agree(person["cp"][q], lang).capitalize() if q in person["cp"] else ""
            for q in STATEMENTS
        ]
        row += [person["nps"], person["csat"] or ""]
        row += [
            satisfied(person["areas"][a], lang).capitalize() if a in person["areas"] else ""
            for a in AREAS
        ]
        row += [CHANNEL_LABELS[lang][c] if c in person["channels"] else "" for c in CHANNELS]
        row += [
            person["comment"],
            "completed" if done else "partial",
            "2026-11-09 12:00:00",
            "2026-11-09 12:03:00",
            "2026-11-09 12:04:00" if done else "",
            f"4f6a9e{number}c21",
            "",
        ]
        rows.append(row)
    path = write_csv(tmp_path / "responses.csv", rows, crlf=False)
    result = imported(cc, ws, path)
    assert "read as a Typeform export (recognised" in result.stderr
    assert "personal data not imported: 'Network ID'" in result.stderr
    assert "responses skipped: 1 incomplete" in result.stderr
    found = assert_stored(ws, "typeform", PEOPLE[:2])
    assert "typeform-x8c1v0q1kd9" in found
    no_personal_data(ws, "4f6a9e1c21")


# -- KoboToolbox ----------------------------------------------------------------------------

KOBO_META_START = ["start", "end", "deviceid"]
KOBO_META_END = [
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "__version__",
    "_tags",
    "_index",
]


def test_kobotoolbox_label_headers(ws: Path, cc: Run, tmp_path: Path) -> None:
    """A form built by hand in Kobo, exported with German labels, groups and ';'."""
    lang = "de"
    grid, areas = GRID[lang], KONTAKT_TEXT["bereiche"][lang]
    channels = KONTAKT_TEXT["kanaele"][lang]
    header = list(KOBO_META_START)
    header += [f"{grid}/{wording('customer_perception', q, lang)}" for q in STATEMENTS]
    header += [
        wording("customer_metrics", "nps_rating", lang),
        wording("customer_metrics", "csat_rating", lang),
    ]
    header += [f"{areas}/{AREA_LABELS[lang][a]}" for a in AREAS]
    header += [channels] + [f"{channels}/{CHANNEL_LABELS[lang][c]}" for c in CHANNELS]
    header += [KONTAKT_TEXT["anmerkung"][lang], *KOBO_META_END]
    rows: list[list[Any]] = [header]
    for number, person in enumerate(PEOPLE, start=1):
        row: list[Any] = [
            "2026-11-10T09:00:00.000+01:00",
            "2026-11-10T09:05:00.000+01:00",
            f"ee.kobotoolbox.org:{number}AbC",
        ]
        row += [agree(person["cp"][q], lang) if q in person["cp"] else "" for q in STATEMENTS]
        row += [person["nps"], satisfied(person["csat"], lang) if person["csat"] else ""]
        row += [satisfied(person["areas"][a], lang) if a in person["areas"] else "" for a in AREAS]
        row += [" ".join(CHANNEL_LABELS[lang][c] for c in person["channels"])]
        row += [1 if c in person["channels"] else 0 for c in CHANNELS]
        rejected = number == 3
        row += [
            person["comment"],
            3000 + number,
            f"b1e4c7d2-0000-4000-8000-00000000000{number}",
            "2026-11-10T08:05:00",
            "validation_status_not_approved" if rejected else "",
            "",
            "submitted_via_web",
            "interviewer1",
            "vGdmr3",
            "",
            number,
        ]
        rows.append(row)
    path = write_csv(
        tmp_path / "Kundenbefragung_-_all_versions_-_labels.csv",
        rows,
        delimiter=";",
        quote_all=True,
    )
    result = imported(cc, ws, path)
    assert "read as a KoboToolbox export (recognised" in result.stderr
    assert "personal data not imported: 'deviceid', '_submitted_by'" in result.stderr
    assert "responses skipped: 1 not approved" in result.stderr
    found = assert_stored(ws, "kobo", PEOPLE[:2])
    assert "kobo-b1e4c7d2-0000-4000-8000-000000000001" in found
    no_personal_data(ws, "interviewer1", "kobotoolbox.org:1AbC")


def test_every_tool_is_recognised_by_its_header(tmp_path: Path) -> None:
    """Detection only: each layout, as CSV or XLSX, is claimed by its tool, with more
    certainty than the core's readers and the catch-all for unknown tools."""
    from ccassess_survey_tools import survey_tools

    from ccassess.plugin.core import core_importers

    tools = {tool.name: tool for tool in survey_tools()}
    tools.update({importer.name: importer for importer in core_importers()})
    files = [
        ("ms_forms", write_xlsx(tmp_path / "forms.xlsx", ms_forms_rows())),
        ("google_forms", write_csv(tmp_path / "google.csv", google_rows(PEOPLE, "de", False))),
        ("google_forms", write_xlsx(tmp_path / "g.xlsx", google_rows(PEOPLE, "en", True))),
        ("limesurvey", write_csv(tmp_path / "lime.csv", lime_codes_rows(), bom=True)),
        ("limesurvey", write_xlsx(tmp_path / "lime.xlsx", lime_codes_rows())),
        ("surveymonkey", write_csv(tmp_path / "monkey.csv", monkey_rows())),
        ("surveymonkey", write_xlsx(tmp_path / "monkey.xlsx", monkey_rows())),
        ("qualtrics", write_csv(tmp_path / "qualtrics.csv", qualtrics_rows(True, "en"), bom=True)),
        ("generic", write_csv(tmp_path / "other.csv", [["CASE", "A101"], ["1", "4"]])),
        ("csv", write_csv(tmp_path / "table.csv", [["id", "perspective"], ["P1", "customer"]])),
    ]
    for name, path in files:
        claims = {
            tool: certainty
            for tool, importer in tools.items()
            if (certainty := importer.detect(path)) > 0
        }
        assert max(claims, key=claims.__getitem__) == name, (path.name, claims)
