"""Generate the demo assessment "Muster Handels GmbH" (fictional) from a fixed seed.

    python scripts/generate_demo.py [OUTPUT_DIR]

The story a consultant will recognise: the management team rates the company far higher than
its staff and its customers do; customers disagree most on whether they are heard and on
continuity (some have one contact who knows them, many retell their story); marketing and
sales barely understand each other; and a visible share of the time in the activity audit
serves reporting only (the monthly close and credit-limit checks are required work).

How the answers are drawn (so that the scales behave like real ones): every respondent has a
general attitude and, per dimension, a latent trait correlated with it (GENERAL_LOADING); an
item's answer is that trait plus an item offset and noise, mapped to the nearest answer whose
score fits. Items of a dimension thus correlate (Cronbach's alpha mostly ≥ .70 within each
perspective) and dimensions correlate with each other (about .5).

The generator is driven by the loaded module definitions: any question whose type offers
scored choices (Likert scales, yes/partly/no, single choice with scores, matrix rows) is
answered from the traits, without naming its id. The story lives in offsets per group,
department and dimension (MEAN, DEPARTMENT_OFFSET, DIMENSION_OFFSET, SPREAD); only the
module-specific types (activity list, Kano), company figures (numbers) and open answers use
tables below. Unscored choice questions (a filter such as "Had contact with the service?")
get the first option mostly; unscored scales (importance ratings) lean towards the top.
Each answer's own draws (noise, "don't know", an open answer) are seeded by the person and
the question, so adding or removing a question changes no other answer. The company figures
are the round's key figures, entered once (responses/key_figures.yaml). Re-running with the
same seed writes the same files (a test checks it).
"""

from __future__ import annotations

import math
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from ccassess.actions.load_plugins import load_registry
from ccassess.model.questionnaire import Module, Question
from ccassess.questions.types import QuestionType, is_scored

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "plugins" / "ccassess_demo" / "muster_handels"
SEED = 20261124
MODULES = [
    "leadership",
    "silo_check",
    "dos_donts",
    "customer_or_reporting",
    "customer_understanding",
    "customer_metrics",
    "customer_perception",
]
MANAGEMENT = "Geschäftsleitung"
# department: (invited, answered, roles in order of the respondents). Finanzen and Personal
# stay below the anonymity threshold of 5 and show merged as "other".
DEPARTMENTS: dict[str, tuple[int, int, Sequence[str]]] = {
    MANAGEMENT: (6, 6, ["Geschäftsführer/in"] * 2 + ["Bereichsleitung"] * 4),
    "Marketing": (8, 6, ["Teamleitung"] + ["Marketingreferent/in"] * 5),
    "Vertrieb": (14, 9, ["Teamleitung"] + ["Außendienst"] * 4 + ["Vertriebsinnendienst"] * 4),
    "Kundenservice": (16, 11, ["Teamleitung"] + ["Kundenberater/in"] * 10),
    "Produktentwicklung": (7, 5, ["Teamleitung"] + ["Produktmanager/in"] * 4),
    "Supply Chain": (10, 5, ["Teamleitung"] + ["Disposition"] * 4),
    "Finanzen": (5, 4, ["Teamleitung"] + ["Buchhaltung"] * 3),
    "Personal": (3, 2, ["Teamleitung", "Personalreferent/in"]),
}
CUSTOMERS = 60
CUSTOMER_ROLES = ["Einkauf", "Geschäftsführung", "Fachabteilung"]
NAMES = {1: "Henrike Quellmalz", 7: "Bastian Oberdörfer", 1005: "Jolanthe Wiesenthal"}

