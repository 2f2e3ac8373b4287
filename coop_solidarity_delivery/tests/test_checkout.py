from odoo.exceptions import ValidationError

from odoo.addons.coop_solidarity_delivery.controllers.main import WebsiteSaleDrive
from odoo.addons.coop_solidarity_delivery.controllers.payment import DrivePaymentPortal
from odoo.addons.website.tools import MockRequest

from .common import DriveCommon


class TestDriveCheckout(DriveCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.controller = WebsiteSaleDrive()

    def _set_slot(self, order, slot_id):
        with MockRequest(self.env, website=self.website, sale_order_id=order.id):
            return self.controller.shop_coop_slot_set(slot_id=slot_id)

    def _payment_errors(self, order):
        with MockRequest(self.env, website=self.website, sale_order_id=order.id):
            return self.controller._get_shop_payment_errors(order)

    def test_the_member_books_a_slot_for_the_cart(self):
        slot = self._create_slot()
        order = self._create_drive_order()
        self.assertEqual(self._set_slot(order, slot.id), {"slot": slot.display_name})
        self.assertEqual(order.coop_slot_id, slot)

    def test_a_tampered_slot_id_is_refused_and_the_cart_kept(self):
        order = self._create_drive_order()
        for tampered in (987654321, "1 OR 1=1", None):
            result = self._set_slot(order, tampered)
            self.assertIn("does not exist", result["error"])
        self.assertFalse(order.coop_slot_id)
        self.assertTrue(order.order_line)

    def test_a_slot_of_another_pickup_method_is_refused(self):
        other_dm = self.in_store_dm.copy({"name": "Other drive"})
        slot = self._create_slot(carrier_id=other_dm.id)
        order = self._create_drive_order()
        self.assertIn("another store", self._set_slot(order, slot.id)["error"])

    def test_a_full_slot_is_refused_at_checkout(self):
        slot = self._create_slot(capacity=1)
        self._create_drive_order(slot).action_confirm()
        order = self._create_drive_order()
        self.assertIn("full", self._set_slot(order, slot.id)["error"])

    def test_payment_is_blocked_until_a_slot_is_chosen(self):
        slot = self._create_slot()
        order = self._create_drive_order()
        errors = self._payment_errors(order)
        self.assertIn("Please choose a pickup slot.", [title for title, _msg in errors])
        order._coop_set_slot(slot)
        self.assertFalse(self._payment_errors(order))

    def test_the_payment_page_offers_the_slots_grouped_by_day(self):
        slot = self._create_slot()
        order = self._create_drive_order()
        with MockRequest(self.env, website=self.website, sale_order_id=order.id):
            values = self.controller._get_shop_payment_values(order)
            days = self.controller._coop_slot_days_values(order)["coop_slot_days"]
        self.assertTrue(values["coop_slot_picker"])
        slots = [entry for day in days for entry in day["slots"]]
        self.assertEqual([entry["id"] for entry in slots], slot.ids)
        self.assertEqual(slots[0]["seats_left"], 2)

    def test_a_slot_filled_before_payment_stops_the_payment_not_the_cart(self):
        slot = self._create_slot(capacity=1)
        order = self._create_drive_order(slot)
        self._create_drive_order(slot).action_confirm()
        transaction = self.env["payment.transaction"]
        with (
            MockRequest(self.env, website=self.website, sale_order_id=order.id),
            self.assertRaisesRegex(ValidationError, "full"),
        ):
            DrivePaymentPortal()._validate_transaction_for_order(transaction, order)
        self.assertEqual(order.state, "draft")
        self.assertTrue(order.order_line)
