"""Texts in the report languages. German is the sources' language, English the second; each
falls back to the other. A consultancy that adds a language (docs/languages.md) writes its
module texts under that language's key; such a text falls back to English, then German."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
