"""Which question a column is, and which value an answer is — and how sure we are.

A column matches by id (a KoboToolbox path such as ``customer_perception/simp_buy``, a
LimeSurvey code such as ``CP[simpbuy]``), by text (its heading is a question's wording in
German or English, internal or customer version; a grid heading ``Frage [Aussage]`` is
compared part by part) or, failing both, by similarity (difflib) with a confidence below
certainty. Answers match scale points by number, by the scale's labels, by common scale
wordings of the survey tools (position on a known 5- or 7-point scale) and by similarity.

Only matches at or above `SURE` are used without a mapping file; anything less is a
suggestion a person checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ccassess import DONT_KNOW, AnswerProblem, Module, Question, QuestionType
from ccassess_survey_tools.words import Closest, compact, normal, without_numbering

#: At or above: used without asking. Below `GUESS`: no match at all.
SURE = 0.97
GUESS = 0.6
#: Targets that are not questions: the respondent's details.
FIELDS = ("department", "role", "perspective", "id")
_FIELD_WORDS = {
    "department": (
        "department",
        "abteilung",
        "your department",
        "ihre abteilung",
        "bereich",
        "in welcher abteilung arbeiten sie",
        "which department do you work in",
    ),
    "role": ("role", "rolle", "funktion", "your role", "ihre rolle", "ihre funktion"),
    "perspective": ("perspective", "perspektive"),
}
FIELD_WORDS = {normal(word): name for name, words in _FIELD_WORDS.items() for word in words}


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
class Match:
    """A column's best target, how sure (0 … 1), why, and close runners-up."""

    target: Target | None
    confidence: float = 0.0
    reason: str = ""
    alternatives: list[tuple[Target, float]] = field(default_factory=list)

    @property
    def sure(self) -> bool:
        return self.target is not None and self.confidence >= SURE


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
        from ccassess.forms.xlsform import xml_name

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
        for module in modules.values():
            for _, question in module.questions():
                qtype = types[question.type]
                if qtype.items(question) is not None:
                    continue  # a table of items: survey tools cannot ask it in columns
                key = (module.id, question.id)
                self.questions[key] = question
                self.ids.setdefault(compact(question.id), []).append(key)
                whole = Target(module.id, question.id)
                for wording in (question.text, question.text_customer):
                    if wording is not None:
                        for text in (wording.de, wording.en):
                            self._text(text, whole)
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


# -- columns --------------------------------------------------------------------------------


def match_column(
    column: Any, index: QuestionIndex, allowed: Callable[[Target], bool] | None = None
) -> Match:
    """The best target for a column (`Column` of `export`), with its confidence."""
    if column.role != "answer":
        return Match(None)
    heading = without_numbering(column.text)
    field_name = FIELD_WORDS.get(normal(heading))
    if field_name:
        return Match(Target(field=field_name), 1.0, "a respondent detail")
    for code in (*column.codes, column.text):
        target = index.by_code(code)
        if target is not None and (allowed is None or allowed(target)):
            return Match(target, 1.0, "same id")
    scores: dict[Target, tuple[float, str]] = {}

    def consider(target: Target, score: float, reason: str) -> None:
        if allowed is not None and not allowed(target):
            return
        if target.part is None and index.has_parts(target) and not index.multiple(target):
            score = min(score, 0.8)  # a matrix or Kano question needs its row or part
        if score > scores.get(target, (0.0, ""))[0]:
            scores[target] = (score, reason)

    full = normal(heading)
    for target in index.exact.get(full, ()):
        consider(target, 1.0, "same text")
    for main, sub in column.splits:
        statement, question_text = normal(sub), normal(without_numbering(main))
        for target in index.exact.get(statement, ()):
            if not index.has_parts(target) or target.part is not None:
                consider(target, 1.0, "same text as the statement")
        for target in index.exact.get(question_text, ()):
            if target.key and index.has_parts(target) and target.part is None:
                part = index.part(target.key, sub)
                if part is not None:
                    consider(Target(*target.key, part=part), 1.0, "same question and row")
    options = index.option_labels.get(full, [])
    if len(options) == 1:
        evident = all(normal(v) == full for v in column.values)  # or nobody ticked it
        consider(options[0], 1.0 if evident else 0.85, "an option's label")
    if not any(score >= 1.0 for score, _ in scores.values()):
        _similar(column, index, consider, full)
    decided = _decide(scores)
    if decided.target is None:  # a hint for the person who maps it
        closest = Closest(full, 0.3)
        hints = [(closest.score(text), target) for text, target in index.candidates(full, 5)]
        best = max(hints, default=(0.0, None), key=lambda item: item[0])
        if best[1] is not None and best[0] >= 0.3:
            decided.alternatives = [(best[1], best[0])]
    return decided


