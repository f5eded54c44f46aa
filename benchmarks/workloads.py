"""Files the benchmarks work on: answer CSVs, synthetic multi-module assessments, workspaces."""

from __future__ import annotations

import csv
import random
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "plugins" / "ccassess_demo" / "muster_handels"
LEADERSHIP = ROOT / "plugins" / "ccassess_leadership" / "module.yaml"
DEPARTMENTS = ["Vertrieb", "Marketing", "Kundenservice"]


def answers_csv(path: Path, rows: int, seed: int = 11) -> Path:
    """A table of answers (one respondent per row) to the leadership module."""
    module = yaml.safe_load(LEADERSHIP.read_text("utf-8"))
    questions = [
        q["id"]
        for d in module["dimensions"]
        for q in d["questions"]
        if q.get("perspective", "internal") in ("internal", "both")
    ]
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(
            ["id", "perspective", "department", *(f"leadership.{q}" for q in questions)]
        )
        for number in range(rows):
            writer.writerow(
                [
                    f"R{number:06d}",
                    "internal",
                    rng.choice(DEPARTMENTS),
                    *(rng.randint(1, 5) for _ in questions),
                ]
            )
    return path


def settings_file(path: Path, modules: list[str], client: str = "Bench GmbH") -> Path:
    path.write_text(
        yaml.safe_dump(
            {
                "client": client,
                "title": "Benchmark",
                "language": "de",
                "departments": DEPARTMENTS,
                "modules": modules,
            },
            allow_unicode=True,
        )
    )
    return path


def synthetic_assessment(folder: Path, modules: int, respondents: int = 30) -> dict[str, Path]:
    """`modules` copies of the leadership module (as a plugins folder) and answers to all."""
    plugins = folder / "plugins"
    plugins.mkdir(parents=True)
    definition = yaml.safe_load(LEADERSHIP.read_text("utf-8"))
    ids = []
    for number in range(1, modules + 1):
        module_id = f"copy_{number:02d}"
        copy = dict(definition, id=module_id)
        copy["title"] = {lang: f"{text} ({number})" for lang, text in definition["title"].items()}
        (plugins / f"{module_id}.yaml").write_text(yaml.safe_dump(copy, allow_unicode=True))
        ids.append(module_id)
    questions = [
        q["id"]
        for d in definition["dimensions"]
        for q in d["questions"]
        if q.get("perspective", "internal") in ("internal", "both")
    ]
    rng = random.Random(modules)
    people = [
        {
            "id": f"R{n:03d}",
            "perspective": "internal",
            "department": DEPARTMENTS[n % 3],
            "answers": {m: {q: rng.randint(1, 5) for q in questions} for m in ids},
        }
        for n in range(respondents)
    ]
    answers = folder / "answers.yaml"
    answers.write_text(yaml.safe_dump({"respondents": people}, allow_unicode=True))
    return {
        "plugins": plugins,
        "answers": answers,
        "assessment": settings_file(folder / "assessment.yaml", ids),
    }


def demo_workspace(ccassess: str, folder: Path) -> Path:
    """A workspace holding the demo assessment's responses."""
    subprocess.run(
        [ccassess, "init", str(folder), "--from", str(DEMO / "assessment.yaml")],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [ccassess, "import", "-w", str(folder), str(DEMO / "responses")],
        check=True,
        capture_output=True,
    )
    return folder
