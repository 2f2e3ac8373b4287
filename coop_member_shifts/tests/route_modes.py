"""Which routes a read replica may serve, and the proof that they run there.

Odoo 18 opens the cursor of a route declared ``readonly=True`` on the read replica
(``--db_replica_host``). A write on it raises ``ReadOnlySqlTransaction``, and Odoo runs the
whole route again on the primary ('ro->rw' in ``odoo.http.Request._transactioning``), logging
a warning: twice the work, on the busiest pages. In tests, the cursor of such a route is
read-only too (Odoo's test cursor runs ``SET TRANSACTION READ ONLY``), as on a replica.

Each addon's ``test_route_modes`` holds the table of its routes' modes (a new route that
declares none, or differs from the table, fails) and calls every read-only route over HTTP,
as the user it is for, through ``cursor_modes``: each must run once, on a read-only cursor.
"""

import contextlib
import json as jsonlib
import threading
from unittest.mock import patch

import odoo
from odoo import http


def addon_routes(env, addon):
    """``{url pattern: endpoint}`` of the routes whose code is in ``addon``: its own routes
    and its overrides of other modules' routes (the endpoint that answers)."""
    ir_http = env["ir.http"]
    modules = sorted(set(env.registry._init_modules) | set(odoo.conf.server_wide_modules))
    prefix = f"odoo.addons.{addon}."
    return {
        url: endpoint
        for url, endpoint in ir_http._generate_routing_rules(
            modules, converters=ir_http._get_converters()
        )
        if endpoint.__module__.startswith(prefix)
    }


@contextlib.contextmanager
def cursor_modes():
    """Record each dispatch to a route while the block runs: a list of dicts with the path,
    Odoo's cursor mode ('ro', 'ro->rw' for the retry after a write, 'rw'), whether the
    cursor was read-only, and the error that ended the attempt, if any."""
    seen = []
    serve = http.Request._serve_ir_http

    def spy(request, rule, args):
        entry = {
            "path": request.httprequest.path,
            "mode": getattr(threading.current_thread(), "cursor_mode", None),
            "readonly": bool(request.env.cr.readonly),
            "error": None,
        }
        seen.append(entry)
        try:
            return serve(request, rule, args)
        except Exception as exc:
            entry["error"] = type(exc).__name__
            raise

    with patch.object(http.Request, "_serve_ir_http", spy):
        yield seen


class RouteModesMixin:
    """For a ``TransactionCase``: the routes of ``ADDON`` and their modes, against ``MODES``
    (``{url pattern: True for read-only, False for read/write}``)."""

    ADDON = None
    MODES = {}
    # Routes the addon overrides that another module may override again (a test helper of
    # Odoo's, imported by the tests): when it does, the route answers from there.
    MAY_BE_OVERRIDDEN = frozenset()
    # Odoo's loader runs only the test methods a class defines itself, unless told otherwise.
    allow_inherited_tests_method = True

    def test_every_route_declares_its_mode(self):
        routes = addon_routes(self.env, self.ADDON)
        self.assertTrue(routes, f"no route found for {self.ADDON}")
        undeclared = sorted(
            url for url, endpoint in routes.items() if "readonly" not in endpoint.original_routing
        )
        self.assertFalse(
            undeclared, "these routes must say readonly=True or readonly=False in their @route"
        )
        self.assertFalse(
            sorted(set(routes) - set(self.MODES)),
            "routes missing from the MODES table of the test: say whether each only reads",
        )
        self.assertFalse(
            sorted(set(self.MODES) - set(routes) - self.MAY_BE_OVERRIDDEN),
            "MODES names routes that no longer exist",
        )
        wrong = {
            url: endpoint.routing["readonly"]
            for url, endpoint in routes.items()
            if endpoint.routing["readonly"] is not self.MODES[url]
        }
        self.assertFalse(wrong, "routes whose mode differs from the MODES table")

    def test_a_read_only_route_answers_a_get(self):
        """A route that only reads is a page or a file: declared read-only for a POST alone,
        it would be a form that writes nothing, or a mistake."""
        routes = addon_routes(self.env, self.ADDON)
        post_only = sorted(
            url
            for url, endpoint in routes.items()
            if endpoint.routing["readonly"] is True
            and endpoint.routing.get("type") == "http"
            and (endpoint.routing.get("methods") or ["GET"]) == ["POST"]
        )
        self.assertFalse(post_only)


class ReadOnlyWalkMixin:
    """For an ``HttpCase``: call read-only routes and check that each ran once, on a
    read-only cursor, with no fallback to read/write."""

    def assertRunsReadOnly(self, url, login=None, status=200, json=None):
        """GET ``url`` (or POST ``json`` to a JSON route) as ``login`` (a visitor when
        None; the password is the login)."""
        self.authenticate(login, login)
        with cursor_modes() as seen:
            if json is None:
                response = self.url_open(url, allow_redirects=False)
            else:
                response = self.url_open(
                    url,
                    data=jsonlib.dumps({"jsonrpc": "2.0", "params": json}),
                    headers={"Content-Type": "application/json"},
                )
        self.assertEqual(response.status_code, status, f"{url} as {login or 'a visitor'}")
        attempts = [(entry["mode"], entry["readonly"], entry["error"]) for entry in seen]
        self.assertEqual(
            attempts,
            [("ro", True, None)],
            f"{url} as {login or 'a visitor'} must run once on a read-only cursor",
        )
        return response

    def assertWalked(self, walked, modes):
        """Every read-only route of ``modes`` is in ``walked`` (url patterns)."""
        read_only = {url for url, readonly in modes.items() if readonly}
        self.assertFalse(sorted(read_only - set(walked)), "read-only routes the walk misses")
