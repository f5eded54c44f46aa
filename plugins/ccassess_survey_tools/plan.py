"""How an export's columns become answers: the plan that `convert` imports with and `proposal`
writes out as a mapping file.

Each answer column gets a target (a question, a part of one, or a respondent field) from the
mapping file or by automatic matching (`matching`), with the reason and, for automatic
matches, any doubt. Two columns for one answer are reduced to one, and the respondents'
perspective is decided from the questions the export answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ccassess import ImportContext, Location, Problems, Question
from ccassess_survey_tools.answer_matching import AnswerMatcher, Value, choice_parts, plain_number
from ccassess_survey_tools.codes import both_ways, coded_values, decoded, numeric_codes
from ccassess_survey_tools.column_matching import Match, match_column
from ccassess_survey_tools.export import Column, Export
from ccassess_survey_tools.i18n import N_, _
from ccassess_survey_tools.mapping import (
    DIRECTIONS,
    ColumnRule,
    MappingFile,
    quoted,
    read_mapping,
)
from ccassess_survey_tools.question_index import GUESS, QuestionIndex, Target
from ccassess_survey_tools.words import listing, normal, percent, without_numbering

#: Why an answer has its value when a mapping file gives it (translated where it is made).
MAPPING = N_("the mapping")


def guessed(reason: str, target: object, confidence: float) -> str:
    """The doubt of an automatic match that is not sure: why, what and how sure."""
    return _("{reason}: {target}, {confidence}").format(
        reason=reason, target=target, confidence=percent(confidence)
    )


@dataclass
class ColumnPlan:
    """What happens to one answer column: its target (None: ignored) and why."""

    column: Column
    target: Target | None
    match: Match | None = None
    rule: ColumnRule | None = None
    #: Set when the column is left out on purpose (another column holds the same answers).
    ignored_because: str | None = None
    #: Why the column is not certain (automatic matching only).
    doubt: str | None = None
    #: Numeric codes of a worded scale: which way they run ("ascending", "descending"), or
    #: "unknown" until a mapping says (`codes`).
    codes: str | None = None
    #: The answers those codes count through (`codes.coded_values`).
    values: list[tuple[Any, str]] | None = None


@dataclass
class Plan:
    export: Export
    context: ImportContext
    index: QuestionIndex
    matcher: AnswerMatcher
    mapping: MappingFile | None = None
    columns: list[ColumnPlan] = field(default_factory=list)
    perspective: str = "customer"
    perspective_reason: str = ""
    problems: Problems = field(default_factory=Problems)
    #: Columns of the mapping that are not in the export (a proposal that refines it).
    unused: list[str] = field(default_factory=list)
    _values: dict[tuple[int, str], Value] = field(default_factory=dict)
    _siblings: dict[int, list[str]] = field(default_factory=dict)

    @property
    def file(self) -> str:
        return self.export.file

    def question(self, plan: ColumnPlan) -> Question | None:
        return self.index.question(plan.target) if plan.target else None

    def automatic(self, plan: ColumnPlan, raw: str) -> Value:
        """The automatic match of an answer (cached per column and text)."""
        key = (plan.column.index, raw)
        if key not in self._values:
            assert plan.target is not None
            self._values[key] = self.matcher.match(
                plan.target,
                raw,
                self._siblings.get(plan.column.index, ()),
                self.export.tool.multi_separator,
            )
        return self._values[key]

    def resolve(self, plan: ColumnPlan, raw: str) -> Value:
        """An answer's value: the mapping's answers first, then a certain automatic match."""
        assert plan.target is not None
        question = self.question(plan)
        qtype = self.index.type_of(question) if question is not None else None
        if question is not None and qtype is not None and qtype.entry == "text":
            return Value(raw, 1.0, _("text"))
        if (
            question is not None
            and qtype is not None
            and qtype.multiple
            and plan.target.part is None
        ):
            return self._choices(plan, question, raw)
        mapped = self.mapped(plan, raw)
        if mapped is not None:
            return mapped
        if plan.codes is not None and plain_number(raw):
            if plan.codes in DIRECTIONS and plan.values:
                return decoded(plan.values, raw, plan.codes)
            return Value(None, 0.0, _("a numeric code whose direction is not confirmed"))
        return self.automatic(plan, raw)

    def mapped(self, plan: ColumnPlan, raw: str) -> Value | None:
        key = normal(raw)
        for answers in (
            plan.rule.answers if plan.rule else {},
            self.mapping.answers if self.mapping else {},
        ):
            if key in answers:
                return Value(answers[key], 1.0, _(MAPPING))
        return None

    def _choices(self, plan: ColumnPlan, question: Question, raw: str) -> Value:
        """A multi-select cell: the mapping's answers for its choices, else automatic."""
        assert plan.target is not None
        parts = choice_parts(
            raw,
            self.export.tool.multi_separator,
            question,
            lambda part: self.mapped(plan, part) is not None,
        )
        if self.mapping is None or not any(self.mapped(plan, part) for part in parts):
            return self.automatic(plan, raw)
        found = []
        for part in parts:
            value = self.mapped(plan, part) or self.matcher.match(plan.target, part)
            if isinstance(value.value, list) and len(value.value) == 1:
                value = Value(value.value[0], value.confidence, value.reason)
            if not value.sure:
                return self.automatic(plan, raw)
            found.append(value.value)
        return Value(list(dict.fromkeys(found)), 1.0, _(MAPPING))


