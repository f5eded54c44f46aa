"""Generate the demo assessment "Muster Handels GmbH" (fictional) from a fixed seed.

    python scripts/generate_demo.py [OUTPUT_DIR]

The story a consultant will recognise: management rates the company far higher than its
customers do, marketing and sales barely understand each other, and about a third of the
time in the activity audit serves reporting only (the monthly close and credit-limit checks are
required work, not reporting). Re-running with the same seed writes the same files (a test
checks it).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = ROOT / "plugins"
DEFAULT_OUTPUT = PLUGINS / "ccassess_demo" / "muster_handels"
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

DEPARTMENTS = {  # name: respondents (Personal has 2, so the anonymity rule shows)
    "Geschäftsführung": 3,
    "Marketing": 4,
    "Vertrieb": 4,
    "Kundenservice": 4,
    "Produktentwicklung": 3,
    "Supply Chain": 3,
    "Finanzen": 3,
    "Personal": 2,
}
CUSTOMERS = 40

# How favourably (0..1) each group sees things, before per-dimension tweaks and noise.
BASE = {"Geschäftsführung": 0.82, "internal": 0.62, "customer": 0.36}
# Per dimension: shift for (management, other staff, customers).
TWEAKS = {
    ("leadership", "decision_basis"): (-0.05, -0.2, 0.0),
    ("leadership", "empowerment"): (0.05, -0.15, -0.05),
    ("silo_check", "shared_customer_data"): (-0.05, -0.25, -0.05),
    ("silo_check", "handovers"): (0.0, -0.15, 0.0),
    ("customer_or_reporting", "reporting_burden"): (0.0, -0.25, 0.0),
    ("dos_donts", "kpi_focus"): (-0.1, -0.2, 0.0),
    ("customer_perception", "continuity"): (0.0, 0.0, -0.08),
    ("customer_perception", "being_heard"): (0.05, 0.05, -0.06),
    # customers are lukewarm rather than hostile about the outcome
    ("customer_metrics", "satisfaction"): (0.0, 0.0, 0.26),
    ("customer_metrics", "loyalty"): (0.0, 0.0, 0.3),
    ("customer_metrics", "effort"): (0.0, 0.0, 0.12),
}
# Understanding between departments (rater, target) → favourability; Marketing ↔ Vertrieb is
# the broken link.
MATRIX = {
    ("Marketing", "Vertrieb"): 0.12,
    ("Vertrieb", "Marketing"): 0.1,
    ("Produktentwicklung", "Kundenservice"): 0.3,
    ("Finanzen", "Vertrieb"): 0.35,
}

ACTIVITIES = {
    "Geschäftsführung": [
        ("Monatliches Management-Reporting an die Gesellschafter", "reporting", 20),
        ("Kundengespräche mit Schlüsselkunden", "customer", 15),
        ("KPI-Dashboard abstimmen", "reporting", 15),
        ("Strategieklausur vorbereiten", "selling", 10),
    ],
    "Marketing": [
        ("Kampagnen-Reporting für die Geschäftsführung", "reporting", 25),
        ("Leads qualifizieren und an den Vertrieb übergeben", "selling", 20),
        ("Newsletter und Kundeninformationen", "customer", 20),
        ("Freigabeschleifen für Werbemittel", "selling_harder", 10),
    ],
    "Vertrieb": [
        ("Wöchentlicher Forecast-Report", "reporting", 15),
        ("CRM-Pflege für das Management-Dashboard", "reporting", 15),
        ("Angebote erstellen", "selling", 25),
        ("Kundentermine vor Ort", "customer", 25),
        ("Rabattfreigaben einholen", "selling_harder", 10),
    ],
    "Kundenservice": [
        ("Kundenanfragen beantworten", "customer", 45),
        ("Ticket-Statistik für das Monatsreporting", "reporting", 15),
        ("Reklamationen bearbeiten", "customer", 20),
        ("Anfragen zwischen Abteilungen weiterleiten", "selling_harder", 10),
    ],
    "Produktentwicklung": [
        ("Anforderungen mit Kunden klären", "customer", 20),
        ("Projektstatus-Reporting", "reporting", 20),
        ("Produktdokumentation für den Vertrieb", "selling", 15),
    ],
    "Supply Chain": [
        ("Lieferterminanfragen von Kunden beantworten", "customer", 20),
        ("Bestands-KPIs für das Controlling", "reporting", 25),
        ("Lieferantengespräche", "selling", 15),
    ],
    "Finanzen": [
        ("Monatsabschluss", "required", 40),
        ("Zahlungsklärungen mit Kunden", "customer", 15),
        ("Kreditlimitprüfung vor Angebotsfreigabe", "required", 15),
    ],
    "Personal": [
        ("Schulungen zu Kundenkontakt organisieren", "customer", 15),
        ("Personalkennzahlen-Reporting", "reporting", 30),
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
NAMES = {1: "Henrike Quellmalz", 5: "Bastian Oberdörfer", 30: "Jolanthe Wiesenthal"}


def load_definitions() -> dict[str, dict[str, Any]]:
    return {
        m: yaml.safe_load((PLUGINS / f"ccassess_{m}" / "module.yaml").read_text("utf-8"))
        for m in MODULES
    }


def scale_of(module: dict[str, Any], question: dict[str, Any]) -> tuple[int, int]:
    scale = question.get("scale")
    if isinstance(scale, str):
        scale = module.get("scales", {}).get(scale)
    if not scale:
        return 1, 5
    return scale.get("start", 1), scale["points"]


def favour(rng: random.Random, group: str, perspective: str, key: tuple[str, str]) -> float:
    base = BASE.get(group, BASE[perspective])
    tweak = TWEAKS.get(key, (0.0, 0.0, 0.0))
    base += (
        tweak[0] if group == "Geschäftsführung" else tweak[1 if perspective == "internal" else 2]
    )
    return min(1.0, max(0.0, rng.gauss(base, 0.16)))


def likert(rng: random.Random, fav: float, start: int, points: int, reverse: bool) -> int:
    agreement = 1.0 - fav if reverse else fav
    return start + round(agreement * (points - 1))


def answer_module(
    rng: random.Random, module: dict[str, Any], perspective: str, group: str, department: str | None
) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for dimension in module["dimensions"]:
        for question in dimension["questions"]:
            asked = question.get("perspective", "internal")
            if asked not in ("both", perspective):
                continue
            qtype = question["type"]
            qid = question["id"]
            key = (module["id"], dimension["id"])
            if qtype != "number" and question.get("dont_know", True) and rng.random() < 0.04:
                answers[qid] = "dont_know"
                continue
            if qtype == "likert":
                start, points = scale_of(module, question)
                fav = favour(rng, group, perspective, key)
                answers[qid] = likert(rng, fav, start, points, question.get("reverse", False))
            elif qtype == "matrix":
                start, points = scale_of(module, question)
                row = {}
                for target in DEPARTMENTS:
                    if target == department:
                        continue
                    base = MATRIX.get((department, target), 0.62)
                    fav = min(1.0, max(0.0, rng.gauss(base, 0.12)))
                    row[target] = start + round(fav * (points - 1))
                answers[qid] = row
            elif qtype == "activity_list":
                answers[qid] = [
                    {
                        "activity": text,
                        "category": category,
                        "share": max(5, share + rng.choice((-5, 0, 0, 5))),
                    }
                    for text, category, share in ACTIVITIES[department or "Vertrieb"]
                ]
            elif qtype == "kano":
                weights = KANO.get(qid, (0.25, 0.25, 0.25, 0.25))
                category = rng.choices(list(KANO_PAIRS), weights=weights)[0]
                functional, dysfunctional = KANO_PAIRS[category]
                answers[qid] = {"functional": functional, "dysfunctional": dysfunctional}
    return answers


def metric_aggregates() -> dict[str, Any]:
    """What the CEO enters for the metrics module (last fiscal year)."""
    return {
        "customers_start": 1240,
        "customers_lost": 198,
        "customers_new": 156,
        "customers_end": 1198,
        "avg_annual_value": 5400,
        "avg_lifetime_years": 5.5,
    }


def internal_respondents(rng: random.Random, modules: dict[str, dict[str, Any]]) -> list[dict]:
    respondents = []
    number = 0
    for department, count in DEPARTMENTS.items():
        for _ in range(count):
            number += 1
            answers = {
                m: answer_module(rng, module, "internal", department, department)
                for m, module in modules.items()
            }
            if number == 1:
                answers["customer_metrics"].update(metric_aggregates())
            respondent: dict[str, Any] = {
                "id": f"I-{number:03d}",
                "perspective": "internal",
                "department": department,
                "role": "Geschäftsführer/in"
                if department == "Geschäftsführung"
                else "Führungskraft",
            }
            if number in NAMES:
                respondent["name"] = NAMES[number]
            respondent["answers"] = answers
            respondents.append(respondent)
    return respondents


def customer_respondents(rng: random.Random, modules: dict[str, dict[str, Any]]) -> list[dict]:
    respondents = []
    for number in range(1, CUSTOMERS + 1):
        answers = {}
        for m, module in modules.items():
            given = answer_module(rng, module, "customer", "customer", None)
            if given:
                answers[m] = given
        respondent: dict[str, Any] = {
            "id": f"K-{number:03d}",
            "perspective": "customer",
            "role": rng.choice(["Einkauf", "Geschäftsführung", "Fachabteilung"]),
        }
        if number + 25 in NAMES:
            respondent["name"] = NAMES[number + 25]
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
    modules = load_definitions()
    (output / "responses").mkdir(parents=True, exist_ok=True)
    settings = {
        "client": "Muster Handels GmbH",
        "title": "Kundenzentrierung 2026",
        "date": "2026-11-24",
        "prepared_by": "Beispiel Consulting",
        "language": "de",
        "departments": list(DEPARTMENTS),
        "anonymity_threshold": 3,
        "modules": MODULES,
    }
    dump(output / "assessment.yaml", settings, "Demo assessment: a fictional client")
    dump(
        output / "responses" / "internal.yaml",
        {"respondents": internal_respondents(rng, modules)},
        "Workshop with managers from eight departments",
    )
    dump(
        output / "responses" / "customers.yaml",
        {"respondents": customer_respondents(rng, modules)},
        "Survey of the client's customers",
    )


if __name__ == "__main__":
    generate(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT)
