"""Income-based membership fees (coop_member_shifts/tools/fee_schedule.py)."""

import importlib.util

import pytest

from conftest import ROOT

_spec = importlib.util.spec_from_file_location(
    "fee_schedule", ROOT / "coop_member_shifts" / "tools" / "fee_schedule.py"
)
fs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fs)

B = fs.Bracket
FOUR = [B(0, 800, 10.0), B(800, 1500, 30.0), B(1500, 2500, 60.0), B(2500, None, 100.0)]


def codes(problems):
    return [problem[0] for problem in problems]


# Income basis
def test_household_basis_is_the_income():
    assert fs.income_basis(1800, 3, fs.HOUSEHOLD) == 1800


def test_per_share_basis_divides_by_the_shares():
    assert fs.income_basis(1800, 2.5, fs.PER_SHARE) == 720


def test_negative_income_is_refused():
    with pytest.raises(fs.FeeError) as error:
        fs.income_basis(-1, 1, fs.HOUSEHOLD)
    assert error.value.code == fs.NEGATIVE_INCOME


@pytest.mark.parametrize("shares", [0, -1, None])
def test_zero_or_negative_shares_are_refused(shares):
    with pytest.raises(fs.FeeError) as error:
        fs.income_basis(1000, shares, fs.PER_SHARE)
    assert error.value.code == fs.NO_SHARES


# Bracket lookup: from included, to excluded
def test_income_inside_a_bracket_gets_its_fee():
    assert fs.bracket_fee(FOUR, 1000) == 30.0


def test_income_exactly_on_a_boundary_belongs_to_the_upper_bracket():
    assert fs.bracket_fee(FOUR, 800) == 30.0
    assert fs.bracket_fee(FOUR, 1500) == 60.0


def test_income_just_below_a_boundary_stays_in_the_lower_bracket():
    assert fs.bracket_fee(FOUR, 799.99) == 10.0


def test_zero_income_gets_the_first_bracket():
    assert fs.bracket_fee(FOUR, 0) == 10.0


def test_the_last_bracket_has_no_upper_limit():
    assert fs.bracket_fee(FOUR, 1_000_000) == 100.0


def test_an_income_no_bracket_covers_is_an_error():
    with pytest.raises(fs.FeeError) as error:
        fs.bracket_fee([B(0, 800, 10.0)], 900)
    assert error.value.code == fs.GAP


def test_compute_fee_uses_the_income_per_share():
    # 2400 for 3 shares is 800 per share: the second bracket.
    assert fs.compute_fee(fs.BRACKETS, fs.PER_SHARE, 2400, 3, FOUR) == 30.0


def test_compute_fee_sorts_the_brackets():
    assert fs.compute_fee(fs.BRACKETS, fs.HOUSEHOLD, 900, 1, list(reversed(FOUR))) == 30.0


# Rate with floor and cap
def test_rate_is_a_percentage_of_the_income():
    assert fs.rate_fee(1500, 2.0, 5.0, 100.0) == 30.0


def test_rate_below_the_floor_pays_the_floor():
    assert fs.rate_fee(100, 2.0, 5.0, 100.0) == 5.0


def test_rate_above_the_cap_pays_the_cap():
    assert fs.rate_fee(10_000, 2.0, 5.0, 100.0) == 100.0


def test_rate_without_cap_is_not_capped():
    assert fs.rate_fee(10_000, 2.0, 5.0, 0.0) == 200.0


def test_rate_is_left_unrounded_for_the_currency():
    assert fs.rate_fee(1234.56, 1.5, 0, 0) == pytest.approx(18.5184)


def test_rate_with_floor_above_cap_is_refused():
    with pytest.raises(fs.FeeError) as error:
        fs.rate_fee(1000, 2.0, 50.0, 20.0)
    assert error.value.code == fs.FLOOR_ABOVE_CAP


def test_compute_fee_with_rate_on_the_household_income():
    assert fs.compute_fee(fs.RATE, fs.HOUSEHOLD, 2000, 2, rate=1.0, floor=5, cap=50) == 20.0


def test_rate_problems_list_negative_rate_and_floor():
    assert codes(fs.rate_problems(-1, -2, 0)) == [fs.NEGATIVE_RATE, fs.NEGATIVE_FLOOR]


def test_rate_problems_none_for_a_sound_rate():
    assert fs.rate_problems(1.5, 5, 80) == []


# Rate fees rounded to a step, so that a fee does not give the income away
def test_round_to_step_goes_to_the_nearest_multiple():
    assert fs.round_to_step(18.52, 5) == 20
    assert fs.round_to_step(17.49, 5) == 15


