"""MkDocs hooks: reference pages generated from the code, so no hand-copied duplicate drifts.

Registered in mkdocs.yml (`hooks:`). At build time this adds:

- reference/hooks.md: every hook in ccassess/hookspecs.py, from its signature and docstring;
- reference/cli.md: every command, walked from the click tree (lazy commands included);
- reference/api.md: the public API, the __all__ of ccassess, ccassess.testing and
  ccassess.readers;
- modules/<id>.md: one page per built-in module, its README plus facts read from the module;
- the package layout table in architecture.md, from each module's docstring.

The functions are plain (markdown in, markdown out) so tests/test_docs.py can call them.
"""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

LAYOUT_MARKER = "<!-- generated: package-layout -->"
LEVELS_MARKER = "<!-- generated: default-levels -->"
TYPES_MARKER = "<!-- generated: question-types -->"
MODULES_NAV_TITLE = "Built-in modules"
#: The distribution whose plugins are the built-in modules.
BUILT_IN_DIST = "ccassess"


# -- hook reference --------------------------------------------------------------------------


def rst_to_md(text: str) -> str:
    """The docstrings use ``literal`` (reST); Markdown wants `literal`."""
    return re.sub(r"``(.+?)``", r"`\1`", text)


def hookspecs() -> list[tuple[str, Any]]:
    from ccassess import hookspecs as specs

    return [(name, value) for name, value in vars(specs).items()
            if name.startswith("ccassess_") and hasattr(value, "ccassess_spec")]


def signature_of(function: Any) -> tuple[str, list[str]]:
    """`name(arg: type, …) -> type` from the raw (string) annotations, and the arg names."""
    annotations = dict(getattr(function, "__annotations__", {}))
    params = list(inspect.signature(function).parameters)
    args = ", ".join(f"{p}: {annotations[p]}" if p in annotations else p for p in params)
    returns = f" -> {annotations['return']}" if "return" in annotations else ""
    return f"{function.__name__}({args}){returns}", params


def hook_reference() -> str:
    import ccassess

    users = built_in_hook_users()
    lines = [
        "# Hook reference",
        "",
        "<!-- Generated from the docstrings in ccassess/hookspecs.py by docs/gen/mkdocs_hooks.py;"
        " edit those, not this page. -->",
        "",
        f"Plugin API version **{ccassess.PLUGIN_API_VERSION}**. Hook names and their argument "
        "names are public API: an implementation may accept any subset of the arguments, in "
        "any order, and ccassess passes them by name. See "
        "[Public API and versioning](../plugins/api.md).",
        "",
        "Every hook is called through ccassess's plugin manager: an exception, or a result of "
        "the wrong kind, names the plugin and the hook, and the plugin is switched off "
        "completely (see [When a plugin fails](../plugins/api.md#when-a-plugin-fails)). "
        "Implementations run in the order the plugins were loaded; `tryfirst`, `trylast` and "
        "wrappers work as pluggy documents them (see "
        "[In which order hooks are called](../plugins/index.md#in-which-order-hooks-are-called)).",
        "",
        "| hook | in short |",
        "| --- | --- |",
    ]
    specs = hookspecs()
    for name, function in specs:
        summary = rst_to_md(inspect.getdoc(function) or "").split("\n\n")[0].replace("\n", " ")
        lines.append(f"| [`{name}`](#{name}) | {summary} |")
    for name, function in specs:
        signature, params = signature_of(function)
        doc = rst_to_md(inspect.getdoc(function) or "(undocumented)")
        options = {k: v for k, v in function.ccassess_spec.items() if v}
        lines += ["", f"## {name}", "", "```python", signature, "```", "", doc, ""]
        if options:
            lines += ["pluggy options: " + ", ".join(f"`{k}`" for k in sorted(options)), ""]
        example = ["from ccassess import hookimpl", "", "", "@hookimpl",
                   f"def {name}({', '.join(params)}):", "    ..."]
        lines += ["A minimal implementation:", "", "```python", *example, "```", ""]
        if users.get(name):
            shown = ", ".join(f"[`{m}`](../modules/{m}.md)" if m in users["_modules"] else f"`{m}`"
                              for m in users[name])
            lines += [f"Implemented by the built-in plugins: {shown}.", ""]
    return "\n".join(lines).rstrip() + "\n"