# How favourably (0..1) each group sees things on average, before the offsets below.
MEAN = {MANAGEMENT: 0.82, "internal": 0.57, "customer": 0.36}
# Staff departments differ a little: service and sales hear the customers' complaints.
DEPARTMENT_OFFSET = {
    "Marketing": 0.04,
    "Vertrieb": -0.02,
    "Kundenservice": -0.05,
    "Produktentwicklung": 0.02,
    "Supply Chain": 0.0,
    "Finanzen": 0.05,
    "Personal": 0.04,
}
# Per dimension: offset for (management, other staff, customers).
DIMENSION_OFFSET = {
    ("leadership", "decision_basis"): (-0.04, -0.14, 0.0),
    ("leadership", "empowerment"): (0.04, -0.12, -0.04),
    ("silo_check", "shared_customer_data"): (-0.04, -0.16, -0.04),
    ("silo_check", "handovers"): (0.0, -0.1, 0.0),
    ("customer_or_reporting", "reporting_burden"): (0.0, -0.18, 0.0),
    ("dos_donts", "kpi_focus"): (-0.08, -0.14, 0.0),
    ("customer_perception", "continuity"): (0.0, 0.0, -0.04),
    ("customer_perception", "being_heard"): (0.04, 0.04, -0.03),
    # customers are lukewarm rather than hostile about the outcome
    ("customer_metrics", "satisfaction"): (0.0, 0.0, 0.22),
    ("customer_metrics", "loyalty"): (0.0, 0.0, 0.36),
    ("customer_metrics", "effort"): (0.0, 0.0, 0.1),
}
# How far respondents of a perspective differ on a dimension (SD of the latent trait, 0..1).
SPREAD = {"internal": 0.13, "customer": 0.14}
# Customers split on being heard and on continuity, the story's disagreement: those with a
# personal contact (KEY_ACCOUNTS of them) see it well, the others poorly. Per dimension: the
# mean of (customers with a personal contact, the others).
KEY_ACCOUNTS = 0.4
SPLIT = {
    ("customer_perception", "being_heard"): (0.8, 0.16),
    ("customer_perception", "continuity"): (0.78, 0.14),
}
SPLIT_SPREAD = 0.1
GENERAL_LOADING = 0.7  # each dimension's trait on the general attitude: r ≈ .5 between two
ITEM_OFFSET_SD = 0.05  # items of a dimension differ in how easy they are to agree with
ITEM_NOISE = 0.11  # what an item measures besides the trait
DONT_KNOW = {"internal": 0.03, "customer": 0.03}

# Understanding between departments (rater, target) → favourability; Marketing ↔ Vertrieb is
# the broken link.
MATRIX = {
    ("Marketing", "Vertrieb"): 0.12,
    ("Vertrieb", "Marketing"): 0.1,
    ("Produktentwicklung", "Kundenservice"): 0.3,
    ("Finanzen", "Vertrieb"): 0.35,
}
MATRIX_DEFAULT = 0.62

