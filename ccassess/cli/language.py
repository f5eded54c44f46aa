"""The CLI speaks the user's language: click's own messages and every help text.

click marks its messages ("Usage:", "Missing argument …") with the standard library's gettext,
which finds catalogs only through environment variables and a global text domain. ccassess
chooses its language itself (CCASSESS_LANG, then the locale variables) and has a pseudo
language for the tests, so click's modules get ccassess's `_` and `ngettext` instead: the same
catalog (click's messages are extracted into it) and the same choice of language.

Help texts are written in English where the commands are defined (marked for extraction by
scripts/update_catalogs.py, which walks the CLI) and translated when a command is about to be
used, so one process can show them in any language (the tests switch between languages).
"""

from __future__ import annotations

import sys
from typing import Any

import click

from ccassess.catalogs import PSEUDO, _, languages, ngettext

_CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.shell_completion",
    "click.termui",
    "click.types",
    "click.utils",
    "click._termui_impl",
)
_taught = False


def teach_click() -> None:
    """Give click's modules ccassess's translation functions (once)."""
    global _taught
    if _taught:
        return
    for name in _CLICK_MODULES:
        module = sys.modules.get(name)
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = _  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
    _taught = True


def translate_help(command: click.Command) -> click.Command:
    """Put the command's help texts into the CLI's language; the English originals are kept
    on the command, so the next translation starts from them."""
    originals: dict[str, Any] | None = getattr(command, "_ccassess_help", None)
    if originals is None:
        originals = {
            "help": command.help,
            "short_help": command.short_help,
            "epilog": command.epilog,
            "params": [(param, getattr(param, "help", None)) for param in command.params],
        }
        command._ccassess_help = originals  # type: ignore[attr-defined]
    for field in ("help", "short_help", "epilog"):
        text = originals[field]
        setattr(command, field, _(text) if text else text)
    for param, text in originals["params"]:
        if text:
            param.help = _(text)
    return command


class LanguageChoice(click.Choice):
    """A report or questionnaire language: any language with a catalog (adding a language
    adds it here). The pseudo language of the tests is accepted but not listed."""

    def __init__(self) -> None:
        super().__init__(list(languages()))

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value == PSEUDO:
            return value
        return super().convert(value, param, ctx)


#: The type of every `--lang` option.
LANGUAGE = LanguageChoice()
