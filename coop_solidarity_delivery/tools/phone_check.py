"""A phone number a visitor typed: the plain check done before Odoo's ``phone_validation``.

``phone_validation`` formats and checks numbers only when the ``phonenumbers`` library is
installed; without it, any text passes. This check always runs: digits with the usual
separators, an optional leading ``+`` (or ``00``), and as many digits as a number can have
(E.164: at most 15). Pure Python, no Odoo.
"""

import re

MIN_DIGITS = 8
MAX_DIGITS = 15
_ALLOWED_RE = re.compile(r"\+?[0-9 ./()-]+")


def plain_phone(text):
    """The number in ``text`` with its separators removed (``+3224001122``), or ``None``
    when it cannot be a phone number."""
    text = (text or "").strip()
    if not _ALLOWED_RE.fullmatch(text):
        return None
    digits = re.sub(r"[^0-9]", "", text)
    prefix = "+" if text.startswith("+") else ""
    if not prefix and digits.startswith("00"):
        prefix, digits = "+", digits[2:]
    if not MIN_DIGITS <= len(digits) <= MAX_DIGITS:
        return None
    return prefix + digits
