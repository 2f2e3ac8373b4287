"""Dates of a weekly recurring delivery, without the ORM."""

from datetime import timedelta


def weekly_dates(weekday, date_from, date_to, skip=frozenset()):
    """Every date of ``weekday`` (0 = Monday) from ``date_from`` to ``date_to`` included,
    except the dates in ``skip`` (closing days)."""
    first = date_from + timedelta(days=(weekday - date_from.weekday()) % 7)
    dates = []
    current = first
    while current <= date_to:
        if current not in skip:
            dates.append(current)
        current += timedelta(days=7)
    return dates


def dates_to_create(weekday, start, end, today, horizon_days, existing, skip=frozenset()):
    """The dates a recurrence still has to create a request for: from tomorrow (or its start)
    to the horizon (or its end), less the dates it already has and the closing days."""
    date_from = max(start, today + timedelta(days=1))
    date_to = today + timedelta(days=horizon_days)
    if end:
        date_to = min(date_to, end)
    if date_from > date_to:
        return []
    return [d for d in weekly_dates(weekday, date_from, date_to, skip) if d not in existing]