def test_round_to_step_rounds_a_half_up():
    assert fs.round_to_step(12.5, 5) == 15
    assert fs.round_to_step(0.125, 0.25) == 0.25


def test_round_to_step_without_a_step_is_refused():
    for step in (0, None, -5):
        with pytest.raises(fs.FeeError) as error:
            fs.round_to_step(10, step)
        assert error.value.code == fs.NO_STEP


def test_rate_fee_is_rounded_to_the_step():
    assert fs.rate_fee(1234.56, 1.5, 0, 0, step=5) == 20


def test_rate_fee_is_rounded_before_the_floor_and_the_cap():
    assert fs.rate_fee(1100, 2.0, 23.0, 0, step=5) == 23.0  # 22 -> 20 -> floor 23
    assert fs.rate_fee(3900, 2.0, 0, 77.0, step=5) == 77.0  # 78 -> 80 -> cap 77


def test_every_income_of_a_band_pays_the_same_rounded_fee():
    """At 2 % rounded to 5, the incomes from 1125 up to 1375 all pay 25."""
    fees = {fs.rate_fee(income, 2.0, 0, 0, step=5) for income in range(1125, 1375, 7)}
    assert fees == {25}


def test_two_incomes_a_band_apart_pay_different_fees():
    assert fs.rate_fee(1000, 2.0, 0, 0, step=5) != fs.rate_fee(1250, 2.0, 0, 0, step=5)


def test_income_band_width_is_the_step_over_the_rate():
    assert fs.income_band_width(2.0, 5) == 250


def test_income_band_width_without_a_step_or_a_rate_is_none():
    assert fs.income_band_width(2.0, 0) is None
    assert fs.income_band_width(0, 5) is None


def test_compute_fee_rounds_a_rate_to_the_step():
    fee = fs.compute_fee(fs.RATE, fs.HOUSEHOLD, 1234.56, 1, rate=1.5, step=5)
    assert fee == 20


def test_rate_problems_list_a_step_of_zero():
    assert codes(fs.rate_problems(1.5, 0, 0, 0)) == [fs.NO_STEP]


def test_rate_problems_ignore_an_unset_step():
    assert fs.rate_problems(1.5, 0, 0, None) == []


# Validation of brackets
def test_four_contiguous_brackets_have_no_problem():
    assert fs.bracket_problems(FOUR) == []


def test_no_bracket_is_a_problem():
    assert codes(fs.bracket_problems([])) == [fs.NO_BRACKETS]


def test_overlapping_brackets_are_a_problem():
    problems = fs.bracket_problems([B(0, 1000, 10.0), B(800, None, 30.0)])
    assert problems == [(fs.OVERLAP, 0, 800)]


def test_a_gap_between_brackets_is_a_problem():
    problems = fs.bracket_problems([B(0, 800, 10.0), B(900, None, 30.0)])
    assert problems == [(fs.GAP, 800, 900)]


def test_brackets_must_start_at_zero():
    assert codes(fs.bracket_problems([B(100, None, 10.0)])) == [fs.FIRST_NOT_ZERO]


def test_the_last_bracket_must_be_open():
    assert codes(fs.bracket_problems([B(0, 800, 10.0)])) == [fs.NO_TOP]


def test_an_open_bracket_before_another_is_a_problem():
    problems = fs.bracket_problems([B(0, None, 10.0), B(800, None, 30.0)])
    assert codes(problems) == [fs.OPEN_NOT_LAST]


def test_a_bracket_without_fee_is_a_problem():
    problems = fs.bracket_problems([B(0, 800, None), B(800, None, 30.0)])
    assert problems == [(fs.MISSING_FEE, 0)]


def test_a_negative_fee_is_a_problem():
    assert codes(fs.bracket_problems([B(0, None, -5.0)])) == [fs.NEGATIVE_FEE]


def test_a_bracket_ending_before_it_starts_is_a_problem():
    problems = fs.bracket_problems([B(0, 800, 10.0), B(800, 700, 20.0), B(700, None, 30.0)])
    assert fs.EMPTY_BRACKET in codes(problems)


def test_a_free_bracket_is_allowed():
    assert fs.bracket_problems([B(0, 500, 0.0), B(500, None, 20.0)]) == []


# Range shown to visitors
def test_range_of_brackets_is_lowest_and_highest_fee():
    assert fs.fee_range(fs.BRACKETS, FOUR) == (10.0, 100.0)


def test_range_of_a_rate_is_floor_and_cap():
    assert fs.fee_range(fs.RATE, floor=5.0, cap=80.0) == (5.0, 80.0)


def test_range_of_a_rate_without_cap_has_no_top():
    assert fs.fee_range(fs.RATE, floor=5.0, cap=0.0) == (5.0, None)