# Activity names many people share (a monthly report, the dashboard, approvals, customer
# enquiries, compliance training): a name is shown in the report only when at least the
# free-text threshold (10) of respondents gave it, so the shared ones carry the story and the
# few department-specific ones are counted as "other activities".
MONTHLY_REPORT = ("Monatsbericht für die Geschäftsleitung erstellen", "reporting")
DASHBOARD = ("Kennzahlen im Management-Dashboard pflegen", "reporting")
APPROVALS = ("Interne Freigaben einholen", "selling_harder")
ENQUIRIES = ("Kundenanfragen beantworten", "customer")
COMPLIANCE = ("Pflichtschulungen zu Datenschutz und Compliance", "required")
ACTIVITIES = {
    MANAGEMENT: [
        (*MONTHLY_REPORT, 20),
        ("Kundengespräche mit Schlüsselkunden", "customer", 15),
        (*DASHBOARD, 15),
        ("Strategieklausur vorbereiten", "selling", 10),
        (*COMPLIANCE, 5),
    ],
    "Marketing": [
        (*MONTHLY_REPORT, 25),
        ("Leads qualifizieren und an den Vertrieb übergeben", "selling", 20),
        ("Newsletter und Kundeninformationen", "customer", 20),
        (*APPROVALS, 10),
        (*COMPLIANCE, 5),
    ],
    "Vertrieb": [
        (*MONTHLY_REPORT, 15),
        (*DASHBOARD, 15),
        ("Angebote erstellen", "selling", 25),
        ("Kundentermine vor Ort", "customer", 25),
        (*APPROVALS, 10),
        (*COMPLIANCE, 5),
    ],
    "Kundenservice": [
        (*ENQUIRIES, 45),
        (*MONTHLY_REPORT, 15),
        ("Reklamationen bearbeiten", "customer", 20),
        ("Anfragen zwischen Abteilungen weiterleiten", "selling_harder", 10),
        (*COMPLIANCE, 5),
    ],
    "Produktentwicklung": [
        ("Anforderungen mit Kunden klären", "customer", 20),
        (*MONTHLY_REPORT, 20),
        ("Produktdokumentation für den Vertrieb", "selling", 15),
        (*COMPLIANCE, 5),
    ],
    "Supply Chain": [
        (*ENQUIRIES, 20),
        (*DASHBOARD, 25),
        ("Lieferantengespräche", "selling", 15),
        (*COMPLIANCE, 5),
    ],
    "Finanzen": [
        ("Monatsabschluss", "required", 40),
        ("Zahlungsklärungen mit Kunden", "customer", 15),
        ("Kreditlimitprüfung vor Angebotsfreigabe", "required", 15),
        (*COMPLIANCE, 5),
    ],
    "Personal": [
        ("Schulungen zu Kundenkontakt organisieren", "customer", 15),
        (*MONTHLY_REPORT, 30),
        (*COMPLIANCE, 5),
    ],
}
KANO = {  # feature question id → weights of (attractive, one-dimensional, must-be, indifferent)
    "kano_same_day_answer": (0.15, 0.55, 0.2, 0.1),
    "kano_personal_contact": (0.55, 0.2, 0.05, 0.2),
    "kano_flexible_terms": (0.1, 0.2, 0.6, 0.1),
}
KANO_PAIRS = {
    "attractive": ("like", "neutral"),
    "one_dimensional": ("like", "dislike"),
    "must_be": ("expect", "dislike"),
    "indifferent": ("neutral", "neutral"),
}
# Company figures (last fiscal year): the round's key figures, entered once by the client's
# controller (`perspective: key_figures`), never asked of staff; a figure not listed here
# stays unanswered.
FIGURES = {
    "customers_start": 1240,
    "customers_lost": 198,
    "customers_new": 156,
    "customers_end": 1198,
    "avg_annual_value": 5400,
    "avg_lifetime_years": 5.5,
}
# Answers to open questions, by perspective; about half the respondents write something.
OPEN_ANSWERS = {
    "internal": [
        "Weniger Berichte, mehr Zeit für Kunden.",
        "Eine gemeinsame Kundenakte für alle Abteilungen.",
        "Marketing und Vertrieb sollten gemeinsame Ziele haben.",
        "Rückrufe zuverlässig erledigen.",
        "Freigaben beschleunigen, damit wir Kunden schneller antworten können.",
        "Beschwerden gemeinsam auswerten statt nur abzuarbeiten.",
        "Feste Ansprechpartner für unsere wichtigsten Kunden.",
    ],
    "customer": [
        "Einen festen Ansprechpartner, der meine Geschichte kennt.",
        "Schneller auf Reklamationen reagieren.",
        "Nicht jedes Mal alles neu erklären müssen.",
        "Liefertermine einhalten und früher Bescheid geben, wenn es später wird.",
        "Die Beratung ist gut, bitte so weiter.",
        "Angebote verständlicher machen.",
        "Mehr zuhören, weniger verkaufen.",
    ],
}
OPEN_ANSWER_SHARE = 0.5


def load_modules() -> tuple[dict[str, Module], dict[str, QuestionType]]:
    """The demo's modules as ccassess loads and validates them (the installed plugins)."""
    registry = load_registry()
    return {m: registry.modules[m] for m in MODULES}, registry.question_types


