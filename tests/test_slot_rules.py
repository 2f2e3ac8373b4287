"""Drive slot arithmetic: dated slots from weekly rules, DST, closing days, bookability."""

import importlib.util
from datetime import date, datetime

import pytest

from conftest import ROOT

_spec = importlib.util.spec_from_file_location(
    "slot_rules", ROOT / "coop_solidarity_delivery" / "tools" / "slot_rules.py"
)
slot_rules = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(slot_rules)

PARIS = "Europe/Paris"
TUESDAY = 1


def test_a_rule_gives_one_slot_per_matching_day_of_the_horizon():
    # Monday 2 November 2026, 15 days ahead: Tuesdays 3, 10 and 17.
    days = slot_rules.rule_days(TUESDAY, date(2026, 11, 2), 15)
    assert days == [date(2026, 11, 3), date(2026, 11, 10), date(2026, 11, 17)]


def test_today_counts_when_it_is_the_rule_weekday():
    assert slot_rules.rule_days(TUESDAY, date(2026, 11, 3), 6) == [date(2026, 11, 3)]


def test_closing_days_give_no_slot():
    days = slot_rules.rule_days(TUESDAY, date(2026, 11, 2), 15, closed_dates={date(2026, 11, 10)})
    assert days == [date(2026, 11, 3), date(2026, 11, 17)]


def test_local_winter_time_is_one_hour_ahead_of_utc():
    assert slot_rules.local_to_utc(date(2026, 11, 3), 17.5, PARIS) == datetime(2026, 11, 3, 16, 30)


def test_local_summer_time_is_two_hours_ahead_of_utc():
    assert slot_rules.local_to_utc(date(2026, 7, 7), 17.5, PARIS) == datetime(2026, 7, 7, 15, 30)


def test_slots_keep_their_local_hour_across_the_autumn_dst_change():
    # Clocks go back on Sunday 25 October 2026.
    slots = slot_rules.rule_slots(TUESDAY, 17.0, 19.0, 15, date(2026, 10, 19), PARIS)
    assert slots == [
        (datetime(2026, 10, 20, 15, 0), datetime(2026, 10, 20, 17, 0)),
        (datetime(2026, 10, 27, 16, 0), datetime(2026, 10, 27, 18, 0)),
        (datetime(2026, 11, 3, 16, 0), datetime(2026, 11, 3, 18, 0)),
    ]


def test_slots_keep_their_local_hour_across_the_spring_dst_change():
    # Clocks go forward on Sunday 29 March 2026.
    slots = slot_rules.rule_slots(5, 10.0, 12.0, 7, date(2026, 3, 23), PARIS)
    assert slots == [(datetime(2026, 3, 28, 9, 0), datetime(2026, 3, 28, 11, 0))]
    slots = slot_rules.rule_slots(5, 10.0, 12.0, 7, date(2026, 3, 30), PARIS)
    assert slots == [(datetime(2026, 4, 4, 8, 0), datetime(2026, 4, 4, 10, 0))]


def test_a_rule_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        slot_rules.rule_slots(TUESDAY, 19.0, 17.0, 7, date(2026, 11, 2), PARIS)


def test_hours_out_of_the_day_are_refused():
    with pytest.raises(ValueError):
        slot_rules.float_to_time(24.0)


def test_a_future_slot_with_seats_is_bookable():
    start = datetime(2026, 11, 3, 16, 0)
    assert slot_rules.is_bookable(start, datetime(2026, 11, 2, 8, 0), 12, seats_left=3)


def test_a_slot_past_its_cutoff_is_not_bookable():
    start = datetime(2026, 11, 3, 16, 0)
    now = datetime(2026, 11, 3, 5, 0)
    assert slot_rules.booking_problem(start, now, 12, seats_left=3) == slot_rules.CUTOFF


def test_the_cutoff_moment_itself_is_still_bookable():
    start = datetime(2026, 11, 3, 16, 0)
    assert slot_rules.is_bookable(start, datetime(2026, 11, 3, 4, 0), 12, seats_left=1)


def test_a_full_slot_is_not_bookable():
    start = datetime(2026, 11, 3, 16, 0)
    now = datetime(2026, 11, 1, 8, 0)
    assert slot_rules.booking_problem(start, now, 12, seats_left=0) == slot_rules.FULL


def test_a_started_slot_is_past_even_when_full():
    start = datetime(2026, 11, 3, 16, 0)
    now = datetime(2026, 11, 3, 16, 30)
    assert slot_rules.booking_problem(start, now, 0, seats_left=0) == slot_rules.PAST


def test_a_closed_slot_is_not_bookable():
    start = datetime(2026, 11, 3, 16, 0)
    now = datetime(2026, 11, 1, 8, 0)
    problem = slot_rules.booking_problem(start, now, 12, seats_left=5, closed=True)
    assert problem == slot_rules.CLOSED


def test_slots_are_grouped_by_local_day():
    # 23:30 UTC on 2 November is already 3 November in Paris.
    starts = [datetime(2026, 11, 3, 9, 0), datetime(2026, 11, 2, 23, 30), datetime(2026, 11, 4, 9)]
    groups = slot_rules.group_by_local_day(starts, PARIS)
    assert [day for day, _slots in groups] == [date(2026, 11, 3), date(2026, 11, 4)]
    assert groups[0][1] == [datetime(2026, 11, 2, 23, 30), datetime(2026, 11, 3, 9, 0)]


def test_local_day_bounds_are_in_utc():
    assert slot_rules.local_day_bounds(date(2026, 11, 3), PARIS) == (
        datetime(2026, 11, 2, 23, 0),
        datetime(2026, 11, 3, 23, 0),
    )
