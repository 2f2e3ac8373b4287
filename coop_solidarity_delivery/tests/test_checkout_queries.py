from odoo.addons.coop_solidarity_delivery.controllers.main import WebsiteSaleDrive
from odoo.addons.website.tools import MockRequest

from .common import DriveCommon

# The payment page values of a drive cart, for a store with a week of slots.
CHECKOUT_WITH_SLOT_PICKER_QUERIES = 42
# What the slot picker adds to the same page for a cart picked up without slots.
SLOT_PICKER_EXTRA_QUERIES = 8


class TestCheckoutQueries(DriveCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.controller = WebsiteSaleDrive()
        cls.slots = cls.env["coop.slot"]
        for hours in (24, 48, 72, 96, 120, 144):
            cls.slots |= cls._create_slot(hours_ahead=hours, capacity=20)

    def _payment_values(self, order):
        self.env.invalidate_all()
        with MockRequest(self.env, website=self.website, sale_order_id=order.id):
            return self.controller._get_shop_payment_values(order)

    def _count_queries(self, order):
        """Queries of the payment page values, once the caches of a first call are warm."""
        self._payment_values(order)
        self.env.flush_all()
        before = self.cr.sql_log_count
        self._payment_values(order)
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_checkout_with_the_slot_picker_stays_within_its_query_budget(self):
        """A week of slots, each with confirmed orders: a fixed number of queries."""
        for slot in self.slots:
            for _index in range(3):
                self._create_drive_order(slot).action_confirm()
        order = self._create_drive_order(self.slots[1])
        self._payment_values(order)  # warm the caches that the confirmations cleared
        with self.assertQueryCount(CHECKOUT_WITH_SLOT_PICKER_QUERIES):
            values = self._payment_values(order)
        slots = [entry for day in values["coop_slot_days"] for entry in day["slots"]]
        self.assertEqual([entry["id"] for entry in slots], self.slots.ids)
        self.assertEqual({entry["seats_left"] for entry in slots}, {17})

    def test_the_slot_picker_adds_few_queries_to_the_checkout(self):
        """The same click & collect cart, with and without slot rules for its store."""
        any_time = self.in_store_dm.copy({"name": "Pick up any time", "is_published": True})
        any_time.warehouse_ids = self.in_store_dm.warehouse_ids
        plain = self._create_in_store_delivery_order(carrier_id=any_time.id)
        drive = self._create_drive_order(self.slots[1])
        self.assertNotIn("coop_slot_days", self._payment_values(plain))
        self.assertIn("coop_slot_days", self._payment_values(drive))
        plain_queries = self._count_queries(plain)
        with self.assertQueryCount(plain_queries + SLOT_PICKER_EXTRA_QUERIES):
            self._payment_values(drive)