def built_in_hook_users() -> dict[str, Any]:
    """hook name → built-in plugins implementing it (and "_modules": ids with a page)."""
    registry = built_in_registry()
    users: dict[str, Any] = {"_modules": set(built_in_modules(registry))}
    for info in registry.plugins.info.values():
        if not info.origin.startswith(f"entry point ({BUILT_IN_DIST})"):
            continue
        for hook in info.hooks:
            users.setdefault(hook, []).append(info.name)
    return users


# -- CLI reference ---------------------------------------------------------------------------


def walk_commands(
    command: click.Command, name: str, parent: click.Context | None = None
) -> Iterator[tuple[click.Context, click.Command]]:
    """Every command below `command`, depth first, lazy ones included (list/get_command)."""
    ctx = click.Context(command, info_name=name, parent=parent, **command.context_settings)
    yield ctx, command
    if isinstance(command, click.Group):
        for sub_name in command.list_commands(ctx):
            sub = command.get_command(ctx, sub_name)
            if sub is not None and not sub.hidden:
                yield from walk_commands(sub, sub_name, ctx)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _help_text(command: click.Command) -> str:
    text = inspect.cleandoc(command.help or "")
    lines = [line for line in text.splitlines() if line.strip() != "\b"]
    return "\n".join(lines).split("\f")[0].strip()


def cli_reference() -> str:
    """The reference in English, whatever language the process's last command spoke (the
    CLI translates its help texts in place, per run)."""
    from ccassess.catalogs import using_language

    with using_language("en"):
        return _cli_reference()


def _cli_reference() -> str:
    from ccassess.cli import cli
    from ccassess.cli.language import translate_help

    translate_help(cli)
    lines = [
        "# Command-line reference",
        "",
        "<!-- Generated from the click commands by docs/gen/mkdocs_hooks.py; edit their help "
        "texts, not this page. -->",
        "",
        "Every command prints problems users can cause in one line each (`error: FILE:LINE: "
        "key.path: message`) and exits with status 2 (a broken plugin too); an unexpected "
        "error exits 1 with a hint to re-run with `--debug`. A command that went on without a "
        "broken plugin (`--skip-broken-plugins`) exits with status 3. `-h` and `--help` work "
        "everywhere.",
        "",
    ]
    contents = []
    sections = []
    for ctx, command in walk_commands(cli, "ccassess"):
        path = ctx.command_path
        anchor = path.replace(" ", "-")
        depth = path.count(" ")
        contents.append(f"{'    ' * max(0, depth - 1)}- [`{path}`](#{anchor})" if depth else "")
        usage = " ".join([path, *command.collect_usage_pieces(ctx)])
        heading = "#" * min(2 + max(0, depth - 1), 4)
        sections += ["", f'{heading} {path} {{#{anchor}}}' if depth else "## ccassess {#ccassess}",
                     "", "```text", usage, "```", "", _help_text(command), ""]
        rows = []
        for param in command.get_params(ctx):
            if isinstance(param, click.Argument):
                rows.append((f"`{param.human_readable_name}`", "argument" + (
                    " (repeatable)" if param.nargs == -1 else "")))
                continue
            record = param.get_help_record(ctx)
            if record:
                rows.append((f"`{record[0]}`", record[1]))
        if rows:
            sections += ["| option | meaning |", "| --- | --- |"]
            sections += [f"| {_cell(flag)} | {_cell(text)} |" for flag, text in rows]
        if isinstance(command, click.Group):
            subs = [(n, command.get_command(ctx, n)) for n in command.list_commands(ctx)]
            links = [f"[`{n}`](#{anchor}-{n})" for n, c in subs if c is not None and not c.hidden]
            sections += ["", "Commands: " + ", ".join(links)]
    return "\n".join([*lines, *[c for c in contents if c], *sections]).rstrip() + "\n"


# -- public API ------------------------------------------------------------------------------


def _first_paragraph(obj: Any) -> str:
    import dataclasses

    doc = inspect.getdoc(obj) or ""
    if inspect.isclass(obj) and doc.startswith(f"{obj.__name__}("):  # dataclass without a doc
        if dataclasses.is_dataclass(obj):
            fields = ", ".join(f"`{f.name}`" for f in dataclasses.fields(obj))
            return f"a data class with the fields {fields}"
        return ""
    return rst_to_md(doc.split("\n\n")[0].replace("\n", " "))


#: The public modules, in the order the API reference lists them.
PUBLIC_MODULES = ("ccassess", "ccassess.testing", "ccassess.readers")


