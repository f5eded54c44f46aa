"""Message catalogs: every text a user reads comes from a gettext catalog, in their language.

Two domains, both under ``ccassess/locale/<language>/LC_MESSAGES/``:

- ``ccassess``: messages written in code (CLI output and errors, validation messages, survey
  prompts). The English text is the message id, so English needs no catalog; ``_()`` marks
  and translates them into the language of the person at the terminal (`cli_language`).
- ``labels``: short ids for the texts that templates and tables share (the report, the deck,
  the answer sheets, the web questionnaire). Every language, English too, has a catalog;
  ``label(lang, key)`` looks one up and an unknown key is an error.

The ``.po`` files are the source; ``scripts/update_catalogs.py`` extracts the messages, updates
the ``.po`` files and compiles the ``.mo`` files read here (a test fails when they are stale).
A plugin registers its own catalogs (`register_catalogs`, docs/languages.md). The pseudo
language ``qps`` wraps every message in ``[[…]]``: a test renders with it to prove that no
text bypasses the catalogs. Adding a language is a catalog and a locale, not code.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
MESSAGES = "ccassess"
LABELS = "labels"
#: The source language of the ``ccassess`` domain and the fallback of every lookup.
SOURCE_LANGUAGE = "en"
#: The pseudo language of the tests: every message wrapped, so a text without brackets
#: came from somewhere else than a catalog.
PSEUDO = "qps"

_cli_language: ContextVar[str | None] = ContextVar("ccassess_cli_language", default=None)
#: Plugins' catalog folders, per domain (their own domain names), in registration order.
_plugin_dirs: dict[str, list[Path]] = {}


#: Further catalog folders (os.pathsep-separated), searched before ccassess's own: a
#: consultancy keeps the catalogs of its own language there, outside the installed package.
LOCALE_PATH = "CCASSESS_LOCALE_PATH"


def locale_dirs() -> list[Path]:
    """Where catalogs are looked for: CCASSESS_LOCALE_PATH's folders, then ccassess's own."""
    extra = os.environ.get(LOCALE_PATH, "")
    return [Path(part) for part in extra.split(os.pathsep) if part] + [LOCALE_DIR]


def languages() -> tuple[str, ...]:
    """The languages that have catalogs: a folder with LC_MESSAGES under a locale folder."""
    found = {
        path.name
        for folder in locale_dirs()
        if folder.is_dir()
        for path in folder.iterdir()
        if (path / "LC_MESSAGES").is_dir()
    }
    return tuple(sorted(found | {SOURCE_LANGUAGE}))


def language_from_environment(environ: dict[str, str] | None = None) -> str:
    """The CLI's language: CCASSESS_LANG, else LANGUAGE, LC_ALL, LC_MESSAGES, LANG (as gettext
    reads them): the first one set decides; a language without a catalog means English."""
    env = os.environ if environ is None else environ
    for name in ("CCASSESS_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        tags = [normalise_language(part) for part in value.split(":") if part]
        for tag in tags:
            if tag in languages() or tag == PSEUDO:
                return tag
        if [tag for tag in tags if tag not in ("c", "posix")]:
            return SOURCE_LANGUAGE  # the first one set decides, as in gettext
    return SOURCE_LANGUAGE


def normalise_language(value: str) -> str:
    """ "de_DE.UTF-8" → "de", "en-GB" → "en", "qps" → "qps"."""
    return value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()


def cli_language() -> str:
    """The language of the person at the terminal (set by the CLI for one command)."""
    chosen = _cli_language.get()
    return chosen if chosen is not None else language_from_environment()


@contextmanager
def using_language(lang: str) -> Iterator[None]:
    """Run a block with `lang` as the CLI's language (`_()` translates into it)."""
    token = _cli_language.set(lang)
    try:
        yield
    finally:
        _cli_language.reset(token)


class _Pseudo(gettext.NullTranslations):
    """Wraps each message in [[…]], so the tests see which texts came from a catalog."""

    def __init__(self, base: gettext.NullTranslations) -> None:
        super().__init__()
        self._base = base

    def gettext(self, message: str) -> str:
        return f"[[{self._base.gettext(message)}]]"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return f"[[{self._base.ngettext(msgid1, msgid2, n)}]]"

    def pgettext(self, context: str, message: str) -> str:
        return f"[[{self._base.pgettext(context, message)}]]"


def translations(lang: str, domain: str = MESSAGES) -> gettext.NullTranslations:
    """The catalog of `domain` in `lang`, falling back to English, then to the message id."""
    return _translations(lang, domain, os.environ.get(LOCALE_PATH, ""))


@cache
def _translations(lang: str, domain: str, locale_path: str) -> gettext.NullTranslations:
    if lang == PSEUDO:
        return _Pseudo(translations(SOURCE_LANGUAGE, domain))
    chain: list[str] = [lang] if lang == SOURCE_LANGUAGE else [lang, SOURCE_LANGUAGE]
    found: gettext.NullTranslations | None = None
    folders = [*_plugin_dirs.get(domain, []), *locale_dirs()]
    for tag in chain:
        for folder in folders:
            loaded = _load(folder, tag, domain)
            if loaded is None:
                continue
            if found is None:
                found = loaded
            else:
                found.add_fallback(loaded)
    return found if found is not None else gettext.NullTranslations()


