"""Drive pickup slots: dates, times and bookability, without the ORM.

A weekly rule (weekday, local start and end hours) gives one slot per matching day of the
booking horizon. Times are local to the store and stored in UTC, so a 17:00 slot stays at
17:00 on both sides of a daylight-saving change. Closing dates (public holidays, closures)
give no slot.
"""

from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

PAST = "past"
CUTOFF = "cutoff"
FULL = "full"
CLOSED = "closed"


def float_to_time(hours):
    """``17.5`` -> ``time(17, 30)``; ``24.0`` is not a time of day."""
    if not 0 <= hours < 24:
        raise ValueError(f"hour out of range: {hours}")
    # 23.999 is 23:59, not 24:00.
    minutes = min(round(hours * 60), 24 * 60 - 1)
    return time(minutes // 60, minutes % 60)


def local_to_utc(day, hours, tz_name):
    """Naive UTC datetime of the local wall-clock time ``hours`` on ``day`` in ``tz_name``."""
    local = datetime.combine(day, float_to_time(hours)).replace(tzinfo=ZoneInfo(tz_name))
    return local.astimezone(timezone.utc).replace(tzinfo=None)


def utc_to_local(moment, tz_name):
    """Naive local datetime of the naive UTC ``moment``."""
    aware = moment.replace(tzinfo=timezone.utc).astimezone(ZoneInfo(tz_name))
    return aware.replace(tzinfo=None)


def rule_days(weekday, today, horizon_days, closed_dates=()):
    """Dates from ``today`` to ``today + horizon_days`` (included) falling on ``weekday``
    (0 = Monday), minus the closed dates."""
    closed = set(closed_dates)
    offset = (weekday - today.weekday()) % 7
    day = today + timedelta(days=offset)
    last = today + timedelta(days=horizon_days)
    days = []
    while day <= last:
        if day not in closed:
            days.append(day)
        day += timedelta(days=7)
    return days


def rule_slots(weekday, start_hour, end_hour, horizon_days, today, tz_name, closed_dates=()):
    """``[(start_utc, end_utc), ...]`` of one weekly rule over the horizon, in UTC."""
    if end_hour <= start_hour:
        raise ValueError("a slot ends after it starts")
    return [
        (local_to_utc(day, start_hour, tz_name), local_to_utc(day, end_hour, tz_name))
        for day in rule_days(weekday, today, horizon_days, closed_dates)
    ]


def cutoff_moment(start_utc, cutoff_hours):
    """Last moment (UTC) a slot starting at ``start_utc`` can be booked."""
    return start_utc - timedelta(hours=cutoff_hours)


def booking_problem(start_utc, now_utc, cutoff_hours, seats_left, closed=False):
    """Why a slot cannot be booked now, or ``None`` when it can.

    Order matters: a closed or past slot says so even when it is also full.
    """
    if closed:
        return CLOSED
    if start_utc <= now_utc:
        return PAST
    if now_utc > cutoff_moment(start_utc, cutoff_hours):
        return CUTOFF
    if seats_left <= 0:
        return FULL
    return None


def is_bookable(start_utc, now_utc, cutoff_hours, seats_left, closed=False):
    return booking_problem(start_utc, now_utc, cutoff_hours, seats_left, closed) is None


def group_by_local_day(slots, tz_name, key=lambda slot: slot):
    """``[(local_date, [slot, ...]), ...]`` in order; ``key(slot)`` gives its UTC start."""
    groups = {}
    for slot in sorted(slots, key=key):
        groups.setdefault(utc_to_local(key(slot), tz_name).date(), []).append(slot)
    return list(groups.items())


def local_day_bounds(day, tz_name):
    """UTC ``(start, end)`` of the local calendar ``day``."""
    start = datetime.combine(day, time(0)).replace(tzinfo=ZoneInfo(tz_name))
    end = datetime.combine(day + timedelta(days=1), time(0)).replace(tzinfo=ZoneInfo(tz_name))
    return (
        start.astimezone(timezone.utc).replace(tzinfo=None),
        end.astimezone(timezone.utc).replace(tzinfo=None),
    )
