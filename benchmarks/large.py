"""A large, seeded workspace as a mid-sized company's survey would fill it (issue 23).

python -m benchmarks.large FOLDER RESPONDENTS [SEED] [--workspace]

Writes FOLDER/assessment.yaml (all built-in modules plus `open_answers`, a copy of the
leadership module with two open questions, in FOLDER/plugins) and FOLDER/responses/*.json;
with --workspace also initialises FOLDER/workspace and imports the responses. Internal
respondents (two thirds) sit in eight departments of different sizes and each lists 25
activities: common names drawn with a long tail (Zipf-like) plus a few that only one person
wrote; everyone writes open answers, some shared, many unique. Runs as its own process so
that the harness's memory stays small.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
LEADERSHIP = ROOT / "plugins" / "ccassess_leadership" / "module.yaml"
CCASSESS = str(Path(sys.executable).parent / "ccassess")
#: Department and its weight (share of internal respondents).
DEPARTMENTS = {
    "Geschäftsleitung": 1,
    "Marketing": 6,
    "Vertrieb": 14,
    "Kundenservice": 16,
    "Produktentwicklung": 8,
    "Supply Chain": 10,
    "Finanzen": 5,
    "Personal": 3,
}
MODULES = [
    "leadership",
    "silo_check",
    "dos_donts",
    "customer_or_reporting",
    "customer_understanding",
    "customer_metrics",
    "customer_perception",
    "open_answers",
]
VERBS = ["pflegen", "erstellen", "prüfen", "abstimmen", "beantworten", "vorbereiten"]
THINGS = [
    "Kundenanfragen",
    "Angebote",
    "Forecast-Report",
    "Rabattfreigaben",
    "KPI-Dashboard",
    "Monatsabschluss",
    "Reklamationen",
    "Lieferavis",
    "CRM-Einträge",
    "Wochenbericht",
    "Kreditlimits",
    "Preislisten",
    "Schulungsunterlagen",
    "Vertragsentwürfe",
    "Produktdaten",
    "Messeplanung",
    "Newsletter",
    "Bestellungen",
    "Rechnungen",
    "Projektstatus",
]
COMMON = [f"{thing} {verb}" for thing in THINGS for verb in VERBS]  # 120 shared names
CATEGORIES = ("customer", "selling", "reporting", "selling_harder", "required")
OPEN_TEXTS = [
    "Mehr Zeit für Kunden statt für interne Berichte.",
    "Weniger Abstimmungsschleifen zwischen Vertrieb und Service.",
    "Kundenfeedback sollte regelmäßig im Team besprochen werden.",
    "Die Freigabeprozesse dauern zu lange.",
]


def open_module() -> dict[str, Any]:
    """The leadership module under another id, with an open question per perspective."""
    definition = yaml.safe_load(LEADERSHIP.read_text("utf-8"))
    module = dict(definition, id="open_answers")
    module["title"] = {"de": "Offene Antworten", "en": "Open answers"}
    first = dict(module["dimensions"][0])
    first["questions"] = [
        *first["questions"],
        {
            "id": "open_internal",
            "type": "text",
            "perspective": "internal",
            "text": {"de": "Was sollten wir ändern?", "en": "What should we change?"},
            "source": "Zendesk 2025",
        },
        {
            "id": "open_customer",
            "type": "text",
            "perspective": "customer",
            "text": {"de": "Was wünschen Sie sich?", "en": "What would you like?"},
            "source": "Zendesk 2025",
        },
    ]
    module["dimensions"] = [first, *module["dimensions"][1:]]
    return module


def _activities(rng: random.Random, person: int) -> list[dict[str, Any]]:
    """25 activities (shares add up to 100): a long tail of common names, some unique."""
    names: list[str] = []
    while len(names) < 22:
        name = COMMON[min(int(rng.paretovariate(1.2)) - 1, len(COMMON) - 1)]
        if name not in names:
            names.append(name)
    names += [f"Sonderaufgabe {person}-{n}" for n in range(3)]  # written by one person only
    return [{"activity": name, "share": 4, "category": rng.choice(CATEGORIES)} for name in names]


def _answer(rng: random.Random, question: Any, department: str, person: int) -> Any:
    kind = question.type
    if kind in ("likert", "matrix"):
        scale = question.scale
        if kind == "likert":
            return rng.randrange(scale.start, scale.start + scale.points)
        return {
            row: rng.randrange(scale.start, scale.start + scale.points)
            for row in DEPARTMENTS
            if row != department
        }
    if kind == "kano":
        options = ("like", "expect", "neutral", "tolerate", "dislike")
        return {"functional": rng.choice(options), "dysfunctional": rng.choice(options)}
    if kind == "activity_list":
        return _activities(rng, person)
    if kind == "text":
        if rng.random() < 0.5:
            return rng.choice(OPEN_TEXTS)
        return f"Vorschlag {person}: {rng.choice(THINGS)} vereinfachen, {rng.choice(VERBS)}."
    if kind == "number":
        return None
    return None


def write(folder: Path, count: int, seed: int = 23) -> Path:
    """Make the assessment, the plugins folder and the response files; return `folder`."""
    from ccassess.actions.load_plugins import load_registry

    folder.mkdir(parents=True, exist_ok=True)
    plugins = folder / "plugins"
    plugins.mkdir(exist_ok=True)
    (plugins / "open_answers.yaml").write_text(
        yaml.safe_dump(open_module(), allow_unicode=True), "utf-8"
    )
    settings = {
        "client": f"Skalierung {count} GmbH",
        "title": "Kundenzentrierung",
        "language": "de",
        "departments": list(DEPARTMENTS),
        "modules": MODULES,
    }
    assessment = folder / "assessment.yaml"
    assessment.write_text(yaml.safe_dump(settings, allow_unicode=True), "utf-8")
    registry = load_registry(plugins_dir=plugins)
    modules = registry.select(tuple(MODULES))
    rng = random.Random(seed)
    names = list(DEPARTMENTS)
    weights = list(DEPARTMENTS.values())
    people = []
    for person in range(count):
        perspective = "customer" if person % 3 == 2 else "internal"
        department = rng.choices(names, weights)[0] if perspective == "internal" else ""
        answers: dict[str, dict[str, Any]] = {}
        for module in modules:
            given = {}
            for _, question in module.questions():
                if question.asked_of(perspective):
                    value = _answer(rng, question, department, person)
                    if value is not None:
                        given[question.id] = value
            if given:
                answers[module.id] = given
        raw: dict[str, Any] = {"id": f"P{person:06d}", "perspective": perspective}
        if department:
            raw["department"] = department
        raw["answers"] = answers
        people.append(raw)
    responses = folder / "responses"  # files of 1,000 (a response file's size is limited)
    responses.mkdir(exist_ok=True)
    for start in range(0, count, 1000):
        chunk = {"respondents": people[start : start + 1000]}
        (responses / f"part{start // 1000:03d}.json").write_text(
            json.dumps(chunk, ensure_ascii=False), "utf-8"
        )
    return folder


def init_command(folder: Path, workspace: Path) -> list[str]:
    plugins = ["--plugins-dir", str(folder / "plugins")]
    return [CCASSESS, *plugins, "init", str(workspace), "--from", str(folder / "assessment.yaml")]


def import_command(folder: Path, workspace: Path) -> list[str]:
    plugins = ["--plugins-dir", str(folder / "plugins")]
    return [CCASSESS, *plugins, "import", "-w", str(workspace), str(folder / "responses")]


def make_workspace(folder: Path, workspace: Path) -> Path:
    for command in (init_command(folder, workspace), import_command(folder, workspace)):
        subprocess.run(command, check=True, capture_output=True)
    return workspace


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--workspace"]
    made = write(Path(args[0]), int(args[1]), int(args[2]) if len(args) > 2 else 23)
    if "--workspace" in sys.argv:
        print(make_workspace(made, made / "workspace"))