def _similar(
    column: Any, index: QuestionIndex, consider: Callable[[Target, float, str], None], full: str
) -> None:
    texts = [full, *(normal(sub) for _, sub in column.splits)]
    for text in texts:
        closest = Closest(text, GUESS)
        for candidate, target in index.candidates(text):
            score = closest.score(candidate)
            if score >= GUESS:
                consider(target, min(score, 0.96), "similar text")
    for main, sub in column.splits:
        question_text = normal(without_numbering(main))
        closest = Closest(question_text, GUESS)
        for candidate, target in index.candidates(question_text, with_parts=True):
            if target.key is None or not index.has_parts(target) or target.part is not None:
                continue
            score = closest.score(candidate)
            if score < GUESS:
                continue
            row_closest = Closest(normal(sub), GUESS)
            for part in index.parts[target.key]:
                row = max((row_closest.score(label) for label in part.texts), default=0.0)
                if row >= GUESS:
                    consider(
                        Target(*target.key, part=part.id),
                        min(score, row, 0.96),
                        "similar question and row",
                    )


def _decide(scores: Mapping[Target, tuple[float, str]]) -> Match:
    if not scores:
        return Match(None)
    ranked = sorted(scores.items(), key=lambda item: -item[1][0])
    (best, (score, reason)), rest = ranked[0], ranked[1:]
    close = [(target, value) for target, (value, _) in rest if value >= score - 0.03]
    others = [(target, value) for target, (value, _) in rest[:3]]
    if close:
        return Match(best, min(score, 0.9), f"{reason}, but also close to {close[0][0]}", others)
    return Match(best, score, reason, others)


# -- answers --------------------------------------------------------------------------------


@dataclass
class Value:
    """An answer matched to a value, how sure, and why."""

    value: Any
    confidence: float
    reason: str = ""

    @property
    def sure(self) -> bool:
        return self.value is not None and self.confidence >= SURE


