"""Public holidays of France and Belgium (coop_member_shifts/tools/public_holidays.py)."""

import importlib.util
from datetime import date

from conftest import ROOT

_spec = importlib.util.spec_from_file_location(
    "public_holidays", ROOT / "coop_member_shifts" / "tools" / "public_holidays.py"
)
ph = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ph)


def test_french_holidays_of_2027_fixed_and_after_easter():
    days = ph.public_holidays("FR", 2027)
    assert date(2027, 1, 1) in days
    assert date(2027, 12, 25) in days
    assert date(2027, 7, 14) in days
    assert date(2027, 3, 29) in days  # Easter Monday (Easter: 28 March 2027)
    assert date(2027, 5, 6) in days  # Ascension
    assert date(2027, 5, 17) in days  # Whit Monday
    assert len(days) == 11


def test_belgian_holidays_have_the_national_day_not_the_fourteenth_of_july():
    days = ph.public_holidays("be", 2026)
    assert date(2026, 7, 21) in days
    assert date(2026, 7, 14) not in days
    assert date(2026, 4, 6) in days  # Easter Monday 2026
    assert len(days) == 10


def test_an_unknown_country_has_no_holiday_and_a_range_spans_years():
    assert ph.public_holidays("", 2026) == set()
    days = ph.holidays_between("FR", date(2026, 12, 20), date(2027, 1, 5))
    assert days == {date(2026, 12, 25), date(2027, 1, 1)}
