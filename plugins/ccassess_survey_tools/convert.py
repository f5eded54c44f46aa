"""From an export to raw respondents, through a mapping file or automatic matching; and the
proposal of a mapping file (`--suggest-mapping`).

Without a mapping, every answer column must match a question with certainty (same id or
same text) and every answer a value with certainty (a scale number, the scale's own label,
an option); anything less stops the import with a list of what is uncertain, and
`--suggest-mapping` writes the file to check. Personal data columns are dropped before
anything else and reported; incomplete and preview/test responses are skipped with a count
unless the `include_incomplete` option is set.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ccassess import (
    DONT_KNOW,
    ImportContext,
    Location,
    Question,
    RawRespondent,
    SourceMap,
    ValidationError,
)
from ccassess.errors import Problems
from ccassess_survey_tools.export import STATUS_WORDS, Column, Export, Response, short_hash
from ccassess_survey_tools.mapping import (
    ColumnRule,
    MappingFile,
    comment,
    quoted,
    read_mapping,
    scalar,
)
from ccassess_survey_tools.matching import (
    GUESS,
    SURE,
    AnswerMatcher,
    Match,
    QuestionIndex,
    Target,
    Value,
    match_column,
    plain_number,
    split_choices,
)
from ccassess_survey_tools.words import listing, normal, percent


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
            self._values[key] = self.matcher.match(plan.target, raw, self._siblings.get(
                plan.column.index, ()), self.export.tool.multi_separator)  # fmt: skip
        return self._values[key]

    def resolve(self, plan: ColumnPlan, raw: str) -> Value:
        """An answer's value: the mapping's answers first, then a certain automatic match."""
        assert plan.target is not None
        question = self.question(plan)
        qtype = self.index.type_of(question) if question is not None else None
        if question is not None and qtype is not None and qtype.entry == "text":
            return Value(raw, 1.0, "text")
        if question is not None and qtype is not None and qtype.multiple \
                and plan.target.part is None:  # fmt: skip
            return self._choices(plan, question, raw)
        mapped = self._mapped(plan, raw)
        return mapped if mapped is not None else self.automatic(plan, raw)

    def _mapped(self, plan: ColumnPlan, raw: str) -> Value | None:
        key = normal(raw)
        for answers in (plan.rule.answers if plan.rule else {},
                        self.mapping.answers if self.mapping else {}):  # fmt: skip
            if key in answers:
                return Value(answers[key], 1.0, "the mapping")
        return None

    def _choices(self, plan: ColumnPlan, question: Question, raw: str) -> Value:
        """A multi-select cell: the mapping's answers for its choices, else automatic."""
        assert plan.target is not None
        parts = split_choices(raw, self.export.tool.multi_separator or ",", question)
        if self.mapping is None or not any(self._mapped(plan, part) for part in parts):
            return self.automatic(plan, raw)
        found = []
        for part in parts:
            value = self._mapped(plan, part) or self.matcher.match(plan.target, part)
            if isinstance(value.value, list) and len(value.value) == 1:
                value = Value(value.value[0], value.confidence, value.reason)
            if not value.sure:
                return self.automatic(plan, raw)
            found.append(value.value)
        return Value(list(dict.fromkeys(found)), 1.0, "the mapping")


def _index(context: ImportContext) -> QuestionIndex:
    return QuestionIndex(context.modules, context.question_types, context.settings.departments)


def make_plan(export: Export, context: ImportContext, *, suggest: bool = False) -> Plan:
    index = _index(context)
    plan = Plan(export, context, index, AnswerMatcher(index))
    mapping_file = context.options.get("mapping")
    if mapping_file and not suggest:
        _from_mapping(plan, Path(mapping_file))
    else:
        _automatic(plan)
    _one_column_per_target(plan)
    _siblings(plan)
    _perspective(plan)
    return plan


