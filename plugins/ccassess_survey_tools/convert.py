"""From an export to raw respondents, through a mapping file or automatic matching.

Without a mapping, every answer column must match a question with certainty (same id or
same text) and every answer a value with certainty (a scale number, the scale's own label,
an option); anything less stops the import with a list of what is uncertain, and
`--suggest-mapping` writes the file to check (`proposal`). Personal data columns are dropped
before anything else and reported; incomplete and preview/test responses are skipped with a
count unless the `include_incomplete` option is set. Which column means what is decided in
`plan`.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from ccassess import (
    DONT_KNOW,
    ImportContext,
    Location,
    Problem,
    RawRespondent,
    SourceMap,
    ValidationError,
)
from ccassess_survey_tools.export import STATUS_WORDS, Export, Response, short_hash
from ccassess_survey_tools.i18n import N_, _, ngettext
from ccassess_survey_tools.mapping import scalar
from ccassess_survey_tools.plan import ColumnPlan, Plan, make_plan
from ccassess_survey_tools.question_index import Target
from ccassess_survey_tools.words import listing, percent

#: Why a response is skipped besides the tool's status (`STATUS_WORDS`).
WITHOUT_ANSWER = N_("without any answer")


def import_export(export: Export, context: ImportContext) -> list[RawRespondent]:
    plan = make_plan(export, context)
    tool = export.tool
    file = export.file
    forced = bool(context.options.get("from"))
    how = (
        _("with the mapping {file}").format(file=plan.mapping.file)
        if plan.mapping
        else _("columns matched to questions by id and text")
    )
    context.note(
        _("{file}: read as a {tool} export ({found}; {how}; respondents: {perspective})").format(
            file=file,
            tool=tool.shown_title,
            found="--from" if forced else _("recognised"),
            how=how,
            perspective=plan.perspective,
        )
    )
    doubtful = [entry for entry in plan.columns if entry.doubt and plan.mapping is None]
    for entry in doubtful:
        plan.problems.error(
            export.at(None, entry.column),
            _("not matched with certainty: {doubt}").format(doubt=entry.doubt),
        )
    if plan.problems.errors and not doubtful:
        raise ValidationError(plan.problems.items)  # a broken mapping: nothing to read with
    raws = _respondents(plan, bool(context.options.get("include_incomplete")))
    if plan.problems.errors and plan.mapping is None:
        plan.problems.error(
            Location(file),
            _(
                "not everything in this export could be matched with certainty; let ccassess "
                "propose a mapping with {command}, check it, and import with --mapping "
                "mapping.yaml"
            ).format(command=f"`ccassess import {file} --suggest-mapping > mapping.yaml`"),
        )
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
    rule = _answer_rule(plan, active, include_incomplete)
    too_few = 0
    for response in export.responses:
        if response.status and not include_incomplete:
            skipped[STATUS_WORDS.get(response.status, response.status)] += 1
            continue
        record = SourceMap(location=export.at(response))
        answers = SourceMap(location=export.at(response))
        chosen: dict[tuple[str, str], tuple[list[str], Location]] = {}
        answered: set[tuple[str | None, ...]] = set()
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
            if target.field is None and value.value not in (False, None, []):
                answered.add(_counted(plan, target))
            if target.field:
                record.put(
                    target.field,
                    str(value.value) if target.field != "perspective" else value.value,
                    where,
                )
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
                        items, _where = chosen.setdefault(
                            (target.module, target.question), ([], where)
                        )
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
            skipped[WITHOUT_ANSWER] += 1
            continue
        if rule is not None and len(answered) < rule[0]:
            skipped[STATUS_WORDS["incomplete"]] += 1
            too_few += 1
            continue
        if "perspective" not in record:
            record.put("perspective", plan.perspective, export.at(response))
        generated = False
        if "id" not in record:
            if response.response_id:
                respondent_id = f"{tool.id_prefix}-{response.response_id}"
            else:
                content = tool.content(export, response)
                respondent_id = f"{tool.id_prefix}-{short_hash(tool.name, *content)}"
                generated = True
            record.put("id", respondent_id, export.at(response))
        record.put("answers", answers, export.at(response))
        raws.append(RawRespondent(record, export.file, f"respondents[{record['id']}]", generated))
    _unresolved(plan, unresolved)
    parts = [f"{count} {_(why)}" for why, count in skipped.items() if why != WITHOUT_ANSWER]
    if parts:
        plan.context.note(
            _("{file}: responses skipped: {counts}; --include-incomplete imports them").format(
                file=export.file, counts=", ".join(parts)
            )
        )
    if too_few and rule is not None:
        plan.context.note(
            ngettext(
                "{file}: {n} response answered fewer than {needed} of the {total} questions "
                "({why}); --min-answers N (or N%) sets another rule",
                "{file}: {n} responses answered fewer than {needed} of the {total} questions "
                "({why}); --min-answers N (or N%) sets another rule",
                too_few,
            ).format(file=export.file, n=too_few, needed=rule[0], total=rule[1], why=rule[2])
        )
    if skipped[WITHOUT_ANSWER]:
        empty = skipped[WITHOUT_ANSWER]
        plan.context.note(
            ngettext(
                "{file}: skipped {n} response without any answer",
                "{file}: skipped {n} responses without any answer",
                empty,
            ).format(file=export.file, n=empty)
        )
    return raws


def _counted(plan: Plan, target: Target) -> tuple[str | None, ...]:
    """What counts as one answered question: a question, a matrix row or Kano part; the
    options of a multiple choice are one question."""
    part = None if plan.index.multiple(target) else target.part
    return (target.module, target.question, part)


def _answer_rule(
    plan: Plan, active: list[ColumnPlan], include_incomplete: bool
) -> tuple[int, int, str] | None:
    """(fewest answers, questions in the export, why) for a response to be imported; None:
    no such rule. `--min-answers` (a number or a share) applies always; a tool's default
    (SurveyMonkey does not mark partial responses) unless incomplete ones are included."""
    given = plan.context.options.get("min_answers")
    default = plan.export.tool.min_answers
    if not given and (default is None or include_incomplete):
        return None
    text = str(given or default).strip()
    found = re.fullmatch(r"(\d{1,6})\s*(%?)", text)
    if found is None or (found[2] and int(found[1]) > 100):
        raise ValidationError(
            [
                Problem(
                    Location(plan.export.file),
                    _(
                        "--min-answers {value}: give a number of answered questions (such as 5) "
                        "or a share of the export's questions (such as 50%)"
                    ).format(value=repr(text)),
                )
            ]
        )
    questions = {_counted(plan, e.target) for e in active if e.target and e.target.field is None}
    total = len(questions)
    share = int(found[1])
    needed = max(1, math.ceil(total * share / 100)) if found[2] else share
    why = (
        f"--min-answers {text}"
        if given
        else _(
            "{tool} does not mark partial responses; at least {share} of the questions are expected"
        ).format(tool=plan.export.tool.shown_title, share=text)
    )
    return needed, total, why


def _unresolved(plan: Plan, unresolved: dict[tuple[int, str], list[Response]]) -> None:
    by_index = {entry.column.index: entry for entry in plan.columns}
    for (column_index, raw), responses in unresolved.items():
        entry = by_index[column_index]
        value = plan.automatic(entry, raw) if entry.target else None
        more = len(responses) - 1
        answer = repr(raw)
        if more:
            answer = ngettext(
                "{answer} (and {n} more row)", "{answer} (and {n} more rows)", more
            ).format(answer=answer, n=more)
        where = (
            _("under answers: in the mapping file")
            if plan.mapping
            else _("in a mapping file (--suggest-mapping proposes one)")
        )
        if value is not None and value.value is not None:
            problem = _(
                "answer {answer} is not certainly an answer of {target}; best guess {guess} "
                "({confidence}: {reason}){allowed}; give its value {where}"
            ).format(
                answer=answer,
                target=entry.target,
                guess=scalar(value.value),
                confidence=percent(value.confidence),
                reason=value.reason,
                allowed=_allowed(plan, entry),
                where=where,
            )
        else:
            problem = _(
                "answer {answer} is none of the answers of {target}{allowed}; give its value "
                "{where}"
            ).format(answer=answer, target=entry.target, allowed=_allowed(plan, entry), where=where)
        plan.problems.error(plan.export.at(responses[0], entry.column), problem)


def _allowed(plan: Plan, entry: ColumnPlan) -> str:
    question = plan.question(entry)
    if question is None:
        return ""
    if question.scale is not None:
        labels = question.scale.labels.get(plan.context.settings.language) or ()
        shown = f" ({labels[0]} … {labels[-1]})" if labels else ""
        return "; " + _("allowed: {low}–{high}{labels}").format(
            low=question.scale.start,
            high=question.scale.start + question.scale.points - 1,
            labels=shown,
        )
    if question.options:
        return "; " + _("options: {options}").format(
            options=", ".join(o.id for o in question.options)
        )
    return ""


def _notes(plan: Plan) -> None:
    export, context = plan.export, plan.context
    personal = [c.key for c in export.columns if c.role == "personal"]
    meta = [
        c.key
        for c in export.columns
        if c.role == "meta" and not any(p.column is c for p in plan.columns)
    ]
    ignored = [entry.column.key for entry in plan.columns if entry.target is None]
    if personal:
        context.note(
            _("{file}: personal data not imported: {columns}").format(
                file=export.file, columns=listing(personal)
            )
        )
    if meta:
        context.note(
            _("{file}: {tool} metadata not imported: {columns}").format(
                file=export.file, tool=export.tool.shown_title, columns=listing(meta, 6)
            )
        )
    if ignored:
        context.note(
            _("{file}: columns ignored as the mapping says: {columns}").format(
                file=export.file, columns=listing(ignored)
            )
        )
