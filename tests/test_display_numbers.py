"""Numbers as members read them (coop_member_shifts/tools/display_numbers.py)."""

import importlib.util
import sys
import types

import pytest

from conftest import ROOT

TOOLS = ROOT / "coop_member_shifts" / "tools"


def _load(name):
    spec = importlib.util.spec_from_file_location(f"coop_tools.{name}", TOOLS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# display_numbers imports its sibling display_dates: load both in a package of their own.
sys.modules.setdefault("coop_tools", types.ModuleType("coop_tools")).__path__ = [str(TOOLS)]
_load("display_dates")
dn = _load("display_numbers")


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (2.0, "fr_FR", "2"),
        (1.5, "fr_FR", "1,5"),
        (1.5, "nl_BE", "1,5"),
        (1.5, "en_US", "1.5"),
        (3.25, "fr_FR", "3,25"),
        (1234.5, "fr_FR", "1\u202f234,5"),
        (0, "fr_FR", "0"),
        (None, "fr_FR", ""),
        (float("nan"), "fr_FR", ""),
        (float("inf"), "fr_FR", ""),
    ],
)
def test_a_number_has_no_trailing_zero_and_the_language_s_decimal_mark(value, lang, expected):
    assert dn.format_number(value, lang) == expected


def test_a_distance_reads_with_its_unit_after_a_no_break_space():
    assert dn.format_km(15.0, "fr_FR") == "15\u00a0km"
    assert dn.format_km(1.5, "fr_FR") == "1,5\u00a0km"
    assert dn.format_km(1.46, "en_US") == "1.5\u00a0km"
