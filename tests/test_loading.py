"""Module definitions: valid ones build, invalid ones report every problem with its place."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from ccassess.cli.app import cli
from ccassess.definitions.loading import load_module_file
from ccassess.errors import ValidationError
from ccassess.plugin.registry import Registry

GOOD = """
id: sample
version: 1.0.0
title: {de: Beispiel, en: Sample}
scales:
  agree4:
    points: 4
    labels: {de: [a, b, c, d], en: [a, b, c, d]}
dimensions:
  - id: first
    title: {de: Erste, en: First}
    weight: 2
    levels: {1: {de: eins, en: one}, 5: {de: fünf, en: five}}
    recommendations: {1: [{de: Tu was, en: Do something}]}
    questions:
      - id: q1
        type: likert
        scale: agree4
        text: {de: Frage, en: Question}
        source: Kundenzentrierung beginnt mit Verstehen
      - id: q2
        type: yes_partly_no
        perspective: both
        reverse: true
        text:
          internal: {de: Intern, en: Internal}
          customer: {de: Kunde, en: Customer}
        source: NPS (Reichheld 2003)
findings:
  - id: low_first
    when: {dimension: first, below: 40}
    severity: warning
    text: {de: Niedrig, en: Low}
"""


def errors_of(path: Path, registry: Registry) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        load_module_file(path, registry.question_types)
    return [str(p) for p in caught.value.problems if p.severity == "error"]


def test_a_valid_module_builds(write: Callable, registry: Registry) -> None:
    loaded = load_module_file(write("m.yaml", GOOD), registry.question_types)
    module = loaded.module
    assert loaded.warnings == []
    assert [d.id for d in module.dimensions] == ["first"]
    q1, q2 = module.dimensions[0].questions
    assert q1.scale is not None and q1.scale.points == 4
    assert q2.mirrored and q2.reverse and q2.wording("customer", "en") == "Customer"
    assert module.dimensions[0].weight == 2
    assert module.dimensions[0].recommendations[1][0].get("de") == "Tu was"
    assert module.findings[0].target == "dimension"
    assert module.definition["id"] == "sample"


def test_every_problem_is_listed_with_its_line(write: Callable, registry: Registry) -> None:
    broken = (
        GOOD.replace("weight: 2", "weight: 0")
        .replace("points: 4", "points: 1")
        .replace("type: yes_partly_no", "type: yes_no_maybe")
        .replace("id: q2", "id: q1")
    )
    problems = errors_of(write("m.yaml", broken), registry)
    text = "\n".join(problems)
    assert "m.yaml:6: scales.agree4.points: a scale needs 2 to 11 points, got 1" in text
    assert "m.yaml:11: dimensions[first].weight: must be greater than 0, got 0" in text
    assert "unknown question type 'yes_no_maybe'" in text
    assert "duplicate question id 'q1' (twice in this dimension)" in text
    assert len(problems) >= 4


def test_question_in_two_dimensions(write: Callable, registry: Registry) -> None:
    text = GOOD.replace(
        "findings:",
        """  - id: second
    title: {de: Zweite, en: Second}
    questions:
      - id: q1
        type: likert
        text: {de: Nochmal, en: Again}
        source: x
