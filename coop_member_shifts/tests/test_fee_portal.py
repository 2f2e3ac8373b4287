import re

from odoo.tests import HttpCase, JsonRpcException, tagged
from odoo.tools import mute_logger

from .fee_common import FeeCase


@tagged("post_install", "-at_install")
class TestFeePortal(FeeCase, HttpCase):
    def declare_online(self, **data):
        page = self.url_open("/my/income").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return self.url_open("/my/income/declare", data={"csrf_token": csrf, **data})

    def test_member_sees_their_fee_and_their_own_declarations_only(self):
        self.declare(self.paula, 1234)
        self.declare(self.oscar, 4321)
        self.authenticate(self.portal_user.login, self.portal_user.login)
        page = self.url_open("/my/income").text
        self.assertIn("1,234.00", page)
        self.assertNotIn("4,321", page)
        self.assertIn("o_coop_fee_amount", page)
        self.assertIn("30.00", page)

    def test_member_declares_from_the_portal(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        response = self.declare_online(income="950", household_shares="2")
        self.assertEqual(response.status_code, 200)
        declaration = self.env["coop.income.declaration"].search(
            [("partner_id", "=", self.paula.id)]
        )
        self.assertEqual(declaration.income, 950.0)
        self.assertEqual(declaration.household_shares, 2.0)
        self.assertEqual(declaration.state, "draft")
        self.assertTrue(declaration.activity_ids)
        self.assertIn("a fee officer will check", response.text)

    def test_a_wrong_declaration_is_refused_and_kept_in_the_form(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        response = self.declare_online(income="950", household_shares="0")
        self.assertIn("o_coop_portal_error", response.text)
        self.assertIn('value="950"', response.text)
        self.assertFalse(
            self.env["coop.income.declaration"].search([("partner_id", "=", self.paula.id)])
        )

    def test_visitor_is_sent_to_log_in(self):
        response = self.url_open("/my/income", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    def read_income_over_rpc(self, declaration):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw/coop.income.declaration/read",
            {
                "model": "coop.income.declaration",
                "method": "read",
                "args": [declaration.ids, ["income"]],
                "kwargs": {},
            },
        )

    @mute_logger("odoo.http")
    def test_shift_coordinator_cannot_read_an_income_from_the_web_client(self):
        declaration = self.declare(self.paula, 1234)
        self.authenticate(self.coordinator_user.login, self.coordinator_user.login)
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self.read_income_over_rpc(declaration)

    @mute_logger("odoo.http")
    def test_portal_member_cannot_read_another_income_from_the_web_client(self):
        declaration = self.declare(self.oscar, 4321)
        self.authenticate(self.portal_user.login, self.portal_user.login)
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self.read_income_over_rpc(declaration)

    def test_fee_officer_reads_an_income_from_the_web_client(self):
        declaration = self.declare(self.paula, 1234)
        self.authenticate(self.officer_user.login, self.officer_user.login)
        self.assertEqual(self.read_income_over_rpc(declaration)[0]["income"], 1234.0)
