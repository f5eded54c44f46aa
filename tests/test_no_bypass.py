"""No message bypasses the catalogs: a sentence handed to an error, a problem or the terminal
is wrapped in `_()` (or a label), never a bare literal.

Reads the source of ccassess/ and the bundled plugins: a string literal (or f-string) with
words in it, passed to a ccassess error, a validation problem, `echo` or click's exceptions,
is a message no catalog sees. Data framed by punctuation (f"{file}: {problem}") is fine.
The pseudo-language tests show the same from the outside, for the paths they run.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Calls whose first argument a person reads.
SHOWN = {
    "CcassessError",
    "ValidationError",
    "PluginError",
    "RefusedReference",
    "WorkspaceDatabaseError",
    "AnswerProblem",
    "Refused",
    "UsageError",
    "BadParameter",
    "ClickException",
    "echo",
    "secho",
    "error",
    "warning",
    "note",
}
#: Two words in a row: a sentence, not a key path or an id.
WORDS = re.compile(r"[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}")
#: Literal parts that are not language: option names, file kinds, ids in backticks.
NOT_LANGUAGE = re.compile(r"--[\w-]+|\.\w+\b|`[^`]*`|\{[^}]*\}")


def _literal_text(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value
            for part in node.values
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
        )
    return None


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def bypasses(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _name(node.func) not in SHOWN:
            continue
        for argument in node.args[:3] + [k.value for k in node.keywords if k.arg == "message"]:
            text = _literal_text(argument)
            if text is not None and WORDS.search(NOT_LANGUAGE.sub(" ", text)):
                yield f"{path.relative_to(ROOT)}:{node.lineno}: {text[:60]!r}"


def test_no_message_bypasses_the_catalogs() -> None:
    found = [
        line
        for folder in ("ccassess", "plugins")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "scaffold/template" not in str(path) and "tests" not in path.parts
        for line in bypasses(path)
    ]
    assert not found, "\n".join(found)
