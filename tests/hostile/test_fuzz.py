"""Property-based tests: arbitrary input never raises anything but ccassess's own errors, and
the scoring engine keeps its invariants."""

from __future__ import annotations

import json
import random
from contextlib import suppress
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ccassess.actions.load_plugins import load_registry
from ccassess.definitions.loading import build_module
from ccassess.errors import CcassessError, Problems, ValidationError
from ccassess.importers.response_files import ResponseValidator, raw_respondents
from ccassess.io.checker import Checker
from ccassess.io.structured import parse_json, parse_yaml
from ccassess.model import DONT_KNOW
from ccassess.model.settings import AssessmentSettings
from ccassess.testing import Kit

REGISTRY = load_registry()
LEADERSHIP = REGISTRY.modules["leadership"]
LIKERT_IDS = [q.id for _, q in LEADERSHIP.questions() if q.type == "likert"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
)
plain_data = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.text(max_size=12), children, max_size=6),
    ),
    max_leaves=40,
)
yaml_keys = st.sampled_from(
    [
        "id",
        "version",
        "title",
        "dimensions",
        "questions",
        "type",
        "text",
        "source",
        "scale",
        "weight",
        "levels",
        "de",
        "en",
        "perspective",
        "reverse",
        "findings",
        "when",
        "rows",
        "options",
    ]
)
module_like = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(yaml_keys, children, max_size=6),
    ),
    max_leaves=60,
)


@given(st.text(max_size=400))
def test_yaml_reader_raises_only_validation_errors(text: str) -> None:
    with suppress(ValidationError):
        parse_yaml(text, "fuzz.yaml")


@given(st.text(max_size=300))
def test_json_reader_raises_only_validation_errors(text: str) -> None:
    with suppress(ValidationError):
        parse_json(text, "fuzz.json")


@given(module_like)
def test_module_loader_raises_only_validation_errors(data: Any) -> None:
    try:
        text = yaml.safe_dump(data, allow_unicode=True)
    except yaml.YAMLError:
        return
    with suppress(ValidationError):
        build_module(parse_yaml(text, "fuzz.yaml"), REGISTRY.question_types, file="fuzz.yaml")


@given(plain_data)
def test_response_validator_raises_only_its_own_errors(data: Any) -> None:
    problems = Problems()
    check = Checker("fuzz.json", problems)
    validator = ResponseValidator(
        REGISTRY.modules, REGISTRY.question_types, AssessmentSettings(), problems, REGISTRY.plugins
    )
    wrapped = {"respondents": [data]} if not isinstance(data, dict) else {"respondent": data}
    for raw, path in raw_respondents(json.loads(json.dumps(wrapped, default=str)), check):
        validator.respondent(raw, path, check)
    with suppress(CcassessError):
        problems.raise_if_errors()


answers = st.dictionaries(
    st.sampled_from(LIKERT_IDS), st.one_of(st.integers(1, 5), st.just(DONT_KNOW)), min_size=1
)
respondent_sets = st.lists(
    st.tuples(st.sampled_from(["internal", "customer"]), answers), min_size=1, max_size=12
)


def build(kit: Kit, people: list[tuple[str, dict]]) -> list:
    built = []
    for perspective, given_answers in people:
        own = {
            q: v for q, v in given_answers.items() if LEADERSHIP.question(q).asked_of(perspective)
        }
        built.append(kit.respondent(perspective, {"leadership": own}))
    return built


def all_scores(result: Any) -> list[float]:
    scores = [result.score] if result.score is not None else []
    for module in result.modules:
        scores += [s for s in [module.score] if s is not None]
        for dimension in module.dimensions:
            scores += [s for s in [dimension.score] if s is not None]
            scores += [q.score for q in dimension.questions if q.score is not None]
    return scores


KIT = Kit(REGISTRY)


