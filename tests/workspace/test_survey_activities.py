"""The terminal's activity list: a bad line is asked again, the lines before it are kept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ws_kit import stored_answers

from ccassess.plugin.registry import Registry
from ccassess.survey.session import survey_items


def _script(registry: Registry, activity_lines: list[str]) -> str:
    lines: list[str] = []
    for item in survey_items([registry.modules["customer_or_reporting"]], "internal"):
        lines += activity_lines if item.question.type == "activity_list" else [""]
    return "\n".join(lines) + "\n"


def test_one_bad_activity_line_keeps_the_lines_before_it(
    workspace: Path, run: Callable, registry: Registry
) -> None:
    typed = [
        "Wochenbericht; 10; 3",
        "Kundenbesuche; 150; 1",  # a share over 100 %: asked again
        "Kundenbesuche; 40; 1",
        "Angebote; 60; 1",  # 110 % together: asked again
        "Angebote; 30; 1",
        "",
    ]
    result = run(
        "survey", "-w", workspace, "--id", "T-1", "--perspective", "internal",
        "--department", "Vertrieb", "--module", "customer_or_reporting", "--lang", "en",
        input=_script(registry, typed),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "activity 2: the share is a number above 0 and up to 100" in result.stdout
    assert "add up to 110" in result.stdout
    assert stored_answers(workspace, "T-1")["customer_or_reporting"]["activities"] == [
        {"activity": "Wochenbericht", "share": 10, "category": "reporting"},
        {"activity": "Kundenbesuche", "share": 40, "category": "customer"},
        {"activity": "Angebote", "share": 30, "category": "customer"},
    ]