def _index(context: ImportContext) -> QuestionIndex:
    return QuestionIndex(context.modules, context.question_types, context.settings.departments)


def make_plan(export: Export, context: ImportContext, *, suggest: bool = False) -> Plan:
    index = _index(context)
    plan = Plan(export, context, index, AnswerMatcher(index))
    if export.table.encoding_note:
        context.note(export.table.encoding_note)
    mapping_file = context.options.get("mapping")
    if mapping_file:  # a proposal refines the mapping: what it lacks is matched
        _from_mapping(plan, Path(mapping_file), refine=suggest)
    else:
        _automatic(plan)
    _one_column_per_target(plan)
    _codes(plan, suggest)
    _siblings(plan)
    _perspective(plan)
    return plan


def _codes(plan: Plan, suggest: bool) -> None:
    """Columns of numeric codes of worded answers: their direction from the mapping, else
    they are uncertain (without a mapping) or an error naming the mapping's line."""
    tool = plan.export.tool
    for entry in plan.columns:
        question = plan.question(entry)
        if entry.target is None or question is None:
            continue
        values = coded_values(plan.index.type_of(question), question)
        if values is None or not numeric_codes(tool.coded_numbers, values, entry.column.values):
            continue
        entry.values = values
        rule = entry.rule
        direction = (rule.codes if rule else None) or (plan.mapping.codes if plan.mapping else None)
        entry.codes = direction or "unknown"
        if direction is not None:
            continue
        numbers = [v for v in entry.column.values if plain_number(v)]
        if rule is not None and all(plan.mapped(entry, v) is not None for v in numbers):
            entry.codes = None  # every number has its own answers line
            continue
        why = _(
            "numeric codes ({codes}) of worded answers; check which way they run: {tool} "
            "numbers the choices as the survey lists them, so 1 may be either end; confirm in a "
            "mapping with codes: {ways}"
        ).format(codes=listing(numbers, 4), tool=tool.shown_title, ways=both_ways(values))
        if rule is None:
            entry.doubt = entry.doubt or why
        elif not suggest:
            plan.problems.error(
                Location(plan.mapping.file if plan.mapping else plan.file, rule.line),
                _("column {heading}: {problem} (for all columns, or under this one)").format(
                    heading=repr(entry.column.key), problem=why
                ),
            )


