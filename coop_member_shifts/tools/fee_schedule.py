"""Income-based membership fees: the arithmetic, without Odoo.

A fee schedule turns a household's declared monthly income into a membership fee, either by
income brackets or by a rate of the income kept between a floor and a cap. The income basis
is the monthly household income, or the income per household share (the French "quotient
familial": the income divided by the number of shares of the household).

Brackets are half-open: a bracket covers incomes from ``income_from`` included up to
``income_to`` excluded; the last bracket has no upper limit (``income_to`` is None). An
income exactly on a boundary therefore belongs to the upper bracket.

Rounding to the currency is left to the caller (the model knows the currency).
Problems are returned as codes with their arguments, so that the caller can word and
translate them.
"""

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


def rate_fee(income, rate_percent, floor=0.0, cap=0.0):
    """``rate_percent`` % of ``income``, at least ``floor``, at most ``cap`` (0: no cap)."""
    problems = rate_problems(rate_percent, floor, cap)
    if problems:
        raise FeeError(*problems[0])
    fee = income * rate_percent / 100.0
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


def compute_fee(mode, basis, income, shares, brackets=(), rate=0.0, floor=0.0, cap=0.0):
    """The fee for a household, unrounded."""
    value = income_basis(income, shares, basis)
    if mode == BRACKETS:
        return bracket_fee(sorted(brackets, key=lambda b: b.income_from), value)
    return rate_fee(value, rate, floor, cap)


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


def rate_problems(rate_percent, floor=0.0, cap=0.0):
    """Problems of a rate schedule, as (code, *args)."""
    problems = []
    if rate_percent is None or rate_percent < 0:
        problems.append((NEGATIVE_RATE,))
    if (floor or 0.0) < 0:
        problems.append((NEGATIVE_FLOOR,))
    if cap and (floor or 0.0) > cap:
        problems.append((FLOOR_ABOVE_CAP, floor, cap))
    return problems
