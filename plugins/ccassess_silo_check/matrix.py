"""The silo matrix: how well each department understands what the others need. Pure.

Raters are grouped by department under the anonymity rule of the department breakdown
(`department_groups`): a department with fewer raters than the threshold never gets a row of its
own; it is merged into "other", or left out when even "other" stays below the threshold.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from ccassess import (
    DONT_KNOW,
    AssessmentSettings,
    Finding,
    Module,
    Respondent,
    Text,
    department_groups,
)

MATRIX_QUESTION = "understanding_matrix"
DIMENSION = "cross_understanding"
OTHER = "other"
#: The matrix lists this many of its lowest cells as the weakest links.
WEAKEST_LINKS = 5
#: Weakest links below this score (0–100) become findings; below the second, critical ones.
FINDING_BELOW = 40.0
CRITICAL_BELOW = 20.0


def rater_ratings(module: Module, respondent: Respondent) -> dict[str, float]:
    """One respondent's ratings as 0..100 by target department, own department left out."""
    return rating_reader(module)(respondent)


def rating_reader(module: Module) -> Callable[[Respondent], dict[str, float]]:
    """`rater_ratings` for many respondents: the question and its scale are looked up once."""
    question = module.question(MATRIX_QUESTION)
    if question is None or question.scale is None:
        return lambda respondent: {}
    start, span = question.scale.start, question.scale.points - 1
    module_id = module.id

    def ratings(respondent: Respondent) -> dict[str, float]:
        value = respondent.answers.get(module_id, {}).get(MATRIX_QUESTION)
        if not isinstance(value, dict):
            return {}
        own = respondent.department
        return {
            target: (cell - start) / span * 100.0
            for target, cell in value.items()
            if cell != DONT_KNOW and target != own
        }

    return ratings


def silo_matrix(
    module: Module, respondents: Sequence[Respondent], settings: AssessmentSettings
) -> dict[str, Any]:
    threshold = settings.anonymity_threshold
    departments = list(settings.departments)
    read = rating_reader(module)
    ratings = {r.id: read(r) for r in respondents if r.perspective == "internal" and r.department}
    raters = [r for r in respondents if ratings.get(r.id)]
    counts: Counter[str | None] = Counter(r.department for r in raters)
    shown, merged, left_out = department_groups(counts, threshold)
    order = {d: i for i, d in enumerate(departments)}
    rows: list[tuple[str, list[Respondent]]] = [
        (d, [r for r in raters if r.department == d])
        for d in sorted(shown, key=lambda d: (order.get(d, len(order)), d))
    ]
    merged_members = [r for r in raters if r.department in merged]
    if merged_members and not left_out:
        rows.append((OTHER, merged_members))
    matrix: list[list[float | None]] = []
    sizes: list[list[int]] = []
    cells = []
    for label, members in rows:
        row_scores: list[float | None] = []
        row_sizes: list[int] = []
        given = [ratings[r.id] for r in members]
        for target in departments:
            values = [rated[target] for rated in given if target in rated]
            # A cell with fewer ratings than the threshold would expose individual answers.
            score = sum(values) / len(values) if len(values) >= threshold else None
            row_scores.append(score)
            row_sizes.append(len(values))
            if score is not None:
                cells.append({"rater": label, "target": target, "score": score, "n": len(values)})
        matrix.append(row_scores)
        sizes.append(row_sizes)
    cells.sort(key=lambda c: (c["score"], order.get(c["rater"], len(order)), c["target"]))
    return {
        "departments": departments,
        "raters": [label for label, _ in rows],
        "rater_counts": [len(members) for _, members in rows],
        "matrix": matrix,
        "n": sizes,
        "weakest_links": cells[:WEAKEST_LINKS],
        "merged_note": bool(merged) or bool(left_out),
        "merged_departments": sum(1 for d in merged if d is not None),
        # which departments, and why: too few raters, or enough but merged so that the small
        # ones cannot be computed from the rest
        "merged_small": sorted(d for d in merged if d is not None and counts[d] < threshold),
        "merged_to_protect": sorted(d for d in merged if d is not None and counts[d] >= threshold),
        "left_out": left_out,
        "threshold": threshold,
    }


def understanding_score(module: Module, respondents: Sequence[Respondent]) -> float | None:
    """The dimension score without own-department ratings: the mean over internal
    respondents of each one's mean rating of the other departments (as the engine would)."""
    read = rating_reader(module)
    per_respondent = [
        sum(scores.values()) / len(scores)
        for r in respondents
        if r.perspective == "internal" and (scores := read(r))
    ]
    return sum(per_respondent) / len(per_respondent) if per_respondent else None


def weak_link_findings(data: dict[str, Any]) -> list[Finding]:
    findings = []
    for link in data.get("weakest_links", []):
        if link["score"] >= FINDING_BELOW:
            continue
        score = round(link["score"])
        rater_de = "Weitere Abteilungen" if link["rater"] == OTHER else _capital(link["rater"])
        rater_en = "Other departments" if link["rater"] == OTHER else _capital(link["rater"])
        verb_de = "verstehen" if link["rater"] == OTHER else "versteht"
        verb_en = "barely understand" if link["rater"] == OTHER else "barely understands"
        target = link["target"]
        findings.append(
            Finding(
                id=f"weak_link_{_slug(link['rater'])}_{_slug(target)}",
                severity="critical" if link["score"] < CRITICAL_BELOW else "warning",
                text=Text(
                    f"{rater_de} {verb_de} kaum, was {target} braucht (Wert {score}).",
                    f"{rater_en} {verb_en} what {target} needs (score {score}).",
                ),
                dimension=DIMENSION,
                # the staff's ratings of another department, by this many raters
                evidence="self_rated",
                n=link.get("n"),
            )
        )
    return findings


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.casefold()).strip("_") or "x"


def _capital(name: str) -> str:
    return name[:1].upper() + name[1:]
