from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.coop_solidarity_delivery.controllers.main import WebsiteSaleDrive
from odoo.addons.coop_solidarity_delivery.controllers.payment import DrivePaymentPortal
from odoo.addons.website.tools import MockRequest

from .test_solidarity_checkout import SolidarityCommon


@tagged("post_install", "-at_install")
class TestCheckoutEligibility(SolidarityCommon):
    """A member not eligible for the solidarity delivery is stopped at every step of the
    checkout, whatever route they call by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outsider = cls.partner.copy({"name": "Not Eligible", "coop_is_beneficiary": False})

    def _forged_order(self, slot=None):
        """A cart already on the solidarity delivery (set by a forged write), of a member
        not eligible."""
        order = self._create_solidarity_order(slot)
        order.write({"partner_id": self.outsider.id, "partner_shipping_id": self.outsider.id})
        return order

    def test_the_solidarity_method_is_not_set_for_a_member_not_eligible(self):
        order = self._create_drive_order(partner_id=self.outsider.id)
        with self.assertRaisesRegex(UserError, "eligibility"):
            order._set_delivery_method(self.solidarity_dm)

    def test_an_eligible_member_sets_the_solidarity_method(self):
        order = self._create_drive_order()
        order._set_delivery_method(self.solidarity_dm)
        self.assertEqual(order.carrier_id, self.solidarity_dm)

    def test_a_delivery_slot_is_not_set_for_a_member_not_eligible(self):
        slot = self._create_delivery_slot()
        order = self._forged_order()
        with MockRequest(self.env, website=self.website, sale_order_id=order.id):
            result = WebsiteSaleDrive().shop_coop_slot_set(slot_id=slot.id)
        self.assertIn("eligibility", result["error"])
        self.assertFalse(order.coop_slot_id)

    def test_no_payment_starts_for_a_member_not_eligible(self):
        order = self._forged_order()
        with self.assertRaisesRegex(ValidationError, "eligibility"):
            order._check_cart_is_ready_to_be_paid()

    def test_the_transaction_is_refused_for_a_member_not_eligible(self):
        order = self._forged_order(self._create_delivery_slot())
        with (
            MockRequest(self.env, website=self.website, sale_order_id=order.id),
            self.assertRaisesRegex(ValidationError, "eligibility"),
        ):
            DrivePaymentPortal()._validate_transaction_for_order(
                self.env["payment.transaction"], order
            )

    def test_the_payment_page_and_free_confirmation_are_blocked(self):
        order = self._forged_order(self._create_delivery_slot())
        with MockRequest(self.env, website=self.website, sale_order_id=order.id):
            errors = WebsiteSaleDrive()._get_shop_payment_errors(order)
        self.assertIn("Please choose another delivery method.", [title for title, _m in errors])
        self.assertEqual(order.state, "draft")


@tagged("post_install", "-at_install")
class TestCheckoutEligibilityRoute(HttpCase, SolidarityCommon):
    def test_the_json_route_refuses_the_method_and_keeps_the_cart(self):
        user = new_test_user(self.env, login="coop_not_eligible", groups="base.group_portal")
        order = self._create_drive_order(partner_id=user.partner_id.id)
        self.authenticate(user.login, user.login)
        with (
            mute_logger("odoo.http"),
            self.assertRaisesRegex(JsonRpcException, "odoo.exceptions.UserError"),
        ):
            self.make_jsonrpc_request(
                "/shop/set_delivery_method", {"dm_id": str(self.solidarity_dm.id)}
            )
        order.invalidate_recordset()
        self.assertEqual(order.carrier_id, self.in_store_dm)
        self.assertTrue(order.order_line)
