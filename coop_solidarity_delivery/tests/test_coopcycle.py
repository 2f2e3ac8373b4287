"""Courier delivery through CoopCycle, against a CoopCycle stub on loopback."""

from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import GRAND_PLACE, DeliveryCase, DriveCommon
from .coopcycle_stub import CoopCycleStub


class CourierCommon(DriveCommon, DeliveryCase):
    """A courier method pointing to the stub, with a weekly slot rule of the test store."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The to-dos read in the coordinator's language; the demo's speak French.
        cls.env["res.partner"]._coop_delivery_coordinator_user().lang = "en_US"
        cls.stub = CoopCycleStub()
        cls.stub.__enter__()
        cls.addClassCleanup(cls.stub.__exit__)
        product = cls.env["product.product"].create(
            {"name": "Courier", "type": "service", "list_price": 5.0, "sale_ok": False}
        )
        cls.courier = cls.env["delivery.carrier"].create(
            {
                "name": "Bike courier",
                "delivery_type": "coopcycle",
                "product_id": product.id,
                "fixed_price": 5.0,
                "coopcycle_url": cls.stub.url,
                "coopcycle_client_id": "coop-client",
                "coopcycle_client_secret": "coop-secret",
                "coopcycle_webhook_secret": "hook-secret",
            }
        )
        cls.courier_rule = cls.env["coop.slot.rule"].create(
            {
                "carrier_id": cls.courier.id,
                "warehouse_id": cls.warehouse.id,
                "weekday": "2",
                "start_hour": 10.0,
                "end_hour": 12.0,
                "tz": "Europe/Paris",
            }
        )
        cls.warehouse.partner_id.write(
            {"street": "Rue Royale 1", "zip": "45000", "city": "Orléans"}
        )
        cls.partner.write(
            {
                "street": "Rue du Midi 1",
                "zip": "45000",
                "city": "Orléans",
                "phone": "+33 2 38 00 00 01",
            }
        )

    def setUp(self):
        super().setUp()
        self.stub.mode = "ok"
        self.stub.requests.clear()
        self.stub.deliveries.clear()
        self.stub.count = 0

    def courier_slot(self, hours_ahead=50):
        return self._create_slot(
            hours_ahead=hours_ahead, rule_id=self.courier_rule.id, carrier_id=self.courier.id
        )

    def courier_order(self, consent=True, hours_ahead=50):
        """A courier order of the test member on a slot of its own, ``hours_ahead`` from now
        (two orders of one test need two different hours: a rule has one slot a start)."""
        order = self._create_in_store_delivery_order(
            partner_id=self.partner.id,
            warehouse_id=self.warehouse.id,
            carrier_id=self.courier.id,
            order_line=[Command.create({"product_id": self.storable_product.id})],
            coop_courier_consent=consent,
        )
        order._coop_set_slot(self.courier_slot(hours_ahead))
        return order

    def confirm(self, order):
        """Confirm ``order`` and run the job that sends the queued orders to CoopCycle."""
        order.action_confirm()
        self.send_queued()

    def send_queued(self):
        self.env["sale.order"]._cron_coop_courier_send()

    def send_until_handed_over(self, order):
        """Try again, each time its turn comes, until a person is asked to look."""
        for _attempt in range(3):
            if order.coop_courier_state != "queued":
                break
            order.coop_courier_next_try = fields.Datetime.now() - timedelta(seconds=1)
            self.send_queued()

    def failure_activity(self, order):
        return order.activity_ids.filtered(lambda a: a.summary.startswith("Courier delivery"))


@tagged("post_install", "-at_install")
class TestCoopCycleDelivery(CourierCommon):
    def test_a_confirmed_order_creates_a_delivery_and_keeps_its_id_and_link(self):
        order = self.courier_order()
        self.confirm(order)
        self.assertEqual(
            self.stub.paths(), ["/oauth2/token", "GET /api/deliveries", "/api/deliveries"]
        )
        self.assertEqual(order.coop_courier_state, "sent")
        self.assertEqual(order.coop_courier_ref, "/api/deliveries/%s" % order.coop_courier_id)
        self.assertIn("/public/d/track", order.coop_courier_tracking_url)

    def test_the_delivery_goes_from_the_store_to_the_member_in_the_slot(self):
        order = self.courier_order()
        self.confirm(order)
        body = self.stub.requests[-1][1]
        self.assertIn("Rue Royale 1", body["pickup"]["address"])
        self.assertIn("Rue du Midi 1", body["dropoff"]["address"])
        self.assertEqual(body["dropoff"]["telephone"], "+33 2 38 00 00 01")
        self.assertEqual(body["dropoff"]["contactName"], self.partner.name)
        self.assertEqual(body["dropoff"]["comments"], order.name)
        self.assertEqual(body["dropoff"]["after"], order.coop_slot_id.start.isoformat() + "Z")
        self.assertEqual(body["dropoff"]["before"], order.coop_slot_id.end.isoformat() + "Z")
        self.assertEqual(body["metadata"]["coop_order_key"], order.coop_courier_key)
        self.assertIn(order.name, order.coop_courier_key)

    def test_without_the_members_consent_nothing_is_sent_and_the_order_is_kept(self):
        order = self.courier_order(consent=False)
        self.confirm(order)
        self.assertEqual(order.state, "sale")
        self.assertNotIn("/api/deliveries", self.stub.paths())
        self.assertEqual(order.coop_courier_state, "to_retry")
        self.assertTrue(self.failure_activity(order))

    def test_choosing_the_method_on_the_web_shop_is_the_members_consent(self):
        order = self.courier_order(consent=False)
        order._set_delivery_method(self.courier)
        self.assertTrue(order.coop_courier_consent)

    def test_courier_slots_come_from_slot_rules_like_the_drive(self):
        order = self.courier_order()
        self.assertTrue(order._coop_needs_slot())
        self.assertEqual(order.coop_slot_id.carrier_id, self.courier)

    def test_a_sent_order_slot_can_no_longer_be_changed_on_the_portal(self):
        order = self.courier_order()
        self.confirm(order)
        self.assertFalse(order.coop_slot_changeable)


@tagged("post_install", "-at_install")
class TestCoopCycleFailures(CourierCommon):
    def assertKeptToRetry(self, order, words):
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.coop_courier_state, "to_retry")
        self.assertIn(words, order.coop_courier_error)
        self.assertTrue(self.failure_activity(order))
        self.assertTrue(any(words in body for body in order.message_ids.mapped("body")))

    def test_wrong_credentials_keep_the_order_to_retry(self):
        self.courier.coopcycle_client_secret = "expired"
        order = self.courier_order()
        self.confirm(order)
        self.assertKeptToRetry(order, "credentials")

    def test_a_service_down_is_tried_again_then_handed_to_a_person(self):
        self.stub.mode = "down"
        order = self.courier_order()
        self.confirm(order)
        self.assertEqual(order.coop_courier_state, "queued")
        self.assertEqual(order.coop_courier_attempts, 1)
        self.assertGreater(order.coop_courier_next_try, fields.Datetime.now())
        self.assertFalse(self.failure_activity(order))
        self.send_until_handed_over(order)
        self.assertKeptToRetry(order, "does not answer")

    def test_an_address_the_couriers_do_not_serve_keeps_the_order_to_retry(self):
        self.stub.mode = "unservable"
        order = self.courier_order()
        self.confirm(order)
        self.assertKeptToRetry(order, "outside of the delivery zone")

    def test_the_retry_button_sends_the_order_once_the_service_is_back(self):
        self.stub.mode = "down"
        order = self.courier_order()
        self.confirm(order)
        self.send_until_handed_over(order)
        self.stub.mode = "ok"
        order.with_user(self.coordinator_user).action_coop_courier_retry()
        self.assertEqual(order.coop_courier_state, "queued")
        self.send_queued()
        self.assertEqual(order.coop_courier_state, "sent")
        self.assertFalse(order.coop_courier_error)

    def test_a_failing_retry_adds_no_second_activity(self):
        self.stub.mode = "unservable"
        order = self.courier_order()
        self.confirm(order)
        order.with_user(self.coordinator_user).action_coop_courier_retry()
        self.send_queued()
        self.assertEqual(order.coop_courier_state, "to_retry")
        self.assertEqual(len(self.failure_activity(order)), 1)

    @mute_logger("odoo.addons.coop_solidarity_delivery.models.sale_order_coopcycle_queue")
    def test_the_retry_cron_sends_the_good_order_beside_a_bad_one(self):
        self.stub.mode = "unservable"
        good = self.courier_order()
        self.confirm(good)
        bad = self.courier_order(hours_ahead=52)
        self.confirm(bad)
        self.stub.mode = "ok"
        sale_order = type(self.env["sale.order"])
        original = sale_order._coop_courier_payload

        def payload(order):
            if order == bad:
                raise ValueError("a broken order")
            return original(order)

        with patch.object(sale_order, "_coop_courier_payload", payload):
            self.env["sale.order"]._cron_coop_courier_retry()
        self.assertEqual(good.coop_courier_state, "sent")
        self.assertEqual(bad.coop_courier_state, "to_retry")

    def test_the_same_failure_again_is_not_posted_twice(self):
        self.stub.mode = "unservable"
        order = self.courier_order()
        self.confirm(order)
        messages = len(order.message_ids)
        self.env["sale.order"]._cron_coop_courier_retry()
        self.assertEqual(len(order.message_ids), messages)
        self.assertEqual(order.coop_courier_state, "to_retry")

    def test_the_retry_cron_leaves_an_order_whose_slot_is_over_to_the_staff(self):
        self.stub.mode = "unservable"
        order = self.courier_order()
        self.confirm(order)
        order.coop_slot_id.sudo().write(
            {
                "start": fields.Datetime.now() - timedelta(hours=3),
                "end": fields.Datetime.now() - timedelta(hours=1),
            }
        )
        self.stub.mode = "ok"
        calls = len(self.stub.requests)
        self.env["sale.order"]._cron_coop_courier_retry()
        self.assertEqual(len(self.stub.requests), calls)
        self.assertEqual(order.coop_courier_state, "to_retry")
        self.assertTrue(self.failure_activity(order))

    def test_the_retry_button_is_for_the_drive_staff(self):
        self.stub.mode = "unservable"
        order = self.courier_order()
        self.confirm(order)
        portal = new_test_user(self.env, login="coop_courier_portal", groups="base.group_portal")
        with self.assertRaises(UserError):
            order.with_user(portal).action_coop_courier_retry()


@tagged("post_install", "-at_install")
class TestCoopCyclePrice(CourierCommon):
    def test_the_price_is_coopcycles_quote_when_asked_for(self):
        self.courier.coopcycle_quote_price = True
        order = self.courier_order()
        self.assertEqual(self.courier.rate_shipment(order)["price"], 7.5)
        quote = next(body for path, body in self.stub.requests if "retail_prices" in path)
        self.assertEqual(quote["dropoff"]["address"], "45000 Orléans")

    def test_the_price_is_the_fixed_one_when_coopcycle_gives_none(self):
        self.courier.coopcycle_quote_price = True
        self.stub.mode = "no_price"
        order = self.courier_order()
        result = self.courier.rate_shipment(order)
        self.assertTrue(result["success"])
        self.assertEqual(result["price"], 5.0)

    def test_the_price_is_the_fixed_one_without_asking_by_default(self):
        order = self.courier_order()
        self.assertEqual(self.courier.rate_shipment(order)["price"], 5.0)
        self.assertFalse(self.stub.requests)


@tagged("post_install", "-at_install")
class TestCoopCycleHandOver(CourierCommon):
    def solidarity_request(self):
        solidarity = self.env.ref("coop_solidarity_delivery.carrier_solidarity_delivery")
        self.partner.write({"coop_data_consent": True, "coop_is_beneficiary": True})
        order = self._create_in_store_delivery_order(
            partner_id=self.partner.id,
            warehouse_id=self.warehouse.id,
            carrier_id=solidarity.id,
            order_line=[Command.create({"product_id": self.storable_product.id})],
        )
        self.confirm(order)
        return order.sudo().coop_delivery_request_ids

    def test_the_coordinator_hands_a_request_to_the_couriers_in_one_click(self):
        request = self.solidarity_request()
        request.with_user(self.coordinator_user).action_hand_to_couriers()
        order = request.sale_order_id
        self.assertEqual(order.coop_courier_state, "queued")
        self.send_queued()
        self.assertEqual(order.coop_courier_state, "sent")
        self.assertEqual(order.coop_courier_carrier_id, self.courier)
        self.assertTrue(request.coop_courier)
        self.assertEqual(request.state, "assigned")

    def test_only_a_coordinator_hands_a_request_over(self):
        request = self.solidarity_request()
        caller = new_test_user(
            self.env,
            login="coop_courier_cc",
            groups="coop_solidarity_delivery.group_coop_call_centre",
        )
        with self.assertRaises(AccessError):
            request.with_user(caller).action_hand_to_couriers()
        self.assertFalse(request.sale_order_id.coop_courier_ref)

    def test_a_request_already_assigned_is_not_handed_over(self):
        request = self.solidarity_request()
        request.state = "assigned"
        with self.assertRaises(UserError):
            request.with_user(self.coordinator_user).action_hand_to_couriers()

    def test_a_request_without_an_order_is_not_handed_over(self):
        request = self.make_request(self.make_beneficiary("Lone Member", GRAND_PLACE))
        with self.assertRaises(UserError):
            request.with_user(self.coordinator_user).action_hand_to_couriers()
