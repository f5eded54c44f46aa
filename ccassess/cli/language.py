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
(the metavar in `--jobs INTEGER`, the "integer" in "'x' is not a valid integer."), the
placeholders of a usage line, the help of the cached `--help` option and the `--version` line.
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
#: The English names of click's parameter types, which click shows as metavars
#: (`--jobs INTEGER`) and in its errors ("'x' is not a valid integer.").
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


class _TypeName:
    """A click type's name, translated whenever click reads it (a class attribute in click,
    shared by every option and prompt of that type)."""

    def __init__(self, english: str) -> None:
        self.english = english

    def __get__(self, obj: object, owner: type | None = None) -> str:
        return _(self.english)


class _PathName:
    """click.Path's name follows what it accepts. click sets it once, translated in the
    language of that moment (often at import); so it is ignored, and looked up when read."""

    def __get__(self, obj: click.Path | None, owner: type | None = None) -> str:
        if obj is None:
            return _("path")
        if obj.file_okay and not obj.dir_okay:
            return _("file")
        if obj.dir_okay and not obj.file_okay:
            return _("directory")
        return _("path")

    def __set__(self, obj: click.Path, value: str) -> None:
        pass


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
    for kind, english in _TYPE_NAMES.items():
        kind.name = _TypeName(english)  # type: ignore[assignment]
    click.types.Path.name = _PathName()  # type: ignore[assignment]
    click.Argument.make_metavar = _argument_metavar  # type: ignore[method-assign]
    _taught = True


_english_metavar = click.Argument.make_metavar


def _argument_metavar(self: click.Argument, *args: Any, **kwargs: Any) -> str:
    """An argument's placeholder in usage lines ("FILES...") is its name in capitals, which
    click never translates; ccassess's arguments are named in the catalog (ARGUMENT_NAMES)."""
    shown: str = _english_metavar(self, *args, **kwargs)
    if self.metavar is None and self.name:
        english = self.name.upper()
        shown = shown.replace(english, _(english), 1)
    return shown


#: The names of the CLI's arguments, as usage lines show them (for extraction).
ARGUMENT_NAMES = (
    N_("FILES"),
    N_("FIRST"),
    N_("FOLDER"),
    N_("NAME"),
    N_("PATHS"),
    N_("RESPONDENT"),
    N_("RESPONSES"),
    N_("SECOND"),
    N_("WORKSPACES"),
)


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
    help_option = getattr(command, "_help_option", None)
    if help_option is not None:
        help_option.help = _(_HELP_OPTION)
    for sub in getattr(command, "commands", {}).values():  # a group's loaded subcommands
        translate_help(sub)
    return command


class LazyMessage(str):
    """A message click takes when a command is defined and fills in with `%` when it is
    shown (`click.version_option(message=…)`): translated when it is filled in."""

    def __mod__(self, values: Any) -> str:
        return _(str(self)) % values


class LanguageChoice(click.Choice):
    """A report or questionnaire language: any language with a catalog, also one in
    CCASSESS_LOCALE_PATH (read when the option is used, not at import). The pseudo language
    of the tests is accepted but not listed."""

    def __init__(self) -> None:
        super().__init__(list(languages()))

    @property  # type: ignore[override]
    def choices(self) -> list[str]:
        return list(languages())

    @choices.setter
    def choices(self, value: Any) -> None:  # click's __init__ sets them: ignored
        pass

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value == PSEUDO:
            return value
        return super().convert(value, param, ctx)


#: The type of every `--lang` option.
LANGUAGE = LanguageChoice()