class Person:
    """A respondent's latent traits: one general attitude, one trait per dimension."""

    def __init__(self, rng: random.Random, perspective: str, department: str | None) -> None:
        self.rng = rng
        self.perspective = perspective
        self.department = department
        self.general = rng.gauss(0.0, 1.0)
        self.key_account = perspective == "customer" and rng.random() < KEY_ACCOUNTS
        self.seed = rng.random()
        self.traits: dict[tuple[str, str], float] = {}

    def item_rng(self, question_id: str) -> random.Random:
        """The draws for one answer (noise, "don't know", an open answer), seeded by the
        person and the question: adding or removing a question changes no other answer."""
        return random.Random(f"{self.seed}:{question_id}")

    def group(self) -> str:
        return MANAGEMENT if self.department == MANAGEMENT else self.perspective

    def favour(self, module: str, dimension: str) -> float:
        """How favourably this person sees a dimension (0..1, before item noise)."""
        key = (module, dimension)
        if key not in self.traits:
            unique = self.rng.gauss(0.0, 1.0)
            z = GENERAL_LOADING * self.general + math.sqrt(1 - GENERAL_LOADING**2) * unique
            offsets = DIMENSION_OFFSET.get(key, (0.0, 0.0, 0.0))
            group = self.group()
            offset = offsets[0 if group == MANAGEMENT else 1 if group == "internal" else 2]
            mean = MEAN[group] + offset + DEPARTMENT_OFFSET.get(self.department or "", 0.0)
            sd = SPREAD[self.perspective]
            if self.perspective == "customer" and key in SPLIT:
                mean, sd = SPLIT[key][0 if self.key_account else 1], SPLIT_SPREAD
            self.traits[key] = mean + sd * z
        return self.traits[key]


def item_offset(question_id: str) -> float:
    """A fixed offset per item, seeded by its id: adding items leaves the others' alone."""
    return random.Random(f"{SEED}:{question_id}").gauss(0.0, ITEM_OFFSET_SD)


def nearest(qtype: QuestionType, question: Question, target: float, wrap: Any = None) -> Any | None:
    """The choice whose score (after reverse coding) is closest to `target` (0..1)."""
    best, distance = None, math.inf
    for choice in qtype.choices(question) or ():
        value = choice.value if wrap is None else {wrap: choice.value}
        score = qtype.score(question, value)
        if score is None:
            continue
        if question.reverse:
            score = 1.0 - score
        if abs(score - target) < distance:
            best, distance = choice.value, abs(score - target)
    return best


def unscored(rng: random.Random, qtype: QuestionType, question: Question) -> Any | None:
    """An answer to a choice question that does not count for scores."""
    choices = [c.value for c in qtype.choices(question) or ()]
    if not choices:
        return None
    if question.scale is not None:  # e.g. an importance rating: most say it matters
        position = min(1.0, max(0.0, rng.gauss(0.78, 0.18)))
        return choices[round(position * (len(choices) - 1))]
    return choices[0] if rng.random() < 0.8 else rng.choice(choices)


def activities(rng: random.Random, department: str) -> list[dict[str, Any]]:
    """The department's activities with shares varied by ±5 points, at most 100 % in all."""
    items = ACTIVITIES[department]
    shares = [max(5, share + rng.choice((-5, 0, 0, 5))) for _, _, share in items]
    while sum(shares) > 100:
        shares[shares.index(max(shares))] -= 5
    return [
        {"activity": text, "category": category, "share": share}
        for (text, category, _), share in zip(items, shares, strict=True)
    ]


def answer_question(
    person: Person,
    module: Module,
    dimension: str,
    question: Question,
    qtype: QuestionType,
    departments: Sequence[str],
) -> Any | None:
    rng = person.item_rng(question.id)
    name = question.type
    if name == "activity_list":
        return activities(rng, person.department or "Vertrieb")
    if name == "kano":
        weights = KANO.get(question.id, (0.25, 0.25, 0.25, 0.25))
        category = rng.choices(list(KANO_PAIRS), weights=weights)[0]
        functional, dysfunctional = KANO_PAIRS[category]
        return {"functional": functional, "dysfunctional": dysfunctional}
    if name == "number":
        return FIGURES.get(question.id)
    if name == "text":
        if rng.random() < OPEN_ANSWER_SHARE:
            return rng.choice(OPEN_ANSWERS[person.perspective])
        return None
    if question.dont_know and rng.random() < DONT_KNOW[person.perspective]:
        return "dont_know"
    parts = qtype.parts(question, departments)
    if parts:  # a matrix: how well the rater's department understands each other one
        row = {}
        for part in parts:
            if part.id == person.department:
                continue
            base = MATRIX.get((person.department or "", part.id), MATRIX_DEFAULT)
            row[part.id] = nearest(qtype, question, rng.gauss(base, 0.12), wrap=part.id)
        return row
    if not is_scored(qtype, question):
        return unscored(rng, qtype, question)
    fav = person.favour(module.id, dimension)
    target = fav + item_offset(question.id) + rng.gauss(0.0, ITEM_NOISE)
    return nearest(qtype, question, min(1.0, max(0.0, target)))


