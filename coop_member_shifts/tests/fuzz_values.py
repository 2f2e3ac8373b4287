"""Bad values for the route fuzz tables of both addons, and the checks of each answer."""

import json
from urllib.parse import urlencode

from odoo import http

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
UNESCAPED = ("<script>alert(1)", "<img src=x onerror")
HUGE = str(10**30)
LONG = "x" * 100_000
NUL = "a\x00b"
NOT_UTF8 = b"caf\xe9 \xff\xfe"
ODD = "\u202eevil\ufeff e\u0301 \U0001f600"

NUMBERS = ("", "-1", "nan", "inf", "-inf", "1e308", HUGE, SCRIPT, NUL)
TEXTS = (LONG, SCRIPT, IMG, NUL, NOT_UTF8, ODD)
DATES = ("-1", "nan", "inf", "1e308", HUGE, SCRIPT, NUL, NOT_UTF8, "2026-02-30", "99999-01-01")
PATH_IDS = ("0", HUGE, str(2**31), str(2**63))
# A query string longer than the HTTP server's 64 KiB request line gets a 414 before Odoo.
REFLECTED = (SCRIPT, IMG, NUL, NOT_UTF8, LONG[:8000])
# What a JSON body can carry that a form cannot.
JSON_IDS = (None, -1, 0, 1.5, "nan", float("nan"), float("inf"), float("-inf"), 1e308, 10**30)
JSON_IDS += (2**31, SCRIPT, NUL, [1], {"id": 1}, True)


def label(value):
    text = repr(value)
    return text if len(text) < 40 else f"{text[:30]}... ({len(value)} chars)"


class RouteFuzzMixin:
    """Send requests as the logged-in user of an ``HttpCase`` and check each answer."""

    def login(self, user=None):
        self.authenticate(user and user.login, user and user.login)

    def get(self, url, **query):
        return self.url_open(f"{url}?{urlencode(query)}" if query else url, timeout=60)

    def post(self, url, **data):
        data = {"csrf_token": http.Request.csrf_token(self), **data}
        return self.url_open(url, data=data, timeout=60)

    def jsonrpc(self, url, **params):
        body = {"id": 0, "jsonrpc": "2.0", "method": "call", "params": params}
        headers = {"Content-Type": "application/json"}
        return self.url_open(url, data=json.dumps(body).encode(), headers=headers, timeout=60)

    def assertSafeAnswer(self, response):
        """Not a 500 (nor, from a JSON route, an error other than a clear Odoo one), and no
        script sent back unescaped."""
        self.assertLess(response.status_code, 500, "an HTTP 500 (traceback) for a bad value")
        for raw in UNESCAPED:
            self.assertNotIn(raw, response.text, "a script sent back unescaped")
        if response.headers.get("Content-Type", "").startswith("application/json"):
            error = response.json().get("error") or {"data": {"name": "odoo.exceptions."}}
            self.assertTrue(
                error["data"]["name"].startswith("odoo.exceptions."),
                f"a server error for a bad value: {error['data'].get('message')}",
            )

    def fuzz(self, send, values, stored, may_store=None):
        """Send each value; ``stored()`` gives the records written so far: they must stay
        the same, unless ``may_store(new records)`` accepts the new ones."""
        for value in values:
            with self.subTest(value=label(value)):
                before = stored()
                response = send(value)
                self.assertSafeAnswer(response)
                new = stored() - before
                if new and may_store:
                    self.assertTrue(may_store(new), f"stored wrongly: {new.ids}")
                else:
                    self.assertFalse(new, "a record was stored for a bad value")
