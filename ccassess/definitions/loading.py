"""Module definitions from YAML (or the same structure from Python), validated with locations.

The same schema serves consultants' YAML files and plugins' Python dicts. Every problem is
collected before anything is raised; warnings (missing translations) are kept on the side.
See docs/reference/module-format.md.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ccassess.errors import Problem, Problems
from ccassess.io.checker import Checker, join
from ccassess.io.structured import read_structured
from ccassess.model.levels import DEFAULT_LEVELS
from ccassess.model.questionnaire import (
    DEPARTMENT_ROWS,
    Dimension,
    FindingRule,
    Level,
    Module,
    Option,
    Question,
    Scale,
)
from ccassess.questions.types import DefinitionContext, QuestionType
from ccassess.text import LANGUAGES, Text

VERSION_PATTERN = re.compile(r"^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$")
MODULE_KEYS = {
    "id",
    "version",
    "title",
    "description",
    "weight",
    "scales",
    "levels",
    "dimensions",
    "findings",
    "formulas",
}
DIMENSION_KEYS = {
    "id",
    "title",
    "description",
    "weight",
    "levels",
    "recommendations",
    "questions",
}
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
        "en": ("disagree", "rather disagree", "neutral", "rather agree", "agree"),
    },
)
MAX_MODULE_BYTES = 2 * 1024 * 1024


class LoadedModule:
    """A module plus the warnings its definition produced."""

    def __init__(self, module: Module, warnings: list[Problem]) -> None:
        self.module = module
        self.warnings = warnings


def load_module_file(path: str | Path, question_types: Mapping[str, QuestionType]) -> LoadedModule:
    """Read and validate a module YAML/JSON file; raises ValidationError listing every problem."""
    path = Path(path)
    data = read_structured(path, MAX_MODULE_BYTES)
    return build_module(data, question_types, file=str(path))


def build_module(
    data: Any, question_types: Mapping[str, QuestionType], *, file: str | None = None
) -> LoadedModule:
    """Validate a module definition (plain data) and build the Module."""
    problems = Problems()
    check = Checker(file, problems)
    module = _ModuleBuilder(check, question_types).build(data)
    problems.raise_if_errors()
    assert module is not None
    return LoadedModule(module, problems.warnings)


class _ModuleBuilder:
    def __init__(self, check: Checker, question_types: Mapping[str, QuestionType]) -> None:
        self.check = check
        self.types = question_types
        self.scales: dict[str, Scale] = {}
        self.question_ids: dict[str, str] = {}

    def build(self, data: Any) -> Module | None:
        c = self.check
        if data is None:
            c.error("", "the file is empty; expected a module definition")
            return None
        if isinstance(data, Mapping) and not data:
            c.error("", "the module definition is empty")
            return None
        data = c.mapping(data, "")
        if not data:
            return None
        c.known_keys(data, "", MODULE_KEYS)
        module_id = c.identifier(data, "id", "")
        version = c.string(data, "version", "")
        if version and not VERSION_PATTERN.match(version):
            c.error("version", f"{version!r} is not a semantic version like 1.0.0", data, "version")
        title = c.text(data, "title", "")
        description = c.text(data, "description", "", required=False)
        weight = c.number(data, "weight", "", default=1.0, positive=True)
        self.scales = self._scales(data)
        levels = self._levels(data)
        dimensions = self._dimensions(data)
        findings = self._findings(data, dimensions)
        formulas = self._formulas(data)
        return Module(
            id=module_id,
            version=version,
            title=title or Text(),
            description=description,
            weight=weight or 1.0,
            dimensions=tuple(dimensions),
            levels=levels,
            findings=tuple(findings),
            formulas=formulas,
            definition=plain(data),
            origin=c.file,
        )

    def _scales(self, data: Mapping) -> dict[str, Scale]:
        c = self.check
        raw = c.mapping(data.get("scales") or {}, "scales", data, "scales")
        scales = {}
        for name, spec in raw.items():
            scale = self._scale(spec, f"scales.{name}", raw, name)
            if scale is not None:
                scales[str(name)] = scale
        return scales

    def _scale(self, spec: Any, path: str, parent: Any, key: Any) -> Scale | None:
        c = self.check
        spec = c.mapping(spec, path, parent, key)
        if not spec:
            return None
        c.known_keys(spec, path, {"points", "start", "labels"})
        points = c.integer(spec, "points", path)
        start = c.integer(spec, "start", path, default=1)
        if points is None:
            c.error(join(path, "points"), "missing", spec, "points")
            return None
        if not 2 <= points <= 11:
            c.error(join(path, "points"), f"a scale needs 2 to 11 points, got {points}", spec)
            return None
        labels: dict[str, tuple[str, ...]] = {}
        raw_labels = c.mapping(spec.get("labels") or {}, join(path, "labels"), spec, "labels")
        c.known_keys(raw_labels, join(path, "labels"), set(LANGUAGES))
        for lang in LANGUAGES:
            where = join(path, f"labels.{lang}")
            items = c.sequence(raw_labels, lang, join(path, "labels"), required=False)
            if lang not in raw_labels:
                c.warning(where, "missing translation", raw_labels or spec)
                continue
            if len(items) != points:
                c.error(where, f"needs {points} labels, got {len(items)}", raw_labels, lang)
                continue
            labels[lang] = tuple(str(item) for item in items)
        return Scale(points=points, start=start if start is not None else 1, labels=labels)

    def _levels(self, data: Mapping) -> tuple[Level, ...]:
        c = self.check
        if "levels" not in data:
            return DEFAULT_LEVELS
        raw = c.sequence(data, "levels", "")
        if len(raw) != 5:
            c.error("levels", f"needs exactly 5 levels (1–5), got {len(raw)}", data, "levels")
            return DEFAULT_LEVELS
        levels = []
        previous = -1.0
        for index, item in enumerate(raw):
            path = f"levels[{index}]"
            item = c.mapping(item, path, raw, index)
            c.known_keys(item, path, {"level", "min", "name", "description"})
            number = c.integer(item, "level", path)
            if number != index + 1:
                c.error(join(path, "level"), f"expected level {index + 1}, got {number}", item)
            minimum = c.number(item, "min", path)
            if minimum is None:
                c.error(join(path, "min"), "missing", item, "min")
                minimum = previous + 1
            elif index == 0 and minimum != 0:
                c.error(join(path, "min"), "the first level must start at 0", item, "min")
            elif minimum <= previous or minimum >= 100:
                c.error(
                    join(path, "min"),
                    f"thresholds must rise strictly and stay below 100; got {minimum:g} "
                    f"after {previous:g}",
                    item,
                    "min",
                )
            previous = minimum
            name = c.text(item, "name", path) or Text()
            description = c.text(item, "description", path, required=False) or Text()
            levels.append(Level(index + 1, minimum, name, description))
        return tuple(levels)

    def _dimensions(self, data: Mapping) -> list[Dimension]:
        c = self.check
        raw = c.sequence(data, "dimensions", "")
        if "dimensions" in data and not raw:
            c.error("dimensions", "a module needs at least one dimension", data, "dimensions")
        dimensions = []
        seen: dict[str, int] = {}
        for index, item in enumerate(raw):
            path = f"dimensions[{index}]"
            item = c.mapping(item, path, raw, index)
            if not item:
                continue
            c.known_keys(item, path, DIMENSION_KEYS)
            dim_id = c.identifier(item, "id", path)
            if dim_id:
                path = f"dimensions[{dim_id}]"
                if dim_id in seen:
                    c.error(join(path, "id"), f"duplicate dimension id {dim_id!r}", item, "id")
                seen[dim_id] = index
            title = c.text(item, "title", path) or Text()
            description = c.text(item, "description", path, required=False)
            weight = c.number(item, "weight", path, default=1.0, positive=True) or 1.0
            levels = self._level_texts(item, path)
            recommendations = self._recommendations(item, path)
            questions = self._questions(item, path, dim_id)
            dimensions.append(
                Dimension(
                    id=dim_id,
                    title=title,
                    description=description,
                    weight=weight,
                    questions=tuple(questions),
                    levels=levels,
                    recommendations=recommendations,
                )
            )
        return dimensions

    def _level_keyed(self, item: Mapping, key: str, path: str) -> Mapping:
        c = self.check
        raw = c.mapping(item.get(key) or {}, join(path, key), item, key)
        for level in raw:
            if str(level) not in ("1", "2", "3", "4", "5"):
                c.error(join(path, f"{key}.{level}"), "keys must be the levels 1 to 5", raw, level)
        # JSON (a stored definition) has string keys; YAML has numbers: accept both.
        return {int(k): v for k, v in raw.items() if str(k) in ("1", "2", "3", "4", "5")}

    def _level_texts(self, item: Mapping, path: str) -> dict[int, Text]:
        raw = self._level_keyed(item, "levels", path)
        texts = {}
        for level in (1, 2, 3, 4, 5):
            if level in raw:
                text = self.check.text(raw, level, join(path, "levels"))
                if text:
                    texts[level] = text
        return texts

    def _recommendations(self, item: Mapping, path: str) -> dict[int, tuple[Text, ...]]:
        c = self.check
        raw = self._level_keyed(item, "recommendations", path)
        result = {}
        for level in (1, 2, 3, 4, 5):
            if level not in raw:
                continue
            where = join(path, f"recommendations.{level}")
            entries = raw[level]
            if not isinstance(entries, list):
                entries = [entries]
            texts = []
            for index, entry in enumerate(entries):
                holder = {index: entry}
                text = c.text(holder, index, where)
                if text:
                    texts.append(text)
            result[level] = tuple(texts)
        return result

    def _questions(self, item: Mapping, path: str, dim_id: str) -> list[Question]:
        c = self.check
        raw = c.sequence(item, "questions", path)
        if "questions" in item and not raw:
            c.error(join(path, "questions"), "a dimension needs at least one question", item)
        questions = []
        for index, spec in enumerate(raw):
            qpath = f"{path}.questions[{index}]"
            spec = c.mapping(spec, qpath, raw, index)
            if not spec:
                continue
            question = self._question(spec, qpath, dim_id)
            if question is not None:
                questions.append(question)
        return questions

    def _question(self, spec: Mapping, path: str, dim_id: str) -> Question | None:
        c = self.check
        qid = c.identifier(spec, "id", path)
        if qid:
            path = f"{path.rsplit('[', 1)[0]}[{qid}]"
            if qid in self.question_ids:
                other = self.question_ids[qid]
                where = "twice in this dimension" if other == dim_id else f"also in {other!r}"
                c.error(join(path, "id"), f"duplicate question id {qid!r} ({where})", spec, "id")
            self.question_ids[qid] = dim_id
        type_name = c.string(spec, "type", path)
        qtype = self.types.get(type_name)
        if type_name and qtype is None:
            known = ", ".join(sorted(self.types))
            c.error(
                join(path, "type"),
                f"unknown question type {type_name!r}; known: {known}",
                spec,
                "type",
            )
        c.known_keys(spec, path, QUESTION_KEYS | (qtype.keys if qtype else frozenset()))
        perspective = c.string(spec, "perspective", path, required=False, default="internal")
        if perspective not in ("internal", "customer", "both"):
            c.error(join(path, "perspective"), "must be internal, customer or both", spec)
            perspective = "internal"
        text, text_customer = self._wordings(spec, path, perspective)
        source = c.string(spec, "source", path)
        weight = c.number(spec, "weight", path, default=1.0, positive=True) or 1.0
        scale = None
        if qtype is not None and qtype.needs_scale:
            scale = self._question_scale(spec, path, type_name)
        elif "scale" in spec:
            c.error(join(path, "scale"), f"a {type_name} question has no scale", spec, "scale")
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
        return Question(
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
            extra=extra,
        )

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
                "a mirrored question (perspective: both) needs text.internal and text.customer",
                spec,
                "text",
            )
            return None, None
        return c.text(raw, "internal", where), c.text(raw, "customer", where)

    def _question_scale(self, spec: Mapping, path: str, type_name: str) -> Scale | None:
        c = self.check
        raw = spec.get("scale")
        if raw is None:
            return DEFAULT_SCALE
        if isinstance(raw, str):
            if raw not in self.scales:
                known = ", ".join(sorted(self.scales)) or "none defined"
                c.error(
                    join(path, "scale"), f"unknown scale {raw!r}; scales: {known}", spec, "scale"
                )
                return DEFAULT_SCALE
            return self.scales[raw]
        return self._scale(raw, join(path, "scale"), spec, "scale") or DEFAULT_SCALE

    def _options(
        self, spec: Mapping, path: str, type_name: str, qtype: QuestionType | None
    ) -> tuple[Option, ...]:
        c = self.check
        if qtype is None or not qtype.needs_options:
            if "options" in spec:
                c.error(join(path, "options"), f"a {type_name} question has no options", spec)
            return ()
        raw = c.sequence(spec, "options", path)
        if 0 < len(raw) < 2:
            c.error(join(path, "options"), "a choice needs at least 2 options", spec, "options")
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
                c.error(join(where, "id"), f"duplicate option id {option_id!r}", item, "id")
            ids.add(option_id)
            label = c.text(item, "label", where) or Text()
            score = c.number(item, "score", where)
            if score is not None and not 0 <= score <= 1:
                c.error(join(where, "score"), f"an option score lies in 0..1, got {score:g}", item)
                score = None
            options.append(Option(option_id, label, score))
        return tuple(options)

    def _rows(
        self, spec: Mapping, path: str, type_name: str, qtype: QuestionType | None
    ) -> tuple[Option, ...] | str:
        c = self.check
        if qtype is None or not qtype.needs_rows:
            if "rows" in spec:
                c.error(join(path, "rows"), f"a {type_name} question has no rows", spec, "rows")
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
            message = f"a {type_name} needs rows (a list, or 'departments')"
            c.error(join(path, "rows"), message, spec)
        return tuple(rows)

    def _number_settings(
        self, spec: Mapping, path: str, type_name: str, qtype: QuestionType | None
    ) -> tuple[float | None, float | None, tuple[float, float] | None]:
        c = self.check
        if qtype is None or qtype.entry != "number":
            numeric = " or ".join(sorted(n for n, t in self.types.items() if t.entry == "number"))
            for key in ("min", "max", "unit", "score"):
                if key in spec:
                    c.error(join(path, key), f"only {numeric} questions have {key!r}", spec, key)
            return None, None, None
        minimum = c.number(spec, "min", path)
        maximum = c.number(spec, "max", path)
        if minimum is not None and maximum is not None and minimum >= maximum:
            c.error(join(path, "max"), f"max ({maximum:g}) must be above min ({minimum:g})", spec)
        score_range = None
        if "score" in spec:
            raw = c.mapping(spec["score"], join(path, "score"), spec, "score")
            low = c.number(raw, "from", join(path, "score"))
            high = c.number(raw, "to", join(path, "score"))
            if low is None or high is None or low == high:
                c.error(
                    join(path, "score"), "needs distinct numbers 'from' and 'to'", spec, "score"
                )
            else:
                score_range = (low, high)
        return minimum, maximum, score_range

    def _findings(self, data: Mapping, dimensions: list[Dimension]) -> list[FindingRule]:
        c = self.check
        rules = []
        dimension_ids = {d.id for d in dimensions}
        for index, item in enumerate(c.sequence(data, "findings", "", required=False)):
            path = f"findings[{index}]"
            item = c.mapping(item, path)
            if not item:
                continue
            c.known_keys(item, path, {"id", "when", "perspective", "severity", "text"})
            rule_id = c.identifier(item, "id", path)
            when = c.mapping(item.get("when"), join(path, "when"), item, "when")
            c.known_keys(
                when, join(path, "when"), {"question", "dimension", "below", "above", "gap_above"}
            )
            comparisons = [key for key in ("below", "above", "gap_above") if key in when]
            if len(comparisons) != 1:
                c.error(join(path, "when"), "needs exactly one of below, above, gap_above", item)
                continue
            comparison = comparisons[0]
            bound = c.number(when, comparison, join(path, "when"))
            if bound is None:
                continue
            if "question" in when:
                target, target_id = "question", c.string(when, "question", join(path, "when"))
                if target_id not in self.question_ids:
                    c.error(join(path, "when.question"), f"unknown question {target_id!r}", when)
            elif "dimension" in when:
                target, target_id = "dimension", c.string(when, "dimension", join(path, "when"))
                if target_id not in dimension_ids:
                    c.error(join(path, "when.dimension"), f"unknown dimension {target_id!r}", when)
            else:
                target, target_id = "module", None
            perspective = item.get("perspective")
            if perspective not in (None, "internal", "customer"):
                c.error(join(path, "perspective"), "must be internal or customer", item)
                perspective = None
            severity = c.string(item, "severity", path, required=False, default="info")
            if severity not in ("info", "warning", "critical"):
                c.error(join(path, "severity"), "must be info, warning or critical", item)
                severity = "info"
            rules.append(
                FindingRule(
                    id=rule_id,
                    target=target,  # type: ignore[arg-type]
                    target_id=target_id,
                    comparison=comparison,  # type: ignore[arg-type]
                    bound=bound,
                    severity=severity,  # type: ignore[arg-type]
                    text=c.text(item, "text", path) or Text(),
                    perspective=perspective,
                )
            )
        return rules

    def _formulas(self, data: Mapping) -> dict[str, Text]:
        c = self.check
        raw = c.mapping(data.get("formulas") or {}, "formulas", data, "formulas")
        formulas = {}
        for key in raw:
            text = c.text(raw, key, "formulas")
            if text:
                formulas[str(key)] = text
        return formulas


def plain(data: Any) -> Any:
    """Located containers and markers to plain dict/list/str, for storage as JSON."""
    if isinstance(data, Mapping):
        return {(k if isinstance(k, str | int) else str(k)): plain(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [plain(v) for v in data]
    if isinstance(data, str):
        return str(data)
    if hasattr(data, "isoformat"):
        return data.isoformat()
    return data
