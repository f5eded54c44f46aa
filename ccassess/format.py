"""Numbers and dates formatted for the report's language (de: 72,5 and 24.11.2026)."""

from __future__ import annotations

from datetime import date


def number(value: float | None, lang: str, digits: int = 0, empty: str = "–") -> str:
    if value is None:
        return empty
    text = f"{value:,.{digits}f}"
    if lang == "de":
        text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return text


def percent(value: float | None, lang: str, digits: int = 0, empty: str = "–") -> str:
    """A 0..1 share as a percentage (de: '72 %', en: '72%')."""
    if value is None:
        return empty
    text = number(value * 100, lang, digits)
    return f"{text}\u00a0%" if lang == "de" else f"{text}%"


def day(value: str | date | None, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return value.strftime("%d.%m.%Y") if lang == "de" else value.strftime("%-d %B %Y")