NO_MATCH = Value(None, 0.0, "no match")
_NUMBER = re.compile(r"^\s*(-?\d+)(?:[.,]0+)?\s*(?:(?:[-–—:=.)(]|\s)\s*(?P<label>.*))?$")
_CODE = re.compile(r"^[A-Za-z]{1,3}0*(\d+)$")
DONT_KNOW_WORDS = {
    normal(w)
    for w in (
        "weiß nicht",
        "weiss nicht",
        "don't know",
        "dont know",
        "dont_know",
        "kann ich nicht beurteilen",
        "cannot judge",
        "can't say",
        "nicht zutreffend",
        "not applicable",
        "trifft nicht zu / weiß nicht",
        "n/a",
        "k. A.",
        "keine Angabe",
        "no answer",
        "prefer not to say",
        "möchte ich nicht sagen",
        "weiß nicht / keine Angabe",
    )
}
NOT_SELECTED = {
    normal(w)
    for w in (
        "0",
        "N",
        "No",
        "Nein",
        "false",
        "falsch",
        "not selected",
        "nicht gewählt",
        "nicht ausgewählt",
        "not checked",
    )
}
YES_PARTLY_NO_WORDS = {
    "yes": ("yes", "ja", "y", "j", "1", "true", "wahr", "trifft zu"),
    "partly": ("partly", "partially", "teilweise", "teils", "zum teil", "in part"),
    "no": ("no", "nein", "n", "0", "false", "falsch"),
}
#: Common wordings of the survey tools' scales, by position (lowest first), for guessing.
SCALE_WORDINGS: tuple[tuple[tuple[str, ...], ...], ...] = (
    (
        (
            "strongly disagree",
            "stimme überhaupt nicht zu",
            "stimme gar nicht zu",
            "trifft überhaupt nicht zu",
            "trifft gar nicht zu",
            "lehne völlig ab",
        ),
        (
            "disagree",
            "somewhat disagree",
            "stimme nicht zu",
            "stimme eher nicht zu",
            "trifft eher nicht zu",
            "lehne eher ab",
        ),  # ("trifft nicht zu" may be either)
        (
            "neither agree nor disagree",
            "neutral",
            "weder noch",
            "teils teils",
            "unentschieden",
            "weder zustimmung noch ablehnung",
        ),
        ("agree", "somewhat agree", "stimme zu", "stimme eher zu", "trifft eher zu"),
        (
            "strongly agree",
            "stimme voll und ganz zu",
            "stimme voll zu",
            "stimme völlig zu",
            "trifft voll und ganz zu",
            "trifft voll zu",
            "trifft völlig zu",
        ),
    ),
    (
        ("strongly disagree", "stimme überhaupt nicht zu"),
        ("disagree", "stimme nicht zu"),
        ("somewhat disagree", "stimme eher nicht zu"),
        ("neither agree nor disagree", "weder noch", "neutral"),
        ("somewhat agree", "stimme eher zu"),
        ("agree", "stimme zu"),
        ("strongly agree", "stimme voll und ganz zu"),
    ),
    (
        ("very dissatisfied", "sehr unzufrieden", "äußerst unzufrieden", "extremely dissatisfied"),
        ("dissatisfied", "unzufrieden", "somewhat dissatisfied", "eher unzufrieden"),
        (
            "neutral",
            "neither satisfied nor dissatisfied",
            "weder zufrieden noch unzufrieden",
            "teils teils",
        ),
        ("satisfied", "zufrieden", "somewhat satisfied", "eher zufrieden"),
        ("very satisfied", "sehr zufrieden", "äußerst zufrieden", "extremely satisfied"),
    ),
    (
        ("very difficult", "sehr schwierig", "sehr schwer"),
        ("difficult", "schwierig", "schwer"),
        ("neither easy nor difficult", "neutral", "weder noch"),
        ("easy", "einfach", "leicht"),
        ("very easy", "sehr einfach", "sehr leicht"),
    ),
)


def _wording_position(text: str, points: int) -> tuple[int, int] | None:
    """(position, points) of `text` on a known scale wording with `points` points."""
    for wording in SCALE_WORDINGS:
        if len(wording) != points:
            continue
        for position, words in enumerate(wording):
            if text in {normal(w) for w in words}:
                return position, points
    return None


