"""Read what a visitor typed in a web form: numbers, record ids and texts.

Every function returns ``None`` for a value it cannot take as it is, so that the controller
shows a form error instead of storing it (or failing with an HTTP 500). Pure Python, no Odoo.
"""

import math
import re

# The largest id a PostgreSQL ``integer`` column holds.
MAX_ID = 2**31 - 1
_ID_RE = re.compile(r"[0-9]{1,10}")
# A link's key: ``secrets.token_urlsafe`` or a UUID, as Odoo makes them.
_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{1,128}")


def parse_number(value, minimum=None, maximum=None):
    """The finite number typed in ``value`` (a comma may be the decimal point), within
    ``[minimum, maximum]`` when they are given; otherwise ``None``."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        return None
    if not math.isfinite(number):
        return None
    if minimum is not None and number < minimum:
        return None
    if maximum is not None and number > maximum:
        return None
    return number


def parse_id(value):
    """The record id in ``value`` (a positive integer a database id can be), or ``None``.

    ``value`` is a form's text or a JSON number: ``"12"``, ``12`` and ``12.0`` give 12;
    ``"-1"``, ``"1e3"``, ``1.5``, ``nan``, ``inf`` and anything past ``MAX_ID`` give ``None``.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        if not _ID_RE.fullmatch(text):
            return None
        number = int(text)
    return number if 0 < number <= MAX_ID else None


def parse_token(value):
    """``value`` when it can be a link's key (letters, digits, ``-`` and ``_``), or ``None``:
    a forged key with a NUL or non-ASCII character is refused before any query."""
    if not isinstance(value, str) or not _TOKEN_RE.fullmatch(value):
        return None
    return value


def clean_text(value, max_length):
    """``value`` stripped of surrounding spaces and NUL characters (PostgreSQL refuses them),
    or ``None`` when it is longer than ``max_length``."""
    text = str(value or "").replace("\x00", "").strip()
    return text if len(text) <= max_length else None