@given(respondent_sets, st.randoms(use_true_random=False))
def test_scores_stay_in_range_and_ignore_order(people: list, rng: random.Random) -> None:
    respondents = build(KIT, people)
    first = KIT.score(respondents)
    assert all(0.0 <= s <= 100.0 for s in all_scores(first))
    shuffled = respondents[:]
    rng.shuffle(shuffled)
    second = KIT.score(shuffled)
    for a, b in zip(all_scores(first), all_scores(second), strict=True):
        assert abs(a - b) < 1e-9


@given(respondent_sets, st.sampled_from(LIKERT_IDS))
def test_dont_know_changes_coverage_only(people: list, question_id: str) -> None:
    respondents = build(KIT, people)
    before = KIT.score(respondents)
    target = respondents[0]
    question = LEADERSHIP.question(question_id)
    if question_id in target.answers["leadership"] or not question.asked_of(target.perspective):
        return
    target.answers["leadership"][question_id] = DONT_KNOW
    after = KIT.score(respondents)
    for a, b in zip(all_scores(before), all_scores(after), strict=True):
        assert abs(a - b) < 1e-9
    assert after.coverage.dont_know == before.coverage.dont_know + 1
    assert after.coverage.answered == before.coverage.answered


# -- the CSV and XLSX response loaders ------------------------------------------------------

import csv  # noqa: E402
import io  # noqa: E402
import tempfile  # noqa: E402
import warnings  # noqa: E402
from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402

from ccassess.forms.answer_sheet import SheetRequest, build_workbook  # noqa: E402
from ccassess.forms.sheet_layout import META_COLUMNS, SHEET_COLUMNS, answer_columns  # noqa: E402
from ccassess.importers.base import ImportContext  # noqa: E402
from ccassess.importers.batch import read_batch  # noqa: E402
from ccassess.importers.csv_sheet import CsvImporter  # noqa: E402
from ccassess.importers.xlsx_sheet import XlsxImporter  # noqa: E402

SHEET_MODULES = [REGISTRY.modules[m] for m in ("leadership", "silo_check", "customer_or_reporting")]
SHEET_SETTINGS = AssessmentSettings(departments=("Vertrieb", "Marketing"))
CONTEXT_MODULES = {m.id: m for m in SHEET_MODULES}
SCRATCH = Path(tempfile.mkdtemp(prefix="ccassess-fuzz-"))

#: Cell texts near what people type, and what attackers type.
typed = st.sampled_from(
    [
        "",
        " ",
        "1",
        "3",
        "5",
        "6",
        "0",
        "-1",
        "2.5",
        "1e309",
        "nan",
        "inf",
        "-0",
        "weiß nicht",
        "dont_know",
        "don't know",
        "ja",
        "nein",
        "yes",
        "partly",
        "=1+1",
        "'=1+1",
        "@SUM(A1)",
        "+49 30",
        "internal",
        "customer",
        "Kunde",
        "Vertrieb",
        "Marketing",
        "Vertrieb;4",
        '[{"activity": "A", "share": 30, "category": "reporting"}]',
        "[1, 2",
        "{}",
        "A; 30; reporting",
        "A; x; y; z",
        "\ufeff",
        "\x00",
        "\r\n",
        "\u202e",
        "x" * 300,
    ]
)
cell_texts = st.one_of(typed, st.text(max_size=40))
column_names = st.one_of(
    st.sampled_from(
        [
            *META_COLUMNS,
            *(
                name
                for module in SHEET_MODULES
                for name, _, _ in answer_columns(
                    module, REGISTRY.question_types, ("Vertrieb", "Marketing")
                )
            ),
        ]
    ),
    st.text(max_size=20),
)
sheet_sections = st.sampled_from(
    ["respondent", "leadership", "silo_check", "customer_or_reporting", "unknown", ""]
)
sheet_ids = st.sampled_from(
    [
        "id",
        "perspective",
        "department",
        "role",
        "name",
        "lead_visible",
        "understanding_matrix",
        "activities",
        "nope",
        "",
    ]
)