def _load(folder: Path, lang: str, domain: str) -> gettext.NullTranslations | None:
    base = folder / lang / "LC_MESSAGES" / domain
    mo = base.with_suffix(".mo")
    if mo.is_file():
        with mo.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    po = base.with_suffix(".po")
    if po.is_file():  # a plugin may ship only its .po; Babel reads it
        return _from_po(po, lang)
    return None


def _from_po(path: Path, lang: str) -> gettext.NullTranslations:
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang if lang != PSEUDO else None)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def register_catalogs(folder: Path, domain: str) -> None:
    """Make a plugin's catalogs (``folder/<lang>/LC_MESSAGES/<domain>.po`` or ``.mo``)
    available under `domain`; registering the ``labels`` domain lets a plugin's section
    labels sit beside the core's."""
    folders = _plugin_dirs.setdefault(domain, [])
    if folder not in folders:
        folders.append(folder)
        _translations.cache_clear()


class PluginMessages:
    """A plugin's own message catalog: its ``_``, ``ngettext`` and ``N_``, translating into
    the CLI's language (the person at the terminal) as the core's messages do.

    The plugin's messages are English text used as message ids, like the core's; its catalog
    is ``folder/<lang>/LC_MESSAGES/<domain>.po`` (and ``.mo``). A message its catalog lacks
    stays English; the pseudo language wraps the plugin's messages like the core's.
    """

    def __init__(self, domain: str, folder: Path) -> None:
        self.domain = domain
        self.folder = folder
        register_catalogs(folder, domain)

    def gettext(self, message: str) -> str:
        """`message` in the CLI's language."""
        return translations(cli_language(), self.domain).gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The singular or plural form for `n`, in the CLI's language."""
        return translations(cli_language(), self.domain).ngettext(singular, plural, n)

    def gettext_for(self, lang: str, message: str) -> str:
        """`message` in a given language (a respondent's, a report's)."""
        return translations(lang, self.domain).gettext(message)

    @staticmethod
    def N_(message: str) -> str:
        """Mark a message for extraction where it is defined; translate it where shown."""
        return message


def plugin_messages(domain: str, folder: str | Path) -> PluginMessages:
    """The message catalog of a plugin (docs/plugins: "Translating a plugin's messages").

    `domain` is the plugin's own catalog name (its package name, so that it is unique);
    `folder` its ``locale`` folder. Typically, in a plugin's small ``i18n`` module::

        messages = ccassess.plugin_messages("ccassess_acme", Path(__file__).parent / "locale")
        _, ngettext, N_ = messages.gettext, messages.ngettext, messages.N_
    """
    if domain in (MESSAGES, LABELS):
        raise ValueError(f"{domain!r} is ccassess's own catalog; name the plugin's catalog")
    return PluginMessages(domain, Path(folder))


def _(message: str) -> str:
    """Translate a code message into the CLI's language."""
    return translations(cli_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(cli_language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a message for extraction where it is defined; translate it where it is shown."""
    return message


def gettext_for(lang: str, message: str) -> str:
    """A code message in a given language (a respondent's, a report's)."""
    return translations(lang).gettext(message)


def ngettext_for(lang: str, singular: str, plural: str, n: int) -> str:
    """A code message with a count in a given language (a respondent's, a report's)."""
    return translations(lang).ngettext(singular, plural, n)


def _holds(found: gettext.NullTranslations | None, key: str) -> bool:
    """Whether a catalog (or one it falls back to) has `key`: a label may equal its key
    ("other" → "other"), so comparing the translation with the key cannot tell."""
    while found is not None:
        if key in getattr(found, "_catalog", {}):
            return True
        found = getattr(found, "_fallback", None)
    return False


def has_label(lang: str, key: str, domain: str = LABELS) -> bool:
    return _holds(translations(SOURCE_LANGUAGE, domain), key) or (
        lang != PSEUDO and _holds(translations(lang, domain), key)
    )


def label(lang: str, key: str, domain: str = LABELS) -> str:
    """The label `key` in `lang`; an unknown key is an error (a typo must not reach a
    report)."""
    if not _holds(translations(SOURCE_LANGUAGE, domain), key):
        raise KeyError(f"unknown label {key!r} (not in the {domain!r} catalog)")
    return translations(lang, domain).gettext(key)


def register_section_labels(folder: Path) -> list[str]:
    """Register every domain of a plugin's ``locale/`` folder (its report sections' labels,
    ``ReportSection.labels_domain``); the domains found. The plugin manager calls this for a
    plugin with a ``locale/`` folder beside its module (docs/languages.md)."""
    domains = sorted(
        {
            path.stem
            for path in folder.glob("*/LC_MESSAGES/*")
            if path.suffix in (".po", ".mo") and path.is_file()
        }
    )
    for domain in domains:
        register_catalogs(folder, domain)
    return domains