class AnswerMatcher:
    """Raw answers of one question (or its row/part/option) to values."""

    def __init__(self, index: QuestionIndex) -> None:
        self.index = index

    def match(
        self, target: Target, raw: str, siblings: Iterable[str] = (), separator: str | None = None
    ) -> Value:
        """`raw` as a value for `target`; `siblings` are the other answers given in the same
        column (or columns of the same scale), used to recognise a tool's scale wording."""
        text = normal(raw)
        if target.field:
            return self._field(target.field, raw)
        question = self.index.question(target)
        if question is None:
            return NO_MATCH
        qtype = self.index.type_of(question)
        if qtype.multiple and target.part is not None:
            return Value(text not in NOT_SELECTED, 1.0, "ticked" if text else "")
        if text in DONT_KNOW_WORDS and question.dont_know:
            strong = text in {
                normal("weiß nicht"),
                normal("don't know"),
                normal("weiss nicht"),
                normal("dont_know"),
                normal("dont know"),
            }
            return Value(DONT_KNOW, 1.0 if strong else 0.9, "don't know")
        choices = qtype.choices(question)
        if question.scale is not None and _scale_points(choices, question):
            return self._scale(question, raw, text, siblings)
        if question.options and qtype.multiple:
            return self._options(question, raw, separator)
        if question.options:
            return self._option(question, raw, text)
        if qtype.entry == "number":
            number = raw.strip().replace(" ", "")
            if re.fullmatch(r"-?\d+(?:[.,]\d+)?", number):
                return Value(
                    float(number.replace(",", ".")) if re.search(r"[.,]", number) else int(number),
                    1.0,
                    "a number",
                )
            return NO_MATCH
        if qtype.entry == "text":
            return Value(raw, 1.0, "text")
        values = {choice.value for choice in choices or ()}
        for value, words in YES_PARTLY_NO_WORDS.items():
            if value in values and text in {normal(w) for w in words}:
                return Value(value, 1.0, "yes/partly/no")
        return self._by_type(question, target, raw)

    def _by_type(self, question: Question, target: Target, raw: str) -> Value:
        """Whatever the question type itself accepts (Kano reactions, plugin types)."""
        qtype = self.index.types.get(question.type)
        if qtype is None:
            return NO_MATCH
        labels = {
            label.get(lang).casefold(): choice_value
            for lang in ("de", "en")
            for choice_value, label in qtype.choices(question) or ()
        }
        value = labels.get(raw.strip().casefold(), raw.strip())
        try:  # a part (Kano side) is checked with every part given the same answer
            parts = self.index.parts.get(target.key or ("", ""), [])
            probe = {p.id: value for p in parts} if target.part is not None else value
            checked = qtype.check(question, probe, self.index.departments)
        except (AnswerProblem, TypeError, ValueError):
            return NO_MATCH
        if target.part is not None and isinstance(checked, Mapping):
            return Value(checked.get(target.part, value), 1.0, "an answer of the question")
        return Value(checked, 1.0, "an answer of the question")

    def _scale(self, question: Question, raw: str, text: str, siblings: Iterable[str]) -> Value:
        scale = question.scale
        assert scale is not None
        number = _NUMBER.match(raw)
        if number and int(number.group(1)) in scale.values:
            return Value(int(number.group(1)), 1.0, "a scale point")
        labels: dict[str, int] = {}
        for lang in ("de", "en"):
            for value in scale.values:
                label = scale.label(value, lang)
                if label and not label.isdigit():
                    labels.setdefault(normal(label), value)
        others = {normal(s) for s in siblings if s and not _NUMBER.match(s)} | {text}
        position = _wording_position(text, scale.points)
        common = scale.start + position[0] if position is not None else None
        own = labels.get(text)
        # Which reading do the column's other answers follow: this scale's own labels, or a
        # tool's common wording ("strongly agree")? They differ for words like "agree".
        tool_only = any(o not in labels and _wording_position(o, scale.points) for o in others)
        own_only = any(o in labels and not _wording_position(o, scale.points) for o in others)
        if own is not None and (common is None or common == own or (own_only and not tool_only)):
            return Value(own, 1.0, "the scale's label")
        if own is None and common is not None:
            return Value(
                common,
                0.75 if own_only else 0.9,
                f"position {position[0] + 1} of {scale.points} on a common scale",
            )
        if own is not None and common is not None:
            if tool_only and not own_only:
                return Value(
                    common,
                    0.9,
                    f"position {position[0] + 1} of {scale.points} on a "
                    "common scale, like the other answers",
                )
            return Value(own, 0.75, f"the scale's label, but point {common} on a common scale")
        code = _CODE.match(raw.strip())
        if code and int(code.group(1)) - 1 + scale.start in scale.values:
            return Value(int(code.group(1)) - 1 + scale.start, 0.6, "answer code, by position")
        closest = Closest(text, GUESS)
        best = max(
            ((closest.score(label), value) for label, value in labels.items()), default=(0.0, None)
        )
        if best[1] is not None and best[0] >= GUESS:
            return Value(best[1], min(best[0], 0.95) * 0.95, "similar to the scale's label")
        return NO_MATCH

    def _option(self, question: Question, raw: str, text: str) -> Value:
        for option in question.options:
            if compact(raw) == compact(option.id) or text in (
                normal(option.label.de or ""),
                normal(option.label.en or ""),
            ):
                return Value(option.id, 1.0, "an option")
        number = _NUMBER.match(raw)
        if number and 1 <= int(number.group(1)) <= len(question.options) and not number["label"]:
            option = question.options[int(number.group(1)) - 1]
            return Value(option.id, 0.7, "option number, by position")
        closest = Closest(text, GUESS)
        best = max(
            (
                (
                    max(
                        closest.score(normal(o.label.de or "")),
                        closest.score(normal(o.label.en or "")),
                    ),
                    o.id,
                )
                for o in question.options
            ),
            default=(0.0, None),
        )
        if best[1] is not None and best[0] >= GUESS:
            return Value(best[1], min(best[0], 0.95) * 0.95, "similar to an option")
        return NO_MATCH

    def _options(self, question: Question, raw: str, separator: str | None) -> Value:
        """A multi-select in one cell: option labels joined by the tool's separator."""
        if not raw.strip():
            return Value([], 1.0)
        for candidate in dict.fromkeys([separator, ";", ",", " "]):
            if candidate is None:
                continue
            parts = split_choices(raw, candidate, question)
            found = [self._option(question, part, normal(part)) for part in parts]
            if all(item.sure for item in found):
                return Value(list(dict.fromkeys(item.value for item in found)), 1.0, "options")
        parts = split_choices(raw, separator or ",", question)
        found = [self._option(question, part, normal(part)) for part in parts]
        if any(item.value is None for item in found):
            return NO_MATCH
        weakest = min(found, key=lambda item: item.confidence)
        return Value([item.value for item in found], weakest.confidence, weakest.reason)

    def _field(self, name: str, raw: str) -> Value:
        from ccassess.forms.xlsform import xml_name
        from ccassess.questions.present import perspective_from_label

        text = normal(raw)
        if name == "department":
            for department in self.index.departments:
                if text == normal(department) or compact(raw) == compact(xml_name(department)):
                    return Value(department, 1.0, "a department")
            closest = Closest(text, GUESS)
            best = max(
                ((closest.score(normal(d)), d) for d in self.index.departments), default=(0.0, None)
            )
            if best[1] is not None and best[0] >= GUESS:
                return Value(best[1], min(best[0], 0.95) * 0.95, "similar to a department")
            return Value(raw.strip(), 0.5, "not a department of the assessment")
        if name == "perspective":
            value = perspective_from_label(raw)
            if value in ("internal", "customer"):
                return Value(value, 1.0, "a perspective")
            if text in {"staff", "mitarbeiter", "mitarbeiterin", "mitarbeitende", "employee"}:
                return Value("internal", 1.0, "a perspective")
            if text in {"kunde", "kundin", "client", "customer"}:
                return Value("customer", 1.0, "a perspective")
            return NO_MATCH
        return Value(raw.strip(), 1.0, name)


