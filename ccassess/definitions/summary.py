"""What listing a module needs: its summary, known without building (or unpickling) it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ccassess.text import Text

if TYPE_CHECKING:
    from ccassess.model.questionnaire import Module


@dataclass(frozen=True)
class ModuleSummary:
    """What listing a module shows (`ccassess modules`) and what the registry checks."""

    id: str
    version: str
    title: Text
    dimensions: int
    questions: int
    #: The languages its questions are worded in.
    languages: tuple[str, ...]
    #: The question types it uses.
    question_types: frozenset[str]

    @classmethod
    def of(cls, module: Module) -> ModuleSummary:
        questions = [question for _, question in module.questions()]
        languages = {lang for q in questions for lang in q.text.languages()}
        return cls(
            module.id,
            module.version,
            module.title,
            len(module.dimensions),
            len(questions),
            tuple(sorted(languages)),
            frozenset(q.type for q in questions),
        )

    def to_data(self) -> tuple[Any, ...]:
        """As plain data, for the cache of validated modules."""
        return (
            self.id,
            self.version,
            self.title.to_data(),
            self.dimensions,
            self.questions,
            self.languages,
            tuple(sorted(self.question_types)),
        )

    @classmethod
    def from_data(cls, data: Any) -> ModuleSummary:
        module_id, version, title, dimensions, questions, languages, types = data
        return cls(
            module_id,
            version,
            Text.from_data(title),
            dimensions,
            questions,
            tuple(languages),
            frozenset(types),
        )