def _doc_comment(module: Any, name: str) -> str:
    """The `#:` comment above `name = …` in the module that defines it (a public module's
    `_PUBLIC` names it, where the name is re-exported)."""
    import importlib

    home = importlib.import_module(getattr(module, "_PUBLIC", {}).get(name, module.__name__))
    lines = Path(home.__file__ or "").read_text("utf-8").splitlines()
    for number, line in enumerate(lines):
        if re.match(rf"{re.escape(name)}\s*(:[^=]*)?=", line):
            comment = []
            while number > 0 and lines[number - 1].startswith("#:"):
                number -= 1
                comment.insert(0, lines[number][2:].strip())
            return " ".join(comment)
    return ""


def api_reference() -> str:
    import importlib

    import ccassess

    lines = [
        "# Public API",
        "",
        "<!-- Generated from the __all__ of "
        + ", ".join(PUBLIC_MODULES)
        + " by docs/gen/mkdocs_hooks.py. -->",
        "",
        f"These names are the public API for plugin authors, stable within plugin API "
        f"{ccassess.PLUGIN_API_VERSION.split('.')[0]}.x (see "
        "[Public API and versioning](../plugins/api.md)). Import them from the package "
        "shown; everything else is internal and may change in any release. Hook names and "
        "their arguments are public as well: see the [hook reference](hooks.md).",
        "",
    ]
    for package in PUBLIC_MODULES:
        module = importlib.import_module(package)
        lines += [f"## {package}", ""]
        intro = _first_paragraph(module) if package != "ccassess" else ""
        if intro:
            lines += [intro, ""]
        lines += ["| name | what it is |", "| --- | --- |"]
        for name in sorted(module.__all__, key=str.lower):
            value = getattr(module, name)
            if isinstance(value, str):
                what = f"the string `{value!r}`"
                if name == "PLUGIN_API_VERSION":
                    what = f"`{value!r}`: the plugin API version (major.minor)"
                elif name == "DONT_KNOW":
                    what = f"`{value!r}`: the answer value for “don't know / not applicable”"
                elif name == "__version__":
                    what = "the installed ccassess version"
            elif isinstance(value, int) and not isinstance(value, bool):
                comment = _doc_comment(module, name)
                what = f"`{value:,}`" + (f": {comment}" if comment else "")
            else:
                kind = "class" if inspect.isclass(value) else "function" if callable(value) else ""
                what = (f"{kind}: " if kind else "") + _first_paragraph(value)
                if name == "hookimpl":
                    what = "the decorator marking a function as a hook implementation"
                if inspect.isclass(value) and value.__module__ != package:
                    what += f" (defined in `{value.__module__}`)"
            lines.append(f"| `{name}` | {_cell(what)} |")
        lines.append("")
    lines += chart_reference()
    return "\n".join(lines).rstrip() + "\n"


#: The chart helpers a report template calls as `chart.<name>(…)`.
CHART_HELPERS = (
    "radar",
    "dimension_bars",
    "gap_bars",
    "heatmap",
    "share_bar",
    "stacked_rows",
    "level_scale",
)


def chart_reference() -> list[str]:
    """The chart helpers of report templates (`chart.…`), from their signatures and
    docstrings: public for section templates (docs/plugins/api.md)."""
    from ccassess.report.charts import Charts

    lines = [
        "## Chart helpers for templates",
        "",
        "A section's template (a plugin's included) calls these as `chart.<name>(…)`; each "
        "returns an inline SVG drawn in the theme's colours and font. Scores are on the "
        "0–100 scale; `None` is no value. `label` is the chart's title: its text alternative "
        "(the accessible name in HTML, the Figure's /Alt in a tagged PDF) begins with it and "
        "goes on with the key values, written from the data in the report's language; "
        "`alt` gives one of your own instead.",
        "",
    ]
    for name in CHART_HELPERS:
        function = getattr(Charts, name)
        signature = inspect.signature(function)
        parameters = list(signature.parameters.values())[1:]  # without the chart itself
        shown = ", ".join(
            p.name if p.default is inspect.Parameter.empty else f"{p.name}={p.default!r}"
            for p in parameters
        )
        lines += [f"### `chart.{name}({shown})`", ""]
        lines += ["| argument | type |", "| --- | --- |"]
        for parameter in parameters:
            hint = parameter.annotation
            kind = hint if isinstance(hint, str) else getattr(hint, "__name__", "")
            lines.append(f"| `{parameter.name}` | `{kind}` |")
        lines += ["", rst_to_md(inspect.getdoc(function) or ""), ""]
    return lines


# -- built-in modules ------------------------------------------------------------------------