def _scale_points(choices: Any, question: Question) -> bool:
    """Whether a question's cells are points of its scale (a likert item, a matrix row)."""
    assert question.scale is not None
    return [choice.value for choice in choices or ()] == list(question.scale.values)


def split_choices(raw: str, separator: str, question: Question) -> list[str]:
    """A multi-select cell into its choices; labels that contain the separator stay whole."""
    labels = sorted(
        {
            label
            for option in question.options
            for label in (option.label.de, option.label.en, option.id)
            if label
        },
        key=len,
        reverse=True,
    )
    rest = raw.strip()
    parts: list[str] = []
    while rest:
        for label in labels:
            if rest.casefold().startswith(label.casefold()) and (
                len(rest) == len(label)
                or rest[len(label) :].lstrip().startswith(separator)
                or (separator == " " and rest[len(label) :][:1] == " ")
            ):
                parts.append(rest[: len(label)])
                rest = rest[len(label) :].lstrip()
                rest = rest[len(separator) :].lstrip() if rest.startswith(separator) else rest
                break
        else:
            head, _, rest = rest.partition(separator)
            if head.strip():
                parts.append(head.strip())
            rest = rest.strip()
    return [part for part in parts if part.strip()]


def plain_number(raw: str) -> bool:
    """'4', '4.0' (a scale point needs no mapping entry); '4 – agree' is not plain."""
    found = _NUMBER.match(raw)
    return bool(found) and not (found["label"] or "").strip()  # type: ignore[index]
