import json

from odoo.tests import tagged

from .common import DeliveryCase
from .test_standing_order import StandingOrderCommon

POINT = (50.85, 4.35)


@tagged("post_install", "-at_install")
class TestErasureDelivery(StandingOrderCommon, DeliveryCase):
    """An erasure stops the member's standing orders, cancels their pending delivery requests
    (a beneficiary with a request ahead can be erased), and the export holds orders and
    standing orders with times in the member's timezone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member.write(
            {
                "coop_is_beneficiary": True,
                "coop_data_consent": True,
                "coop_geo_state": "done",
                "partner_latitude": POINT[0],
                "partner_longitude": POINT[1],
            }
        )
        cls.request = cls.make_request(cls.member)
        cls.env["coop.standing.order"]._cron_make_week_orders()
        cls.week_order = cls.standing.order_ids

    def erase(self):
        erasure = self.env["coop.erasure.request"].create({"partner_id": self.member.id})
        erasure.action_carry_out()
        self.env.flush_all()
        return erasure

    def test_a_beneficiary_with_a_request_ahead_is_erased(self):
        self.erase()
        self.assertTrue(self.member.coop_anonymised)
        self.assertEqual(self.request.state, "cancelled")
        self.assertFalse(self.request.shopping_list)

    def test_the_standing_order_stops_and_its_unpaid_order_is_cancelled(self):
        self.assertEqual(self.week_order.state, "sale")
        self.erase()
        self.assertEqual(self.standing.state, "stopped")
        self.assertEqual(self.week_order.state, "cancel")
        self.run_cron()
        self.assertEqual(len(self.standing.order_ids), 1, "no new order in an anonymous name")

    def test_nothing_is_left_in_the_old_name(self):
        self.erase()
        partners = self.env["res.partner"].with_context(active_test=False)
        self.assertFalse(partners.search([("name", "ilike", "Sam Standing")]))
        for record in (self.standing, self.request, self.week_order):
            with self.subTest(record=record._name):
                self.assertNotIn("Sam Standing", record.display_name)
        self.assertFalse(self.env["mail.message"].search([("body", "ilike", "Sam Standing")]))

    def test_the_export_holds_orders_and_standing_orders_in_local_time(self):
        self.member.tz = "Europe/Brussels"
        data = json.loads(self.member._coop_data_export_json())
        self.assertEqual(data["timezone"], "Europe/Brussels")
        order = next(row for row in data["orders"] if row["name"] == self.week_order.name)
        self.assertTrue(order["lines"])
        self.assertIn("Standing Lentils", " ".join(line["name"] for line in order["lines"]))
        self.assertRegex(order["date_order"], r"\+0[12]:00$")
        self.assertEqual(len(data["standing_orders"]), 1)
        self.assertEqual(data["standing_orders"][0]["state"], "active")
        self.assertEqual(len(data["standing_orders"][0]["lines"]), 2)
        self.assertEqual(len(data["delivery_requests"]), 1)
