"""Shift occurrences and their UTC times (coop_member_shifts/tools/shift_dates.py)."""

import importlib.util
from datetime import date, datetime

from conftest import ROOT

_spec = importlib.util.spec_from_file_location(
    "shift_dates", ROOT / "coop_member_shifts" / "tools" / "shift_dates.py"
)
sd = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sd)

SUNDAY = 6


def rule(**values):
    base = {
        "weekday": SUNDAY,
        "start_hour": 10.0,
        "end_hour": 13.0,
        "every_weeks": 1,
        "week_offset": 0,
        "reference": date(2026, 1, 5),
        "date_start": date(2026, 1, 1),
        "date_end": None,
    }
    return {**base, **values}


def test_sunday_shift_across_the_spring_change_in_paris():
    # Last Sunday of March 2026 is the 29th: clocks go from UTC+1 to UTC+2.
    shifts = sd.occurrences(rule(), date(2026, 3, 22), date(2026, 4, 5), "Europe/Paris")
    assert shifts == [
        (datetime(2026, 3, 22, 9, 0), datetime(2026, 3, 22, 12, 0)),
        (datetime(2026, 3, 29, 8, 0), datetime(2026, 3, 29, 11, 0)),
        (datetime(2026, 4, 5, 8, 0), datetime(2026, 4, 5, 11, 0)),
    ]


def test_sunday_shift_across_the_autumn_change_in_paris():
    # Last Sunday of October 2026 is the 25th: back to UTC+1.
    shifts = sd.occurrences(rule(), date(2026, 10, 18), date(2026, 10, 25), "Europe/Paris")
    assert shifts == [
        (datetime(2026, 10, 18, 8, 0), datetime(2026, 10, 18, 11, 0)),
        (datetime(2026, 10, 25, 9, 0), datetime(2026, 10, 25, 12, 0)),
    ]


def test_half_hours_are_kept():
    assert sd.local_to_utc(date(2026, 1, 6), 17.5, "Europe/Brussels") == datetime(
        2026, 1, 6, 16, 30
    )


def test_every_two_weeks():
    shifts = sd.occurrences(
        rule(every_weeks=2), date(2026, 1, 1), date(2026, 1, 31), "Europe/Paris"
    )
    assert [start.date() for start, _end in shifts] == [date(2026, 1, 11), date(2026, 1, 25)]


def test_abcd_cycle_week_c():
    shifts = sd.occurrences(
        rule(every_weeks=4, week_offset=2), date(2026, 1, 1), date(2026, 2, 28), "Europe/Paris"
    )
    # Weeks are counted from the Monday of the reference (A = week of 5 January).
    assert [start.date() for start, _end in shifts] == [date(2026, 1, 25), date(2026, 2, 22)]


def test_template_dates_bound_the_occurrences():
    shifts = sd.occurrences(
        rule(date_start=date(2026, 1, 10), date_end=date(2026, 1, 20)),
        date(2026, 1, 1),
        date(2026, 1, 31),
        "Europe/Paris",
    )
    assert [start.date() for start, _end in shifts] == [date(2026, 1, 11), date(2026, 1, 18)]
