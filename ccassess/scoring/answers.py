"""The answers appendix: each respondent's answers as readable text, made safe to share. Pure.

A record carries a pseudonym, never a name or a department, and the appendix must not let a
reader infer either (docs/security.md, "Anonymity"):
- records are ordered by a hash of the respondent, not by when or from which file they came;
- a perspective with fewer respondents than the anonymity threshold has no records;
- answers broken down by the assessment's departments (the silo check's matrix) are left
  out: the department a respondent skipped is their own (the module's chapter shows them
  aggregated);
- free text (open answers, the names typed into item rows such as activities) is shown only
  when at least the free-text threshold of respondents gave the same text; otherwise it reads
  "other answer" / "andere Antwort".
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ccassess.model import DONT_KNOW
from ccassess.model.answers import Respondent
from ccassess.model.questionnaire import Module, Question
from ccassess.model.result import AnswerRecord
from ccassess.model.settings import AssessmentSettings
from ccassess.questions.types import QuestionType
from ccassess.text import Text

#: What a free text given by too few respondents reads as.
OTHER_ANSWER = Text("andere Antwort", "other answer")


def free_text_key(text: str) -> str:
    """Free texts that count as the same: Unicode-normalised, case and spacing ignored."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()


def text_keys(qtype: QuestionType, question: Question) -> tuple[str, ...] | None:
    """The keys of an answer's free text: () for an answer that is itself free text, the item
    keys typed as text for item rows, None for an answer with no free text."""
    rows = qtype.items(question)
    if rows is not None:
        return (
            rows.answer,
            *(
                f.key
                for f in rows.fields
                if f.choices is None and f.minimum is None and f.maximum is None
            ),
        )
    return () if qtype.entry == "text" else None


def free_texts(qtype: QuestionType, question: Question, value: Any) -> list[str]:
    """The free texts in one answer."""
    keys = text_keys(qtype, question)
    if keys is None or value is None or value == DONT_KNOW:
        return []
    if keys == ():
        return [str(value)]
    return [
        str(item[key])
        for item in value
        if isinstance(item, Mapping)
        for key in keys
        if item.get(key)
    ]


#: The answers appendix lists at most this many respondents (in the order above, a fixed
#: shuffle): printing every answer of thousands grows the report with the answers (issue 23);
#: the appendix says how many it shows and names `ccassess export` for all of them.
APPENDIX_RESPONDENTS = 100


def answer_records(
    modules: Sequence[Module],
    respondents: Sequence[Respondent],
    types: Mapping[str, QuestionType],
    settings: AssessmentSettings,
) -> list[AnswerRecord]:
    """Answers as readable text (de and en) for the appendix; pseudonymous ids, never names."""
    threshold = settings.anonymity_threshold
    sizes = Counter(r.perspective for r in respondents)
    shown = sorted(
        (r for r in respondents if sizes[r.perspective] >= threshold),
        key=lambda r: (r.perspective != "internal", _shuffle(r.id)),
    )
    common = _common_texts(modules, shown, types, settings.free_text_minimum)
    by_department = {
        (m.id, q.id)
        for m in modules
        for _, q in m.questions()
        if _by_department(types[q.type], q, settings.departments)
    }
    records = []
    counters: Counter[str] = Counter()
    for respondent in shown[:APPENDIX_RESPONDENTS]:
        answers: dict[str, dict[str, Text]] = {}
        for module in modules:
            given = respondent.answers.get(module.id)
            if not given:
                continue
            readable = {}
            for question_id, value in given.items():
                question = module.question(question_id)
                if question is None or (module.id, question_id) in by_department:
                    continue
                if value == DONT_KNOW:
                    readable[question_id] = Text("weiß nicht", "don't know")
                    continue
                qtype = types[question.type]
                de, en = (
                    qtype.describe(
                        question, _masked(module.id, qtype, question, value, common, lang), lang
                    )
                    for lang in ("de", "en")
                )
                readable[question_id] = Text(de, en)
            answers[module.id] = readable
        counters[respondent.perspective] += 1
        records.append(
            AnswerRecord(
                respondent=f"{respondent.perspective[0].upper()}"
                f"{counters[respondent.perspective]:03d}",
                perspective=respondent.perspective,
                department=None,
                answers=answers,
            )
        )
    return records


def _shuffle(respondent_id: str) -> str:
    return hashlib.sha256(respondent_id.encode()).hexdigest()


def _by_department(qtype: QuestionType, question: Question, departments: Sequence[str]) -> bool:
    parts = qtype.parts(question, departments) or ()
    names = {d.casefold() for d in departments}
    return bool(names) and any(part.id.casefold() in names for part in parts)


def _common_texts(
    modules: Sequence[Module],
    respondents: Sequence[Respondent],
    types: Mapping[str, QuestionType],
    minimum: int,
) -> set[tuple[str, str, str]]:
    """(module, question, text key) of the free texts at least `minimum` respondents gave."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for respondent in respondents:
        for module in modules:
            given = respondent.answers.get(module.id) or {}
            for question_id, value in given.items():
                question = module.question(question_id)
                if question is None:
                    continue
                texts = free_texts(types[question.type], question, value)
                for key in {free_text_key(t) for t in texts}:
                    counts[(module.id, question_id, key)] += 1
    return {key for key, count in counts.items() if count >= minimum}


def _masked(
    module_id: str,
    qtype: QuestionType,
    question: Question,
    value: Any,
    common: set[tuple[str, str, str]],
    lang: str,
) -> Any:
    keys = text_keys(qtype, question)
    if keys is None:
        return value
    label = OTHER_ANSWER.get(lang)

    def safe(text: Any) -> Any:
        return text if (module_id, question.id, free_text_key(str(text))) in common else label

    if keys == ():
        return safe(value)
    return [
        {k: (safe(v) if k in keys and v else v) for k, v in item.items()}
        if isinstance(item, Mapping)
        else item
        for item in value
    ]


def shown_free_texts(
    texts: Mapping[str, Iterable[str]], minimum: int
) -> tuple[dict[str, int], int]:
    """Free texts that may be shown: those at least `minimum` respondents gave.

    `texts` maps each respondent to the texts they gave (an open answer, activity names);
    texts count as the same as `free_text_key` says. Returns {text as most often spelled:
    respondents who gave it} for the common ones, and how many mentions of the others there
    were (to count under a neutral label such as "other answers"). For plugins that show
    free text: pass ``settings.free_text_minimum``.
    """
    people: dict[str, set[str]] = {}
    spellings: dict[str, Counter[str]] = {}
    for respondent, given in texts.items():
        for text in given:
            key = free_text_key(text)
            if not key:
                continue
            people.setdefault(key, set()).add(respondent)
            spellings.setdefault(key, Counter())[text.strip()] += 1
    shown = {
        spellings[key].most_common(1)[0][0]: len(who)
        for key, who in people.items()
        if len(who) >= minimum
    }
    other = sum(sum(spellings[key].values()) for key, who in people.items() if len(who) < minimum)
    return shown, other
