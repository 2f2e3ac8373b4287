from odoo.exceptions import ValidationError

from odoo.addons.coop_solidarity_delivery.controllers.main import WebsiteSaleDrive
from odoo.addons.coop_solidarity_delivery.controllers.payment import DrivePaymentPortal
from odoo.addons.website.tools import MockRequest

from .common import DriveCommon


class TestCheckoutClicks(DriveCommon):
    """A pickup checkout asks the member only what is theirs to choose, when it is needed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.controller = WebsiteSaleDrive()
        cls.slot = cls._create_slot()

    def _payment_values(self, order):
        with MockRequest(self.env, website=self.website, sale_order_id=order.id):
            return self.controller._get_shop_payment_values(order)

    def test_the_payment_page_shows_no_slot_error_before_the_member_acts(self):
        order = self._create_drive_order()
        values = self._payment_values(order)
        self.assertFalse(values["errors"])
        self.assertEqual(values["coop_slot_missing"][0], "Please choose a pickup slot.")
        self.assertTrue(values["coop_slot_picker"])

    def test_a_payment_without_a_slot_is_still_refused(self):
        order = self._create_drive_order()
        with (
            MockRequest(self.env, website=self.website, sale_order_id=order.id),
            self.assertRaisesRegex(ValidationError, "choose a pickup slot"),
        ):
            DrivePaymentPortal()._validate_transaction_for_order(
                self.env["payment.transaction"], order
            )
        self.assertEqual(order.state, "draft")

    def test_a_free_cart_without_a_slot_still_shows_why_it_cannot_be_confirmed(self):
        order = self._create_drive_order()
        order.order_line.price_unit = 0.0
        titles = [title for title, _msg in self._payment_values(order)["errors"]]
        self.assertIn("Please choose a pickup slot.", titles)

    def test_the_only_store_of_the_pickup_method_is_chosen_for_the_member(self):
        order = self._create_in_store_delivery_order()
        order.set_delivery_line(self.in_store_dm, 0.0)
        self.assertEqual(order.pickup_location_data["id"], self.warehouse.id)
        self.assertEqual(order.warehouse_id, self.warehouse)

    def test_the_member_chooses_the_store_when_there_are_several(self):
        other = self.env["stock.warehouse"].create({"name": "Second store", "code": "SEC"})
        self.in_store_dm.warehouse_ids |= other
        order = self._create_in_store_delivery_order()
        order.set_delivery_line(self.in_store_dm, 0.0)
        self.assertFalse(order.pickup_location_data)