def _from_mapping(plan: Plan, path: Path) -> None:
    export = plan.export
    mapping = plan.mapping = read_mapping(path, plan.index, plan.problems)
    tool = export.tool
    if mapping.tool and normal(mapping.tool) != normal(tool.name) and tool.name != "generic":
        plan.problems.error(Location(mapping.file, mapping.line), f"the mapping is for "
                            f"{mapping.tool} exports, but {export.file} is a {tool.title} "
                            "export")  # fmt: skip
    used: set[str] = set()
    for column in export.columns:
        rule = mapping.rule(column.key)
        if rule is not None:
            used.add(rule.key)
        if column.role == "personal":
            if rule is not None and rule.target is not None:
                plan.problems.error(
                    Location(mapping.file, rule.line),
                    f"column {column.key!r} holds personal data, which ccassess does not import",
                )
            continue  # fmt: skip
        if rule is None:
            if column.role == "answer":
                plan.problems.error(export.at(None, column), f"the column is not in the mapping "
                                    f"{mapping.file}; map it to a question or write "
                                    f"{quoted(column.key)}: ignore")  # fmt: skip
            continue
        plan.columns.append(ColumnPlan(column, rule.target, rule=rule))
    for key, rule in mapping.columns.items():
        if key not in used:
            plan.problems.error(Location(mapping.file, rule.line), f"there is no column {key!r} "
                                f"in {export.file}")  # fmt: skip


def _automatic(plan: Plan) -> None:
    for column in plan.export.columns:
        if column.role != "answer":
            continue
        match = match_column(column, plan.index)
        target = match.target if match.target is not None and match.confidence >= GUESS else None
        entry = ColumnPlan(column, target, match)
        if target is None:
            entry.doubt = "no question matches"
            best = match.alternatives[0] if match.alternatives else None
            if match.target is not None:
                entry.doubt += f" (closest: {match.target}, {percent(match.confidence)})"
            elif best:
                entry.doubt += f" (closest: {best[0]}, {percent(best[1])})"
        elif not match.sure:
            entry.doubt = f"{match.reason}: {target}, {percent(match.confidence)}"
        plan.columns.append(entry)


def _one_column_per_target(plan: Plan) -> None:
    """Two columns for one answer: a multi-select whole and per option (KoboToolbox), or two
    columns matched to the same question."""
    whole = {p.target.key: p for p in plan.columns if p.target and p.target.part is None
             and plan.index.multiple(p.target)}  # fmt: skip
    by_option = {p.target.key for p in plan.columns if p.target and p.target.part is not None
                 and not p.doubt}  # fmt: skip
    for key, entry in list(whole.items()):
        if entry.doubt and entry.rule is None and key in by_option:
            # a guess (a comment box below the options, say) for answers other columns hold
            entry.doubt = f"no question matches (closest: {entry.target}, whose options are " \
                "other columns)"  # fmt: skip
            entry.target = None
            del whole[key]
    seen: dict[Target, ColumnPlan] = {}
    for entry in plan.columns:
        target = entry.target
        if target is None:
            continue
        if target.part is not None and target.key in whole \
                and plan.index.multiple(target):  # fmt: skip
            other = whole[target.key]
            if entry.rule is not None and other.rule is not None:
                plan.problems.error(
                    Location(plan.mapping.file if plan.mapping else plan.file, entry.rule.line),
                    f"{target.module}.{target.question} is mapped from "
                    f"{other.column.key!r} already; write ignore here",
                )
                continue  # fmt: skip
            entry.ignored_because = f"its answers are also in column {other.column.key!r}"
            entry.target = None
            entry.doubt = None
            continue
        if target.field == "id" or target not in seen:
            seen[target] = entry
            continue
        first = seen[target]
        if entry.rule is not None:
            plan.problems.error(Location(plan.mapping.file if plan.mapping else plan.file,
                                         entry.rule.line),
                                f"{target} is mapped from column {first.column.key!r} "
                                "already")  # fmt: skip
            continue
        worse = (
            entry
            if (entry.match and first.match and entry.match.confidence <= first.match.confidence)
            else first
        )
        other = first if worse is entry else entry
        worse.doubt = f"{target} is matched by column {other.column.key!r} too"
        if worse is first:
            seen[target] = entry


