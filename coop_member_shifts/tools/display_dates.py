"""Dates, times and durations as members read them: in their timezone and language.

"samedi 5 décembre, 9 h – 12 h", "novembre 2026", "1 h 30": no seconds, no ISO months, no
"0.0 hours". Pure functions over babel (no ORM): the models and templates call them through
``res.partner._coop_when()`` and its siblings (models/res_partner_display_dates.py).
"""

import re
from datetime import datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time

DEFAULT_LANG = "en_US"
RANGE_DASH = " \u2013 "  # an en dash between the two ends
# Timezones that say nothing of where a member lives: a browser or server default (Odoo sets
# a user's timezone from the browser at the first login), never a coop's civil time.
UNSET_TZS = frozenset(
    ("UTC", "Etc/UTC", "UCT", "Etc/UCT", "GMT", "Etc/GMT", "Universal", "Etc/Universal", "Zulu")
)
# The year and the separator before it, to take out of a locale's full date pattern.
_YEAR = re.compile(r"[,\s]*\by+\b\.?")


def locale_of(lang):
    """babel Locale of an Odoo language code ("fr_FR", "fr_BE", "sr@latin"), English when
    unknown or empty."""
    code = (lang or DEFAULT_LANG).split("@")[0]
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANG)


def reading_tz(member_tz, *fallbacks):
    """The timezone to show a member's dates in: theirs, unless unset or a mere UTC default,
    else the first of ``fallbacks`` (the store's, the company's) that is set."""
    for tz in (member_tz, *fallbacks):
        if tz and tz not in UNSET_TZS:
            return tz
    return next((tz for tz in fallbacks if tz), "UTC")


def to_local(value, tz):
    """The naive UTC datetime ``value`` (as the ORM stores it) in the timezone ``tz``."""
    try:
        zone = ZoneInfo(tz or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        # A name pytz knows but the system's tz database does not: UTC rather than a crash.
        zone = ZoneInfo("UTC")
    return value.replace(tzinfo=ZoneInfo("UTC")).astimezone(zone)


def format_day(day, lang, today=None):
    """ "samedi 5 décembre" / "Saturday, December 5"; the year only when it is not
    ``today``'s year (or always, without ``today``)."""
    locale = locale_of(lang)
    if isinstance(day, datetime):
        day = day.date()
    pattern = locale.date_formats["full"].pattern
    if today is not None and day.year == today.year:
        pattern = _YEAR.sub("", pattern).strip(" ,")
    return format_date(day, pattern, locale=locale)


def format_clock(moment, lang):
    """A time of day without seconds: "9 h", "9 h 30" in French, "9:30 AM" in English."""
    locale = locale_of(lang)
    if isinstance(moment, datetime):
        moment = moment.time()
    if locale.language == "fr":
        return f"{moment.hour} h" + (f" {moment.minute:02d}" if moment.minute else "")
    return format_time(time(moment.hour, moment.minute), "short", locale=locale)


def format_moment(moment, lang, today=None):
    """A local datetime: "samedi 5 décembre, 9 h"."""
    return f"{format_day(moment, lang, today)}, {format_clock(moment, lang)}"


def format_range(start, end, lang, today=None):
    """Two local datetimes: "samedi 5 décembre, 9 h – 12 h" on one day, both days in full
    otherwise."""
    if end is None:
        return format_moment(start, lang, today)
    if start.date() == end.date():
        return format_moment(start, lang, today) + RANGE_DASH + format_clock(end, lang)
    return format_moment(start, lang, today) + RANGE_DASH + format_moment(end, lang, today)


def format_month(month, lang):
    """ "novembre 2026" / "November 2026"."""
    locale = locale_of(lang)
    if isinstance(month, datetime):
        month = month.date()
    return format_date(month, "LLLL y", locale=locale)


def format_hours(hours):
    """Hours as hours and minutes: "1 h 30", "3 h", "45 min", "-2 h"; "0 h" for none."""
    total = round(abs(hours or 0.0) * 60)
    sign = "-" if hours and hours < 0 and total else ""
    whole, minutes = divmod(total, 60)
    if not whole and minutes:
        return f"{sign}{minutes} min"
    return f"{sign}{whole} h" + (f" {minutes:02d}" if minutes else "")


def today_in(tz, now_utc):
    """The local date in ``tz`` at the naive UTC datetime ``now_utc``."""
    return to_local(now_utc, tz).date()
