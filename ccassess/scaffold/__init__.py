"""`ccassess plugin new`: a ready plugin package written from the templates beside this file.

The templates live in `template/` (shipped in the wheel as package data). Every file ends in
`.tmpl` so that neither pytest nor ruff mistakes them for ccassess's own code; placeholders
are written `{{key}}` and replaced by plain text substitution, in file names as well.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ccassess import PLUGIN_API_VERSION, __version__
from ccassess.catalogs import _
from ccassess.errors import CcassessError

NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$")
MAX_NAME = 40
TEMPLATE_SUFFIX = ".tmpl"
#: Template files whose rendered name differs (dot files are easily lost as package data).
RENAMED = {"dot-gitignore": ".gitignore"}


@dataclass(frozen=True)
class PluginNames:
    """Every name a new plugin needs, derived from the one the author gave."""

    name: str  # as given, e.g. "acme-retail"
    ident: str  # "acme_retail": entry-point name and module id
    package: str  # "ccassess_acme_retail": the import package
    distribution: str  # "ccassess-acme-retail": the PyPI name and the folder
    title: str  # "Acme Retail"


def plugin_names(name: str) -> PluginNames:
    """Check a plugin name and derive the others; a bad name raises CcassessError (exit 2)."""
    shown = name if len(name) <= MAX_NAME + 10 else name[: MAX_NAME + 10] + "…"
    if re.match(r"^ccassess[-_]", name):
        raise CcassessError(
            _(
                "plugin name {name}: give it without the 'ccassess-' prefix (e.g. {example}); "
                "the package is named ccassess-<name>"
            ).format(name=repr(shown), example=repr(name[9:]))
        )
    if not NAME_PATTERN.match(name) or len(name) > MAX_NAME:
        raise CcassessError(
            _(
                "plugin name {name} is not valid: use lower-case letters and digits, starting "
                "with a letter, parts joined by '-' or '_', at most {n} characters "
                "(e.g. acme or acme-retail)"
            ).format(name=repr(shown), n=MAX_NAME)
        )
    ident = name.replace("-", "_")
    return PluginNames(
        name=name,
        ident=ident,
        package=f"ccassess_{ident}",
        distribution=f"ccassess-{name.replace('_', '-')}",
        title=" ".join(part.capitalize() for part in re.split(r"[-_]", name)),
    )


def template_root() -> Path:
    return Path(str(resources.files("ccassess.scaffold") / "template"))


def template_files() -> list[Path]:
    """The template files, relative to the template folder."""
    root = template_root()
    return sorted(p.relative_to(root) for p in root.rglob("*" + TEMPLATE_SUFFIX) if p.is_file())


def render(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    leftover = re.search(r"\{\{\w+\}\}", text)
    if leftover:  # a template names a value we do not have: a bug in ccassess
        raise RuntimeError(f"scaffold template placeholder {leftover.group()} has no value")
    return text


def template_values(names: PluginNames) -> dict[str, str]:
    return {
        "name": names.name,
        "ident": names.ident,
        "package": names.package,
        "distribution": names.distribution,
        "title": names.title,
        "ccassess_version": __version__,
        "api_version": PLUGIN_API_VERSION,
    }


def create_plugin(
    name: str, parent: str | Path = ".", taken_module_ids: Collection[str] = ()
) -> Path:
    """Write a new plugin package `ccassess-<name>/` into `parent` and return its path.

    Refuses a bad name, a module id that an installed plugin already uses, and an existing
    folder. The package is written to a temporary folder beside the target and moved into
    place when complete, so a failure leaves nothing half-written.
    """
    names = plugin_names(name)
    if names.ident in taken_module_ids:
        raise CcassessError(
            _(
                "plugin name {name}: a module {module} is already installed; its id would "
                "clash (choose another name)"
            ).format(name=repr(name), module=repr(names.ident))
        )
    parent = Path(parent)
    if not parent.is_dir():
        raise CcassessError(
            _("{folder}: folder not found (--dir must be an existing folder)").format(folder=parent)
        )
    target = parent / names.distribution
    if target.exists() or target.is_symlink():
        raise CcassessError(
            _("{folder}: already exists; choose another name or --dir").format(folder=target)
        )
    values = template_values(names)
    root = template_root()
    staging = Path(tempfile.mkdtemp(prefix=f".{names.distribution}-", dir=parent))
    try:
        for relative in template_files():
            parts = [render(part, values) for part in relative.parts]
            parts[-1] = parts[-1].removesuffix(TEMPLATE_SUFFIX)
            parts[-1] = RENAMED.get(parts[-1], parts[-1])
            destination = staging.joinpath(*parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            text = render((root / relative).read_text("utf-8"), values)
            destination.write_text(text, "utf-8")
        os.chmod(staging, 0o755)  # mkdtemp creates it private (0700)
        if target.exists():  # created by someone else meanwhile
            raise CcassessError(
                _("{folder}: already exists; choose another name or --dir").format(folder=target)
            )
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target