def _siblings(plan: Plan) -> None:
    """The answers of all columns on the same scale, to recognise a tool's scale wording."""
    groups: dict[Any, list[ColumnPlan]] = {}
    for entry in plan.columns:
        question = plan.question(entry)
        if question is not None and question.scale is not None:
            scale = question.scale
            key = (scale.points, scale.start, tuple(scale.labels.get("de", ())),
                   tuple(scale.labels.get("en", ())))  # fmt: skip
            groups.setdefault(key, []).append(entry)
    for entries in groups.values():
        values = sorted({v for entry in entries for v in entry.column.values})
        for entry in entries:
            plan._siblings[entry.column.index] = values


def _perspective(plan: Plan) -> None:
    targets = [p.target for p in plan.columns if p.target is not None]
    if any(t.field == "perspective" for t in targets):
        plan.perspective_reason = "from the column mapped to perspective"
    questions = [q for t in targets if (q := plan.index.question(t)) is not None]
    customer_only = [q for q in questions if q.perspective == "customer"]
    internal_only = [q for q in questions if q.perspective == "internal"]
    if plan.mapping is not None and plan.mapping.perspective:
        plan.perspective = plan.mapping.perspective
        plan.perspective_reason = plan.perspective_reason or "as the mapping says"
    elif internal_only and not customer_only:
        plan.perspective = "internal"
        plan.perspective_reason = "questions only staff are asked"
    elif customer_only and not internal_only:
        plan.perspective = "customer"
        plan.perspective_reason = "questions only customers are asked"
    elif any(t.field == "department" for t in targets) and not customer_only:
        plan.perspective = "internal"
        plan.perspective_reason = "the respondents give their department"
    elif customer_only and internal_only:
        plan.perspective = "customer"
        plan.perspective_reason = "the export has questions for staff and for customers"
        if not any(t.field == "perspective" for t in targets):
            first = internal_only[0]
            where = (Location(plan.mapping.file, plan.mapping.line) if plan.mapping
                     else plan.export.at(None))  # fmt: skip
            plan.problems.error(
                where,
                f"the export answers questions for staff (such as "
                f"{first.id!r}) and for customers (such as "
                f"{customer_only[0].id!r}); map a column to perspective or "
                "import staff and customers from separate exports",
            )
    else:  # fmt: skip
        plan.perspective = "customer"
        plan.perspective_reason = plan.perspective_reason or (
            "assumed: every question is asked of staff and customers alike; write "
            "perspective: internal in a mapping for staff")  # fmt: skip
    if any(t.field == "perspective" for t in targets):
        return
    for entry in plan.columns:
        question = plan.question(entry)
        if question is not None and not question.asked_of(plan.perspective):
            message = (f"{entry.target} is a question for {question.perspective} respondents; "
                       f"this export's respondents are {plan.perspective}")  # fmt: skip
            if entry.rule is not None:
                plan.problems.error(Location(plan.mapping.file if plan.mapping else plan.file,
                                             entry.rule.line), message)  # fmt: skip
            elif entry.doubt is None:
                entry.doubt = message


# -- importing ------------------------------------------------------------------------------


def import_export(export: Export, context: ImportContext) -> list[RawRespondent]:
    plan = make_plan(export, context)
    tool = export.tool
    file = export.file
    forced = bool(context.options.get("from"))
    how = f"with the mapping {plan.mapping.file}" if plan.mapping else \
        "columns matched to questions by id and text"  # fmt: skip
    context.note(f"{file}: read as a {tool.title} export ({'--from' if forced else 'recognised'}"
                 f"; {how}; respondents: {plan.perspective})")  # fmt: skip
    doubtful = [entry for entry in plan.columns if entry.doubt and plan.mapping is None]
    for entry in doubtful:
        plan.problems.error(export.at(None, entry.column), f"not matched with certainty: "
                            f"{entry.doubt}")  # fmt: skip
    if plan.problems.errors and not doubtful:
        raise ValidationError(plan.problems.items)  # a broken mapping: nothing to read with
    raws = _respondents(plan, bool(context.options.get("include_incomplete")))
    if plan.problems.errors and plan.mapping is None:
        plan.problems.error(Location(file), "not everything in this export could be matched "
                            "with certainty; let ccassess propose a mapping with "
                            f"`ccassess import {file} --suggest-mapping > mapping.yaml`, check "
                            "it, and import with --mapping mapping.yaml")  # fmt: skip
    if plan.problems.errors:
        raise ValidationError(plan.problems.items)
    _notes(plan)
    return raws


