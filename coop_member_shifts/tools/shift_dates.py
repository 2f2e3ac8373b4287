"""Dated occurrences of a shift template, in UTC, right across daylight-saving changes."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

UTC = ZoneInfo("UTC")


def local_to_utc(day, hour, tz):
    """Naive UTC datetime of ``hour`` (float, local time in ``tz``) on ``day``; ``24.0`` is
    the midnight that ends the day."""
    local = datetime.combine(day, time(0)) + timedelta(minutes=round(hour * 60))
    local = local.replace(tzinfo=ZoneInfo(tz))
    return local.astimezone(UTC).replace(tzinfo=None)


def week_index(day, reference):
    """Number of whole weeks between the Monday of ``reference`` and the Monday of ``day``."""
    monday = day - timedelta(days=day.weekday())
    ref_monday = reference - timedelta(days=reference.weekday())
    return (monday - ref_monday).days // 7


def occurs(day, weekday, every_weeks, week_offset, reference):
    """The template runs on ``day``: its weekday, one week out of ``every_weeks`` (a cycle of
    A-B-C-D weeks is every 4 weeks with an offset of 0-3), counted from ``reference``."""
    if day.weekday() != weekday:
        return False
    return week_index(day, reference) % max(every_weeks, 1) == week_offset % max(every_weeks, 1)


def occurrences(rule, date_from, date_to, tz):
    """(start, end) naive UTC datetimes of the template ``rule`` between two dates.

    ``rule`` has: weekday, start_hour, end_hour, every_weeks, week_offset, reference (date),
    date_start, date_end (or None).
    """
    first = max(date_from, rule["date_start"])
    last = min(date_to, rule["date_end"]) if rule.get("date_end") else date_to
    day = first + timedelta(days=(rule["weekday"] - first.weekday()) % 7)
    result = []
    while day <= last:
        if occurs(
            day, rule["weekday"], rule["every_weeks"], rule["week_offset"], rule["reference"]
        ):
            result.append(
                (
                    local_to_utc(day, rule["start_hour"], tz),
                    local_to_utc(day, rule["end_hour"], tz),
                )
            )
        day += timedelta(days=7)
    return result
