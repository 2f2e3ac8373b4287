"""Reading web form values (coop_member_shifts/tools/form_values.py): examples and properties."""

import importlib.util
import math
import secrets
import uuid

from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT

_spec = importlib.util.spec_from_file_location(
    "form_values", ROOT / "coop_member_shifts" / "tools" / "form_values.py"
)
fv = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fv)

BAD_NUMBERS = ["", " ", "nan", "NaN", "inf", "-inf", "Infinity", "1e309", "abc", "1.2.3", "\x00"]
TYPED = st.one_of(st.text(), st.binary().map(lambda b: b.decode("utf-8", "replace")))
ANYTHING = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), TYPED, st.lists(st.integers())
)


def test_parse_number_reads_what_a_member_types():
    assert fv.parse_number("12") == 12.0
    assert fv.parse_number(" 1,5 ") == 1.5
    assert fv.parse_number("1e3") == 1000.0


def test_parse_number_refuses_what_is_not_a_finite_number():
    for value in [*BAD_NUMBERS, None, True]:
        assert fv.parse_number(value) is None, value


def test_parse_number_applies_the_bounds():
    assert fv.parse_number("-1", minimum=0) is None
    assert fv.parse_number("25", maximum=24) is None
    assert fv.parse_number("24", minimum=0, maximum=24) == 24.0


@given(ANYTHING)
def test_parse_number_never_raises_and_is_finite(value):
    number = fv.parse_number(value)
    assert number is None or math.isfinite(number)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_parse_number_reads_back_any_finite_float(number):
    assert fv.parse_number(repr(number)) == number
    assert fv.parse_number(repr(number).replace(".", ",")) == number


@given(st.floats(allow_nan=False), st.floats(-1e6, 1e6), st.floats(-1e6, 1e6))
def test_parse_number_stays_within_its_bounds(number, low, high):
    parsed = fv.parse_number(str(number), minimum=low, maximum=high)
    assert parsed is None or low <= parsed <= high


def test_parse_id_examples():
    assert fv.parse_id("12") == 12
    assert fv.parse_id(12) == 12
    assert fv.parse_id(12.0) == 12
    for value in ["", "0", "-1", "1e3", "1.5", 1.5, "12abc", "٣", str(2**31), 10**30, True, None]:
        assert fv.parse_id(value) is None, value
    for value in [float("nan"), float("inf"), float("-inf"), [1], {"id": 1}]:
        assert fv.parse_id(value) is None, value


@given(ANYTHING)
def test_parse_id_never_raises_and_fits_a_database_id(value):
    parsed = fv.parse_id(value)
    assert parsed is None or (isinstance(parsed, int) and 0 < parsed <= fv.MAX_ID)


@given(st.integers(1, fv.MAX_ID))
def test_parse_id_reads_back_any_database_id(number):
    assert fv.parse_id(str(number)) == number
    assert fv.parse_id(f" {number} ") == number
    assert fv.parse_id(number) == number


def test_parse_token_takes_the_keys_odoo_makes():
    assert fv.parse_token(secrets.token_urlsafe(24))
    assert fv.parse_token(str(uuid.uuid4()))
    for value in ["", "a\x00b", "café", "<script>", "a b", "x" * 129, None, 12]:
        assert fv.parse_token(value) is None, value


@given(ANYTHING)
def test_parse_token_never_raises_nor_lets_a_nul_or_non_ascii_through(value):
    token = fv.parse_token(value)
    assert token is None or (token.isascii() and token.isprintable() and 0 < len(token) <= 128)


@given(st.one_of(st.none(), TYPED), st.integers(0, 50))
def test_clean_text_is_bounded_without_nul_and_idempotent(value, limit):
    text = fv.clean_text(value, limit)
    if text is not None:
        assert len(text) <= limit
        assert "\x00" not in text
        assert fv.clean_text(text, limit) == text


def test_clean_text_refuses_what_is_too_long_and_trims():
    assert fv.clean_text("  Riz \x00 ", 10) == "Riz"
    assert fv.clean_text("x" * 11, 10) is None
    assert fv.clean_text(None, 10) == ""
