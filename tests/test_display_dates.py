"""Dates as members read them (coop_member_shifts/tools/display_dates.py)."""

import importlib.util
from datetime import date, datetime

from conftest import ROOT

_spec = importlib.util.spec_from_file_location(
    "display_dates", ROOT / "coop_member_shifts" / "tools" / "display_dates.py"
)
dd = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dd)

TODAY = date(2026, 11, 30)
# A shift of Saturday 5 December 2026, 9:00-12:00 in Paris, stored in UTC.
START_UTC = datetime(2026, 12, 5, 8, 0)
END_UTC = datetime(2026, 12, 5, 11, 0)


def paris(value):
    return dd.to_local(value, "Europe/Paris")


def test_a_shift_reads_in_french_with_weekday_month_and_hours():
    text = dd.format_range(paris(START_UTC), paris(END_UTC), "fr_FR", TODAY)
    assert text == "samedi 5 décembre, 9 h \u2013 12 h"


def test_a_shift_reads_in_english_without_seconds():
    text = dd.format_range(paris(START_UTC), paris(END_UTC), "en_US", TODAY)
    assert text == "Saturday, December 5, 9:00 AM \u2013 12:00 PM"


def test_the_year_shows_only_when_it_is_not_this_year():
    assert dd.format_day(date(2027, 1, 9), "fr_FR", TODAY) == "samedi 9 janvier 2027"
    assert dd.format_day(date(2026, 12, 5), "fr_FR", TODAY) == "samedi 5 décembre"


def test_minutes_show_only_when_there_are_some():
    start = paris(datetime(2026, 12, 5, 8, 30))
    assert dd.format_clock(start, "fr_FR") == "9 h 30"
    assert dd.format_clock(paris(START_UTC), "fr_FR") == "9 h"


def test_the_same_shift_reads_in_the_members_timezone():
    start = dd.to_local(START_UTC, "America/Montreal")
    assert dd.format_moment(start, "fr_FR", TODAY) == "samedi 5 décembre, 3 h"
    assert dd.format_moment(dd.to_local(START_UTC, "UTC"), "fr_FR", TODAY).endswith(", 8 h")


def test_a_range_over_midnight_names_both_days():
    start = paris(datetime(2026, 12, 5, 21, 0))
    end = paris(datetime(2026, 12, 5, 23, 30))
    assert dd.format_range(start, end, "fr_FR", TODAY) == (
        "samedi 5 décembre, 22 h \u2013 dimanche 6 décembre, 0 h 30"
    )


def test_daylight_saving_time_is_followed():
    summer = dd.to_local(datetime(2026, 7, 4, 7, 0), "Europe/Paris")
    assert dd.format_clock(summer, "fr_FR") == "9 h"


def test_months_read_by_name():
    assert dd.format_month(date(2026, 11, 1), "fr_FR") == "novembre 2026"
    assert dd.format_month(date(2026, 11, 1), "en_US") == "November 2026"


def test_hours_read_as_hours_and_minutes():
    assert dd.format_hours(1.5) == "1 h 30"
    assert dd.format_hours(3) == "3 h"
    assert dd.format_hours(0.75) == "45 min"
    assert dd.format_hours(0.0) == "0 h"
    assert dd.format_hours(-1.25) == "-1 h 15"


def test_an_unknown_or_missing_language_falls_back_to_english():
    assert dd.format_month(date(2026, 11, 1), "xx_YY") == "November 2026"
    assert dd.format_month(date(2026, 11, 1), False) == "November 2026"
    assert dd.format_month(date(2026, 11, 1), "sr@latin").endswith("2026")


def test_today_is_the_local_date():
    assert dd.today_in("Europe/Paris", datetime(2026, 11, 30, 23, 30)) == date(2026, 12, 1)


def test_a_members_own_timezone_wins():
    assert dd.reading_tz("America/Montreal", "Europe/Paris") == "America/Montreal"


def test_a_member_without_timezone_reads_the_stores():
    assert dd.reading_tz(False, None, "Europe/Paris") == "Europe/Paris"


def test_a_utc_default_counts_as_no_timezone():
    assert dd.reading_tz("UTC", "Europe/Paris") == "Europe/Paris"
    assert dd.reading_tz("Etc/UTC", False, "Europe/Brussels") == "Europe/Brussels"


def test_utc_stays_when_nothing_else_is_known():
    assert dd.reading_tz("UTC", None, "UTC") == "UTC"


def test_an_unknown_timezone_reads_as_utc_rather_than_failing():
    assert dd.to_local(START_UTC, "Mars/Olympus").hour == 8


def test_the_first_of_the_month_reads_premier_in_french():
    assert dd.format_day(date(2027, 1, 1), "fr_FR", TODAY) == "vendredi 1er janvier 2027"
    assert dd.format_day(date(2026, 12, 1), "fr_BE", TODAY) == "mardi 1er décembre"


def test_other_days_and_languages_keep_the_plain_number():
    assert dd.format_day(date(2026, 12, 11), "fr_FR", TODAY) == "vendredi 11 décembre"
    assert dd.format_day(date(2027, 1, 1), "nl_BE", TODAY) == "vrijdag 1 januari 2027"
