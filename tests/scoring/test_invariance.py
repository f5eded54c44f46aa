"""Tripling invariance: duplicating any group's respondents with identical answers changes no
score, level or gap (method 2.0: perspectives first, fixed weights, never respondent counts).
Intervals may narrow (more people), n grows; nothing else moves."""

from __future__ import annotations

import math
from dataclasses import replace
from functools import cache
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ccassess.actions.assess import assess
from ccassess.actions.inputs import load_demo
from ccassess.actions.load_plugins import load_registry
from ccassess.model.answers import Respondent
from ccassess.model.result import AssessmentResult
from ccassess.testing import make_kit


@cache
def demo() -> tuple[Any, Any]:
    registry = load_registry()
    return registry, load_demo(registry)


def copies(respondents: list[Respondent], chosen: set[int], times: int) -> list[Respondent]:
    """The respondents, each chosen one `times` times (new ids, identical answers)."""
    out = list(respondents)
    for index in sorted(chosen):
        for k in range(1, times):
            out.append(replace(respondents[index], id=f"{respondents[index].id}-copy{k}"))
    return out


def figures(result: AssessmentResult) -> dict[str, Any]:
    """Every score, level and gap of a result (not n, spreads or intervals)."""
    out: dict[str, Any] = {"score": result.score, "level": result.level}

    def perspectives(prefix: str, by: dict[str, Any]) -> None:
        for p, value in by.items():
            out[f"{prefix}/{p}/score"] = getattr(value, "score", getattr(value, "mean", None))
            if hasattr(value, "level"):
                out[f"{prefix}/{p}/level"] = value.level

    def mirror(prefix: str, m: Any) -> None:
        if m is not None:
            out[f"{prefix}/mirror"] = (m.internal, m.customer, m.gap)

    perspectives("", result.by_perspective)
    mirror("", result.mirror)
    for o in result.outcomes:
        out[f"kpi/{o.id}"] = (o.value, o.level)
    for m in result.modules:
        out[m.id] = (m.score, m.level)
        perspectives(m.id, m.by_perspective)
        mirror(m.id, m.mirror)
        for d in m.dimensions:
            key = f"{m.id}/{d.id}"
            out[key] = (d.score, d.level)
            perspectives(key, d.by_perspective)
            mirror(key, d.mirror)
            for q in d.questions:
                out[f"{key}/{q.id}"] = q.score
                perspectives(f"{key}/{q.id}", q.by_perspective)
                mirror(f"{key}/{q.id}", q.mirror)
    return out


def assert_same(a: dict[str, Any], b: dict[str, Any]) -> None:
    assert a.keys() == b.keys()
    for key in a:
        x, y = a[key], b[key]
        if isinstance(x, tuple):
            assert len(x) == len(y), key
            for u, v in zip(x, y, strict=True):
                assert _close(u, v), (key, x, y)
        else:
            assert _close(x, y), (key, x, y)


def _close(u: Any, v: Any) -> bool:
    if isinstance(u, float) and isinstance(v, float):
        return math.isclose(u, v, rel_tol=1e-9, abs_tol=1e-9)
    return u == v


@settings(max_examples=6, deadline=None)
@given(
    group=st.sampled_from(["customer", "internal", "both", "department"]),
    times=st.integers(min_value=2, max_value=3),
)
def test_duplicating_a_group_of_the_demo_changes_no_score_level_or_gap(
    group: str, times: int
) -> None:
    registry, inputs = demo()
    people = inputs.respondents
    if group == "department":
        departments = sorted({r.department for r in people if r.department})
        wanted = departments[0] if departments else None
        chosen = {i for i, r in enumerate(people) if r.department == wanted}
    elif group == "both":
        chosen = set(range(len(people)))
    else:
        chosen = {i for i, r in enumerate(people) if r.perspective == group}
    assert chosen
    base = assess(registry, people, inputs.settings)
    more = assess(registry, copies(people, chosen, times), inputs.settings)
    if group in ("customer", "internal", "both"):
        assert_same(figures(base), figures(more))
    else:  # a department within the staff changes the staff mean; customers and KPIs stay
        a, b = figures(base), figures(more)
        customer = [k for k in a if "/customer/" in k or k.startswith("kpi/")]
        assert customer and all(_close(a[k], b[k]) for k in customer)


ANSWERS = st.sampled_from([1, 2, 3, 4, 5, "dont_know", None])


@settings(max_examples=40, deadline=None)
@given(
    staff=st.lists(st.tuples(ANSWERS, ANSWERS, ANSWERS), min_size=1, max_size=6),
    customers=st.lists(st.tuples(ANSWERS, ANSWERS), min_size=1, max_size=6),
    times=st.integers(min_value=2, max_value=4),
    which=st.sampled_from(["internal", "customer"]),
)
def test_duplicating_respondents_of_a_synthetic_module(
    staff: list[tuple], customers: list[tuple], times: int, which: str
) -> None:
    kit = make_kit(modules=[SYNTHETIC])

    def answers(values: tuple, ids: tuple[str, ...]) -> dict[str, Any]:
        return {q: v for q, v in zip(ids, values, strict=True) if v is not None}

    people = [
        kit.respondent("internal", {"syn": answers(v, ("a", "b", "m"))}, id=f"s{i}")
        for i, v in enumerate(staff)
    ] + [
        kit.respondent("customer", {"syn": answers(v, ("c", "m"))}, id=f"c{i}")
        for i, v in enumerate(customers)
    ]
    chosen = {i for i, r in enumerate(people) if r.perspective == which}
    assert_same(figures(kit.score(people)), figures(kit.score(copies(people, chosen, times))))


def likert(qid: str, perspective: str = "internal", **extra: Any) -> dict[str, Any]:
    return {
        "id": qid,
        "type": "likert",
        "source": "test",
        "perspective": perspective,
        "text": {"de": qid, "en": qid},
    } | extra


SYNTHETIC = {
    "id": "syn",
    "version": "1.0.0",
    "title": {"de": "Syn", "en": "Syn"},
    "dimensions": [
        {
            "id": "practice",
            "title": {"de": "P", "en": "P"},
            "weight": 2,
            "questions": [likert("a"), likert("b", reverse=True, weight=3)],
        },
        {
            "id": "shared",
            "title": {"de": "S", "en": "S"},
            "questions": [
                likert(
                    "m",
                    "both",
                    text={
                        "internal": {"de": "mi", "en": "mi"},
                        "customer": {"de": "mc", "en": "mc"},
                    },
                ),
                likert("c", "customer"),
            ],
        },
    ],
}