@st.composite
def csv_files(draw: Any) -> bytes:
    if draw(st.booleans()):  # the table layout: one respondent per row
        header = draw(st.lists(column_names, min_size=1, max_size=8))
        rows = draw(st.lists(st.lists(cell_texts, max_size=len(header) + 2), max_size=5))
    else:  # the answer-sheet layout: one answer per row
        header = list(SHEET_COLUMNS)
        cells = [sheet_sections, sheet_ids, cell_texts, cell_texts, cell_texts, cell_texts]
        rows = draw(st.lists(st.tuples(*cells).map(list), max_size=8))
    buffer = io.StringIO()
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    csv.writer(buffer, delimiter=delimiter).writerows([header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    return buffer.getvalue().encode(encoding, errors="replace")


def load(path: Path, importer: Any) -> None:
    """Read and validate like `ccassess import`; only ccassess's own errors may come out, and
    no warning (it would be printed beside ccassess's one-line messages)."""
    context = ImportContext(CONTEXT_MODULES, REGISTRY.question_types, SHEET_SETTINGS)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        batch = read_batch([path], [importer], context, REGISTRY.plugins)
    with suppress(CcassessError):
        batch.problems.raise_if_errors()


@given(st.one_of(csv_files(), st.binary(max_size=300)))
def test_csv_loader_raises_only_ccassess_errors(data: bytes) -> None:
    path = SCRATCH / "fuzz.csv"
    path.write_bytes(data)
    with suppress(CcassessError):
        load(path, CsvImporter())


BLANK_WORKBOOK = io.BytesIO()
build_workbook(SheetRequest(SHEET_MODULES, REGISTRY.question_types, SHEET_SETTINGS)).save(
    BLANK_WORKBOOK
)
cell_values = st.one_of(
    cell_texts,
    st.integers(-10, 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 1, 1)),
    st.sampled_from(["=1/0", "=A1", '=HYPERLINK("http://127.0.0.1:9/x")', "=[1]S!A1"]),
)
workbook_edits = st.lists(
    st.one_of(
        st.tuples(
            st.just("cell"), st.integers(0, 5), st.integers(1, 40), st.integers(1, 8), cell_values
        ),
        st.tuples(st.just("merge"), st.integers(0, 5), st.integers(1, 40), st.integers(1, 8)),
        st.tuples(st.just("hide"), st.integers(0, 5)),
        st.tuples(st.just("rename"), st.integers(0, 5), st.text(min_size=1, max_size=12)),
        st.tuples(st.just("delete_rows"), st.integers(0, 5), st.integers(1, 40)),
    ),
    max_size=12,
)


#: Each workbook costs a write and a read: a third of the profile's examples.
XLSX_EXAMPLES = max(10, settings().max_examples // 3)


@settings(max_examples=XLSX_EXAMPLES)
@given(workbook_edits)
def test_xlsx_loader_raises_only_ccassess_errors(edits: list) -> None:
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell

    BLANK_WORKBOOK.seek(0)
    workbook = openpyxl.load_workbook(BLANK_WORKBOOK)
    sheets = workbook.worksheets
    for kind, index, *rest in edits:
        sheet = sheets[index % len(sheets)]
        if kind == "cell":
            row, column, value = rest
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = sheet.cell(row=row, column=column)
            if isinstance(cell, MergedCell):  # covered by an earlier merge: cannot be written
                continue
            cell.value = value
        elif kind == "merge":
            row, column = rest
            sheet.merge_cells(
                start_row=row, start_column=column, end_row=row + 1, end_column=column
            )
        elif kind == "hide":
            sheet.sheet_state = (
                "hidden" if sum(s.sheet_state == "visible" for s in sheets) > 1 else "visible"
            )
        elif kind == "rename":
            with suppress(ValueError):  # openpyxl refuses some titles
                sheet.title = rest[0]
        else:
            sheet.delete_rows(rest[0])
    path = SCRATCH / "fuzz.xlsx"
    try:
        workbook.save(path)
    except (ValueError, TypeError):  # what openpyxl cannot write, nobody can send us
        return
    with suppress(CcassessError):
        load(path, XlsxImporter())
