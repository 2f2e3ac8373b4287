"""Numbers as members read them: "1,5 km", "2", "3,25" in French; "1.5 km" in English.

No trailing ".0", no point where the language writes a comma. Pure functions over babel (no
ORM): models and templates call them through ``res.partner._coop_number()`` and
``res.partner._coop_km()`` (models/res_partner_display_numbers.py).
"""

import math

from babel.numbers import format_decimal

from .display_dates import locale_of

NBSP = "\u00a0"


def format_number(value, lang, digits=2):
    """``value`` with at most ``digits`` decimals, none when they are zeros: 2.0 -> "2",
    1.5 -> "1,5" (French), 1234.5 -> "1 234,5"; "" for nothing or a non-finite value."""
    if value is None or value is False:
        return ""
    value = float(value)
    if not math.isfinite(value):
        return ""
    pattern = "#,##0" + ("." + "#" * digits if digits > 0 else "")
    return format_decimal(round(value, digits), format=pattern, locale=locale_of(lang))


def format_km(value, lang, digits=1):
    """A distance in kilometres: "1,5 km", "15 km" (a no-break space before the unit)."""
    number = format_number(value, lang, digits)
    return f"{number}{NBSP}km" if number else ""