def _respondents(plan: Plan, include_incomplete: bool) -> list[RawRespondent]:
    export, index = plan.export, plan.index
    tool = export.tool
    raws: list[RawRespondent] = []
    skipped: Counter[str] = Counter()
    unresolved: dict[tuple[int, str], list[Response]] = {}
    active = [entry for entry in plan.columns if entry.target is not None and not entry.doubt]
    for response in export.responses:
        if response.status and not include_incomplete:
            skipped[STATUS_WORDS.get(response.status, response.status)] += 1
            continue
        record = SourceMap(location=export.at(response))
        answers = SourceMap(location=export.at(response))
        chosen: dict[tuple[str, str], tuple[list[str], Location]] = {}
        for entry in active:
            raw = response.cell(entry.column)
            if not raw:
                continue
            value = plan.resolve(entry, raw)
            if not value.sure:
                unresolved.setdefault((entry.column.index, raw), []).append(response)
                continue
            target = entry.target
            assert target is not None
            where = export.at(response, entry.column)
            if target.field:
                record.put(target.field, str(value.value) if target.field != "perspective"
                           else value.value, where)  # fmt: skip
                continue
            question = index.question(target)
            assert question is not None and target.module and target.question
            module = answers.get(target.module)
            if module is None:
                module = SourceMap(location=where)
                answers.put(target.module, module, where)
            if index.type_of(question).multiple:
                if target.part is not None:
                    if value.value is True:
                        items, _ = chosen.setdefault((target.module, target.question), ([], where))
                        items.append(target.part)
                elif value.value:
                    module.put(target.question, value.value, where)
                continue
            if target.part is not None:
                parts = module.get(target.question)
                if not isinstance(parts, SourceMap):
                    parts = SourceMap(location=where)
                    module.put(target.question, parts, where)
                parts.put(target.part, value.value, where)
                continue
            module.put(target.question, value.value, where)
        for (module_id, question_id), (items, where) in chosen.items():
            answers[module_id].put(question_id, items, where)
        for module_id, given in answers.items():
            for question_id, value in list(given.items()):
                if (
                    isinstance(value, dict)
                    and value
                    and set(value.values()) == {DONT_KNOW}
                    and not index.type_of(index.questions[(module_id, question_id)]).partial
                ):
                    # "don't know" on every part of one that needs all (a Kano item)
                    given[question_id] = DONT_KNOW
        for module_id in [m for m, given in answers.items() if not given]:
            del answers[module_id]
        if not answers:
            skipped["without any answer"] += 1
            continue
        if "perspective" not in record:
            record.put("perspective", plan.perspective, export.at(response))
        generated = False
        if "id" not in record:
            if response.response_id:
                respondent_id = f"{tool.id_prefix}-{response.response_id}"
            else:
                cells = [response.cell(c) for c in export.columns if c.role != "personal"]
                respondent_id = f"{tool.id_prefix}-{short_hash(tool.name, *cells)}"
                generated = True
            record.put("id", respondent_id, export.at(response))
        record.put("answers", answers, export.at(response))
        raws.append(RawRespondent(record, export.file, f"respondents[{record['id']}]",
                                  generated))  # fmt: skip
    _unresolved(plan, unresolved)
    parts = [f"{count} {why}" for why, count in skipped.items() if why != "without any answer"]
    if parts:
        plan.context.note(f"{export.file}: skipped {', '.join(parts)} response(s); "
                          "--include-incomplete imports them")  # fmt: skip
    if skipped["without any answer"]:
        plan.context.note(f"{export.file}: skipped {skipped['without any answer']} response(s) "
                          "without any answer")  # fmt: skip
    return raws


