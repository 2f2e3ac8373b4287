from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.fields import Command

from odoo.addons.coop_solidarity_delivery.controllers.main import WebsiteSaleDrive
from odoo.addons.website.tools import MockRequest

from .common import DriveCommon


class SolidarityCommon(DriveCommon):
    """The solidarity delivery method with a weekly delivery slot rule of the test store."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The to-dos read in the coordinator's language; the demo's speak French.
        cls.env["res.partner"]._coop_delivery_coordinator_user().lang = "en_US"
        cls.solidarity_dm = cls.env.ref("coop_solidarity_delivery.carrier_solidarity_delivery")
        # The click & collect fixtures archive every other method.
        cls.solidarity_dm.write({"active": True, "website_id": False})
        cls.delivery_rule = cls.env["coop.slot.rule"].create(
            {
                "carrier_id": cls.solidarity_dm.id,
                "warehouse_id": cls.warehouse.id,
                "weekday": "4",
                "start_hour": 10.0,
                "end_hour": 12.0,
                "capacity": 2,
                "tz": "Europe/Paris",
            }
        )
        cls.partner.write({"coop_data_consent": True, "coop_is_beneficiary": True, "zip": "1000"})

    @classmethod
    def _create_delivery_slot(cls, hours_ahead=48, capacity=2):
        return cls._create_slot(
            hours_ahead=hours_ahead,
            capacity=capacity,
            rule_id=cls.delivery_rule.id,
            carrier_id=cls.solidarity_dm.id,
        )

    def _create_solidarity_order(self, slot=None, partner=None):
        order = self._create_in_store_delivery_order(
            partner_id=(partner or self.partner).id,
            warehouse_id=self.warehouse.id,
            carrier_id=self.solidarity_dm.id,
            order_line=[Command.create({"product_id": self.storable_product.id})],
        )
        if slot:
            order._coop_set_slot(slot)
        return order


class TestSolidarityCheckout(SolidarityCommon):
    def test_the_method_is_offered_to_eligible_members_only(self):
        order = self._create_solidarity_order()
        self.assertIn(self.solidarity_dm, order._get_delivery_methods())
        other = self.partner.copy({"coop_is_beneficiary": False})
        order.partner_id = order.partner_shipping_id = other
        self.assertNotIn(self.solidarity_dm, order._get_delivery_methods())
        self.assertIn(self.in_store_dm, order._get_delivery_methods())

    def test_the_payment_page_asks_for_a_delivery_slot(self):
        slot = self._create_delivery_slot()
        order = self._create_solidarity_order()
        controller = WebsiteSaleDrive()
        with MockRequest(self.env, website=self.website, sale_order_id=order.id):
            values = controller._get_shop_payment_values(order)
            errors = controller._get_shop_payment_errors(order)
            days = controller._coop_slot_days_values(order)["coop_slot_days"]
        self.assertTrue(values["coop_slot_is_delivery"])
        offered = [entry["id"] for day in days for entry in day["slots"]]
        self.assertIn(slot.id, offered)
        self.assertIn("Please choose a delivery slot.", [title for title, _msg in errors])

    def test_a_confirmed_order_becomes_a_request_on_its_slot(self):
        slot = self._create_delivery_slot()
        order = self._create_solidarity_order(slot)
        order.action_confirm()
        request = order.coop_delivery_request_ids
        self.assertEqual(len(request), 1)
        self.assertRecordValues(
            request,
            [
                {
                    "beneficiary_id": self.partner.id,
                    "channel": "website",
                    "slot_id": slot.id,
                    "delivery_date": slot._local_start().date(),
                    "state": "new",
                }
            ],
        )
        self.assertEqual(slot.booked_count, 1, "the order and its request take one seat")

    def test_confirming_twice_makes_one_request(self):
        order = self._create_solidarity_order(self._create_delivery_slot())
        order.action_confirm()
        order._coop_create_delivery_requests()
        self.assertEqual(len(order.coop_delivery_request_ids), 1)

    def test_an_order_of_a_member_no_longer_eligible_is_kept_and_flagged(self):
        order = self._create_solidarity_order(self._create_delivery_slot())
        self.partner.coop_is_beneficiary = False
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.coop_delivery_request_ids)
        self.assertIn("not eligible", order.activity_ids.note)

    def test_a_solidarity_order_is_not_treated_as_a_pickup(self):
        with freeze_time("2026-11-01 08:00:00"):
            slot = self._create_delivery_slot()
            start = datetime(2026, 11, 3, 10)
            slot.write({"start": start, "end": start.replace(hour=12), "cutoff": start})
            order = self._create_solidarity_order(slot)
            order.action_confirm()
        drive_email = self.env.ref("coop_solidarity_delivery.mail_template_drive_confirmation")
        self.assertNotEqual(order._get_confirmation_template(), drive_email)
        self.assertFalse(order.coop_slot_changeable, "its slot is its request's")
        with freeze_time("2026-11-02 09:00:00"):
            self.env["sale.order"]._cron_send_drive_reminders()
        self.assertFalse(order.coop_reminder_sent)

    def test_a_drive_order_makes_no_request(self):
        order = self._create_drive_order(self._create_slot())
        order.action_confirm()
        self.assertFalse(order.coop_delivery_request_ids)


class TestDeliverySlots(SolidarityCommon):
    def test_a_request_by_phone_takes_a_seat_and_a_full_slot_is_refused(self):
        slot = self._create_delivery_slot(capacity=1)
        request = self.env["coop.delivery.request"].create(
            {"beneficiary_id": self.partner.id, "slot_id": slot.id, "shopping_list": "Bread"}
        )
        self.assertEqual(request.delivery_date, slot._local_start().date())
        self.assertEqual(slot.booked_count, 1)
        with self.assertRaisesRegex(ValidationError, "full"):
            self.env["coop.delivery.request"].create(
                {"beneficiary_id": self.partner.id, "slot_id": slot.id, "shopping_list": "Rice"}
            )

    def test_the_board_lists_the_requests_of_a_delivery_slot(self):
        slot = self._create_delivery_slot()
        request = self.env["coop.delivery.request"].create(
            {"beneficiary_id": self.partner.id, "slot_id": slot.id, "shopping_list": "Rice"}
        )
        self.assertTrue(slot.is_delivery)
        action = slot.action_view_delivery_requests()
        self.assertEqual(self.env["coop.delivery.request"].search(action["domain"]), request)

    def test_a_cancelled_request_frees_its_seat(self):
        slot = self._create_delivery_slot(capacity=1)
        request = self.env["coop.delivery.request"].create(
            {"beneficiary_id": self.partner.id, "slot_id": slot.id, "shopping_list": "Rice"}
        )
        request.action_cancel()
        slot.invalidate_recordset(["booked_count"])
        self.assertEqual(slot.booked_count, 0)
        self.env["coop.delivery.request"].create(
            {"beneficiary_id": self.partner.id, "slot_id": slot.id, "shopping_list": "Rice"}
        )

    def test_a_request_for_a_slot_already_started_is_refused(self):
        slot = self._create_delivery_slot()
        slot.write(
            {
                "start": fields.Datetime.now() - timedelta(hours=1),
                "cutoff": fields.Datetime.now() - timedelta(hours=2),
            }
        )
        with self.assertRaisesRegex(ValidationError, "already started"):
            self.env["coop.delivery.request"].create(
                {"beneficiary_id": self.partner.id, "slot_id": slot.id, "shopping_list": "Rice"}
            )

    def test_a_drive_slot_is_no_delivery_slot(self):
        with self.assertRaisesRegex(ValidationError, "not a solidarity delivery slot"):
            self.env["coop.delivery.request"].create(
                {
                    "beneficiary_id": self.partner.id,
                    "slot_id": self._create_slot().id,
                    "shopping_list": "Rice",
                }
            )

    def test_slot_rules_take_pickup_or_solidarity_methods_only(self):
        home_delivery = self.solidarity_dm.copy({"coop_solidarity": False, "name": "Courier"})
        with self.assertRaisesRegex(ValidationError, "pick-up in store method or"):
            self.delivery_rule.copy({"carrier_id": home_delivery.id})

    def test_the_call_centre_takes_a_request_on_a_slot(self):
        slot = self._create_delivery_slot()
        intake = self.env["coop.delivery.intake"].create(
            {"partner_id": self.partner.id, "slot_id": slot.id, "shopping_list": "Soup"}
        )
        result = intake.action_create_request()
        request = self.env["coop.delivery.request"].browse(result["res_id"])
        self.assertEqual(request.slot_id, slot)
        self.assertEqual(request.delivery_date, slot._local_start().date())
