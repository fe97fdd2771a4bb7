"""Numbers, dates and plural forms the way each language writes them (Babel's CLDR data).

Dutch writes a decimal comma ("3,5"), English a point; "1 persoon" but "2 personen". Babel knows every
locale's rules, so nothing here is a hand-written table that breaks on the next language.
"""

from __future__ import annotations

from datetime import date

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from canvas.models import Language


def decimal(value: float | None, language: Language, *, digits: int = 1) -> str:
    """A number with at most ``digits`` decimals, in the language's notation; "" for no number."""
    if value is None:
        return ""
    return format_decimal(round(value, digits), format="#,##0." + "#" * digits, locale=language.value)


NO_CHANGE = "±0"  # a change of nothing, said as one: an empty cell or "0" reads as "not known" or "forgotten"


def signed_decimal(value: float | None, language: Language, *, digits: int = 1) -> str:
    """A change, always with its sign: "+0,5", "-1,2" (Dutch), "±0" for none (also when it rounds to nothing);
    "" for no number."""
    if value is None:
        return ""
    rounded = round(value, digits)
    if rounded == 0:
        return NO_CHANGE
    pattern = "#,##0." + "#" * digits
    return format_decimal(rounded, format=f"+{pattern};-{pattern}", locale=language.value)


def decimal_symbol(language: Language) -> str:
    """The language's decimal mark: "," for Dutch, "." for English (what its spreadsheets read as one)."""
    return get_decimal_symbol(language.value)


def chart_separators(language: Language) -> str:
    """The decimal and thousands symbols, for plotly's ``layout.separators`` (hover texts, axis numbers)."""
    return get_decimal_symbol(language.value) + get_group_symbol(language.value)


def plural_form(count: int, language: Language) -> str:
    """The CLDR plural category of ``count`` in ``language``: "one", "other", ..."""
    return Locale(language.value).plural_form(count)


def long_date(day: date, language: Language) -> str:
    """A date written out: "28 november 2026", "28 November 2026"."""
    # British English for EN: "28 November 2026", the order the Dutch date has too.
    return format_date(day, format="long", locale="en_GB" if language is Language.EN else language.value)
