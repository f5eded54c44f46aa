"""The mapping file ccassess proposes for an export (`--suggest-mapping`): every column with
its target and how sure the match is, and the answers worth a line, for a person to check.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ccassess import DONT_KNOW, ImportContext, Question, ValidationError
from ccassess_survey_tools.answer_matching import Value, choice_parts, plain_number
from ccassess_survey_tools.codes import both_ways, in_range
from ccassess_survey_tools.export import STATUS_WORDS, Export
from ccassess_survey_tools.i18n import _, ngettext
from ccassess_survey_tools.mapping import comment, quoted, scalar
from ccassess_survey_tools.plan import MAPPING, ColumnPlan, Plan, guessed, make_plan
from ccassess_survey_tools.question_index import SURE
from ccassess_survey_tools.words import listing, normal, percent


def propose_mapping(export: Export, context: ImportContext) -> str:
    """The mapping file ccassess proposes for an export, as YAML text with comments."""
    plan = make_plan(export, context, suggest=True)
    if plan.problems.errors:
        raise ValidationError(plan.problems.items)
    file = export.file
    # TRANSLATORS: the head of a mapping file (YAML comments): keep the "# " at each line's
    # start; "check", "from the mapping" and "null" are words of the file itself.
    head = _(
        "# ccassess mapping for the {tool} export {name}\n"
        "# Proposed by `ccassess import FILE --suggest-mapping`. Check it - above all the lines\n"
        "# marked 'check' and every null (nothing matched) - then import with\n"
        "#   {command}"
    ).format(
        tool=export.tool.shown_title,
        name=Path(file).name,
        command=f"ccassess import {file} --mapping THIS-FILE",
    )
    refines = (
        _(
            "# It refines the mapping {file}: its lines are kept (marked 'from\n"
            "# the mapping'), the columns it lacks are proposed."
        ).format(file=plan.mapping.file)
        if plan.mapping
        else None
    )
    # TRANSLATORS: YAML comments explaining a mapping file; keep "# " at each line's start.
    legend = _(
        "# columns: heading in the export -> module.question, module.question[row] (a matrix\n"
        "#   row or Kano part), module.question[option] (one option of a multiple choice),\n"
        "#   department, role, perspective, or ignore.\n"
        "# answers: answer in the export -> value: a scale point, an option id, yes / partly /\n"
        "#   no, or dont_know. Scale numbers (1, 2, ...) need no line."
    )
    lines = [
        *head.splitlines(),
        *(refines.splitlines() if refines else []),
        "#",
        *legend.splitlines(),
        f"tool: {export.tool.name}",
        f"perspective: {plan.perspective}   # {comment(plan.perspective_reason, 400)}",
        *_codes_line(plan),
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
        if entry.rule is not None:
            lines.extend(_kept(entry, heading))
            continue
        if entry.target is None:
            why = _("unmatched: {doubt}; write a question or ignore").format(doubt=entry.doubt)
            lines.append(f"  {quoted(column.key)}: null   # {why}{heading}")
            continue
        match = entry.match
        assert match is not None
        sure = match.sure and not entry.doubt
        doubt = entry.doubt or match.reason
        if doubt == guessed(match.reason, entry.target, match.confidence):
            doubt = match.reason  # the percentage is shown already
        why = (
            _("sure: {reason}").format(reason=match.reason)
            if sure
            else _("check ({confidence}): {reason}").format(
                confidence=percent(match.confidence), reason=doubt
            )
        )
        if entry.codes == "unknown":
            why = _("check: numeric codes of worded answers (see codes: above); {reason}").format(
                reason=match.reason
            )
        if match.alternatives and not sure:
            others = ", ".join(str(target) for target, _score in match.alternatives[:2])
            why += "; " + _("other candidates: {targets}").format(targets=others)
        own = per_column.get(column.index)
        if own:
            lines.append(f"  {quoted(column.key)}:   # {comment(why)}{heading}")
            lines.append(f"    question: {quoted(str(entry.target))}")
            lines.append("    answers:")
            lines.extend(
                f"      {quoted(raw)}: {scalar(_shown(value))}   # {_why(value)}"
                for raw, value in own
            )
        else:
            lines.append(
                f"  {quoted(column.key)}: {quoted(str(entry.target))}   # {comment(why)}{heading}"
            )
    if answers:
        lines.append("answers:")
        lines.extend(
            f"  {quoted(raw)}: {scalar(_shown(value))}   # {_why(value)}" for raw, value in answers
        )
    if plan.unused:
        lines.append(
            _("# In the mapping but not in this export (left out): {columns}").format(
                columns=comment(listing(plan.unused), 200)
            )
        )
    personal = [c.key for c in export.columns if c.role == "personal"]
    meta = [c.key for c in export.columns if c.role == "meta"]
    if personal:
        lines.append(
            _("# Personal data, never imported: {columns}").format(
                columns=comment(listing(personal, 20), 200)
            )
        )
    if meta:
        lines.append(
            _("# {tool} metadata, not imported: {columns}").format(
                tool=export.tool.shown_title, columns=comment(listing(meta, 20), 200)
            )
        )
    statuses = Counter(STATUS_WORDS[r.status] for r in export.responses if r.status)
    if statuses:
        counted = ", ".join(f"{count} {_(why)}" for why, count in statuses.items())
        lines.append(
            _("# Responses skipped on import ({counts}); --include-incomplete keeps them").format(
                counts=counted
            )
        )
    if export.tool.min_answers:
        lines.append(
            _(
                "# {tool} does not mark partial responses: on import, those with answers to "
                "fewer than {share} of the questions are skipped (--min-answers sets another "
                "rule, --include-incomplete keeps them)"
            ).format(tool=export.tool.shown_title, share=export.tool.min_answers)
        )
    return "\n".join(lines) + "\n"


def _codes_line(plan: Plan) -> list[str]:
    """The `codes:` line: kept from the mapping, or null (to be filled in) when columns hold
    numeric codes of a worded scale."""
    if plan.mapping is not None and plan.mapping.codes:
        kept = _("from the mapping")
        return [f"codes: {plan.mapping.codes}   # {kept}"]
    coded = [entry for entry in plan.columns if entry.codes == "unknown"]
    if not coded:
        return []
    values = coded[0].values
    assert values is not None
    ways = both_ways(values)
    why = ngettext(
        "check: {n} column holds numeric codes of worded answers; write {ways} (in {tool}: the "
        "question's recode values); a column's own codes: line overrides it",
        "check: {n} columns hold numeric codes of worded answers; write {ways} (in {tool}: the "
        "question's recode values); a column's own codes: line overrides it",
        len(coded),
    ).format(n=len(coded), ways=ways, tool=plan.export.tool.shown_title)
    return [f"codes: null   # {why}"]


def _kept(entry: ColumnPlan, heading: str) -> list[str]:
    """A column as the mapping that is refined has it (with its own answers)."""
    rule = entry.rule
    assert rule is not None
    key = quoted(entry.column.key)
    target = quoted(str(entry.target)) if entry.target is not None else "ignore"
    kept = _("from the mapping")
    if not rule.answers:
        return [f"  {key}: {target}   # {kept}{heading}"]
    return [
        f"  {key}:   # {kept}{heading}",
        f"    question: {target}",
        "    answers:",
        *(f"      {quoted(raw)}: {scalar(value)}" for raw, value in rule.answers.items()),
    ]


def _shown(value: Value) -> Any:
    return "dont_know" if value.value == DONT_KNOW else value.value


def _why(value: Value) -> str:
    if value.value is None:
        return _("unmatched: give a value")
    if value.reason == _(MAPPING):
        return _("from the mapping")
    if value.confidence >= SURE:
        return _("sure: {reason}").format(reason=value.reason)
    return _("check ({confidence}): {reason}").format(
        confidence=percent(value.confidence), reason=value.reason
    )


def _proposed_answers(
    plan: Plan,
) -> tuple[list[tuple[str, Value]], dict[int, list[tuple[str, Value]]]]:
    """Answers worth a line: texts (not plain numbers) of choice and scale questions; one
    list for all columns, and per column where a text means something else there."""
    found: dict[str, dict[int, Value]] = {}
    raw_of: dict[str, str] = {}
    codes: set[str] = set()  # numbers that are codes in some column: never for all columns
    for entry in plan.columns:
        question = plan.question(entry)
        if entry.target is None or question is None:
            continue
        qtype = plan.index.type_of(question)
        if qtype.entry in ("text", "number") or (qtype.multiple and entry.target.part is not None):
            continue
        for raw in _distinct(entry, question, plan):
            if entry.codes and entry.values and in_range(entry.values, raw):
                codes.add(normal(raw))
                continue  # a code: `codes:` says what it means
            key = normal(raw)
            raw_of.setdefault(key, raw)
            found.setdefault(key, {})[entry.column.index] = _suggested(plan, entry, question, raw)
    shared: list[tuple[str, Value]] = []
    per_column: dict[int, list[tuple[str, Value]]] = {}
    for key, by_column in found.items():
        values = list(by_column.values())
        if plain_number(raw_of[key]) and all(v.sure and v.value == values[0].value for v in values):
            continue  # a scale point everywhere: no line needed
        if key not in codes and all(v.value == values[0].value for v in values):
            best = min(values, key=lambda v: v.confidence)
            shared.append((raw_of[key], best))
        else:
            for index, value in by_column.items():
                if not (plain_number(raw_of[key]) and value.sure):
                    per_column.setdefault(index, []).append((raw_of[key], value))
    return shared, per_column


def _distinct(entry: ColumnPlan, question: Question, plan: Plan) -> Iterable[str]:
    """The answers of a column; of a multi-select in one cell, each choice on its own."""
    if not plan.index.type_of(question).multiple:
        return entry.column.values
    assert entry.target is not None
    target = entry.target

    def known(part: str) -> bool:
        return plan.matcher.match(target, part).value not in (None, [])

    parts: dict[str, None] = {}
    for raw in entry.column.values:
        for part in choice_parts(raw, plan.export.tool.multi_separator, question, known):
            parts[part] = None
    return parts


def _suggested(plan: Plan, entry: ColumnPlan, question: Question, raw: str) -> Value:
    mapped = plan.mapped(entry, raw)
    if mapped is not None:
        return mapped
    value = plan.automatic(entry, raw)
    if plan.index.type_of(question).multiple and isinstance(value.value, list):
        return Value(
            value.value[0] if len(value.value) == 1 else None, value.confidence, value.reason
        )
    return value
