"""Numbers and dates formatted for the report's language (de: 72,5 and 24.11.2026).

These are for people: a negative number carries a real minus sign (−4, U+2212), a German
percentage a no-break space ("49 %"), an English one none ("49%"). The marks come from the
language's locale through Babel (CLDR data), never from the machine's locale, so adding a
language needs no code here; the date pattern is part of the language's catalog. Machine
output (CSV, JSON, the result file) writes numbers as numbers and never goes through here.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ccassess.catalogs import PSEUDO, cli_language, gettext_for

MINUS = "\u2212"
#: The space between a number and "%": German sets one that does not break, English none.
PERCENT_SPACE = {"de": "\u00a0", "en": ""}
_SPACED_PERCENT = re.compile(r"(?<=\d)[ \u00a0\u202f]?%")


def number(value: float | None, lang: str, digits: int = 0, empty: str = "–") -> str:
    if value is None:
        return empty
    from babel.numbers import format_decimal

    # half away from zero, as people (and Excel, PowerPoint) round: 62.5 → 63, not 62
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)
    if not exact:
        exact = abs(exact)  # -0.4 shown as "-0" is zero, not a negative number
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    text = format_decimal(abs(exact), format=pattern, locale=locale(lang))
    return MINUS + text if exact < 0 else text


def counted(value: float, grouped: bool = True) -> str:
    """A number in a message to the person at the terminal, in the CLI's language: a limit,
    a size, a count (de: 20.971.520 and 2,5; en: 20,971,520 and 2.5). Unlike the report's
    numbers it keeps the minus sign that can be typed: the user may write it back in a file.
    `grouped=False` writes what a user typed (a bound: 10000) without thousands marks."""
    from babel.numbers import format_decimal

    pattern = ("#,##0" if grouped else "0") + ".######"
    return format_decimal(value, format=pattern, locale=locale(cli_language()))


def percent(value: float | None, lang: str, digits: int = 0, empty: str = "–") -> str:
    """A 0..1 share as a percentage (de: '72 %', en: '72%')."""
    if value is None:
        return empty
    return f"{number(value * 100, lang, digits)}{PERCENT_SPACE.get(lang, '')}%"


def with_unit(text: str, unit: str, lang: str) -> str:
    """A formatted number with its unit: "49 %" (de) or "49%" (en), "29.700 EUR"; the space
    does not break."""
    if not unit:
        return text
    if unit == "%":
        return f"{text}{PERCENT_SPACE.get(lang, '')}%"
    return f"{text}\u00a0{unit}"


def percent_spacing(text: str, lang: str) -> str:
    """Sets the space before "%" after a number as the language wants it ("49 %" with a
    no-break space in German, "49%" in English); "95-%-Intervall" is left alone."""
    space = PERCENT_SPACE.get(lang)
    if space is None:
        return text
    return _SPACED_PERCENT.sub(space + "%", text)


def plain(value: float) -> str:
    """A number in plain notation for machines (an XLSForm's constraint): 10000000 and 0.5,
    never 1e+07 or 5e-01."""
    if float(value).is_integer():
        return str(int(value))
    return format(Decimal(repr(float(value))), "f")


def amount(value: float, lang: str) -> str:
    """A bound or a typed number for respondents: as many decimals as it has, the language's
    decimal mark, digits grouped by no-break spaces from five digits on (10 000 000, which
    reads the same in German and English and is typed back as it is), never an exponent."""
    text = plain(abs(value))
    whole, _, fraction = text.partition(".")
    if len(whole) > 4:
        whole = f"{int(whole):,}".replace(",", "\u00a0")
    from babel.numbers import get_decimal_symbol

    mark = get_decimal_symbol(locale(lang))
    return (MINUS if value < 0 else "") + whole + (mark + fraction if fraction else "")


def day(value: str | date | None, lang: str) -> str:
    """A date as the language writes it (de: 24.11.2026, en: 24 November 2026): the pattern is
    the language's catalog entry "d MMMM y" (a CLDR pattern), the month names are Babel's."""
    if value is None:
        return ""
    from babel.dates import format_date

    if isinstance(value, str):
        value = date.fromisoformat(value)
    # TRANSLATORS: a CLDR date pattern (d = day, MM = month number, MMMM = month name, y = year)
    pattern = gettext_for(locale(lang), "d MMMM y")
    return format_date(value, pattern, locale=locale(lang))


def locale(lang: str) -> str:
    """The Babel locale of a report language ("de", "en"; the pseudo language is English)."""
    return "en" if lang == PSEUDO else lang
