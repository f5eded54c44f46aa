"""Bilingual texts. German is the sources' language, English the second; each falls back."""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("de", "en")


@dataclass(frozen=True, slots=True)
class Text:
    """A user-visible text in German and English; a missing language falls back to the other."""

    de: str | None = None
    en: str | None = None

    def get(self, lang: str) -> str:
        primary = self.de if lang == "de" else self.en
        if primary:
            return primary
        return (self.en if lang == "de" else self.de) or ""

    def missing(self) -> list[str]:
        return [lang for lang in LANGUAGES if not getattr(self, lang)]

    def to_data(self) -> dict[str, str]:
        return {lang: getattr(self, lang) for lang in LANGUAGES if getattr(self, lang)}

    @classmethod
    def both(cls, text: str) -> Text:
        return cls(de=text, en=text)

    def __str__(self) -> str:
        return self.get("en")
