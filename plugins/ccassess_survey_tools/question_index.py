"""The assessment's questions, indexed for matching an export's columns and answers.

A column can be matched to a question (and a matrix row, Kano part or multiple-choice
option: its `Part`) or to a respondent detail; `QuestionIndex` finds the questions by id (a
KoboToolbox path such as ``customer_perception/simp_buy``, a LimeSurvey code such as
``CP[simpbuy]``), by their wording in German or English, internal or customer version, and
by their parts. A question type says whether a question has parts or is a table of items,
which survey tools cannot ask in columns.

Every match has a confidence from 0 to 1: only matches at or above `SURE` are used without a
mapping file; anything from `GUESS` up is a suggestion a person checks; below, no match.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ccassess import Module, Question, QuestionType, xml_name
from ccassess_survey_tools.words import compact, normal

#: At or above: used without asking. Below `GUESS`: no match at all.
SURE = 0.97
GUESS = 0.6
#: Targets that are not questions: the respondent's details.
FIELDS = ("department", "role", "perspective", "id")


@dataclass(frozen=True)
class Target:
    """Where a column's answers go: a question (and a matrix row, Kano part or option), or a
    respondent field."""

    module: str | None = None
    question: str | None = None
    part: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        if self.field:
            return self.field
        text = f"{self.module}.{self.question}"
        return f"{text}[{self.part}]" if self.part is not None else text

    @property
    def key(self) -> tuple[str, str] | None:
        return (self.module, self.question) if self.module and self.question else None


@dataclass
class Part:
    """A matrix row, a Kano part or a multiple-choice option, with the words naming it."""

    id: str
    texts: tuple[str, ...]  # normalised labels
    codes: tuple[str, ...]  # compact ids and form names


class QuestionIndex:
    """Every question of the assessment's modules, found by id, by text and by parts."""

    def __init__(
        self,
        modules: Mapping[str, Module],
        types: Mapping[str, QuestionType],
        departments: Sequence[str],
    ) -> None:
        self.modules = modules
        self.types = types
        self.departments = tuple(departments)
        self.questions: dict[tuple[str, str], Question] = {}
        self.texts: list[tuple[str, Target]] = []
        self.words: list[frozenset[str]] = []
        self.exact: dict[str, list[Target]] = {}
        self.ids: dict[str, list[tuple[str, str]]] = {}
        self.module_ids = {compact(module_id): module_id for module_id in modules}
        self.parts: dict[tuple[str, str], list[Part]] = {}
        self.option_labels: dict[str, list[Target]] = {}
        #: Texts that are one perspective's wording of a mirrored question → that perspective.
        self.worded_for: dict[str, set[str]] = {}
        for module in modules.values():
            for _, question in module.questions():
                qtype = types[question.type]
                if qtype.items(question) is not None:
                    continue  # a table of items: survey tools cannot ask it in columns
                key = (module.id, question.id)
                self.questions[key] = question
                self.ids.setdefault(compact(question.id), []).append(key)
                whole = Target(module.id, question.id)
                for wording, side in (
                    (question.text, "internal"),
                    (question.text_customer, "customer"),
                ):
                    if wording is not None:
                        for text in (wording.de, wording.en):
                            self._text(text, whole)
                            if text and question.text_customer is not None:
                                self.worded_for.setdefault(normal(text), set()).add(side)
                parts: list[Part] = []
                for part in qtype.parts(question, self.departments) or ():
                    names = (part.id, part.label.de or "", part.label.en or "")
                    texts = {normal(name) for name in names}
                    wording = part.wording
                    for text in (getattr(wording, "de", None), getattr(wording, "en", None)):
                        if text:
                            texts.add(normal(text))
                            self._text(text, Target(module.id, question.id, part.id))
                    codes = (compact(part.id), compact(xml_name(part.id)))
                    parts.append(Part(part.id, tuple(texts - {""}), codes))
                if qtype.multiple:
                    for option in question.options:
                        labels = {
                            normal(option.id),
                            normal(option.label.de or ""),
                            normal(option.label.en or ""),
                        } - {""}
                        parts.append(
                            Part(
                                option.id,
                                tuple(labels),
                                (compact(option.id), compact(xml_name(option.id))),
                            )
                        )
                        for label in labels:
                            self.option_labels.setdefault(label, []).append(
                                Target(module.id, question.id, option.id)
                            )
                if parts:
                    self.parts[key] = parts

    def _text(self, text: str | None, target: Target) -> None:
        if not text:
            return
        key = normal(text)
        if target not in self.exact.setdefault(key, []):
            self.exact[key].append(target)
            self.texts.append((key, target))
            self.words.append(frozenset(key.split()))

    def candidates(
        self, text: str, limit: int = 12, with_parts: bool = False
    ) -> list[tuple[str, Target]]:
        """The question texts sharing the most words with `text` (difflib is slow: it only
        compares these); `with_parts`: only questions with rows, Kano parts or options."""
        words = frozenset(text.split())
        if not words:
            return []
        ranked = sorted(
            (
                (len(words & other) / max(len(words), len(other)), index)
                for index, other in enumerate(self.words)
                if words & other and (not with_parts or self.has_parts(self.texts[index][1]))
            ),
            reverse=True,
        )
        return [self.texts[index] for _, index in ranked[:limit]]

    def question(self, target: Target) -> Question | None:
        return self.questions.get(target.key) if target.key else None

    def type_of(self, question: Question) -> QuestionType:
        return self.types[question.type]

    def multiple(self, target: Target) -> bool:
        """Whether the target's question is answered with several of its options."""
        question = self.question(target)
        return question is not None and self.type_of(question).multiple

    def has_parts(self, target: Target) -> bool:
        return target.key in self.parts

    def part(self, key: tuple[str, str], text: str, by_code: bool = False) -> str | None:
        """The part (row, Kano part, option) that `text` names exactly, if any."""
        wanted = compact(text) if by_code else normal(text)
        for part in self.parts.get(key, ()):
            if wanted in (part.codes if by_code else part.texts):
                return part.id
        return None

    def find_question(self, module_id: str | None, text: str) -> tuple[str, str] | None:
        keys = self.ids.get(compact(text), [])
        if module_id is not None:
            keys = [key for key in keys if key[0] == module_id]
        return keys[0] if len(keys) == 1 else None

    # -- ids ------------------------------------------------------------------------------

    def by_code(self, code: str) -> Target | None:
        """A target named by ids: 'module.question', 'module/question/row', 'Q[code]'…"""
        segments = [s for s in re.split(r"[/\[\]]+|(?<=\w)\.(?=[A-Za-z_])", code.strip()) if s]
        if not segments:
            return None
        detail = compact(segments[-1]) in ("department", "perspective", "role")
        if detail and (
            len(segments) == 1
            or (len(segments) == 2 and compact(segments[0]) not in self.module_ids)
        ):
            return Target(field=compact(segments[-1]))
        for index, segment in enumerate(segments):
            module_id = self.module_ids.get(compact(segment))
            if module_id is not None:  # module/dimension/question/row: groups of a form
                for later in range(index + 1, len(segments)):
                    key = self.find_question(module_id, segments[later])
                    if key is not None:
                        return self._with_part(key, segments[later + 1 :])
            key = self.find_question(None, segment)
            if key is not None:
                return self._with_part(key, segments[index + 1 :])
        return None

    def _with_part(self, key: tuple[str, str], rest: list[str]) -> Target | None:
        if not rest:
            return Target(*key)
        part = self.part(key, rest[0], by_code=True) or self.part(key, rest[0])
        return Target(*key, part=part) if part is not None and len(rest) == 1 else None