def answer_module(
    person: Person, module: Module, types: dict[str, QuestionType], departments: Sequence[str]
) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for dimension in module.dimensions:
        for question in dimension.questions:
            if not question.asked_of(person.perspective):
                continue
            value = answer_question(
                person, module, dimension.id, question, types[question.type], departments
            )
            if value is not None and not question.skipped(answers):  # a filter passed it by
                answers[question.id] = value
    return answers


def internal_respondents(
    rng: random.Random, modules: dict[str, Module], types: dict[str, QuestionType]
) -> list[dict]:
    respondents = []
    number = 0
    for department, (_, answered, roles) in DEPARTMENTS.items():
        for index in range(answered):
            number += 1
            person = Person(rng, "internal", department)
            answers = {
                m: answer_module(person, module, types, list(DEPARTMENTS))
                for m, module in modules.items()
            }
            respondent: dict[str, Any] = {
                "id": f"I-{number:03d}",
                "perspective": "internal",
                "department": department,
                "role": roles[index],
            }
            if number in NAMES:
                respondent["name"] = NAMES[number]
            respondent["answers"] = answers
            respondents.append(respondent)
    return respondents


def key_figures(
    rng: random.Random, modules: dict[str, Module], types: dict[str, QuestionType]
) -> list[dict]:
    """The round's company figures, entered once by the controller."""
    person = Person(rng, "key_figures", None)
    answers = {}
    for m, module in modules.items():
        given = answer_module(person, module, types, list(DEPARTMENTS))
        if given:
            answers[m] = given
    return [{"id": "KF-1", "perspective": "key_figures", "role": "Controlling", "answers": answers}]


def customer_respondents(
    rng: random.Random, modules: dict[str, Module], types: dict[str, QuestionType]
) -> list[dict]:
    respondents = []
    for number in range(1, CUSTOMERS + 1):
        person = Person(rng, "customer", None)
        answers = {}
        for m, module in modules.items():
            given = answer_module(person, module, types, list(DEPARTMENTS))
            if given:
                answers[m] = given
        respondent: dict[str, Any] = {
            "id": f"K-{number:03d}",
            "perspective": "customer",
            "role": rng.choice(CUSTOMER_ROLES),
        }
        if number + 1000 in NAMES:
            respondent["name"] = NAMES[number + 1000]
        respondent["answers"] = answers
        respondents.append(respondent)
    return respondents


def dump(path: Path, data: Any, header: str) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(
        f"# {header}\n# Generated by scripts/generate_demo.py (seed {SEED}); "
        "do not edit by hand.\n" + text,
        "utf-8",
    )


def generate(output: Path) -> None:
    rng = random.Random(SEED)
    modules, types = load_modules()
    (output / "responses").mkdir(parents=True, exist_ok=True)
    settings = {
        "client": "Muster Handels GmbH",
        "title": "Kundenzentrierung 2026",
        "date": "2026-11-24",
        "prepared_by": "Beispiel Consulting",
        "language": "de",
        "departments": list(DEPARTMENTS),
        "invited": {name: invited for name, (invited, _, _) in DEPARTMENTS.items()},
        "modules": MODULES,
    }
    dump(output / "assessment.yaml", settings, "Demo assessment: a fictional client")
    staff = internal_respondents(rng, modules, types)
    customers = customer_respondents(rng, modules, types)
    figures = key_figures(rng, modules, types)  # drawn last: the others' draws stay the same
    dump(
        output / "responses" / "internal.yaml",
        {"respondents": staff},
        "Staff survey: management team and front-line staff of eight departments",
    )
    dump(
        output / "responses" / "key_figures.yaml",
        {"respondents": figures},
        "Key figures of the last fiscal year, entered once by the client's controller",
    )
    dump(
        output / "responses" / "customers.yaml",
        {"respondents": customers},
        "Survey of the client's customers",
    )


if __name__ == "__main__":
    generate(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT)
