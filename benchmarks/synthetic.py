"""Seeded synthetic respondents for the built-in modules (benchmarks only)."""

from __future__ import annotations

import random
from typing import Any

from ccassess.model.questionnaire import DEPARTMENT_ROWS, Module

DEPARTMENTS = (
    "Marketing",
    "Vertrieb",
    "Kundenservice",
    "Produktentwicklung",
    "Supply Chain",
    "Finanzen",
    "Personal",
)


def synthetic_answer(rng: random.Random, module: Module, question: Any, department: str) -> Any:
    if question.type == "likert":
        scale = question.scale
        return rng.randrange(scale.start, scale.start + scale.points)
    if question.type == "yes_partly_no":
        return rng.choice(("yes", "partly", "no"))
    if question.type == "matrix":
        scale = question.scale
        rows = DEPARTMENTS if question.rows == DEPARTMENT_ROWS else [r.id for r in question.rows]
        return {
            row: rng.randrange(scale.start, scale.start + scale.points)
            for row in rows
            if row != department
        }
    if question.type == "activity_list":
        return [
            {
                "activity": f"Aktivität {i}",
                "share": 20,
                "category": rng.choice(("customer", "selling", "reporting", "selling_harder")),
            }
            for i in range(4)
        ]
    if question.type == "kano":
        options = ("like", "expect", "neutral", "tolerate", "dislike")
        return {"functional": rng.choice(options), "dysfunctional": rng.choice(options)}
    if question.type == "number":
        return None
    if question.type == "text":
        return "Freitext"
    return None


def raw_respondents(modules: list[Module], count: int, seed: int = 7) -> list[dict[str, Any]]:
    """Raw respondent mappings (as a file would hold them), half internal, half customers."""
    rng = random.Random(seed)
    respondents = []
    for number in range(count):
        perspective = "internal" if number % 2 == 0 else "customer"
        department = DEPARTMENTS[number % len(DEPARTMENTS)]
        answers: dict[str, dict[str, Any]] = {}
        for module in modules:
            given = {}
            for _, question in module.questions():
                if not question.asked_of(perspective) or question.skipped(given):
                    continue
                value = synthetic_answer(rng, module, question, department)
                if value is not None:
                    given[question.id] = value
            if given:
                answers[module.id] = given
        raw: dict[str, Any] = {
            "id": f"S{number:06d}",
            "perspective": perspective,
            "answers": answers,
        }
        if perspective == "internal":
            raw["department"] = department
        respondents.append(raw)
    return respondents