_REGISTRY: Any = None


def built_in_registry() -> Any:
    global _REGISTRY
    if _REGISTRY is None:
        from ccassess.actions.load_plugins import load_registry

        _REGISTRY = load_registry(skip_broken=True)
    return _REGISTRY


def built_in_modules(registry: Any = None) -> dict[str, Any]:
    """Module id → (module, plugin info) for modules of the built-in plugins, in load order."""
    registry = registry or built_in_registry()
    found = {}
    for module_id, entry in registry.entries.items():
        info = registry.plugins.info.get(entry.plugin)
        if info is not None and info.origin == f"entry point ({BUILT_IN_DIST})":
            found[module_id] = (entry.module, info)
    return found


def _plain_links(markdown: str) -> str:
    """README links point into the repository, which is not part of the site: keep the text."""

    def keep(match: re.Match) -> str:
        text, target = match.group(1), match.group(2)
        return match.group(0) if re.match(r"^(https?:|mailto:|#)", target) else text

    return re.sub(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)", keep, markdown)


def module_page(module: Any, info: Any) -> str:
    import importlib

    package = importlib.import_module(_package_of(info))
    readme = Path(package.__file__).with_name("README.md") if package.__file__ else None
    title = f"{module.title.get('en')} (`{module.id}`)"
    lines: list[str] = []
    if readme is not None and readme.is_file():
        text = _plain_links(readme.read_text("utf-8")).strip()
        if not text.startswith("# "):
            lines += [f"# {title}", ""]
        lines += [text, ""]
    else:
        lines += [f"# {title}", "", f"*{module.title.get('de')}*", ""]
        if module.description:
            lines += [module.description.get("en"), ""]
    lines += ["## At a glance", "", "<!-- Generated from the module as loaded "
              "(docs/gen/mkdocs_hooks.py). -->", ""]
    questions = [q for _, q in module.questions()]
    mirrored = sum(1 for q in questions if q.perspective == "both")
    customer = sum(1 for q in questions if q.perspective == "customer")
    types = sorted({q.type for q in questions})
    lines += [
        f"- module id `{module.id}`, version {module.version}, plugin `{info.name}`"
        f" {info.version or ''}".rstrip(),
        f"- German title: *{module.title.get('de')}*",
        f"- {len(module.dimensions)} dimensions, {len(questions)} questions "
        f"({mirrored} mirrored for customers, {customer} for customers only); "
        f"question types: {', '.join(f'`{t}`' for t in types)}",
        f"- {len(module.findings)} finding rules in the definition; hooks implemented in Python: "
        + (", ".join(f"[`{h}`](../reference/hooks.md#{h})" for h in info.hooks) or "none"),
        "",
        "| dimension | weight | questions | what it measures |",
        "| --- | --- | --- | --- |",
    ]
    for dimension in module.dimensions:
        about = dimension.description.get("en") if dimension.description else ""
        title = _cell(dimension.title.get("en"))
        lines.append(f"| {title} (`{dimension.id}`) | {dimension.weight:g} | "
                     f"{len(dimension.questions)} | {_cell(about)} |")
    sources: dict[str, int] = {}
    for question in questions:
        sources[question.source] = sources.get(question.source, 0) + 1
    lines += ["", "Sources of the items (see [Sources](../concepts/index.md#sources)):", ""]
    lines += [f"- {_cell(source)}: {count} item{'s' if count > 1 else ''}"
              for source, count in sorted(sources.items())]
    return "\n".join(lines).rstrip() + "\n"


def _package_of(info: Any) -> str:
    from importlib.metadata import entry_points

    for ep in entry_points(group="ccassess", name=info.name):
        return ep.value.split(":")[0]
    return info.name


def modules_index() -> str:
    modules = built_in_modules()
    lines = [
        "# Built-in modules",
        "",
        "<!-- Generated from the installed built-in plugins (docs/gen/mkdocs_hooks.py). -->",
        "",
        "ccassess ships these assessment modules. Each is a plugin like any third-party one "
        "(a package registered in the `ccassess` entry-point group), mostly YAML with a little "
        "Python where a module needs its own question type, analysis or findings. All of them "
        "score with the [standard method](../concepts/scoring.md); where a plugin replaces a "
        "score or adds analysis, its page says how.",
        "",
        "| module | measures | dimensions | questions |",
        "| --- | --- | --- | --- |",
    ]
    for module_id, (module, _info) in modules.items():
        about = module.description.get("en") if module.description else ""
        about = about.split(". ")[0].rstrip(".") + "." if about else ""
        count = sum(1 for _ in module.questions())
        lines.append(f"| [{_cell(module.title.get('en'))}]({module_id}.md) | {_cell(about)} | "
                     f"{len(module.dimensions)} | {count} |")
    lines += ["", "List them on your machine, with any third-party modules you installed: "
              "`ccassess modules`."]
    return "\n".join(lines).rstrip() + "\n"


