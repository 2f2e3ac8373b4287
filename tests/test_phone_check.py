"""The plain phone check of the call-back form (coop_solidarity_delivery/tools/phone_check.py)
and the public forms' robot field (tools/form_guard.py): examples and properties."""

import importlib.util

from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT


def _load(name):
    spec = importlib.util.spec_from_file_location(
        name, ROOT / "coop_solidarity_delivery" / "tools" / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pc = _load("phone_check")
fg = _load("form_guard")


def test_usual_ways_of_writing_a_number():
    assert pc.plain_phone("0470 12 34 56") == "0470123456"
    assert pc.plain_phone("+32 (0)2 555.01.01") == "+32025550101"
    assert pc.plain_phone("0032 470/12-34-56") == "+32470123456"
    assert pc.plain_phone(" +33 2 38 00 00 31 ") == "+33238000031"


def test_what_cannot_be_a_number():
    for text in (
        "",
        None,
        "12ab",
        "123",
        "+",
        "++32470123456",
        "1" * 16,
        "nan",
        "inf",
        "<b>0470123456</b>",
        "0470\x00123456",
        "10" * 20,
        "٠٤٧٠١٢٣٤٥٦",
    ):
        assert pc.plain_phone(text) is None, text


@given(st.text())
def test_any_text_gives_a_plain_number_or_none(text):
    plain = pc.plain_phone(text)
    if plain is not None:
        digits = plain.lstrip("+")
        assert digits.isascii() and digits.isdigit()
        assert pc.MIN_DIGITS <= len(digits) <= pc.MAX_DIGITS


def test_the_robot_field():
    assert fg.is_robot({fg.HONEYPOT: "http://spam.example.com"})
    assert not fg.is_robot({fg.HONEYPOT: ""})
    assert not fg.is_robot({})
