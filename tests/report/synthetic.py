"""A seeded, synthetic assessment for report tests that must not depend on the demo's data.

Answers are valid for every question type of the loaded modules; internal respondents sit in
departments, one of them ("Rechtsabteilung") with only two people, so the anonymity rule must
hide it. Analysis data of plugins that are not installed can be added with `with_analysis`.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from ccassess.actions.assess import assess
from ccassess.model.answers import Respondent
from ccassess.model.questionnaire import DEPARTMENT_ROWS, Module, Question
from ccassess.model.result import AssessmentResult
from ccassess.model.settings import AssessmentSettings
from ccassess.plugin.registry import Registry
from ccassess.testing import Kit

DEPARTMENTS = {"Vertrieb": 6, "Marketing": 5, "Kundenservice": 5, "Rechtsabteilung": 2}
SMALL_DEPARTMENT = "Rechtsabteilung"


def settings(**changes: Any) -> AssessmentSettings:
    values: dict[str, Any] = {
        "client": "Beispiel AG",
        "title": "Kundenzentrierung 2026",
        "date": date(2026, 11, 24),
        "prepared_by": "Erika Beraterin",
        "language": "de",
        "departments": tuple(DEPARTMENTS),
        "anonymity_threshold": 5,
    }
    values.update(changes)
    return AssessmentSettings(**values)


def answer(
    question: Question, rng: random.Random, bias: float, departments: tuple[str, ...]
) -> Any:
    kind = question.type
    if kind in ("likert", "matrix"):
        assert question.scale is not None
        low, points = question.scale.start, question.scale.points

        def point() -> int:
            return min(
                low + points - 1, max(low, round(low + (points - 1) * rng.gauss(bias, 0.18)))
            )

        if kind == "likert":
            return point()
        rows = (
            list(departments)
            if question.rows == DEPARTMENT_ROWS
            else [row.id for row in question.rows]
        )  # type: ignore[union-attr]
        return {row: point() for row in rows}
    if kind == "yes_partly_no":
        return rng.choices(["yes", "partly", "no"], [bias, 0.3, 1 - bias])[0]
    if kind == "single_choice":
        return rng.choice(question.options).id
    if kind == "multiple_choice":
        return [o.id for o in question.options if rng.random() < bias][:3]
    if kind == "number":
        return FIGURES.get(question.id)
    if kind == "text":
        return "Mehr Zeit für Kunden"
    if kind == "kano":
        return {"functional": rng.choice([1, 2, 3]), "dysfunctional": rng.choice([3, 4, 5])}
    if kind == "activity_list":
        return [
            {"activity": name, "share": share, "category": category}
            for name, share, category in rng.sample(ACTIVITIES, 3)
        ]
    return None


#: Company figures (customer_metrics) that fit together; entered once, as key figures.
FIGURES = {
    "csat_satisfied": 420,
    "csat_responses": 600,
    "nps_promoters": 150,
    "nps_passives": 250,
    "nps_detractors": 200,
    "ces_average": 4.2,
    "customers_start": 1200,
    "customers_lost": 150,
    "customers_new": 180,
    "customers_end": 1230,
    "avg_annual_value": 2400,
    "avg_lifetime_years": 6.5,
}

ACTIVITIES = [
    ("Kundenanfragen beantworten", 30, "customer"),
    ("Angebote erstellen", 20, "selling"),
    ("Wöchentlicher Forecast-Report", 15, "reporting"),
    ("Rabattfreigaben einholen", 10, "selling_harder"),
    ("KPI-Dashboard pflegen", 15, "reporting"),
]


def respondents(
    registry: Registry,
    chosen: AssessmentSettings,
    modules: list[Module],
    seed: int = 7,
    customers: int = 12,
) -> list[Respondent]:
    """Validated exactly like answers from a file (through the test kit)."""
    kit = Kit(registry, chosen)
    rng = random.Random(seed)
    people: list[Respondent] = []
    departments = tuple(DEPARTMENTS)
    groups = [("internal", d, 0.66) for d, n in DEPARTMENTS.items() for _ in range(n)]
    groups += [("customer", None, 0.38)] * customers
    for index, (perspective, department, bias) in enumerate(groups, start=1):
        answers: dict[str, dict[str, Any]] = {}
        for module in modules:
            given = {}
            for _, question in module.questions():
                if not question.asked_of(perspective) or question.skipped(given):
                    continue
                value = answer(question, rng, bias, departments)
                if value is not None:
                    given[question.id] = value
            if given:
                answers[module.id] = given
        people.append(kit.respondent(perspective, answers, department, id=f"R{index:03d}"))
    figures = {
        module.id: {q.id: FIGURES[q.id] for _, q in module.questions() if q.id in FIGURES}
        for module in modules
        if any(q.asked_of("key_figures") for _, q in module.questions())
    }
    if figures:  # the company figures, entered once (not by every employee)
        people.append(kit.respondent("key_figures", figures, id="KF-1"))
    return people


def synthetic_result(
    registry: Registry, *, include_answers: bool = False, **changes: Any
) -> AssessmentResult:
    chosen = settings(**changes)
    modules = registry.select(chosen.modules)
    people = respondents(registry, chosen, modules)
    return assess(registry, people, chosen, include_answers=include_answers)


SILO = {
    "departments": ["Vertrieb", "Marketing", "Kundenservice", "Rechtsabteilung"],
    "raters": ["Vertrieb", "Marketing", "Kundenservice", "other"],
    "matrix": [
        [None, 18.0, 66.0, 50.0],
        [21.0, None, 58.0, 47.0],
        [70.0, 55.0, None, 61.0],
        [62.0, 40.0, 75.0, None],
    ],
    "n": [[0, 6, 6, 6], [5, 0, 5, 5], [5, 5, 0, 5], [2, 2, 2, 0]],
    "weakest_links": [
        {"rater": "Vertrieb", "target": "Marketing", "score": 18.0, "n": 6},
        {"rater": "Marketing", "target": "Vertrieb", "score": 21.0, "n": 5},
    ],
    "merged_note": True,
}
ACTIVITY = {
    "statistic": "mean_of_respondents",
    "dimension": "activity_audit",
    "shares": {
        "customer": 0.41,
        "selling": 0.22,
        "required": 0.07,
        "reporting": 0.22,
        "selling_harder": 0.08,
    },
    "serving_share": 0.63,
    "required_share": 0.07,
    "listed_share": 0.72,
    "respondents": 18,
    "activities_to_review": [
        {
            "activity": "Wöchentlicher Forecast-Report",
            "category": "reporting",
            "mean_share": 15,
            "mentions": 4,
        },
        {
            "activity": "Rabattfreigaben einholen",
            "category": "selling_harder",
            "mean_share": 10,
            "mentions": 3,
        },
    ],
    "required_activities": [
        {"activity": "Monatsabschluss", "mean_share": 35, "mentions": 3},
    ],
}
KANO = {
    "features": [
        {
            "id": "delivery",
            "label": {"de": "Lieferung am nächsten Tag", "en": "Next-day delivery"},
            "n": 12,
            "shares": {
                "must_be": 0.5,
                "one_dimensional": 0.25,
                "attractive": 0.08,
                "indifferent": 0.17,
                "reverse": 0.0,
                "questionable": 0.0,
            },
            "category": "must_be",
            "better": 0.33,
            "worse": -0.75,
        },
        {
            "id": "advice",
            "label": {"de": "Persönliche Beratung", "en": "Personal advice"},
            "n": 12,
            "shares": {
                "must_be": 0.08,
                "one_dimensional": 0.25,
                "attractive": 0.5,
                "indifferent": 0.17,
                "reverse": 0.0,
                "questionable": 0.0,
            },
            "category": "attractive",
            "better": 0.75,
            "worse": -0.33,
        },
    ]
}
METRICS = {
    "metrics": [
        {
            "id": "csat",
            "label": {"de": "Kundenzufriedenheit (CSAT)", "en": "Customer satisfaction (CSAT)"},
            "value": 62.5,
            "unit": "%",
            "inputs": {"satisfied": 25, "answers": 40},
            "source": "ratings",
            "formula": {
                "de": "zufriedene (4 oder 5) ÷ alle Antworten × 100",
                "en": "satisfied (4 or 5) ÷ all answers × 100",
            },
            "score": 62.5,
            "level": 4,
        },
        {
            "id": "nps",
            "label": {"de": "Net Promoter Score", "en": "Net Promoter Score"},
            "value": -12,
            "unit": "",
            "inputs": {"promoters": 8, "detractors": 13, "answers": 40},
            "source": "ratings",
            "formula": {"de": "% Promotoren − % Kritiker", "en": "% promoters − % detractors"},
            "score": 44.0,
            "level": 3,
            "kind": "outcome",
            "n": 21,
            "interval": [-38.4, 14.4],
            "interval_method": "nps_difference_variance",
            "small_sample": {"reason": "minimum_sample", "n": 21, "minimum": 30},
            "anchor": {
                "convention": True,
                "basis": {
                    "de": "Konvention, kein Standard.",
                    "en": "A convention, not a standard.",
                },
            },
        },
        {
            "id": "clv",
            "label": {"de": "Kundenwert (CLV)", "en": "Customer lifetime value"},
            "value": None,
            "unit": "EUR",
            "inputs": {},
            "source": None,
            "formula": {"de": "Kundenwert × Lebensdauer", "en": "value × lifetime"},
            "score": None,
            "level": None,
        },
    ]
}


def with_analysis(result: AssessmentResult) -> AssessmentResult:
    """Put example analysis data (silo matrix, activity audit, Kano, metrics) where missing."""
    keys = {
        "silo_matrix": SILO,
        "activity_audit": ACTIVITY,
        "kano": KANO,
        "customer_metrics": METRICS,
    }
    present = {key for m in result.modules for key in m.analysis}
    targets = iter(result.modules)
    for key, data in keys.items():
        if key not in present:
            module = next(targets, result.modules[0])
            module.analysis[key] = data
    return result
