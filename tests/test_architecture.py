"""The package's structure, as docs/architecture.md draws it: layers, no import cycles.

Imports are read from the source (every `import`, including those inside functions; only
`if TYPE_CHECKING:` blocks are left out, because they never run), so a cycle cannot hide
behind a function-level import.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "ccassess"

#: Bottom to top. A module may import from its own layer's package and from lower layers.
#: The leaf modules at the top of the package (errors, text, …) form the lowest layer.
LAYERS: list[tuple[str, ...]] = [
    (
        "ccassess",
        "ccassess.errors",
        "ccassess.blame",
        "ccassess.text",
        "ccassess.markers",
        "ccassess.format",
        "ccassess.terminal",
        "ccassess.hookspecs",
        "ccassess.lazy",
        "ccassess.catalogs",
    ),
    ("ccassess.model",),
    ("ccassess.io",),
    ("ccassess.questions",),
    ("ccassess.definitions",),
    ("ccassess.scoring",),
    ("ccassess.forms",),
    ("ccassess.importers",),
    ("ccassess.plugin",),
    ("ccassess.workspace",),
    ("ccassess.survey",),
    ("ccassess.report",),
    ("ccassess.actions",),
    ("ccassess.web",),
    # ccassess.readers re-exports io's safe readers for plugins, on first use like the root:
    # it sits on top, so nothing in ccassess depends on what plugins are offered.
    ("ccassess.cli", "ccassess.testing", "ccassess.scaffold", "ccassess.readers"),
]


def module_names() -> dict[str, Path]:
    names = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _skipped(tree: ast.Module) -> set[int]:
    """Nodes inside `if TYPE_CHECKING:` blocks."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            inside.update(id(child) for child in ast.walk(node))
    return inside


def imported(name: str, path: Path, modules: dict[str, Path]) -> Iterator[tuple[str, int]]:
    """(ccassess module, line) for every import of `name` that runs."""

    def owner(dotted: str) -> str | None:
        while dotted and dotted not in modules:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    tree = ast.parse(path.read_text("utf-8"))
    skipped = _skipped(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            if target == "ccassess" or target.startswith("ccassess."):
                found = owner(target)
                if found and found != name:
                    yield found, node.lineno


def import_graph() -> dict[str, dict[str, int]]:
    modules = module_names()
    return {name: dict(imported(name, path, modules)) for name, path in modules.items()}


def layer_of(name: str) -> int:
    found = [
        index
        for index, layer in enumerate(LAYERS)
        for prefix in layer
        if name == prefix or (prefix != "ccassess" and name.startswith(prefix + "."))
    ]
    assert found, f"{name} belongs to no layer; add its package to LAYERS and the architecture page"
    return max(found)


def package_of(name: str) -> str:
    return ".".join(name.split(".")[:2])


def test_every_module_belongs_to_a_layer() -> None:
    for name in module_names():
        layer_of(name)


def test_layers_import_only_downwards() -> None:
    upward = []
    for name, targets in import_graph().items():
        for target, line in targets.items():
            mine, theirs = layer_of(name), layer_of(target)
            sideways = mine == theirs and mine not in (0, len(LAYERS) - 1)
            if theirs > mine or (sideways and package_of(name) != package_of(target)):
                upward.append(f"{name} (line {line}) imports {target}")
    assert upward == []


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, {}):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b": 1}, "b": {"a": 1}}, [["a", "b"]]),
        ({"a": {"b": 1}, "b": {"c": 1}, "c": {}}, []),
        ({"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}, "d": {"a": 1}}, [["a", "b", "c"]]),
    ],
)
def test_the_cycle_finder_finds_cycles(graph: dict, expected: list) -> None:
    assert cycles(graph) == expected


def test_function_level_imports_count(tmp_path: Path) -> None:
    """The graph includes imports inside functions and leaves out TYPE_CHECKING blocks."""
    package = tmp_path / "ccassess"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from ccassess import b\n")
    (package / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ccassess import a\n"
    )
    modules = {
        "ccassess": package / "__init__.py",
        "ccassess.a": package / "a.py",
        "ccassess.b": package / "b.py",
    }
    assert dict(imported("ccassess.a", package / "a.py", modules)) == {"ccassess.b": 2}
    assert dict(imported("ccassess.b", package / "b.py", modules)) == {}


PLUGINS = PACKAGE.parent / "plugins"
#: What plugins may import: the public API (docs/plugins/api.md).
PUBLIC_MODULES = {"ccassess", "ccassess.testing", "ccassess.readers"}
MAX_LINES = 600


def test_built_in_plugins_use_only_the_public_api() -> None:
    """The built-in plugins are written like a third party's: `from ccassess import …`."""
    private = []
    for path in sorted(PLUGINS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                if name.split(".")[0] == "ccassess" and name not in PUBLIC_MODULES:
                    where = path.relative_to(PLUGINS.parent)
                    private.append(f"{where}:{node.lineno} imports {name}")
    assert private == []


def test_source_files_stay_small() -> None:
    """Past a few hundred lines a file has more than one job: split it along a real seam."""
    large = [
        f"{path.relative_to(PACKAGE.parent)}: {lines} lines"
        for folder in (PACKAGE, PLUGINS)
        for path in sorted(folder.rglob("*.py"))
        if (lines := len(path.read_text("utf-8").splitlines())) > MAX_LINES
    ]
    assert large == []


def test_late_imports_say_why() -> None:
    """An import inside a function hides a dependency; it stays only where it keeps start-up
    fast (or a format's heavy library away), and a `# late import: …` comment says so."""
    silent = []
    for name, path in module_names().items():
        lines = path.read_text("utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        skipped = _skipped(tree)
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if id(node) in skipped or not isinstance(node, ast.Import | ast.ImportFrom):
                    continue
                module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                if not (module or "").startswith("ccassess"):
                    continue
                above = node.lineno - 2
                while above >= 0 and lines[above].lstrip().startswith(("from ", "import ")):
                    above -= 1  # the comment stands above a block of imports
                comment = []
                while above >= 0 and lines[above].lstrip().startswith("#"):
                    comment.append(lines[above])
                    above -= 1  # a comment of several lines
                if not any("# late import:" in line for line in comment):
                    silent.append(f"{name}:{node.lineno} imports {module}")
    assert silent == []
