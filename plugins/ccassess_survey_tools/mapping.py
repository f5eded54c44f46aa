"""Mapping files: which question each column of an export answers, and what its answers mean.

A mapping is YAML a consultant reads and edits (`ccassess import FILE --suggest-mapping`
proposes one); it is read strictly (`ccassess.io.structured`), and every problem names its
line:

    tool: qualtrics                     # optional: the export's tool
    perspective: customer               # optional: internal or customer
    codes: descending                   # numeric codes of worded answers: 1 = the top one
    columns:
      "Q1": "customer_metrics.csat_rating"
      "Q2_1": "customer_perception.simp_buy"
      "Q5_2": "kontakt.kanaele[telefon]"      # one option of a multiple choice
      "Abteilung": department                 # a respondent detail
      "Q9": ignore
      "Q3":
        question: "customer_metrics.ces_rating"
        answers: {"Agree": 6}                  # only for this column
    answers:                                   # for every column
      "Strongly agree": 5
      "Weiß nicht": dont_know
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ccassess import DONT_KNOW, Location, Problems
from ccassess.readers import line_of, read_structured
from ccassess_survey_tools.i18n import _
from ccassess_survey_tools.question_index import FIELDS, QuestionIndex, Target
from ccassess_survey_tools.words import normal

IGNORE = "ignore"
#: Which way numeric codes of a worded scale run (`ccassess_survey_tools.codes`).
DIRECTIONS = ("ascending", "descending")
_TARGET = re.compile(r"^(?P<module>[^.\[\]\s]+)\.(?P<question>[^.\[\]\s]+)(?:\[(?P<part>.+)\])?$")
TOP_KEYS = ("tool", "perspective", "codes", "columns", "answers")
COLUMN_KEYS = ("question", "answers", "codes")


@dataclass
class ColumnRule:
    """One column of a mapping: its target (None: ignore) and answers only it uses."""

    key: str
    target: Target | None
    answers: dict[str, Any] = field(default_factory=dict)
    line: int | None = None
    #: Which way the column's numeric codes run ("ascending", "descending"; see `codes`).
    codes: str | None = None


@dataclass
class MappingFile:
    file: str
    tool: str | None = None
    perspective: str | None = None
    codes: str | None = None
    columns: dict[str, ColumnRule] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)
    line: int | None = None

    def rule(self, key: str) -> ColumnRule | None:
        """The rule for a column heading (exactly, or ignoring case, spacing, quotes)."""
        if key in self.columns:
            return self.columns[key]
        wanted = normal(key)
        return next((rule for name, rule in self.columns.items() if normal(name) == wanted), None)


def parse_target(text: str, index: QuestionIndex) -> tuple[Target | None, str | None]:
    """A target written as text, or None and what is wrong with it."""
    value = text.strip()
    if value in FIELDS:
        return Target(field=value), None
    match = _TARGET.match(value)
    if not match:
        return None, _(
            "{value} is not a target; write module.question, module.question[row or option], "
            "department, role, perspective, id or ignore"
        ).format(value=repr(value))
    module_id, question_id, part = match["module"], match["question"], match["part"]
    module = index.modules.get(module_id)
    if module is None:
        known = ", ".join(sorted(index.modules)) or _("none")
        return None, _("unknown module {module}; modules of this assessment: {known}").format(
            module=repr(module_id), known=known
        )
    question = module.question(question_id)
    if question is None:
        return None, _("unknown question {question} in module {module}").format(
            question=repr(question_id), module=repr(module_id)
        )
    if (module_id, question_id) not in index.questions:
        return None, _(
            "{question} is a {type} question, which survey tools cannot ask in columns; use "
            "`ccassess sheet` for it"
        ).format(question=f"{module_id}.{question_id}", type=question.type)
    parts = index.parts.get((module_id, question_id), [])
    if part is not None:
        found = index.part((module_id, question_id), part, by_code=True) or index.part(
            (module_id, question_id), part
        )
        if found is None:
            names = ", ".join(p.id for p in parts) or _("none")
            return None, _("{question} has no row, part or option {part}; it has: {names}").format(
                question=f"{module_id}.{question_id}", part=repr(part), names=names
            )
        return Target(module_id, question_id, found), None
    if parts and not index.type_of(question).multiple:
        names = ", ".join(p.id for p in parts)
        return None, _(
            "{question} is a {type} question: name the row or part in brackets, e.g. {example} "
            "(it has: {names})"
        ).format(
            question=f"{module_id}.{question_id}",
            type=question.type,
            example=f"{module_id}.{question_id}[{parts[0].id}]",
            names=names,
        )
    return Target(module_id, question_id), None


def _answer_value(value: Any) -> Any:
    if isinstance(value, str) and value.strip().casefold() in (
        "dont_know",
        "don't know",
        "weiß nicht",
    ):
        return DONT_KNOW
    return value


def _answers(data: Any, file: str, problems: Problems, where: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if data is None:
        return found
    if not isinstance(data, Mapping):
        problems.error(
            Location(file, getattr(data, "line", None)),
            _("{where}: expected answer: value lines").format(where=where),
        )
        return found
    for label, value in data.items():
        line = line_of(data, label)
        if value is None:
            problems.error(
                Location(file, line),
                _(
                    "{where}: the answer {answer} has no value; give a scale point, an option "
                    "id or dont_know, or delete the line"
                ).format(where=where, answer=repr(str(label))),
            )
            continue
        if isinstance(value, Mapping | list):
            problems.error(
                Location(file, line),
                _("{where}: the value of {answer} must be a number or a word").format(
                    where=where, answer=repr(str(label))
                ),
            )
            continue
        found[normal(label)] = _answer_value(value)
    return found


def read_mapping(
    path: Path, index: QuestionIndex, problems: Problems, partial: bool = False
) -> MappingFile:
    """Read and check a mapping file; problems (with lines) go to `problems`. A `partial`
    mapping (one a proposal refines) may lack its columns."""
    file = str(path)
    data = read_structured(path)
    mapping = MappingFile(file)
    if not isinstance(data, Mapping):
        problems.error(
            Location(file, 1),
            _("a mapping file is YAML with 'columns:' (and optionally tool, perspective, answers)"),
        )
        return mapping
    mapping.line = getattr(data, "line", None)
    for key in data:
        if key not in TOP_KEYS:
            problems.error(
                Location(file, line_of(data, key)),
                _("unknown key {key}; a mapping has {keys}").format(
                    key=repr(key), keys=", ".join(TOP_KEYS)
                ),
            )
    tool = data.get("tool")
    if tool is not None:
        mapping.tool = str(tool).strip()
    perspective = data.get("perspective")
    if perspective is not None:
        if perspective not in ("internal", "customer", "key_figures"):
            problems.error(
                Location(file, line_of(data, "perspective")),
                _("perspective {value}: write internal, customer or key_figures").format(
                    value=repr(perspective)
                ),
            )
        else:
            mapping.perspective = str(perspective)
    mapping.codes = _codes(data, "codes", file, problems)
    mapping.answers = _answers(data.get("answers"), file, problems, "answers")
    columns = data.get("columns")
    if columns is None and partial:
        return mapping
    if not isinstance(columns, Mapping):
        problems.error(
            Location(file, line_of(data, "columns") or 1),
            _("'columns:' is missing or not a list of 'heading: target' lines"),
        )
        return mapping
    for key, spec in columns.items():
        line = line_of(columns, key)
        heading = str(key)
        answers: dict[str, Any] = {}
        codes = None
        if isinstance(spec, Mapping):
            unknown = [k for k in spec if k not in COLUMN_KEYS]
            for name in unknown:
                problems.error(
                    Location(file, line_of(spec, name)),
                    _("column {heading}: unknown key {key}; use {keys}").format(
                        heading=repr(heading), key=repr(name), keys=", ".join(COLUMN_KEYS)
                    ),
                )
            answers = _answers(
                spec.get("answers"),
                file,
                problems,
                _("column {heading}").format(heading=repr(heading)),
            )
            codes = _codes(spec, "codes", file, problems)
            line = line_of(spec, "question") or line
            spec = spec.get("question")
        if spec is None:
            problems.error(
                Location(file, line),
                _(
                    "column {heading} has no target; write a question (module.question), a "
                    "respondent detail or ignore"
                ).format(heading=repr(heading)),
            )
            continue
        if not isinstance(spec, str):
            problems.error(
                Location(file, line),
                _(
                    "column {heading}: the target must be text such as module.question or ignore"
                ).format(heading=repr(heading)),
            )
            continue
        if spec.strip() == IGNORE:
            mapping.columns[heading] = ColumnRule(heading, None, answers, line, codes)
            continue
        target, message = parse_target(spec, index)
        if target is None:
            problems.error(
                Location(file, line),
                _("column {heading}: {problem}").format(heading=repr(heading), problem=message),
            )
            continue
        mapping.columns[heading] = ColumnRule(heading, target, answers, line, codes)
    return mapping


def _codes(data: Mapping[str, Any], key: str, file: str, problems: Problems) -> str | None:
    """'ascending' or 'descending' (see `ccassess_survey_tools.codes`); None when not given."""
    value = data.get(key)
    if value is None:
        return None
    if value not in DIRECTIONS:
        problems.error(
            Location(file, line_of(data, key)),
            _(
                "codes: {value}: write ascending (code 1 is the scale's lowest point) or "
                "descending (code 1 is its highest point)"
            ).format(value=repr(value)),
        )
        return None
    return str(value)


# -- writing a proposal ---------------------------------------------------------------------


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def comment(text: str, limit: int = 90) -> str:
    """Text fit for a one-line YAML comment."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if value == DONT_KNOW:
        return DONT_KNOW
    return quoted(str(value))
