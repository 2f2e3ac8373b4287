"""Income-based membership fees: the arithmetic, without Odoo.

A fee schedule turns a household's declared monthly income into a membership fee, either by
income brackets or by a rate of the income kept between a floor and a cap. The income basis
is the monthly household income, or the income per household share (the French "quotient
familial": the income divided by the number of shares of the household).

Brackets are half-open: a bracket covers incomes from ``income_from`` included up to
``income_to`` excluded; the last bracket has no upper limit (``income_to`` is None). An
income exactly on a boundary therefore belongs to the upper bracket.

In rate mode the fee is rounded to a step set on the schedule (say 5): a fee is then shared
by every income of a band of ``step / rate`` wide, so that whoever sees the fee cannot work
the declared income back from it (the fee says no more than a bracket would). Rounding to the
currency is left to the caller (the model knows the currency).
Problems are returned as codes with their arguments, so that the caller can word and
translate them.
"""

import math
from dataclasses import dataclass
from itertools import pairwise

BRACKETS = "brackets"
RATE = "rate"
HOUSEHOLD = "household"
PER_SHARE = "per_share"

# Problem codes
NEGATIVE_INCOME = "negative_income"
NO_SHARES = "no_shares"
MISSING_FEE = "missing_fee"
NEGATIVE_FEE = "negative_fee"
NEGATIVE_FROM = "negative_from"
EMPTY_BRACKET = "empty_bracket"
NO_BRACKETS = "no_brackets"
FIRST_NOT_ZERO = "first_not_zero"
OVERLAP = "overlap"
GAP = "gap"
OPEN_NOT_LAST = "open_not_last"
NO_TOP = "no_top"
NEGATIVE_RATE = "negative_rate"
NEGATIVE_FLOOR = "negative_floor"
FLOOR_ABOVE_CAP = "floor_above_cap"
NO_STEP = "no_step"


class FeeError(ValueError):
    """Bad input; ``code`` says which (one of the problem codes above)."""

    def __init__(self, code, *args):
        super().__init__(code, *args)
        self.code = code


@dataclass(frozen=True)
class Bracket:
    income_from: float
    income_to: float | None  # None: no upper limit
    fee: float | None

    def covers(self, income):
        return self.income_from <= income and (self.income_to is None or income < self.income_to)


def income_basis(income, shares, basis):
    """The income the schedule looks at: the household's, or per household share."""
    if income is None or income < 0:
        raise FeeError(NEGATIVE_INCOME)
    if shares is None or shares <= 0:
        raise FeeError(NO_SHARES)
    return income / shares if basis == PER_SHARE else float(income)


def find_bracket(brackets, income):
    """The bracket covering ``income`` (from included, to excluded), or None."""
    for bracket in brackets:
        if bracket.covers(income):
            return bracket
    return None


def round_to_step(amount, step):
    """``amount`` rounded to the nearest multiple of ``step`` (halves go up)."""
    if not step or step <= 0:
        raise FeeError(NO_STEP)
    # The small epsilon keeps 12.5 / 5 = 2.4999999... from rounding down.
    return math.floor(amount / step + 0.5 + 1e-9) * step


def rate_fee(income, rate_percent, floor=0.0, cap=0.0, step=None):
    """``rate_percent`` % of ``income`` rounded to ``step`` (None: not rounded), at least
    ``floor``, at most ``cap`` (0: no cap)."""
    problems = rate_problems(rate_percent, floor, cap, step)
    if problems:
        raise FeeError(*problems[0])
    fee = income * rate_percent / 100.0
    if step is not None:
        fee = round_to_step(fee, step)
    fee = max(fee, floor or 0.0)
    if cap:
        fee = min(fee, cap)
    return fee


def bracket_fee(brackets, income):
    """The fee of the bracket covering ``income``; FeeError(GAP) when none covers it."""
    bracket = find_bracket(brackets, income)
    if bracket is None:
        raise FeeError(GAP, income)
    if bracket.fee is None:
        raise FeeError(MISSING_FEE, bracket.income_from)
    return bracket.fee


def compute_fee(mode, basis, income, shares, brackets=(), rate=0.0, floor=0.0, cap=0.0, step=None):
    """The fee for a household (a rate fee rounded to ``step``, not to the currency)."""
    value = income_basis(income, shares, basis)
    if mode == BRACKETS:
        return bracket_fee(sorted(brackets, key=lambda b: b.income_from), value)
    return rate_fee(value, rate, floor, cap, step)


def income_band_width(rate_percent, step):
    """How wide the band of incomes sharing one rate fee is (None: the fee is not rounded,
    or the rate is 0 and the fee tells nothing)."""
    if not rate_percent or rate_percent <= 0 or not step or step <= 0:
        return None
    return step * 100.0 / rate_percent


def fee_range(mode, brackets=(), floor=0.0, cap=0.0):
    """(lowest, highest) fee of a schedule; highest is None when a rate has no cap."""
    if mode == BRACKETS:
        fees = [b.fee for b in brackets if b.fee is not None]
        return (min(fees), max(fees)) if fees else (None, None)
    return (floor or 0.0, cap or None)


def bracket_problems(brackets):
    """Every problem of a list of brackets, as (code, *args), in the order of the incomes.

    The brackets must start at 0, follow each other without gap or overlap, and the last
    must have no upper limit, so that every income has exactly one fee.
    """
    problems = []
    if not brackets:
        return [(NO_BRACKETS,)]
    ordered = sorted(brackets, key=lambda b: b.income_from)
    for bracket in ordered:
        if bracket.fee is None:
            problems.append((MISSING_FEE, bracket.income_from))
        elif bracket.fee < 0:
            problems.append((NEGATIVE_FEE, bracket.income_from))
        if bracket.income_from < 0:
            problems.append((NEGATIVE_FROM, bracket.income_from))
        if bracket.income_to is not None and bracket.income_to <= bracket.income_from:
            problems.append((EMPTY_BRACKET, bracket.income_from, bracket.income_to))
    if ordered[0].income_from > 0:
        problems.append((FIRST_NOT_ZERO, ordered[0].income_from))
    for previous, current in pairwise(ordered):
        if previous.income_to is None:
            problems.append((OPEN_NOT_LAST, previous.income_from))
        elif current.income_from < previous.income_to:
            problems.append((OVERLAP, previous.income_from, current.income_from))
        elif current.income_from > previous.income_to:
            problems.append((GAP, previous.income_to, current.income_from))
    if ordered[-1].income_to is not None:
        problems.append((NO_TOP, ordered[-1].income_to))
    return problems


def rate_problems(rate_percent, floor=0.0, cap=0.0, step=None):
    """Problems of a rate schedule, as (code, *args); ``step`` None is not checked."""
    problems = []
    if rate_percent is None or rate_percent < 0:
        problems.append((NEGATIVE_RATE,))
    if step is not None and step <= 0:
        problems.append((NO_STEP,))
    if (floor or 0.0) < 0:
        problems.append((NEGATIVE_FLOOR,))
    if cap and (floor or 0.0) > cap:
        problems.append((FLOOR_ABOVE_CAP, floor, cap))
    return problems
