"""The CLI speaks the user's language: click's own messages and every help text.

click marks its messages ("Usage:", "Missing argument …") with the standard library's gettext,
which finds catalogs only through environment variables and a global text domain. ccassess
chooses its language itself (CCASSESS_LANG, then the locale variables) and has a pseudo
language for the tests, so click's modules get ccassess's `_` and `ngettext` instead: the same
catalog (click's messages are extracted into it) and the same choice of language.

Help texts are written in English where the commands are defined (marked for extraction by
scripts/update_catalogs.py, which walks the CLI) and translated when a command is about to be
used, so one process can show them in any language (the tests switch between languages).
The same goes for what click keeps in English on its objects: the names of parameter types
(the metavar in `--jobs INTEGER`, the "integer" in "'x' is not a valid integer.") and the
help of the cached `--help` option.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from ccassess.catalogs import N_, PSEUDO, _, languages, ngettext

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
#: click's text for `--help`; click makes that option once per command, in the language of
#: the moment, so each run puts it into the current language again.
_HELP_OPTION = N_("Show this message and exit.")
#: click translates "[required]" with its `_` but does not mark the word for extraction.
_CLICK_UNMARKED = (N_("required"),)
#: click's placeholders in a usage line ("Usage: ccassess [OPTIONS] COMMAND [ARGS]..."),
#: which click does not translate; they are translated like help texts.
_USAGE_PLACEHOLDERS = (
    N_("[OPTIONS]"),
    N_("COMMAND [ARGS]..."),
    N_("[COMMAND] [ARGS]..."),
    N_("COMMAND1 [ARGS]... [COMMAND2 [ARGS]...]..."),
    N_("[COMMAND1] [ARGS]... [COMMAND2 [ARGS]...]..."),
)
#: The English names of click's parameter types (click.Path's depend on what it accepts).
_TYPE_NAMES: dict[type[click.ParamType], str] = {
    click.types.StringParamType: N_("text"),
    click.types.UnprocessedParamType: N_("text"),
    click.types.IntParamType: N_("integer"),
    click.types.IntRange: N_("integer range"),
    click.types.FloatParamType: N_("float"),
    click.types.FloatRange: N_("float range"),
    click.types.BoolParamType: N_("boolean"),
    click.types.DateTime: N_("datetime"),
    click.types.File: N_("filename"),
}


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
            "options_metavar": command.options_metavar,
            "subcommand_metavar": getattr(command, "subcommand_metavar", None),
            "params": [(param, getattr(param, "help", None)) for param in command.params],
        }
        command._ccassess_help = originals  # type: ignore[attr-defined]
    for field in ("help", "short_help", "epilog", "options_metavar", "subcommand_metavar"):
        text = originals[field]
        if text:
            setattr(command, field, _(text))
    for param, text in originals["params"]:
        if text:
            param.help = _(text)
        name = _type_name(param.type)
        if name is not None:
            param.type.name = _(name)
    help_option = getattr(command, "_help_option", None)
    if help_option is not None:
        help_option.help = _(_HELP_OPTION)
    for sub in getattr(command, "commands", {}).values():  # a group's loaded subcommands
        translate_help(sub)
    return command


def _type_name(kind: click.ParamType) -> str | None:
    """The English name of one of click's parameter types (None: a type of our own)."""
    if isinstance(kind, click.Path):
        if kind.file_okay and not kind.dir_okay:
            return N_("file")
        if kind.dir_okay and not kind.file_okay:
            return N_("directory")
        return N_("path")
    return _TYPE_NAMES.get(type(kind))


class LazyMessage(str):
    """A message click takes when a command is defined and fills in with `%` when it is
    shown (`click.version_option(message=…)`): translated when it is filled in."""

    def __mod__(self, values: Any) -> str:
        return _(str(self)) % values


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