def _from_mapping(plan: Plan, path: Path, refine: bool = False) -> None:
    export = plan.export
    mapping = plan.mapping = read_mapping(path, plan.index, plan.problems, partial=refine)
    tool = export.tool
    if mapping.tool and normal(mapping.tool) != normal(tool.name) and tool.name != "generic":
        plan.problems.error(
            Location(mapping.file, mapping.line),
            _("the mapping is for {mapped} exports, but {file} is a {tool} export").format(
                mapped=mapping.tool, file=export.file, tool=tool.shown_title
            ),
        )
    used: set[str] = set()
    for column in export.columns:
        rule = mapping.rule(column.key)
        if rule is not None:
            used.add(rule.key)
        if column.role == "personal":
            if rule is not None and rule.target is not None:
                plan.problems.error(
                    Location(mapping.file, rule.line),
                    _(
                        "column {heading} holds personal data, which ccassess does not import"
                    ).format(heading=repr(column.key)),
                )
            continue
        if rule is None:
            if column.role == "answer" and refine:
                plan.columns.append(_automatic_entry(plan, column))
            elif column.role == "answer":
                plan.problems.error(
                    export.at(None, column),
                    _(
                        "the column is not in the mapping {file}; map it to a question or write "
                        "{line}"
                    ).format(file=mapping.file, line=f"{quoted(column.key)}: ignore"),
                )
            continue
        plan.columns.append(ColumnPlan(column, rule.target, rule=rule))
    for key, rule in mapping.columns.items():
        if key in used:
            continue
        if refine:
            plan.unused.append(key)
        else:
            plan.problems.error(
                Location(mapping.file, rule.line),
                _("there is no column {heading} in {file}").format(
                    heading=repr(key), file=export.file
                ),
            )


def _automatic(plan: Plan) -> None:
    for column in plan.export.columns:
        if column.role == "answer":
            plan.columns.append(_automatic_entry(plan, column))


def _automatic_entry(plan: Plan, column: Column) -> ColumnPlan:
    match = match_column(column, plan.index)
    target = match.target if match.target is not None and match.confidence >= GUESS else None
    entry = ColumnPlan(column, target, match)
    if target is None:
        best = match.alternatives[0] if match.alternatives else None
        closest = (match.target, match.confidence) if match.target is not None else best
        if closest:
            entry.doubt = _("no question matches (closest: {target}, {confidence})").format(
                target=closest[0], confidence=percent(closest[1])
            )
        else:
            entry.doubt = _("no question matches")
    elif not match.sure:
        entry.doubt = guessed(match.reason, target, match.confidence)
    return entry


def _one_column_per_target(plan: Plan) -> None:
    """Two columns for one answer: a multi-select whole and per option (KoboToolbox), or two
    columns matched to the same question."""
    whole = {
        p.target.key: p
        for p in plan.columns
        if p.target and p.target.part is None and plan.index.multiple(p.target)
    }
    by_option = {
        p.target.key for p in plan.columns if p.target and p.target.part is not None and not p.doubt
    }
    for key, entry in list(whole.items()):
        if entry.doubt and entry.rule is None and key in by_option:
            # a guess (a comment box below the options, say) for answers other columns hold
            entry.doubt = _(
                "no question matches (closest: {target}, whose options are other columns)"
            ).format(target=entry.target)
            entry.target = None
            del whole[key]
    seen: dict[Target, ColumnPlan] = {}
    for entry in plan.columns:
        target = entry.target
        if target is None:
            continue
        if target.part is not None and target.key in whole and plan.index.multiple(target):
            other = whole[target.key]
            if entry.rule is not None and other.rule is not None:
                plan.problems.error(
                    Location(plan.mapping.file if plan.mapping else plan.file, entry.rule.line),
                    _("{question} is mapped from {heading} already; write ignore here").format(
                        question=f"{target.module}.{target.question}",
                        heading=repr(other.column.key),
                    ),
                )
                continue
            entry.ignored_because = _("its answers are also in column {heading}").format(
                heading=repr(other.column.key)
            )
            entry.target = None
            entry.doubt = None
            continue
        if target.field == "id" or target not in seen:
            seen[target] = entry
            continue
        first = seen[target]
        if entry.rule is not None:
            plan.problems.error(
                Location(plan.mapping.file if plan.mapping else plan.file, entry.rule.line),
                _("{target} is mapped from column {heading} already").format(
                    target=target, heading=repr(first.column.key)
                ),
            )
            continue
        worse = (
            entry
            if (entry.match and first.match and entry.match.confidence <= first.match.confidence)
            else first
        )
        other = first if worse is entry else entry
        worse.doubt = _("{target} is matched by column {heading} too").format(
            target=target, heading=repr(other.column.key)
        )
        if worse is first:
            seen[target] = entry


