"""The questions of a module definition: wording, scale, options, rows and number settings.

What a question may hold depends on its type: the question type says whether it has a scale,
options, rows or number settings and reads its own extra keys (`QuestionType.configure`).
Scales are read here too, for the module's named `scales` and a question's own. Problems go
to the module's `Checker`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ccassess.catalogs import _
from ccassess.format import counted
from ccassess.io.checker import MISSING, MISSING_TRANSLATION, Checker, join
from ccassess.model.questionnaire import DEPARTMENT_ROWS, Condition, Option, Question, Scale
from ccassess.questions.types import AnswerProblem, DefinitionContext, QuestionType
from ccassess.text import LANGUAGES, Text

QUESTION_KEYS = {
    "id",
    "type",
    "perspective",
    "text",
    "help",
    "weight",
    "reverse",
    "dont_know",
    "required",
    "source",
    "scale",
    "options",
    "rows",
    "min",
    "max",
    "unit",
    "score",
    "ask_if",
    "importance",
}
DEFAULT_SCALE = Scale(
    points=5,
    labels={
        "de": (
            "trifft nicht zu",
            "trifft eher nicht zu",
            "teils/teils",
            "trifft eher zu",
            "trifft voll zu",
        ),
        "en": ("disagree", "tend to disagree", "neutral", "tend to agree", "agree"),
    },
)


def read_scale(check: Checker, spec: Any, path: str, parent: Any, key: Any) -> Scale | None:
    """A scale: 2 to 11 points, a start, and one label per point in each language."""
    c = check
    spec = c.mapping(spec, path, parent, key)
    if not spec:
        return None
    c.known_keys(spec, path, {"points", "start", "labels"})
    points = c.integer(spec, "points", path)
    start = c.integer(spec, "start", path, default=1)
    if points is None:
        c.error(join(path, "points"), _(MISSING), spec, "points")
        return None
    if not 2 <= points <= 11:
        c.error(
            join(path, "points"),
            _("a scale needs 2 to 11 points, got {points}").format(points=points),
            spec,
        )
        return None
    labels: dict[str, tuple[str, ...]] = {}
    raw_labels = c.mapping(spec.get("labels") or {}, join(path, "labels"), spec, "labels")
    c.known_keys(raw_labels, join(path, "labels"), set(LANGUAGES))
    for lang in LANGUAGES:
        where = join(path, f"labels.{lang}")
        items = c.sequence(raw_labels, lang, join(path, "labels"), required=False)
        if lang not in raw_labels:
            c.warning(where, _(MISSING_TRANSLATION), raw_labels or spec)
            continue
        if len(items) != points:
            c.error(
                where,
                _("needs {points} labels, got {count}").format(points=points, count=len(items)),
                raw_labels,
                lang,
            )
            continue
        labels[lang] = tuple(c.item(items, index, where) for index in range(len(items)))
    return Scale(points=points, start=start if start is not None else 1, labels=labels)


def _asked(perspective: str, respondent: str) -> bool:
    """Whether a question of this perspective is put to this kind of respondent."""
    if perspective == "both":
        return respondent in ("internal", "customer")
    return perspective == respondent


class QuestionReader:
    """Reads the questions of one module's dimensions; a question id is unique in the module."""

    def __init__(
        self,
        check: Checker,
        question_types: Mapping[str, QuestionType],
        scales: Mapping[str, Scale],
    ) -> None:
        self.check = check
        self.types = question_types
        self.scales = scales
        #: question id → the id of its dimension
        self.question_ids: dict[str, str] = {}
        #: the questions read so far, in order (a filter must come before what it filters)
        self.earlier: dict[str, Question] = {}

    def read_all(self, item: Mapping, path: str, dim_id: str) -> list[Question]:
        """The questions of the dimension `item` (at `path`)."""
        c = self.check
        raw = c.sequence(item, "questions", path)
        if "questions" in item and not raw:
            c.error(join(path, "questions"), _("a dimension needs at least one question"), item)
        questions = []
        for index, spec in enumerate(raw):
            qpath = f"{path}.questions[{index}]"
            spec = c.mapping(spec, qpath, raw, index)
            if not spec:
                continue
            question = self.read(spec, qpath, dim_id)
            if question is not None:
                questions.append(question)
        return questions

    def read(self, spec: Mapping, path: str, dim_id: str) -> Question | None:
        c = self.check
        qid = c.identifier(spec, "id", path)
        if qid:
            path = f"{path.rsplit('[', 1)[0]}[{qid}]"
            if qid in self.question_ids:
                other = self.question_ids[qid]
                message = (
                    _("duplicate question id {id} (twice in this dimension)")
                    if other == dim_id
                    else _("duplicate question id {id} (also in {dimension})")
                )
                c.error(
                    join(path, "id"),
                    message.format(id=repr(qid), dimension=repr(other)),
                    spec,
                    "id",
                )
            self.question_ids[qid] = dim_id
        type_name = c.string(spec, "type", path)
        qtype = self.types.get(type_name)
        if type_name and qtype is None:
            known = ", ".join(sorted(self.types))
            c.error(
                join(path, "type"),
                _("unknown question type {type}; known: {known}").format(
                    type=repr(type_name), known=known
                ),
                spec,
                "type",
            )
        c.known_keys(spec, path, QUESTION_KEYS | (qtype.keys if qtype else frozenset()))
        perspective = c.string(spec, "perspective", path, required=False, default="internal")
        if perspective not in ("internal", "customer", "both", "key_figures"):
            c.error(
                join(path, "perspective"),
                _("must be internal, customer, both or key_figures"),
                spec,
            )
            perspective = "internal"
        text, text_customer = self._wordings(spec, path, perspective)
        source = c.string(spec, "source", path)
        weight = c.number(spec, "weight", path, default=1.0, positive=True) or 1.0
        scale = None
        if qtype is not None and qtype.needs_scale:
            scale = self._scale(spec, path)
        elif "scale" in spec:
            c.error(
                join(path, "scale"),
                _("a {type} question has no scale").format(type=type_name),
                spec,
                "scale",
            )
        options = self._options(spec, path, type_name, qtype)
        rows = self._rows(spec, path, type_name, qtype)
        minimum, maximum, score_range = self._number_settings(spec, path, type_name, qtype)
        extra: dict[str, Any] = {}
        if qtype is not None:

            def report(key: str, message: str) -> None:
                c.error(join(path, key), message, spec, key)

            def text_of(key: str, required: bool = False) -> Text | None:
                return c.text(spec, key, path, required=required)

            extra = qtype.configure(DefinitionContext(spec, report, text_of))
        ask_if = self._condition(spec, path, perspective) if "ask_if" in spec else None
        importance = c.boolean(spec, "importance", path, False)
        if importance and (qtype is None or not qtype.needs_scale or scale is None):
            c.error(join(path, "importance"), _("an importance rating needs a scale"), spec)
        question = Question(
            id=qid,
            type=type_name,
            text=text or Text(),
            text_customer=text_customer,
            source=source,
            perspective=perspective,  # type: ignore[arg-type]
            help=c.text(spec, "help", path, required=False),
            weight=weight,
            reverse=c.boolean(spec, "reverse", path, False),
            dont_know=c.boolean(spec, "dont_know", path, True),
            required=c.boolean(spec, "required", path, False),
            scale=scale,
            options=options,
            rows=rows,
            minimum=minimum,
            maximum=maximum,
            unit=c.text(spec, "unit", path, required=False),
            score_range=score_range,
            ask_if=ask_if,
            importance=importance,
            extra=extra,
        )
        if qid:
            self.earlier.setdefault(qid, question)
        return question

    def _condition(self, spec: Mapping, path: str, perspective: str) -> Condition | None:
        """`ask_if: {question: <earlier id>, equals: <answer>}` or `{question, in: [answers]}`:
        the earlier question's answers under which this one is asked."""
        c = self.check
        cpath = join(path, "ask_if")
        raw = c.mapping(spec.get("ask_if"), cpath, spec, "ask_if")
        if not raw:
            return None
        c.known_keys(raw, cpath, {"question", "equals", "in"})
        target = c.string(raw, "question", cpath)
        filter_question = self.earlier.get(target)
        if target and filter_question is None:
            c.error(
                join(cpath, "question"),
                _("{id} is not a question earlier in this module (a filter comes first)").format(
                    id=repr(target)
                ),
                raw,
                "question",
            )
            return None
        if ("equals" in raw) == ("in" in raw):
            c.error(cpath, _("give exactly one of 'equals' (one answer) or 'in' (a list)"), raw)
            return None
        values = [raw["equals"]] if "equals" in raw else raw["in"]
        if not isinstance(values, list) or not values:
            c.error(join(cpath, "in"), _("must be a non-empty list of answers"), raw, "in")
            return None
        if filter_question is None:
            return None
        asked = [p for p in ("internal", "customer", "key_figures")]
        shared = [p for p in asked if filter_question.asked_of(p) and _asked(perspective, p)]
        if not shared:
            c.error(
                join(cpath, "question"),
                _("{id} is never put to the respondents this question is asked of").format(
                    id=repr(target)
                ),
                raw,
                "question",
            )
        qtype = self.types.get(filter_question.type)
        checked = []
        for value in values:
            try:
                checked.append(qtype.check(filter_question, value, ()) if qtype else value)
            except AnswerProblem as exc:
                c.error(
                    cpath,
                    _("{value} is not an answer to {id}: {problem}").format(
                        value=repr(value), id=repr(target), problem=exc
                    ),
                    raw,
                )
        return Condition(target, tuple(checked))

    def _wordings(
        self, spec: Mapping, path: str, perspective: str
    ) -> tuple[Text | None, Text | None]:
        c = self.check
        if perspective != "both":
            return c.text(spec, "text", path), None
        raw = spec.get("text")
        where = join(path, "text")
        if not isinstance(raw, Mapping) or set(raw) != {"internal", "customer"}:
            c.error(
                where,
                _("a mirrored question (perspective: both) needs text.internal and text.customer"),
                spec,
                "text",
            )
            return None, None
        return c.text(raw, "internal", where), c.text(raw, "customer", where)

    def _scale(self, spec: Mapping, path: str) -> Scale | None:
        """The question's scale: the default one, one of the module's by name, or its own."""
        c = self.check
        raw = spec.get("scale")
        if raw is None:
            return DEFAULT_SCALE
        if isinstance(raw, str):
            if raw not in self.scales:
                known = ", ".join(sorted(self.scales)) or _("none defined")
                c.error(
                    join(path, "scale"),
                    _("unknown scale {name}; scales: {known}").format(name=repr(raw), known=known),
                    spec,
                    "scale",
                )
                return DEFAULT_SCALE
            return self.scales[raw]
        return read_scale(c, raw, join(path, "scale"), spec, "scale") or DEFAULT_SCALE

    def _options(
        self, spec: Mapping, path: str, type_name: str, qtype: QuestionType | None
    ) -> tuple[Option, ...]:
        c = self.check
        if qtype is None or not qtype.needs_options:
            if "options" in spec:
                c.error(
                    join(path, "options"),
                    _("a {type} question has no options").format(type=type_name),
                    spec,
                )
            return ()
        raw = c.sequence(spec, "options", path)
        if isinstance(spec.get("options"), list) and len(raw) < 2:
            c.error(
                join(path, "options"),
                _("a choice needs at least 2 options, got none")
                if not raw
                else _("a choice needs at least 2 options, got only 1"),
                spec,
                "options",
            )
        options = []
        ids = set()
        for index, item in enumerate(raw):
            where = join(path, f"options[{index}]")
            item = c.mapping(item, where, raw, index)
            if not item:
                continue
            c.known_keys(item, where, {"id", "label", "score"})
            option_id = c.string(item, "id", where)
            if option_id in ids:
                c.error(
                    join(where, "id"),
                    _("duplicate option id {id}").format(id=repr(option_id)),
                    item,
                    "id",
                )
            ids.add(option_id)
            label = c.text(item, "label", where) or Text()
            score = c.number(item, "score", where)
            if score is not None and not 0 <= score <= 1:
                c.error(
                    join(where, "score"),
                    _("an option score lies in 0..1, got {score}").format(
                        score=counted(score, False)
                    ),
                    item,
                )
                score = None
            options.append(Option(option_id, label, score))
        return tuple(options)

    def _rows(
        self, spec: Mapping, path: str, type_name: str, qtype: QuestionType | None
    ) -> tuple[Option, ...] | str:
        c = self.check
        if qtype is None or not qtype.needs_rows:
            if "rows" in spec:
                c.error(
                    join(path, "rows"),
                    _("a {type} question has no rows").format(type=type_name),
                    spec,
                    "rows",
                )
            return ()
        raw = spec.get("rows")
        if raw == DEPARTMENT_ROWS:
            return DEPARTMENT_ROWS
        rows = []
        for index, item in enumerate(c.sequence(spec, "rows", path)):
            where = join(path, f"rows[{index}]")
            item = c.mapping(item, where)
            if item:
                rows.append(
                    Option(c.string(item, "id", where), c.text(item, "label", where) or Text())
                )
        if "rows" in spec and not rows:
            message = _("a {type} needs rows (a list, or 'departments')").format(type=type_name)
            c.error(join(path, "rows"), message, spec)
        return tuple(rows)

    def _number_settings(
        self, spec: Mapping, path: str, type_name: str, qtype: QuestionType | None
    ) -> tuple[float | None, float | None, tuple[float, float] | None]:
        c = self.check
        if qtype is None or qtype.entry != "number":
            # TRANSLATORS: joins the names of the number question types ("number or count")
            numeric = _(" or ").join(
                sorted(n for n, t in self.types.items() if t.entry == "number")
            )
            for key in ("min", "max", "unit", "score"):
                if key in spec:
                    c.error(
                        join(path, key),
                        _("only {types} questions have {key}").format(types=numeric, key=repr(key)),
                        spec,
                        key,
                    )
            return None, None, None
        minimum = c.number(spec, "min", path)
        maximum = c.number(spec, "max", path)
        if minimum is not None and maximum is not None and minimum >= maximum:
            c.error(
                join(path, "max"),
                _("max ({maximum}) must be above min ({minimum})").format(
                    maximum=counted(maximum, False), minimum=counted(minimum, False)
                ),
                spec,
            )
        score_range = None
        if "score" in spec:
            raw = c.mapping(spec["score"], join(path, "score"), spec, "score")
            low = c.number(raw, "from", join(path, "score"))
            high = c.number(raw, "to", join(path, "score"))
            if low is None or high is None or low == high:
                c.error(
                    join(path, "score"), _("needs distinct numbers 'from' and 'to'"), spec, "score"
                )
            else:
                score_range = (low, high)
        return minimum, maximum, score_range
