"""A sample of the access matrix over JSON-RPC, as the web client calls the server."""

from odoo import fields
from odoo.tests import HttpCase, JsonRpcException, tagged
from odoo.tools import mute_logger

from .fee_common import FeeCase


@tagged("post_install", "-at_install")
class TestAccessMatrixHttp(FeeCase, HttpCase):
    """The same rights over JSON-RPC, as the web client calls the server."""

    def call_kw(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    @mute_logger("odoo.http")
    def test_shop_staff_search_read_on_incomes_gets_an_access_error(self):
        self.declare(self.paula, 1260)
        self.authenticate(self.staff_user.login, self.staff_user.login)
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self.call_kw("coop.income.declaration", "search_read", [], fields=["income"])

    @mute_logger("odoo.http")
    def test_shop_staff_search_read_on_health_reasons_gets_an_access_error(self):
        today = fields.Date.today()
        self.env["coop.exemption"].create(
            {"partner_id": self.paula.id, "date_from": today, "date_to": today}
        )
        self.authenticate(self.staff_user.login, self.staff_user.login)
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self.call_kw("coop.exemption", "search_read", [], fields=["reason", "note"])
        rows = self.call_kw("coop.exemption", "search_read", [], fields=["date_from", "may_shop"])
        self.assertTrue(rows)

    @mute_logger("odoo.http")
    def test_a_fee_officer_cannot_read_erasure_requests_over_rpc(self):
        self.env["coop.erasure.request"].create({"partner_id": self.paula.id})
        self.authenticate(self.officer_user.login, self.officer_user.login)
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self.call_kw("coop.erasure.request", "search_read", [], fields=["partner_id"])

    def test_the_fee_officer_reads_incomes_over_rpc(self):
        self.declare(self.paula, 1260)
        self.authenticate(self.officer_user.login, self.officer_user.login)
        rows = self.call_kw(
            "coop.income.declaration",
            "search_read",
            [("partner_id", "=", self.paula.id)],
            fields=["income"],
        )
        self.assertEqual([row["income"] for row in rows], [1260.0])
