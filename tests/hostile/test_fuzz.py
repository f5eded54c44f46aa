"""Property-based tests: arbitrary input never raises anything but ccassess's own errors, and
the scoring engine keeps its invariants."""

from __future__ import annotations

import json
import random
from contextlib import suppress
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from ccassess.checking import Checker
from ccassess.errors import CcassessError, Problems, ValidationError
from ccassess.io.structured import parse_json, parse_yaml
from ccassess.loading import build_module
from ccassess.model import DONT_KNOW, AssessmentSettings
from ccassess.registry import load_registry
from ccassess.responses import ResponseValidator, raw_respondents
from ccassess.testing import Kit

REGISTRY = load_registry()
LEADERSHIP = REGISTRY.modules["leadership"]
LIKERT_IDS = [q.id for _, q in LEADERSHIP.questions() if q.type == "likert"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
)  # fmt: skip
plain_data = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.text(max_size=12), children, max_size=6),
    ),
    max_leaves=40,
)
yaml_keys = st.sampled_from(
    [
        "id",
        "version",
        "title",
        "dimensions",
        "questions",
        "type",
        "text",
        "source",
        "scale",
        "weight",
        "levels",
        "de",
        "en",
        "perspective",
        "reverse",
        "findings",
        "when",
        "rows",
        "options",
    ]
)
module_like = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(yaml_keys, children, max_size=6),
    ),
    max_leaves=60,
)


@given(st.text(max_size=400))
def test_yaml_reader_raises_only_validation_errors(text: str) -> None:
    with suppress(ValidationError):
        parse_yaml(text, "fuzz.yaml")


@given(st.text(max_size=300))
def test_json_reader_raises_only_validation_errors(text: str) -> None:
    with suppress(ValidationError):
        parse_json(text, "fuzz.json")


@given(module_like)
def test_module_loader_raises_only_validation_errors(data: Any) -> None:
    try:
        text = yaml.safe_dump(data, allow_unicode=True)
    except yaml.YAMLError:
        return
    with suppress(ValidationError):
        build_module(parse_yaml(text, "fuzz.yaml"), REGISTRY.question_types, file="fuzz.yaml")


@given(plain_data)
def test_response_validator_raises_only_its_own_errors(data: Any) -> None:
    problems = Problems()
    check = Checker("fuzz.json", problems)
    validator = ResponseValidator(REGISTRY.modules, REGISTRY.question_types,
                                  AssessmentSettings(), problems, REGISTRY.plugins)  # fmt: skip
    wrapped = {"respondents": [data]} if not isinstance(data, dict) else {"respondent": data}
    for raw, path in raw_respondents(json.loads(json.dumps(wrapped, default=str)), check):
        validator.respondent(raw, path, check)
    with suppress(CcassessError):
        problems.raise_if_errors()


answers = st.dictionaries(
    st.sampled_from(LIKERT_IDS), st.one_of(st.integers(1, 5), st.just(DONT_KNOW)), min_size=1
)
respondent_sets = st.lists(
    st.tuples(st.sampled_from(["internal", "customer"]), answers), min_size=1, max_size=12
)


def build(kit: Kit, people: list[tuple[str, dict]]) -> list:
    built = []
    for perspective, given_answers in people:
        own = {q: v for q, v in given_answers.items()
               if LEADERSHIP.question(q).asked_of(perspective)}  # fmt: skip
        built.append(kit.respondent(perspective, {"leadership": own}))
    return built


def all_scores(result: Any) -> list[float]:
    scores = [result.score] if result.score is not None else []
    for module in result.modules:
        scores += [s for s in [module.score] if s is not None]
        for dimension in module.dimensions:
            scores += [s for s in [dimension.score] if s is not None]
            scores += [q.score for q in dimension.questions if q.score is not None]
    return scores


KIT = Kit(REGISTRY)


@given(respondent_sets, st.randoms(use_true_random=False))
def test_scores_stay_in_range_and_ignore_order(people: list, rng: random.Random) -> None:
    respondents = build(KIT, people)
    first = KIT.score(respondents)
    assert all(0.0 <= s <= 100.0 for s in all_scores(first))
    shuffled = respondents[:]
    rng.shuffle(shuffled)
    second = KIT.score(shuffled)
    for a, b in zip(all_scores(first), all_scores(second), strict=True):
        assert abs(a - b) < 1e-9


@given(respondent_sets, st.sampled_from(LIKERT_IDS))
def test_dont_know_changes_coverage_only(people: list, question_id: str) -> None:
    respondents = build(KIT, people)
    before = KIT.score(respondents)
    target = respondents[0]
    question = LEADERSHIP.question(question_id)
    if question_id in target.answers["leadership"] or not question.asked_of(target.perspective):
        return
    target.answers["leadership"][question_id] = DONT_KNOW
    after = KIT.score(respondents)
    for a, b in zip(all_scores(before), all_scores(after), strict=True):
        assert abs(a - b) < 1e-9
    assert after.coverage.dont_know == before.coverage.dont_know + 1
    assert after.coverage.answered == before.coverage.answered
