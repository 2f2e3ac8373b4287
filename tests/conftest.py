"""Shared fixtures of tier 1: the addons of this repository, read without Odoo."""

import ast
import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ("coop_member_shifts", "coop_solidarity_delivery")


def read_manifest(addon):
    return ast.literal_eval((ROOT / addon / "__manifest__.py").read_text())


@pytest.fixture(params=ADDONS)
def addon(request):
    return request.param


@pytest.fixture
def manifest(addon):
    return read_manifest(addon)


def addon_files(addon, pattern):
    return sorted(p for p in (ROOT / addon).rglob(pattern) if "static/lib" not in str(p))


# Hypothesis keeps its caches out of the repository.
os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY", str(Path(tempfile.gettempdir()) / "coop_hypothesis")
)

try:
    from hypothesis import HealthCheck, settings
except ImportError:  # only the property-based tests need it (tests/requirements.txt)
    pass
else:
    # No example database in the repository, no deadline nor speed check on a busy machine
    # (a generation slowed by other jobs is not a failure of the code under test).
    settings.register_profile(
        "coop",
        max_examples=60,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    settings.load_profile("coop")
