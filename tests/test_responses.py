"""Response files: validated against the modules, every problem with file and key path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ccassess.errors import ValidationError
from ccassess.importers.response_files import load_responses
from ccassess.model import DONT_KNOW
from ccassess.model.settings import AssessmentSettings
from ccassess.plugin.registry import Registry

SETTINGS = AssessmentSettings(departments=("Vertrieb", "Marketing"))


def load(registry: Registry, *paths: Path, settings: AssessmentSettings = SETTINGS) -> list:
    return load_responses(list(paths), registry.modules, registry.question_types, settings)


def problems(registry: Registry, *paths: Path) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        load(registry, *paths)
    return [str(p) for p in caught.value.problems]


def test_loads_yaml_and_json(write: Callable, registry: Registry) -> None:
    yaml_file = write(
        "r/a.yaml",
        """
        respondents:
          - id: R1
            perspective: internal
            department: Vertrieb
            name: Erika Beispiel
            answers:
              leadership: {lead_visible: 4, lead_customer_contact: dont_know}
    """,
    )
    json_file = write(
        "r/b.json",
        '{"respondent": {"id": "K1", "perspective": "customer", '
        '"answers": {"customer_perception": {"simp_buy": 2}}}}',
    )
    first, second = load(registry, yaml_file.parent)
    assert first.id == "R1" and first.department == "Vertrieb" and first.name == "Erika Beispiel"
    assert first.answers["leadership"] == {"lead_visible": 4, "lead_customer_contact": DONT_KNOW}
    assert second.perspective == "customer" and second.origin == str(json_file)


def test_every_problem_named_with_file_line_and_path(write: Callable, registry: Registry) -> None:
    path = write(
        "bad.yaml",
        """
        respondents:
          - id: R1
            perspective: staff
            answers:
              leadership:
                lead_visible: 7
                lead_nonsense: 3
              no_such_module: {x: 1}
          - id: R2
            perspective: internal
            department: Lager
            answers:
              leadership: {lead_visible: "viel"}
              customer_perception: {simp_buy: 2.5}
    """,
    )
    found = problems(registry, path)
    text = "\n".join(found)
    assert f"{path}:3: respondents[R1].perspective: 'staff' is not a perspective" in text
    assert (
        f"{path}:6: respondents[R1].answers.leadership.lead_visible: 7 is not on the scale; "
        "allowed: 1–5" in text
    )
    assert f"{path}:7: respondents[R1].answers.leadership.lead_nonsense: unknown question" in text
    assert f"{path}:8: respondents[R1].answers.no_such_module: unknown module" in text
    assert f"{path}:11: respondents[R2].department: unknown department 'Lager'" in text
    assert "lead_visible: 'viel' is not on the scale" in text
    assert "simp_buy: 2.5 is not on the scale" in text


def test_duplicate_respondent_across_files(write: Callable, registry: Registry) -> None:
    a = write("a.yaml", "respondent: {id: R1, perspective: internal}\n")
    b = write("b.yaml", "respondent: {id: R1, perspective: customer}\n")
    assert any(
        f"{b}:1: respondent.id: respondent 'R1' appears twice (also in {a}:1)" in p
        for p in problems(registry, a, b)
    )


def test_perspective_mismatch_and_missing_id(write: Callable, registry: Registry) -> None:
    path = write(
        "c.yaml",
        """
        respondents:
          - perspective: customer
            answers: {leadership: {lead_visible: 3}}
    """,
    )
    text = "\n".join(problems(registry, path))
    assert "respondents[0].id: missing" in text
    assert "this question is for internal respondents, not customer" in text


def test_empty_and_not_yaml(write: Callable, registry: Registry, tmp_path: Path) -> None:
    empty = write("empty.yaml", "")
    assert problems(registry, empty) == [f"{empty}: the file is empty; expected respondents"]
    pdf = tmp_path / "renamed.yaml"
    pdf.write_bytes(b"%PDF-1.4\x00\x01binary")
    assert problems(registry, pdf) == [f"{pdf}: not a text file (it contains binary data)"]


def test_folder_with_one_broken_file(tmp_path: Path, registry: Registry) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(300):
        (folder / f"r{i:04d}.yaml").write_text(
            f"respondent: {{id: R{i}, perspective: internal, "
            f"answers: {{leadership: {{lead_visible: {1 + i % 5}}}}}}}\n"
        )
    (folder / "r0150.yaml").write_text(
        "respondent: {id: R150, perspective: internal, answers: {leadership: {lead_visible: 9}}}\n"
    )
    found = problems(registry, folder)
    assert len(found) == 1 and "r0150.yaml:1" in found[0] and "9 is not on the scale" in found[0]
