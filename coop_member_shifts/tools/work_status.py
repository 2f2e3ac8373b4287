"""Monthly volunteer-work requirement and member status, derived from the ledger only.

Rules (one place, so that any status can be explained):
- Each month a member owes the coop's monthly hours. An exemption covering part of a month
  replaces the requirement on its days by its reduced hours (0 when fully exempt), pro rata
  of the days of the month.
- The balance is what was done minus what was required, over the completed months of the
  window, plus what is already done in the current month: the current month's requirement
  is not due before its end, but hours worked (or credited) make up a debt at once.
- Status: "exempt" when the current month requires nothing; "up_to_date" when the balance
  (today's work included) is not negative; "behind" when it is, for at most
  ``grace_months`` completed months in a row; "suspended" after that. A suspended member
  who makes up the missing hours is up to date, and may shop, the same day.
"""

import bisect
import calendar
import functools
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

UP_TO_DATE, BEHIND, SUSPENDED, EXEMPT = "up_to_date", "behind", "suspended", "exempt"


@dataclass(frozen=True)
class Exemption:
    date_from: date
    date_to: date
    reduced_hours: float = 0.0  # hours a month still owed while exempt


class MonthLine(NamedTuple):  # a tuple: built for every member and month of a status search
    month: date  # first day of the month
    required: float
    done: float
    balance: float  # cumulative, up to and including this month


def month_start(day):
    return day.replace(day=1)


def add_months(month, count):
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def months_between(first, last):
    """First days of the months from ``first`` to ``last`` included."""
    months, current = [], month_start(first)
    while current <= month_start(last):
        months.append(current)
        current = add_months(current, 1)
    return months


def required_hours(month, monthly_hours, exemptions):
    """Hours owed in ``month``: pro rata of the days not exempt, plus the reduced hours of
    the exempt days. Rounded to the quarter hour."""
    days = calendar.monthrange(month.year, month.month)[1]
    last = month.replace(day=days)
    owed = 0.0
    exempt_days = set()
    for exemption in exemptions:
        start, end = max(exemption.date_from, month), min(exemption.date_to, last)
        if start > end:
            continue
        covered = {start.toordinal() + i for i in range((end - start).days + 1)} - exempt_days
        exempt_days |= covered
        owed += exemption.reduced_hours * len(covered) / days
    owed += monthly_hours * (days - len(exempt_days)) / days
    return round(owed * 4) / 4


# The same few (month, hours, exemptions) come back for every member: computed once each.
_required_hours = functools.lru_cache(maxsize=4096)(required_hours)


def month_balances(months, monthly_hours, exemptions, done_by_month, today):
    """The running balance at the end of each month (the current month's requirement is not
    due yet, its work counts at once), rounded to the hundredth."""
    balances, balance, current = [], 0.0, month_start(today)
    exemptions, done_in = tuple(exemptions), done_by_month.get
    for month in months:
        done = done_in(month, 0.0)
        if month < current:
            done -= _required_hours(month, monthly_hours, exemptions)
        balance += done
        balances.append(round(balance, 2))
    return balances


def month_lines(months, monthly_hours, exemptions, done_by_month, today):
    """The "why" table: for each month, what was required and done, and the running balance."""
    exemptions = tuple(exemptions)
    balances = month_balances(months, monthly_hours, exemptions, done_by_month, today)
    return [
        MonthLine(month, _required_hours(month, monthly_hours, exemptions), done, balance)
        for month, balance, done in zip(
            months, balances, (done_by_month.get(month, 0.0) for month in months), strict=True
        )
    ]


def status(lines, grace_months, today, current_required):
    """Status of a member from their month lines (see the module's rules)."""
    return status_of_balances(
        [line.month for line in lines],
        [line.balance for line in lines],
        grace_months,
        today,
        current_required,
    )


def status_of_balances(months, balances, grace_months, today, current_required):
    """Status of a member from the running balance of each month (see the module's rules)."""
    if current_required == 0:
        return EXEMPT
    if not balances or balances[-1] >= 0:
        return UP_TO_DATE
    current, months_behind = month_start(today), 0
    for month, balance in zip(reversed(months), reversed(balances), strict=True):
        if month >= current:  # not completed yet
            continue
        if balance >= 0:
            break
        months_behind += 1
    return SUSPENDED if months_behind > grace_months else BEHIND


def member_status(
    window, joined, monthly_hours, grace_months, exemptions, done_by_month, today, lines=False
):
    """(status, balance, month lines if ``lines``) of one member over ``window`` (the months up
    to today's): hours are owed from the month the member joined, or first worked if that is
    earlier."""
    start = max(window[0], min([joined, *done_by_month]))
    months, exemptions = window[bisect.bisect_left(window, start) :], tuple(exemptions)
    balances = month_balances(months, monthly_hours, exemptions, done_by_month, today)
    current = _required_hours(month_start(today), monthly_hours, exemptions)
    return (
        status_of_balances(months, balances, grace_months, today, current),
        balances[-1] if balances else 0.0,
        month_lines(months, monthly_hours, exemptions, done_by_month, today) if lines else None,
    )
