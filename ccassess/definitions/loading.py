"""Module definitions from YAML (or the same structure from Python), validated with locations.

The same schema serves consultants' YAML files and plugins' Python dicts. Every problem is
collected before anything is raised; warnings (missing translations) are kept on the side.
See docs/reference/module-format.md.

This file reads the module's structure — its keys, dimensions with their level texts and
recommendations, formulas — and leaves the questions and scales to
`ccassess.definitions.questions` and the maturity levels and finding rules to
`ccassess.definitions.thresholds`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ccassess.catalogs import _
from ccassess.definitions.questions import QuestionReader, read_scale
from ccassess.definitions.thresholds import read_findings, read_levels
from ccassess.errors import Problem, Problems
from ccassess.io.checker import Checker, join
from ccassess.io.structured import read_structured
from ccassess.model.questionnaire import Dimension, InitiativeText, Module, Scale
from ccassess.questions.types import QuestionType
from ccassess.text import Text

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
    "initiative",
}
INITIATIVE_KEYS = {"title", "why"}
DIMENSION_KEYS = {
    "id",
    "title",
    "description",
    "weight",
    "levels",
    "recommendations",
    "questions",
}
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

    def build(self, data: Any) -> Module | None:
        c = self.check
        if data is None:
            c.error("", _("the file is empty; expected a module definition"))
            return None
        if isinstance(data, Mapping) and not data:
            c.error("", _("the module definition is empty"))
            return None
        data = c.mapping(data, "")
        if not data:
            return None
        c.known_keys(data, "", MODULE_KEYS)
        module_id = c.identifier(data, "id", "")
        version = c.string(data, "version", "")
        if version and not VERSION_PATTERN.match(version):
            c.error(
                "version",
                _("{version} is not a semantic version like 1.0.0").format(version=repr(version)),
                data,
                "version",
            )
        title = c.text(data, "title", "")
        description = c.text(data, "description", "", required=False)
        weight = c.number(data, "weight", "", default=1.0, positive=True)
        questions = QuestionReader(c, self.types, self._scales(data))
        levels = read_levels(c, data)
        dimensions = self._dimensions(data, questions)
        dimension_ids = {dimension.id for dimension in dimensions}
        findings = read_findings(c, data, dimension_ids, questions.question_ids)
        formulas = self._formulas(data)
        initiative = self._initiative(data)
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
            initiative=initiative,
            definition=plain(data),
            origin=c.file,
        )

    def _scales(self, data: Mapping) -> dict[str, Scale]:
        c = self.check
        raw = c.mapping(data.get("scales") or {}, "scales", data, "scales")
        scales = {}
        for name, spec in raw.items():
            scale = read_scale(c, spec, f"scales.{name}", raw, name)
            if scale is not None:
                scales[str(name)] = scale
        return scales

    def _dimensions(self, data: Mapping, questions: QuestionReader) -> list[Dimension]:
        c = self.check
        raw = c.sequence(data, "dimensions", "")
        if "dimensions" in data and not raw:
            c.error("dimensions", _("a module needs at least one dimension"), data, "dimensions")
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
                    c.error(
                        join(path, "id"),
                        _("duplicate dimension id {id}").format(id=repr(dim_id)),
                        item,
                        "id",
                    )
                seen[dim_id] = index
            title = c.text(item, "title", path) or Text()
            description = c.text(item, "description", path, required=False)
            weight = c.number(item, "weight", path, default=1.0, positive=True) or 1.0
            levels = self._level_texts(item, path)
            recommendations = self._recommendations(item, path)
            dimension_questions = questions.read_all(item, path, dim_id)
            dimensions.append(
                Dimension(
                    id=dim_id,
                    title=title,
                    description=description,
                    weight=weight,
                    questions=tuple(dimension_questions),
                    levels=levels,
                    recommendations=recommendations,
                )
            )
        return dimensions

    def _level_keyed(self, item: Mapping, key: str, path: str) -> dict[str, Any]:
        c = self.check
        raw = c.mapping(item.get(key) or {}, join(path, key), item, key)
        for level in raw:
            if str(level) not in ("1", "2", "3", "4", "5"):
                c.error(
                    join(path, f"{key}.{level}"), _("keys must be the levels 1 to 5"), raw, level
                )
        # JSON (a stored definition) has string keys; YAML has numbers: accept both.
        return {str(k): v for k, v in raw.items() if str(k) in ("1", "2", "3", "4", "5")}

    def _level_texts(self, item: Mapping, path: str) -> dict[int, Text]:
        raw = self._level_keyed(item, "levels", path)
        texts = {}
        for level in (1, 2, 3, 4, 5):
            if str(level) in raw:
                text = self.check.text(raw, str(level), join(path, "levels"))
                if text:
                    texts[level] = text
        return texts

    def _recommendations(self, item: Mapping, path: str) -> dict[int, tuple[Text, ...]]:
        c = self.check
        raw = self._level_keyed(item, "recommendations", path)
        result = {}
        for level in (1, 2, 3, 4, 5):
            if str(level) not in raw:
                continue
            where = join(path, f"recommendations.{level}")
            entries = raw[str(level)]
            if not isinstance(entries, list):
                entries = [entries]
            texts = []
            for index, entry in enumerate(entries):
                holder = {str(index): entry}
                text = c.text(holder, str(index), where)
                if text:
                    texts.append(text)
            result[level] = tuple(texts)
        return result

    def _initiative(self, data: Mapping) -> InitiativeText | None:
        """The optional `initiative: {title, why}` of the module's group in the action plan."""
        if data.get("initiative") is None:
            return None
        c = self.check
        raw = c.mapping(data["initiative"], "initiative", data, "initiative")
        if not raw:
            return None
        c.known_keys(raw, "initiative", INITIATIVE_KEYS)
        title = c.text(raw, "title", "initiative")
        why = c.text(raw, "why", "initiative")
        return InitiativeText(title, why) if title and why else None

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
