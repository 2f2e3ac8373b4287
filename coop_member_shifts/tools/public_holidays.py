"""Public holidays of the coops' countries, on which no shift is generated.

Fixed days and the days that follow Easter (Easter Monday, Ascension, Whit Monday), computed
here: no online calendar, no extra library. Pure functions (no ORM).
"""

from datetime import date, timedelta

from dateutil.easter import easter

# (month, day) of the fixed public holidays.
FIXED = {
    "FR": ((1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)),
    "BE": ((1, 1), (5, 1), (7, 21), (8, 15), (11, 1), (11, 11), (12, 25)),
}
# Days after Easter Sunday: Easter Monday, Ascension Thursday, Whit Monday.
AFTER_EASTER = {"FR": (1, 39, 50), "BE": (1, 39, 50)}


def public_holidays(country_code, year):
    """The public holidays of ``country_code`` ("FR", "BE") in ``year``; none for a country
    this module does not know."""
    code = (country_code or "").upper()
    days = {date(year, month, day) for month, day in FIXED.get(code, ())}
    sunday = easter(year)
    days.update(sunday + timedelta(days=offset) for offset in AFTER_EASTER.get(code, ()))
    return days


def holidays_between(country_code, start, end):
    """The public holidays from ``start`` to ``end`` (both included)."""
    days = set()
    for year in range(start.year, end.year + 1):
        days |= public_holidays(country_code, year)
    return {day for day in days if start <= day <= end}