def _unresolved(plan: Plan, unresolved: dict[tuple[int, str], list[Response]]) -> None:
    by_index = {entry.column.index: entry for entry in plan.columns}
    for (column_index, raw), responses in unresolved.items():
        entry = by_index[column_index]
        value = plan.automatic(entry, raw) if entry.target else None
        rows = f" (and {len(responses) - 1} more row(s))" if len(responses) > 1 else ""
        guess = (f"; best guess {scalar(value.value)} ({percent(value.confidence)}: "
                 f"{value.reason})" if value is not None and value.value is not None
                 else "")  # fmt: skip
        allowed = _allowed(plan, entry)
        where = "under answers: in the mapping file" if plan.mapping else \
            "in a mapping file (--suggest-mapping proposes one)"  # fmt: skip
        what = f"is not certainly an answer of {entry.target}{guess}" if guess else \
            f"is none of the answers of {entry.target}"  # fmt: skip
        plan.problems.error(plan.export.at(responses[0], entry.column),
                            f"answer {raw!r}{rows} {what}{allowed}; give its value "
                            f"{where}")  # fmt: skip


def _allowed(plan: Plan, entry: ColumnPlan) -> str:
    question = plan.question(entry)
    if question is None:
        return ""
    if question.scale is not None:
        labels = question.scale.labels.get(plan.context.settings.language) or ()
        shown = f" ({labels[0]} … {labels[-1]})" if labels else ""
        return (f"; allowed: {question.scale.start}–"
                f"{question.scale.start + question.scale.points - 1}{shown}")  # fmt: skip
    if question.options:
        return f"; options: {', '.join(o.id for o in question.options)}"
    return ""


def _notes(plan: Plan) -> None:
    export, context = plan.export, plan.context
    personal = [c.key for c in export.columns if c.role == "personal"]
    meta = [c.key for c in export.columns if c.role == "meta"
            and not any(p.column is c for p in plan.columns)]  # fmt: skip
    ignored = [entry.column.key for entry in plan.columns if entry.target is None]
    if personal:
        context.note(f"{export.file}: personal data not imported: {listing(personal)}")
    if meta:
        context.note(f"{export.file}: {export.tool.title} metadata not imported: "
                     f"{listing(meta, 6)}")  # fmt: skip
    if ignored:
        context.note(f"{export.file}: columns ignored as the mapping says: {listing(ignored)}")


# -- proposing a mapping --------------------------------------------------------------------


def propose_mapping(export: Export, context: ImportContext) -> str:
    """The mapping file ccassess proposes for an export, as YAML text with comments."""
    plan = make_plan(export, context, suggest=True)
    if plan.problems.errors:
        raise ValidationError(plan.problems.items)
    file = export.file
    lines = [
        f"# ccassess mapping for the {export.tool.title} export {Path(file).name}",
        "# Proposed by `ccassess import FILE --suggest-mapping`. Check it - above all the lines",
        "# marked 'check' and every null (nothing matched) - then import with",
        f"#   ccassess import {file} --mapping THIS-FILE",
        "#",
        "# columns: heading in the export -> module.question, module.question[row] (a matrix",
        "#   row or Kano part), module.question[option] (one option of a multiple choice),",
        "#   department, role, perspective, or ignore.",
        "# answers: answer in the export -> value: a scale point, an option id, yes / partly /",
        "#   no, or dont_know. Scale numbers (1, 2, ...) need no line.",
        f"tool: {export.tool.name}",
        f"perspective: {plan.perspective}   # {comment(plan.perspective_reason)}",
        "columns:",
    ]
    answers, per_column = _proposed_answers(plan)
    for entry in plan.columns:
        column = entry.column
        heading = (
            f" - {comment(column.text, 60)}" if normal(column.text) != normal(column.key) else ""
        )
        if entry.ignored_because:
            lines.append(f"  {quoted(column.key)}: ignore   # {entry.ignored_because}")
            continue
        if entry.target is None:
            lines.append(f"  {quoted(column.key)}: null   # unmatched: {entry.doubt}; write a "
                         f"question or ignore{heading}")  # fmt: skip
            continue
        match = entry.match
        assert match is not None
        sure = match.sure and not entry.doubt
        doubt = entry.doubt or match.reason
        if doubt == f"{match.reason}: {entry.target}, {percent(match.confidence)}":
            doubt = match.reason  # the percentage is shown already
        why = f"sure: {match.reason}" if sure else f"check ({percent(match.confidence)}): {doubt}"

        if match.alternatives and not sure:
            why += f"; other candidates: {', '.join(str(t) for t, _ in match.alternatives[:2])}"
        own = per_column.get(column.index)
        if own:
            lines.append(f"  {quoted(column.key)}:   # {comment(why)}{heading}")
            lines.append(f"    question: {quoted(str(entry.target))}")
            lines.append("    answers:")
            lines.extend(f"      {quoted(raw)}: {scalar(_shown(value))}   # {_why(value)}"
                         for raw, value in own)  # fmt: skip
        else:
            lines.append(f"  {quoted(column.key)}: {quoted(str(entry.target))}   # "
                         f"{comment(why)}{heading}")  # fmt: skip
    if answers:
        lines.append("answers:")
        lines.extend(f"  {quoted(raw)}: {scalar(_shown(value))}   # {_why(value)}"
                     for raw, value in answers)  # fmt: skip
    personal = [c.key for c in export.columns if c.role == "personal"]
    meta = [c.key for c in export.columns if c.role == "meta"]
    if personal:
        lines.append(f"# Personal data, never imported: {comment(listing(personal, 20), 200)}")
    if meta:
        lines.append(f"# {export.tool.title} metadata, not imported: "
                     f"{comment(listing(meta, 20), 200)}")  # fmt: skip
    statuses = Counter(STATUS_WORDS[r.status] for r in export.responses if r.status)
    if statuses:
        counted = ", ".join(f"{count} {why}" for why, count in statuses.items())
        lines.append(f"# Responses skipped on import ({counted}); --include-incomplete keeps them")
    return "\n".join(lines) + "\n"


