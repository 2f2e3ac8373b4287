"""Properties of the pure logic in coop_*/tools/, checked on many generated inputs."""

import importlib.util
import math
from datetime import date, datetime, time, timedelta
from itertools import pairwise

from hypothesis import assume, given
from hypothesis import strategies as st

from conftest import ROOT


def _load(addon, name):
    spec = importlib.util.spec_from_file_location(name, ROOT / addon / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fs = _load("coop_member_shifts", "fee_schedule")
sd = _load("coop_member_shifts", "shift_dates")
rec = _load("coop_solidarity_delivery", "recurrence")
sr = _load("coop_solidarity_delivery", "slot_rules")
vr = _load("coop_solidarity_delivery", "volunteer_ranking")

DAYS = st.dates(date(2020, 1, 1), date(2035, 12, 31))
WEEKDAYS = st.integers(0, 6)
HOURS = st.floats(0, 24, exclude_max=True)
TZS = st.sampled_from(["UTC", "Europe/Paris", "Europe/Brussels", "America/Montreal"])
INCOMES = st.floats(0, 1e9)


# === Fee schedules ===#


@st.composite
def valid_brackets(draw):
    """Brackets from 0 to no limit, one after the other, each with a fee."""
    cuts = sorted(draw(st.sets(st.integers(1, 100_000), max_size=5)))
    bounds = [0, *cuts, None]
    fees = draw(st.lists(st.floats(0, 1000), min_size=len(bounds) - 1, max_size=len(bounds) - 1))
    return [
        fs.Bracket(low, high, fee) for (low, high), fee in zip(pairwise(bounds), fees, strict=True)
    ]


@given(valid_brackets(), INCOMES, st.floats(0.5, 10), st.sampled_from([fs.HOUSEHOLD, fs.PER_SHARE]))
def test_a_valid_schedule_gives_every_income_one_of_its_fees(brackets, income, shares, basis):
    assert fs.bracket_problems(brackets) == []
    fee = fs.compute_fee(fs.BRACKETS, basis, income, shares, brackets)
    assert fee in [bracket.fee for bracket in brackets]
    low, high = fs.fee_range(fs.BRACKETS, brackets)
    assert low <= fee <= high


@given(valid_brackets(), st.floats(0, 1e6), st.floats(0, 1e6))
def test_a_higher_household_income_never_falls_in_an_earlier_bracket(brackets, a, b):
    low, high = sorted((a, b))
    assert fs.find_bracket(brackets, low).income_from <= fs.find_bracket(brackets, high).income_from


@given(INCOMES, st.floats(0, 100), st.floats(0, 500), st.floats(0, 500))
def test_a_rate_fee_stays_between_its_floor_and_its_cap(income, rate, floor, cap):
    assume(not cap or floor <= cap)
    fee = fs.rate_fee(income, rate, floor, cap)
    assert fee >= floor
    assert not cap or fee <= cap


# === Dates: shifts, slots, recurrences ===#


@given(HOURS)
def test_every_hour_of_the_day_is_a_time_of_the_day(hours):
    moment = sr.float_to_time(hours)
    assert abs(moment.hour * 60 + moment.minute - hours * 60) <= 1


@given(DAYS, st.floats(0, 24), TZS)
def test_a_shift_hour_up_to_midnight_converts_to_utc(day, hours, tz):
    # A template may end at 24:00 (its constraint allows it): the midnight ending the day.
    moment = sd.local_to_utc(day, hours, tz)
    local = datetime.combine(day, datetime.min.time()) + timedelta(hours=hours)
    assert abs(moment - local) <= timedelta(hours=14, minutes=1)
    assert sd.local_to_utc(day, 24.0, "UTC") == datetime.combine(day + timedelta(days=1), time(0))


@given(DAYS, HOURS, TZS)
def test_a_slot_hour_comes_back_from_utc_unchanged(day, hours, tz):
    moment = sr.local_to_utc(day, hours, tz)
    back = sr.utc_to_local(moment, tz)
    local = datetime.combine(day, sr.float_to_time(hours))
    # Only a wall-clock time skipped by a daylight-saving change may move (by its hour).
    assert abs(back - local) <= timedelta(hours=1)


@given(WEEKDAYS, DAYS, st.integers(0, 60), st.sets(DAYS, max_size=5))
def test_rule_days_fall_on_the_weekday_within_the_horizon_and_skip_closings(
    weekday, today, horizon, closed
):
    days = sr.rule_days(weekday, today, horizon, closed)
    assert all(day.weekday() == weekday for day in days)
    assert all(today <= day <= today + timedelta(days=horizon) for day in days)
    assert not set(days) & closed
    assert days == sorted(days)


@given(st.datetimes(), st.datetimes(), st.floats(0, 72), st.integers(-3, 5), st.booleans())
def test_a_bookable_slot_is_open_in_the_future_before_its_cutoff_with_a_seat(
    start, now, cutoff_hours, seats_left, closed
):
    bookable = sr.is_bookable(start, now, cutoff_hours, seats_left, closed)
    expected = not closed and now < start and now <= start - timedelta(hours=cutoff_hours)
    assert bookable == (expected and seats_left > 0)


@given(WEEKDAYS, DAYS, DAYS, st.sets(DAYS, max_size=5))
def test_weekly_dates_are_a_week_apart_on_the_weekday_less_the_skipped(weekday, a, b, skip):
    date_from, date_to = sorted((a, b))
    assume((date_to - date_from).days < 400)
    dates = rec.weekly_dates(weekday, date_from, date_to, skip)
    assert all(d.weekday() == weekday and date_from <= d <= date_to for d in dates)
    assert not set(dates) & skip
    every = rec.weekly_dates(weekday, date_from, date_to)
    assert all((later - earlier).days == 7 for earlier, later in pairwise(every))


@given(WEEKDAYS, DAYS, st.one_of(st.none(), DAYS), DAYS, st.integers(0, 60), st.sets(DAYS))
def test_a_recurrence_creates_only_missing_dates_from_tomorrow_to_its_horizon(
    weekday, start, end, today, horizon, existing
):
    dates = rec.dates_to_create(weekday, start, end, today, horizon, existing)
    for day in dates:
        assert today < day <= today + timedelta(days=horizon)
        assert start <= day and (end is None or day <= end)
        assert day not in existing


# === Volunteer ranking ===#

LATS = st.floats(-80, 80)
LONS = st.floats(-170, 170)


@given(LATS, LONS, LATS, LONS)
def test_a_distance_is_symmetric_positive_and_at_most_half_the_earth(lat1, lon1, lat2, lon2):
    distance = vr.distance_km(lat1, lon1, lat2, lon2)
    assert 0 <= distance <= math.pi * vr.EARTH_RADIUS_KM + 1e-6
    assert math.isclose(distance, vr.distance_km(lat2, lon2, lat1, lon1), abs_tol=1e-6)


@given(LATS, LONS, st.floats(0.1, 50), st.floats(0, 1), st.floats(0, 2 * math.pi))
def test_the_bounding_box_holds_every_point_within_the_radius(lat, lon, radius, part, angle):
    # A point at most ``radius`` km away, in any direction (small-distance approximation).
    step = radius * part * 0.99
    d_lat = step * math.cos(angle) / vr.KM_PER_DEGREE_LAT
    d_lon = step * math.sin(angle) / (vr.KM_PER_DEGREE_LAT * math.cos(math.radians(lat)))
    point = (lat + d_lat, lon + d_lon)
    assume(vr.distance_km(lat, lon, *point) <= radius)
    min_lat, max_lat, min_lon, max_lon = vr.bounding_box(lat, lon, radius)
    assert min_lat <= point[0] <= max_lat
    assert min_lon <= point[1] <= max_lon


@st.composite
def candidates(draw):
    count = draw(st.integers(0, 8))
    return [
        vr.Candidate(
            id=index,
            latitude=draw(st.floats(50.7, 51.0)),
            longitude=draw(st.floats(4.2, 4.5)),
            radius_km=draw(st.floats(0, 20)),
            weekdays=frozenset(draw(st.sets(WEEKDAYS))),
            weekly_max=draw(st.integers(0, 3)),
            weekly_count=draw(st.integers(0, 4)),
        )
        for index in range(count)
    ]


@given(candidates(), WEEKDAYS, st.one_of(st.none(), st.integers(0, 5)))
def test_ranked_volunteers_are_available_within_their_radius_nearest_first(people, weekday, limit):
    ranked = vr.rank_volunteers(50.85, 4.35, people, weekday, limit)
    distances = [distance for _candidate, distance in ranked]
    assert distances == sorted(distances)
    assert limit is None or len(ranked) <= limit
    for candidate, distance in ranked:
        assert vr.is_available(candidate, weekday)
        assert distance <= candidate.radius_km


@given(st.floats(0, 20_000))
def test_a_distance_label_is_never_more_precise_than_half_a_kilometre(distance):
    label = vr.approximate_distance_label(distance)
    if label != "< 1":
        assert (float(label) * 2).is_integer()
        assert abs(float(label) - distance) <= 0.5