# -- package layout --------------------------------------------------------------------------


def package_layout() -> str:
    """A table of ccassess's modules and the built-in plugins, from their docstrings."""
    import ccassess

    root = Path(ccassess.__file__).parent
    rows = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root.parent)
        if "template" in relative.parts or "__pycache__" in relative.parts:
            continue
        doc = ast.get_docstring(ast.parse(path.read_text("utf-8"))) or ""
        first = " ".join(doc.split("\n\n")[0].split())
        rows.append((str(relative), first))
    lines = ["| file | what it is (its docstring) |", "| --- | --- |"]
    lines += [f"| `{name}` | {_cell(rst_to_md(first))} |" for name, first in rows]
    return "\n".join(lines)


# -- mkdocs events ---------------------------------------------------------------------------


def generated_pages() -> dict[str, str]:
    pages = {
        "reference/hooks.md": hook_reference(),
        "reference/cli.md": cli_reference(),
        "reference/api.md": api_reference(),
        "modules/index.md": modules_index(),
    }
    for module_id, (module, info) in built_in_modules().items():
        pages[f"modules/{module_id}.md"] = module_page(module, info)
    return pages


def on_config(config: Any) -> Any:
    """Put one nav entry per built-in module under "Built-in modules"."""
    entries = [{"Overview": "modules/index.md"}] + [
        {module.title.get("en"): f"modules/{module_id}.md"}
        for module_id, (module, _) in built_in_modules().items()
    ]
    for index, item in enumerate(config.nav or []):
        if isinstance(item, dict) and MODULES_NAV_TITLE in item:
            config.nav[index] = {MODULES_NAV_TITLE: entries}
    return config


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    for uri, content in generated_pages().items():
        existing = files.get_file_from_path(uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, uri, content=content))
    return files


def default_levels() -> str:
    from ccassess.model.levels import DEFAULT_LEVELS

    lines = ["| level | from score | name | what it looks like |", "| --- | --- | --- | --- |"]
    for level in DEFAULT_LEVELS:
        about = _cell(level.description.get("en"))
        lines.append(f"| {level.level} | {level.minimum:g} | {level.name.get('en')} "
                     f"(*{level.name.get('de')}*) | {about} |")
    return "\n".join(lines)


def question_types() -> str:
    """Every question type the core and the built-in plugins contribute, and its owner."""
    registry = built_in_registry()
    owners: dict[str, str] = {}
    for contribution in registry.plugins.hooks.question_types():
        for qtype in contribution.items:
            owners[qtype.name] = contribution.plugin
    lines = ["| type | from | scored | answers |", "| --- | --- | --- | --- |"]
    for name, qtype in registry.question_types.items():
        owner = owners.get(name, "?")
        if owner == "core":
            origin = "ccassess (core)"
        elif owner in built_in_modules():
            origin = f"[{owner}](../modules/{owner}.md)"
        else:
            origin = f"`{owner}`"
        doc = inspect.getdoc(type(qtype)) or ""
        about = TYPE_ANSWERS.get(name) or " ".join(doc.split("\n\n")[0].split())
        scored = "yes" if qtype.scored else "no"
        lines.append(f"| `{name}` | {origin} | {scored} | {_cell(rst_to_md(about))} |")
    return "\n".join(lines)


#: How answers of the core types look (the core classes have short or no docstrings).
TYPE_ANSWERS = {
    "likert": "a point on the question's scale (default: 5-point agreement)",
    "yes_partly_no": "yes, partly or no",
    "single_choice": "one option; each option may carry a score",
    "multiple_choice": "several options; scored by the options' scores",
    "number": "a number; scored only when the question gives a score range",
    "text": "free text, never scored",
    "matrix": "one scale point per row (rows may be the assessment's departments)",
}


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    replacements = {
        LAYOUT_MARKER: package_layout,
        LEVELS_MARKER: default_levels,
        TYPES_MARKER: question_types,
    }
    for marker, make in replacements.items():
        if marker in markdown:
            markdown = markdown.replace(marker, make())
    return markdown
