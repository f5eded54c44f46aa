"""Texts in the report languages. German is the sources' language, English the second; each
falls back to the other. A consultancy that adds a language (docs/languages.md) writes its
module texts under that language's key; such a text falls back to English, then German."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: The languages every text is written in; further languages are optional.
LANGUAGES = ("de", "en")
#: What a key of a text in another language looks like: "fr", "pt_BR".
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(_[A-Z]{2})?")


@dataclass(frozen=True, slots=True)
class Text:
    """A user-visible text in German and English; a missing language falls back to the other."""

    de: str | None = None
    en: str | None = None
    #: Texts in further languages, as (language, text) pairs.
    more: tuple[tuple[str, str], ...] = ()

    def get(self, lang: str) -> str:
        if lang == "de":
            return self.de or self.en or ""
        if lang != "en":
            for other, text in self.more:
                if other == lang and text:
                    return text
        return self.en or self.de or ""

    def languages(self) -> list[str]:
        """The languages this text is written in."""
        written = [lang for lang in LANGUAGES if getattr(self, lang)]
        return written + [lang for lang, text in self.more if text]

    def missing(self) -> list[str]:
        return [lang for lang in LANGUAGES if not getattr(self, lang)]

    def to_data(self) -> dict[str, str]:
        data = {lang: getattr(self, lang) for lang in LANGUAGES if getattr(self, lang)}
        data.update((lang, text) for lang, text in self.more if text)
        return data

    @classmethod
    def from_data(cls, data: dict[str, str]) -> Text:
        more = tuple((lang, text) for lang, text in data.items() if lang not in LANGUAGES)
        return cls(data.get("de"), data.get("en"), more)

    @classmethod
    def both(cls, text: str) -> Text:
        return cls(de=text, en=text)

    def __str__(self) -> str:
        return self.get("en")


class Phrase(Text):
    """A text of the code (not of a module): its English wording is a message of the
    ``ccassess`` catalog, translated into the language it is shown in (any language with a
    catalog, the pseudo language too). `fields` fill its {placeholders}, each a value or a
    function of the language (a number written the language's way, a module's label).
    ``scripts/update_catalogs.py`` extracts the wording of every ``Phrase("…")``.
    """

    __slots__ = ("fields", "message")

    message: str
    fields: dict[str, Any]

    def __init__(self, message: str, **fields: Any) -> None:
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "fields", fields)
        object.__setattr__(self, "more", ())

    def get(self, lang: str) -> str:
        # late import: catalogs load on first use, not when a question type is defined
        from ccassess.catalogs import gettext_for

        wording = gettext_for(lang, self.message)
        if not self.fields:
            return wording
        return wording.format(**{key: _filled(value, lang) for key, value in self.fields.items()})

    @property
    def de(self) -> str:
        return self.get("de")

    @property
    def en(self) -> str:
        return self.get("en")

    def __repr__(self) -> str:
        return f"Phrase({self.message!r})"

    def __eq__(self, other: object) -> bool:
        """Equal to a text of the same wording (a result read back from JSON holds Texts)."""
        if not isinstance(other, Text):
            return NotImplemented
        return (self.de, self.en, self.more) == (other.de, other.en, other.more)

    def __hash__(self) -> int:
        return hash((self.de, self.en, self.more))


class Label(Phrase):
    """A keyed text of the ``labels`` catalog (``Label("sheet_answer")``): a table that is
    written in the respondent's language and read back in any language (an answer sheet's
    headers) holds these, so that ``.get(lang)`` writes and ``.de``/``.en`` recognise."""

    __slots__ = ()

    def get(self, lang: str) -> str:
        # late import: catalogs load on first use, not when a table is defined
        from ccassess.catalogs import label

        wording = label(lang, self.message)
        if not self.fields:
            return wording
        return wording.format(**{key: _filled(value, lang) for key, value in self.fields.items()})

    def __repr__(self) -> str:
        return f"Label({self.message!r})"


def _filled(value: Any, lang: str) -> Any:
    return value(lang) if isinstance(value, Callable) else value  # type: ignore[arg-type]
