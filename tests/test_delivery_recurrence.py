"""Dates of recurring deliveries (coop_solidarity_delivery/tools/recurrence.py)."""

import importlib.util
from datetime import date

from conftest import ROOT

_spec = importlib.util.spec_from_file_location(
    "recurrence", ROOT / "coop_solidarity_delivery" / "tools" / "recurrence.py"
)
recurrence = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(recurrence)

THURSDAY = 3
TODAY = date(2026, 11, 22)  # a Sunday


def test_every_thursday_of_the_period():
    dates = recurrence.weekly_dates(THURSDAY, date(2026, 11, 1), date(2026, 11, 30))
    assert dates == [date(2026, 11, 5), date(2026, 11, 12), date(2026, 11, 19), date(2026, 11, 26)]


def test_period_starting_on_the_weekday_includes_it():
    assert recurrence.weekly_dates(THURSDAY, date(2026, 11, 5), date(2026, 11, 5)) == [
        date(2026, 11, 5)
    ]


def test_closing_days_are_skipped():
    dates = recurrence.weekly_dates(
        THURSDAY, date(2026, 12, 20), date(2027, 1, 10), skip={date(2026, 12, 24)}
    )
    assert date(2026, 12, 24) not in dates
    assert dates == [date(2026, 12, 31), date(2027, 1, 7)]


def test_only_missing_dates_within_the_horizon_are_created():
    dates = recurrence.dates_to_create(
        THURSDAY, date(2026, 1, 1), None, TODAY, 14, existing={date(2026, 11, 26)}
    )
    assert dates == [date(2026, 12, 3)]


def test_running_twice_creates_nothing_new():
    first = recurrence.dates_to_create(THURSDAY, date(2026, 1, 1), None, TODAY, 14, existing=set())
    again = recurrence.dates_to_create(THURSDAY, date(2026, 1, 1), None, TODAY, 14, set(first))
    assert first and again == []


def test_nothing_after_the_end_nor_before_the_start():
    assert recurrence.dates_to_create(THURSDAY, date(2027, 1, 1), None, TODAY, 14, set()) == []
    assert (
        recurrence.dates_to_create(THURSDAY, date(2026, 1, 1), date(2026, 11, 25), TODAY, 14, set())
        == []
    )


def test_today_is_never_created():
    thursday = date(2026, 11, 26)
    dates = recurrence.dates_to_create(THURSDAY, thursday, None, thursday, 14, set())
    assert dates == [date(2026, 12, 3), date(2026, 12, 10)]
