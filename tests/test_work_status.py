"""Monthly requirement and status rules (coop_member_shifts/tools/work_status.py)."""

import importlib.util
from datetime import date

import pytest

from conftest import ROOT

_spec = importlib.util.spec_from_file_location(
    "work_status", ROOT / "coop_member_shifts" / "tools" / "work_status.py"
)
ws = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ws)

TODAY = date(2026, 11, 22)
SEPT, OCT, NOV = date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)


def member_status(done, exemptions=(), grace=1, monthly=3.0, months=(SEPT, OCT, NOV)):
    lines = ws.month_lines(list(months), monthly, list(exemptions), done, TODAY)
    current = ws.required_hours(ws.month_start(TODAY), monthly, list(exemptions))
    return ws.status(lines, grace, TODAY, current), lines


def test_months_between_spans_years():
    assert ws.months_between(date(2026, 11, 15), date(2027, 2, 3)) == [
        date(2026, 11, 1),
        date(2026, 12, 1),
        date(2027, 1, 1),
        date(2027, 2, 1),
    ]


def test_full_month_exemption_requires_nothing():
    exemption = ws.Exemption(date(2026, 9, 1), date(2026, 9, 30))
    assert ws.required_hours(SEPT, 3.0, [exemption]) == 0


def test_half_month_exemption_requires_half_rounded_to_the_quarter():
    exemption = ws.Exemption(date(2026, 9, 1), date(2026, 9, 15))  # 15 of 30 days
    assert ws.required_hours(SEPT, 3.0, [exemption]) == 1.5


def test_reduced_hours_replace_the_requirement():
    exemption = ws.Exemption(date(2026, 1, 1), date(2026, 12, 31), reduced_hours=1.0)
    assert ws.required_hours(OCT, 3.0, [exemption]) == 1.0


def test_overlapping_exemptions_count_each_day_once():
    first = ws.Exemption(date(2026, 9, 1), date(2026, 9, 20))
    second = ws.Exemption(date(2026, 9, 10), date(2026, 9, 30))
    assert ws.required_hours(SEPT, 3.0, [first, second]) == 0


@pytest.mark.parametrize(
    ("done", "exemptions", "grace", "expected"),
    [
        ({SEPT: 3, OCT: 3}, (), 1, ws.UP_TO_DATE),
        ({SEPT: 6}, (), 1, ws.UP_TO_DATE),  # hours ahead cover a later month
        ({SEPT: 3, OCT: 1}, (), 1, ws.BEHIND),  # one month behind: within the grace period
        ({SEPT: 1, OCT: 1}, (), 1, ws.SUSPENDED),  # two months behind, grace of one
        ({SEPT: 1, OCT: 1}, (), 2, ws.BEHIND),  # ... but a grace of two
        ({}, [ws.Exemption(date(2026, 9, 1), date(2026, 10, 31))], 0, ws.UP_TO_DATE),
        ({}, [ws.Exemption(date(2026, 11, 1), date(2026, 11, 30))], 0, ws.EXEMPT),
        ({NOV: 0}, (), 0, ws.SUSPENDED),  # nothing done for two completed months, no grace
        ({SEPT: 1, OCT: 1, NOV: 4}, (), 1, ws.UP_TO_DATE),  # missing hours made up this month
        ({SEPT: 1, OCT: 1, NOV: 2}, (), 1, ws.SUSPENDED),  # ... not all of them
    ],
)
def test_status_table(done, exemptions, grace, expected):
    assert member_status(done, exemptions, grace)[0] == expected


def test_the_current_month_is_shown_but_does_not_count_yet():
    status, lines = member_status({SEPT: 3, OCT: 3, NOV: 0})
    assert status == ws.UP_TO_DATE
    assert lines[-1].required == 3 and lines[-1].done == 0 and lines[-1].balance == 0


def test_a_new_member_with_no_completed_month_is_up_to_date():
    status, _lines = member_status({}, months=(NOV,))
    assert status == ws.UP_TO_DATE


def test_hours_of_the_current_month_count_at_once():
    status, lines = member_status({SEPT: 0, OCT: 0, NOV: 6})
    assert status == ws.UP_TO_DATE
    assert lines[-1].balance == 0


def test_a_member_owes_hours_from_the_month_they_joined():
    window = [date(2026, 7, 1), date(2026, 8, 1), SEPT, OCT, NOV]
    status, balance, lines = ws.member_status(window, OCT, 3.0, 1, (), {}, TODAY, lines=True)
    assert [line.month for line in lines] == [OCT, NOV]
    assert status == ws.BEHIND and balance == lines[-1].balance == -3


def test_a_member_owes_hours_from_their_first_work_if_earlier():
    window = [date(2026, 7, 1), date(2026, 8, 1), SEPT, OCT, NOV]
    status, _balance, lines = ws.member_status(
        window, NOV, 3.0, 1, (), {SEPT: 3}, TODAY, lines=True
    )
    assert [line.month for line in lines] == [SEPT, OCT, NOV]
    assert status == ws.BEHIND


def test_the_window_bounds_what_a_long_standing_member_owes():
    window = [SEPT, OCT, NOV]
    status, _balance, lines = ws.member_status(
        window, date(2020, 1, 1), 3.0, 1, (), {}, TODAY, lines=True
    )
    assert lines[0].month == SEPT and status == ws.SUSPENDED


@pytest.mark.parametrize(
    "done, exemptions, grace",
    [
        ({SEPT: 3, OCT: 1}, (), 1),
        ({SEPT: 1, OCT: 1, NOV: 2}, (), 1),
        ({}, [ws.Exemption(date(2026, 9, 10), date(2026, 10, 20), 1.0)], 0),
        ({OCT: 6}, [ws.Exemption(date(2026, 11, 1), date(2026, 11, 30))], 1),
    ],
)
def test_the_status_without_the_table_is_the_status_of_the_table(done, exemptions, grace):
    window = [SEPT, OCT, NOV]
    status, balance, none = ws.member_status(window, SEPT, 3.0, grace, exemptions, done, TODAY)
    expected, lines = member_status(done, exemptions, grace)
    assert (status, balance, none) == (expected, lines[-1].balance, None)