def _shown(value: Value) -> Any:
    return "dont_know" if value.value == DONT_KNOW else value.value


def _why(value: Value) -> str:
    if value.value is None:
        return "unmatched: give a value"
    if value.confidence >= SURE:
        return f"sure: {value.reason}"
    return f"check ({percent(value.confidence)}): {value.reason}"


def _proposed_answers(
    plan: Plan,
) -> tuple[list[tuple[str, Value]], dict[int, list[tuple[str, Value]]]]:
    """Answers worth a line: texts (not plain numbers) of choice and scale questions; one
    list for all columns, and per column where a text means something else there."""
    found: dict[str, dict[int, Value]] = {}
    raw_of: dict[str, str] = {}
    for entry in plan.columns:
        question = plan.question(entry)
        if entry.target is None or question is None:
            continue
        qtype = plan.index.type_of(question)
        if qtype.entry in ("text", "number") or (qtype.multiple and entry.target.part is not None):
            continue
        for raw in _distinct(entry, question, plan):
            key = normal(raw)
            raw_of.setdefault(key, raw)
            found.setdefault(key, {})[entry.column.index] = _suggested(plan, entry, question, raw)
    shared: list[tuple[str, Value]] = []
    per_column: dict[int, list[tuple[str, Value]]] = {}
    for key, by_column in found.items():
        values = list(by_column.values())
        if plain_number(raw_of[key]) and all(v.sure and v.value == values[0].value
                                             for v in values):  # fmt: skip
            continue  # a scale point everywhere: no line needed
        if all(v.value == values[0].value for v in values):
            best = min(values, key=lambda v: v.confidence)
            shared.append((raw_of[key], best))
        else:
            for index, value in by_column.items():
                if not (plain_number(raw_of[key]) and value.sure):
                    per_column.setdefault(index, []).append((raw_of[key], value))
    return shared, per_column


def _distinct(entry: ColumnPlan, question: Question, plan: Plan) -> Iterable[str]:
    if not plan.index.type_of(question).multiple:
        return entry.column.values
    parts: dict[str, None] = {}
    for raw in entry.column.values:
        for part in split_choices(raw, plan.export.tool.multi_separator or ",", question):
            parts[part] = None
    return parts


def _suggested(plan: Plan, entry: ColumnPlan, question: Question, raw: str) -> Value:
    value = plan.automatic(entry, raw)
    if plan.index.type_of(question).multiple and isinstance(value.value, list):
        return Value(value.value[0] if len(value.value) == 1 else None, value.confidence,
                     value.reason)  # fmt: skip
    return value
