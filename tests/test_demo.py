"""The demo assessment end to end, and that its data can be regenerated identically."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from ccassess.plugin.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "plugins" / "ccassess_demo" / "muster_handels"


def test_demo_data_is_reproducible(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_demo.py"), str(tmp_path)], check=True
    )
    for name in ("assessment.yaml", "responses/internal.yaml", "responses/customers.yaml"):
        assert (tmp_path / name).read_bytes() == (DEMO / name).read_bytes(), name


@pytest.mark.slow
def test_demo_pdf_names_client_and_every_module(
    tmp_path: Path, run: Callable, registry: Registry
) -> None:
    target = tmp_path / "demo.pdf"
    result = run("demo", "--output", target, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert f"Report written to {target}" in result.output
    text = " ".join((page.extract_text() or "") for page in PdfReader(target).pages)
    text = " ".join(text.split())
    assert "Muster Handels GmbH" in text
    for entry in registry.entries.values():
        assert " ".join(entry.module.title.get("en").split()) in text, entry.module.id


def _demo_files() -> tuple[dict, list[dict]]:
    """The demo's settings and respondents, read straight from its files (not through ccassess)."""
    settings = yaml.safe_load((DEMO / "assessment.yaml").read_text("utf-8"))
    respondents = []
    for name in ("internal.yaml", "customers.yaml"):
        respondents += yaml.safe_load((DEMO / "responses" / name).read_text("utf-8"))["respondents"]
    return settings, respondents


def _likert_dimensions() -> dict[tuple[str, str], list[tuple[dict, int, int]]]:
    """(module, dimension) → its Likert questions with scale start and points, for the
    dimensions made only of Likert questions (read from the module files)."""
    found = {}
    for folder in sorted((ROOT / "plugins").glob("ccassess_*")):
        path = folder / "module.yaml"
        if not path.exists():
            continue
        module = yaml.safe_load(path.read_text("utf-8"))
        for dimension in module["dimensions"]:
            rows = []
            for question in dimension["questions"]:
                if question.get("importance"):
                    continue  # an importance rating is never part of a score
                scale = question.get("scale")
                scale = module.get("scales", {}).get(scale, scale) if scale else None
                if question["type"] != "likert" or not isinstance(scale, dict):
                    break
                rows.append((question, scale.get("start", 1), scale["points"]))
            else:
                found[(module["id"], dimension["id"])] = rows
    return found


def _alpha(columns: list[list[float]]) -> float:
    def var(values: list[float]) -> float:
        mean = sum(values) / len(values)
        return sum((v - mean) ** 2 for v in values) / (len(values) - 1)

    k = len(columns)
    totals = [sum(row) for row in zip(*columns, strict=True)]
    return k / (k - 1) * (1 - sum(var(c) for c in columns) / var(totals))


def test_demo_json_tells_the_story(tmp_path: Path, run: Callable) -> None:
    """The story, with its key figures recomputed by hand from the demo's files."""
    target = tmp_path / "demo.json"
    assert run("demo", "--format", "json", "-o", target).exit_code == 0
    result = json.loads(target.read_text())
    settings, respondents = _demo_files()
    staff = [r for r in respondents if r["perspective"] == "internal"]
    customers = [r for r in respondents if r["perspective"] == "customer"]
    assert result["respondents"] == {"internal": len(staff), "customer": len(customers)}
    assert (len(staff), len(customers)) == (48, 60)

    # the default anonymity threshold; front-line staff, not only managers
    assert "anonymity_threshold" not in settings
    assert result["departments"]["threshold"] == 5
    roles = Counter(r["role"] for r in staff)
    assert sum(n for role, n in roles.items() if "leitung" not in role.lower()) > 30, roles

    # response rate: invitations per department, small departments only merged
    invited = settings["invited"]
    per_department = Counter(r["department"] for r in staff)
    breakdown = result["departments"]
    assert breakdown["invited"] == sum(invited.values()) == 69
    assert breakdown["answered"] == 48
    groups = {g["name"]: g for g in breakdown["groups"]}
    small = [d for d, n in per_department.items() if n < 5]
    assert sorted(small) == ["Finanzen", "Personal"]
    assert not set(small) & set(groups)
    assert groups["other"]["invited"] == sum(invited[d] for d in small)
    assert groups["other"]["n"] == sum(per_department[d] for d in small)
    assert groups["Kundenservice"]["invited"] == invited["Kundenservice"] == 16

    # management rates itself far above everyone else
    management = groups.pop("Geschäftsleitung")["score"]
    assert management - max(g["score"] for g in groups.values()) > 10
    assert result["mirror"]["internal"] - result["mirror"]["customer"] > 15

    # reliable scales: every alpha as computed by hand, none flagged inconsistent
    reported = {(m["id"], d["id"]): d for m in result["modules"] for d in m["dimensions"]}
    assert not [key for key, d in reported.items() if d["inconsistent"]]
    alphas = []
    for key, questions in _likert_dimensions().items():
        if key not in reported:
            continue
        for perspective, group in (("internal", staff), ("customer", customers)):
            asked = [
                q for q in questions if q[0].get("perspective", "internal") in ("both", perspective)
            ]
            if len(asked) < 2:
                continue
            rows = []
            for person in group:
                given = person["answers"].get(key[0], {})
                values = [given.get(q["id"]) for q, _, _ in asked]
                if all(isinstance(v, int) for v in values):
                    rows.append(
                        [
                            1 - (v - start) / (points - 1)
                            if q.get("reverse")
                            else (v - start) / (points - 1)
                            for v, (q, start, points) in zip(values, asked, strict=True)
                        ]
                    )
            alpha = _alpha([list(c) for c in zip(*rows, strict=True)])
            assert reported[key]["reliability"][perspective]["alpha"] == pytest.approx(alpha)
            assert reported[key]["reliability"][perspective]["n"] == len(rows)
            alphas.append(alpha)
    assert len(alphas) > 30
    assert sum(a >= 0.7 for a in alphas) >= 0.9 * len(alphas)

    # customers disagree most on being heard and on continuity
    agreement = {
        key: d["agreement"]["customer"]
        for key, d in reported.items()
        if "customer" in d["agreement"] and d["agreement"]["customer"]["rwg"] is not None
    }
    lowest = sorted(agreement, key=lambda key: agreement[key]["rwg"])[:2]
    assert sorted(lowest) == [
        ("customer_perception", "being_heard"),
        ("customer_perception", "continuity"),
    ]
    assert sorted(k for k, a in agreement.items() if a["disputed"]) == sorted(lowest)

    # reporting eats a visible share of the time in the activity audit
    shares: Counter[str] = Counter()
    for person in staff:
        for item in person["answers"]["customer_or_reporting"]["activities"]:
            shares[item["category"]] += item["share"]
    assert shares["reporting"] / sum(shares.values()) > 0.25
