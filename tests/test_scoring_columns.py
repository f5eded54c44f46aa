"""The engine works on whole columns (per question, per perspective) instead of respondent rows;
these pin that it still computes exactly what the row-by-row definition says."""

from __future__ import annotations

import random
import types

import pytest

from ccassess import hookimpl
from ccassess.model.answers import Respondent
from ccassess.scoring.engine import question_scores
from ccassess.scoring.stats import (
    cronbach_alpha,
    describe,
    describe_with_variance,
    item_alpha,
    sample_variance,
)
from ccassess.testing import Kit, make_kit


def _text(name: str) -> dict[str, str]:
    return {"de": name, "en": name}


def _likert(qid: str, perspective: str = "internal", weight: float = 1) -> dict:
    wording = {"internal": _text("i"), "customer": _text("c")}
    return {
        "id": qid,
        "type": "likert",
        "source": "t",
        "perspective": perspective,
        "weight": weight,
        "text": wording if perspective == "both" else _text(qid),
    }


MIXED = {
    "id": "mixed",
    "version": "1.0.0",
    "title": _text("Mixed"),
    "dimensions": [
        {  # internal-only and mirrored questions, unequal weights
            "id": "uneven",
            "title": _text("uneven"),
            "questions": [_likert("a", weight=2), _likert("b", "both"), _likert("c", "both", 3)],
        },
        {  # the same perspectives, equal weights
            "id": "even",
            "title": _text("even"),
            "questions": [_likert("d"), _likert("e", "both"), _likert("f", "both")],
        },
    ],
}


def mixed_kit() -> Kit:
    plugin = types.ModuleType("mixed_plugin")
    plugin.ccassess_modules = hookimpl(lambda: [MIXED])  # type: ignore[attr-defined]
    return make_kit([("mixed", plugin)])


def people(kit: Kit, count: int, seed: int, gaps: bool) -> list[Respondent]:
    """Respondents of both perspectives; with gaps, who skip and say "don't know"."""
    rng = random.Random(seed)
    values = [1, 2, 3, 4, 5, 5, "dont_know"] if gaps else [1, 2, 3, 4, 5, 5]
    found = []
    for n in range(count):
        perspective = "internal" if n % 3 else "customer"
        asked = "abcdef" if perspective == "internal" else "bcef"
        answers = {q: rng.choice(values) for q in asked if not gaps or rng.random() < 0.85}
        found.append(kit.respondent(perspective, {"mixed": answers}))
    return found


def row_by_row(
    kit: Kit, respondents: list[Respondent], dimension: int, perspective: str
) -> tuple[list, list]:
    """One perspective's dimension scores and complete rows (of the questions asked of it),
    one respondent at a time."""
    module = kit.module("mixed")
    table = question_scores(module, respondents, kit.registry.question_types)
    questions = [q for q in module.dimensions[dimension].questions if q.asked_of(perspective)]
    part = table.perspective_slices[perspective]
    means, complete = [], []
    for row in zip(*(table.columns[q.id][part] for q in questions), strict=True):
        pairs = [(q.weight, v) for q, v in zip(questions, row, strict=True) if v is not None]
        if None not in row:
            complete.append(row)
        if len({q.weight for q in questions}) == 1 and pairs:
            means.append(sum(v for _, v in pairs) / len(pairs))
        elif pairs:
            means.append(sum(w * v for w, v in pairs) / sum(w for w, _ in pairs))
    return means, complete


@pytest.mark.parametrize("gaps", [False, True])
def test_dimension_spread_and_alpha_equal_the_row_by_row_definition(gaps: bool) -> None:
    kit = mixed_kit()
    respondents = people(kit, 90, seed=3, gaps=gaps)
    result = kit.score(respondents).module("mixed")
    for index, dimension in enumerate(result.dimensions):
        means, _ = row_by_row(kit, respondents, index, "internal")
        assert dimension.stats == describe(means)  # the staff's, exactly
        for perspective, reliability in dimension.reliability.items():
            means, complete = row_by_row(kit, respondents, index, perspective)
            assert dimension.agreement[perspective].n == len(means)
            assert reliability.n == len(complete)
            if reliability.items >= 2:
                assert len(complete) >= 10 and reliability.alpha == cronbach_alpha(complete)


def test_alpha_from_item_columns_equals_alpha_from_rows() -> None:
    rng = random.Random(5)
    rows = [tuple(rng.choice([0.0, 25.0, 50.0, 75.0, 100.0]) for _ in range(4)) for _ in range(40)]
    items = list(zip(*rows, strict=True))
    assert item_alpha(items) == cronbach_alpha(rows)
    known = [sample_variance(items[0]), None, sample_variance(items[2]), None]
    assert item_alpha(items, known) == cronbach_alpha(rows)
    assert item_alpha(items[:1]) is None and item_alpha([item[:9] for item in items]) is None


def test_describe_with_variance() -> None:
    values = [10.0, 20.0, 60.0, 35.5]
    stats, variance = describe_with_variance(values)
    assert stats == describe(values) and variance == sample_variance(values)
    assert describe_with_variance([42.0])[1] is None and describe_with_variance([])[1] is None


def test_department_rows_of_an_id_given_twice_all_count() -> None:
    kit = mixed_kit()
    twice = [kit.respondent("internal", {"mixed": {"a": a}}, id="R1") for a in (1, 5)]
    table = question_scores(kit.module("mixed"), twice, kit.registry.question_types)
    assert table.positions({"R1"}) == [0, 1]
    assert table.participants == 2