def _siblings(plan: Plan) -> None:
    """The answers of all columns on the same scale, to recognise a tool's scale wording."""
    groups: dict[Any, list[ColumnPlan]] = {}
    for entry in plan.columns:
        question = plan.question(entry)
        if question is not None and question.scale is not None:
            scale = question.scale
            key = (
                scale.points,
                scale.start,
                tuple(scale.labels.get("de", ())),
                tuple(scale.labels.get("en", ())),
            )
            groups.setdefault(key, []).append(entry)
    for entries in groups.values():
        values = sorted({v for entry in entries for v in entry.column.values})
        for entry in entries:
            plan._siblings[entry.column.index] = values


def _worded_for(plan: Plan) -> str | None:
    """'internal' or 'customer' when the headings are one perspective's wording of mirrored
    questions (and never the other's)."""
    sides: set[str] = set()
    for entry in plan.columns:
        if entry.target is None or entry.target.field:
            continue
        column = entry.column
        texts = [normal(without_numbering(column.text)), *(normal(sub) for _, sub in column.splits)]
        for text in texts:
            found = plan.index.worded_for.get(text)
            if found and len(found) == 1:
                sides |= found
                break
    return next(iter(sides)) if len(sides) == 1 else None


def _perspective(plan: Plan) -> None:
    targets = [p.target for p in plan.columns if p.target is not None]
    if any(t.field == "perspective" for t in targets):
        plan.perspective_reason = _("from the column mapped to perspective")
    questions = [q for t in targets if (q := plan.index.question(t)) is not None]
    customer_only = [q for q in questions if q.perspective == "customer"]
    internal_only = [q for q in questions if q.perspective == "internal"]
    if plan.mapping is not None and plan.mapping.perspective:
        plan.perspective = plan.mapping.perspective
        plan.perspective_reason = plan.perspective_reason or _("as the mapping says")
    elif internal_only and not customer_only:
        plan.perspective = "internal"
        plan.perspective_reason = _("questions only staff are asked")
    elif customer_only and not internal_only:
        plan.perspective = "customer"
        plan.perspective_reason = _("questions only customers are asked")
    elif any(t.field == "department" for t in targets) and not customer_only:
        plan.perspective = "internal"
        plan.perspective_reason = _("the respondents give their department")
    elif (worded := _worded_for(plan)) is not None and not customer_only:
        plan.perspective = worded
        plan.perspective_reason = (
            _("the statements are worded for staff ('Unsere Kunden würden sagen: …')")
            if worded == "internal"
            else _("the statements are worded for customers")
        )
    elif customer_only and internal_only:
        plan.perspective = "customer"
        plan.perspective_reason = _("the export has questions for staff and for customers")
        if not any(t.field == "perspective" for t in targets):
            first = internal_only[0]
            where = (
                Location(plan.mapping.file, plan.mapping.line)
                if plan.mapping
                else plan.export.at(None)
            )
            plan.problems.error(
                where,
                _(
                    "the export answers questions for staff (such as {internal}) and for "
                    "customers (such as {customer}); map a column to perspective or import "
                    "staff and customers from separate exports"
                ).format(internal=repr(first.id), customer=repr(customer_only[0].id)),
            )
    else:
        plan.perspective = "customer"
        plan.perspective_reason = plan.perspective_reason or _(
            "assumed: every question is asked of staff and customers alike; write "
            "perspective: internal in a mapping for staff"
        )
    if any(t.field == "perspective" for t in targets):
        return
    for entry in plan.columns:
        question = plan.question(entry)
        if question is not None and not question.asked_of(plan.perspective):
            message = _(
                "{target} is a question for {perspective} respondents; this export's "
                "respondents are {given}"
            ).format(target=entry.target, perspective=question.perspective, given=plan.perspective)
            if entry.rule is not None:
                plan.problems.error(
                    Location(plan.mapping.file if plan.mapping else plan.file, entry.rule.line),
                    message,
                )
            elif entry.doubt is None:
                entry.doubt = message