findings:""",
    )
    assert any(
        "duplicate question id 'q1' (also in 'first')" in p
        for p in errors_of(write("m.yaml", text), registry)
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("weight: 2", "weight: -1", "must be greater than 0, got -1"),
        ("weight: 2", "weight: heavy", "expected a number, got text ('heavy')"),
        ("version: 1.0.0", "version: one", "'one' is not a semantic version"),
        ("id: sample", "id: Sample Module", "is not a valid id"),
        ("reverse: true", "reverse: yes", "write true or false, not yes"),
        (
            "title: {de: Erste, en: First}",
            "title: {de: Erste, en: no}",
            "no is a boolean in YAML 1.1; quote it",
        ),
        ("source: NPS (Reichheld 2003)", "sauce: NPS", "unknown key; allowed:"),
        (
            "when: {dimension: first, below: 40}",
            "when: {dimension: nope, below: 40}",
            "unknown dimension 'nope'",
        ),
    ],
)
def test_single_problems(
    write: Callable, registry: Registry, old: str, new: str, message: str
) -> None:
    assert old in GOOD
    problems = errors_of(write("m.yaml", GOOD.replace(old, new)), registry)
    assert any(message in p for p in problems), problems


def test_level_thresholds_out_of_order(write: Callable, registry: Registry) -> None:
    levels = "levels:\n" + "".join(
        f"  - {{level: {i}, min: {m}, name: {{de: L{i}, en: L{i}}}}}\n"
        for i, m in zip(range(1, 6), (0, 30, 20, 60, 80), strict=True)
    )
    problems = errors_of(
        write("m.yaml", GOOD.replace("dimensions:", levels + "dimensions:")), registry
    )
    assert any("levels[2].min: thresholds must rise strictly" in p for p in problems)


def test_missing_translation_is_a_warning_not_an_error(write: Callable, registry: Registry) -> None:
    loaded = load_module_file(
        write("m.yaml", GOOD.replace("title: {de: Erste, en: First}", "title: {de: Erste}")),
        registry.question_types,
    )
    assert [str(w) for w in loaded.warnings] == [
        f"{loaded.module.origin}:10: dimensions[first].title.en: warning: missing translation"
    ]
    assert loaded.module.dimensions[0].title.get("en") == "Erste"  # falls back


def test_huge_text_is_refused(write: Callable, registry: Registry) -> None:
    text = GOOD.replace("{de: Frage, en: Question}", "{de: Frage, en: " + "x" * 30_000 + "}")
    assert any("limit 20,000" in p for p in errors_of(write("m.yaml", text), registry))


def test_builtin_modules_have_no_warnings(registry: Registry) -> None:
    for module_id, entry in registry.entries.items():
        assert entry.warnings == [], module_id
        for _, question in entry.module.questions():
            assert question.source, f"{module_id}.{question.id} has no source reference"


@pytest.mark.parametrize("options", ["[]", "[{id: only, label: {de: Nur, en: Only}}]"])
def test_a_choice_without_two_options_is_refused(
    write: Callable, registry: Registry, options: str
) -> None:
    text = GOOD.replace(
        "        type: yes_partly_no\n",
        f"        type: single_choice\n        options: {options}\n",
    )
    assert "single_choice" in text
    problems = errors_of(write("m.yaml", text), registry)
    assert any("options: a choice needs at least 2 options" in p for p in problems), problems


def test_validate_refuses_an_empty_option_list(write: Callable) -> None:
    """`validate` (plain and --strict) names the file, the line and the key: exit 2."""
    text = GOOD.replace(
        "        type: yes_partly_no\n", "        type: single_choice\n        options: []\n"
    )
    path = write("m.yaml", text)
    for strict in ([], ["--strict"]):
        result = CliRunner().invoke(cli, ["validate", "--module", str(path), *strict])
        assert result.exit_code == 2, result.output
        assert "m.yaml:" in result.output and "a choice needs at least 2 options" in result.output
        assert "Traceback" not in result.output


FILTERED = GOOD.replace(
    "        source: NPS (Reichheld 2003)\n",
    """        source: NPS (Reichheld 2003)
      - id: q3
        type: likert
        scale: agree4
        ask_if: {question: q2, equals: "yes"}
        text: {de: Nur nach ja, en: Only after yes}
        source: x
      - id: q4
        type: likert
        scale: agree4
        importance: true
        text: {de: Wie wichtig?, en: How important?}
        source: x
""",
)


def test_a_filter_and_an_importance_rating_build(write: Callable, registry: Registry) -> None:
    module = load_module_file(write("m.yaml", FILTERED), registry.question_types).module
    q3, q4 = module.question("q3"), module.question("q4")
    assert q3 is not None and q3.ask_if is not None and q3.ask_if.values == ("yes",)
    assert q3.skipped({"q2": "no"}) and not q3.skipped({"q2": "yes"})
    assert not q3.skipped({}) and not q3.skipped({"q2": "dont_know"})  # asked: no answer
    assert q4 is not None and q4.importance


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'ask_if: {question: q2, equals: "yes"}',
            'ask_if: {question: q4, equals: "yes"}',
            "'q4' is not a question earlier in this module (a filter comes first)",
        ),
        (
            'ask_if: {question: q2, equals: "yes"}',
            "ask_if: {question: q2, equals: maybe}",
            "'maybe' is not an answer to 'q2'",
        ),
        (
            'ask_if: {question: q2, equals: "yes"}',
            'ask_if: {question: q2, equals: "yes", in: ["no"]}',
            "give exactly one of 'equals' (one answer) or 'in' (a list)",
        ),
        (
            'ask_if: {question: q2, equals: "yes"}',
            "ask_if: {question: q2, in: []}",
            "must be a non-empty list of answers",
        ),
        (
            "        type: likert\n        scale: agree4\n        importance: true",
            "        type: text\n        importance: true",
            "an importance rating needs a scale",
        ),
    ],
)
def test_filter_and_importance_problems(
    write: Callable, registry: Registry, old: str, new: str, message: str
) -> None:
    assert old in FILTERED
    problems = errors_of(write("m.yaml", FILTERED.replace(old, new)), registry)
    assert any(message in p for p in problems), problems


def test_a_module_may_add_a_language(write: Callable, registry: Registry) -> None:
    """A consultancy that adds French writes its texts under "fr" (docs/languages.md);
    a text without French falls back to English; a key that is no language is an error."""
    french = GOOD.replace(
        "text: {de: Frage, en: Question}", "text: {de: Frage, en: Question, fr: Question FR}"
    ).replace("title: {de: Erste, en: First}", "title: {de: Erste, en: First, fr: Première}")
    module = load_module_file(write("fr.yaml", french), registry.question_types).module
    q1 = module.dimensions[0].questions[0]
    assert q1.text.get("fr") == "Question FR" and q1.text.get("de") == "Frage"
    assert module.dimensions[0].title.get("fr") == "Première"
    assert module.title.get("fr") == "Sample"  # not translated: English
    assert "fr" in q1.text.languages()
    typo = GOOD.replace("text: {de: Frage, en: Question}", "text: {de: Frage, EN: Question}")
    assert any(
        "EN" in error and "unknown key" in error
        for error in errors_of(write("t.yaml", typo), registry)
    )
