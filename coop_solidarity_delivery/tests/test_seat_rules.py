from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.coop_solidarity_delivery.controllers.main import WebsiteSaleDrive
from odoo.addons.website.tools import MockRequest

from .test_solidarity_checkout import SolidarityCommon


@tagged("post_install", "-at_install")
class TestSeatRules(SolidarityCommon):
    """Every path that puts an order or a request back on a slot checks its seat under the
    slot's row lock."""

    def _request(self, slot):
        return self.env["coop.delivery.request"].create(
            {"beneficiary_id": self.partner.id, "slot_id": slot.id, "shopping_list": "Bread"}
        )

    def test_resetting_a_request_onto_a_full_slot_is_refused(self):
        slot = self._create_delivery_slot(capacity=1)
        request = self._request(slot)
        request.action_cancel()
        self._request(slot)
        with self.assertRaisesRegex(ValidationError, "full"):
            request.action_reset()
        self.assertEqual(request.state, "cancelled")

    def test_resetting_a_request_with_a_seat_left_puts_it_back_on_its_slot(self):
        slot = self._create_delivery_slot(capacity=2)
        request = self._request(slot)
        request.action_cancel()
        self._request(slot)
        request.action_reset()
        slot.invalidate_recordset(["booked_count"])
        self.assertEqual((request.state, slot.booked_count), ("new", 2))

    def test_moving_a_confirmed_order_to_a_full_slot_in_the_back_office_is_refused(self):
        order = self._create_drive_order(self._create_slot(hours_ahead=48))
        order.action_confirm()
        full = self._create_slot(hours_ahead=72, capacity=1)
        self._create_drive_order(full).action_confirm()
        with self.assertRaisesRegex(UserError, "full"):
            order.write({"coop_slot_id": full.id})

    def test_moving_a_confirmed_order_to_a_slot_with_a_seat_left_is_accepted(self):
        order = self._create_drive_order(self._create_slot(hours_ahead=48))
        order.action_confirm()
        later = self._create_slot(hours_ahead=72, capacity=1)
        order.write({"coop_slot_id": later.id})
        self.assertEqual(later.booked_count, 1)

    def test_reconfirming_a_cancelled_order_on_a_full_slot_is_refused(self):
        slot = self._create_slot(capacity=1)
        order = self._create_drive_order(slot)
        order.action_confirm()
        order._action_cancel()
        self._create_drive_order(slot).action_confirm()
        order.action_draft()
        with self.assertRaisesRegex(UserError, "full"):
            order.action_confirm()

    def test_writing_a_cancelled_order_back_to_confirmed_on_a_full_slot_is_refused(self):
        slot = self._create_slot(capacity=1)
        order = self._create_drive_order(slot)
        order.action_confirm()
        order._action_cancel()
        self._create_drive_order(slot).action_confirm()
        # assertRaises (not ...Regex) rolls the savepoint back, as the request would be.
        with self.assertRaises(UserError) as caught:
            order.write({"state": "sale"})
        self.assertIn("full", str(caught.exception))
        order.invalidate_recordset(["state"])
        self.assertEqual(order.state, "cancel")

    def test_writing_a_cancelled_order_back_with_a_seat_left_is_accepted(self):
        slot = self._create_slot(capacity=2)
        order = self._create_drive_order(slot)
        order.action_confirm()
        order._action_cancel()
        self._create_drive_order(slot).action_confirm()
        order.write({"state": "sale"})
        slot.invalidate_recordset(["booked_count"])
        self.assertEqual(slot.booked_count, 2)


@tagged("post_install", "-at_install")
class TestPaymentHold(SolidarityCommon):
    """A seat held by an unfinished payment is given back after the delay of Settings."""

    def _paying_cart(self, slot, reference, minutes_ago, state="pending"):
        order = self._create_drive_order(slot)
        transaction = self._create_transaction(
            "redirect", sale_order_ids=[order.id], state=state, reference=reference
        )
        self.env.flush_all()
        moment = fields.Datetime.now() - timedelta(minutes=minutes_ago)
        self.env.cr.execute(
            "UPDATE payment_transaction SET create_date = %s, last_state_change = %s WHERE id = %s",
            (moment, moment, transaction.id),
        )
        self.env.invalidate_all()
        return order

    def test_a_payment_pending_past_the_delay_gives_its_seat_back_and_keeps_the_cart(self):
        slot = self._create_slot(capacity=1)
        order = self._paying_cart(slot, "HOLD-OLD", minutes_ago=45)
        self.assertEqual(slot.seats_left, 0)
        self.env["sale.order"]._cron_coop_release_payment_holds()
        slot.invalidate_recordset(["seats_left"])
        self.assertEqual(slot.seats_left, 1)
        self.assertFalse(order.coop_slot_id)
        self.assertEqual(order.state, "draft")
        self.assertTrue(order.order_line)
        self.assertIn("released", order.message_ids[0].body)

    def test_a_recent_pending_payment_keeps_its_seat(self):
        slot = self._create_slot(capacity=1)
        order = self._paying_cart(slot, "HOLD-NEW", minutes_ago=5)
        self.env["sale.order"]._cron_coop_release_payment_holds()
        self.assertEqual(order.coop_slot_id, slot)

    def test_the_delay_is_set_in_settings(self):
        self.env["res.config.settings"].create({"coop_payment_hold_minutes": 120}).execute()
        slot = self._create_slot(capacity=1)
        order = self._paying_cart(slot, "HOLD-SETTING", minutes_ago=45)
        self.env["sale.order"]._cron_coop_release_payment_holds()
        self.assertEqual(order.coop_slot_id, slot)

    def test_an_authorized_payment_keeps_its_seat(self):
        slot = self._create_slot(capacity=1)
        self.provider.support_manual_capture = "full_only"
        order = self._paying_cart(slot, "HOLD-AUTH", minutes_ago=45, state="authorized")
        self.env["sale.order"]._cron_coop_release_payment_holds()
        self.assertEqual(order.coop_slot_id, slot)

    def test_the_member_chooses_a_slot_again_at_payment(self):
        slot = self._create_slot(capacity=1)
        order = self._paying_cart(slot, "HOLD-AGAIN", minutes_ago=45)
        self.env["sale.order"]._cron_coop_release_payment_holds()
        with MockRequest(self.env, website=self.website, sale_order_id=order.id):
            errors = WebsiteSaleDrive()._get_shop_payment_errors(order)
        self.assertIn("Please choose a pickup slot.", [title for title, _msg in errors])

    def test_a_cart_paid_after_its_seat_was_released_is_handed_to_the_coordinator(self):
        order = self._paying_cart(self._create_slot(capacity=1), "HOLD-PAID", minutes_ago=45)
        self.env["sale.order"]._cron_coop_release_payment_holds()
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        # The to-do reads in the coordinator's language (the demo's speak French).
        coordinator = self.env["res.partner"]._coop_delivery_coordinator_user()
        in_their_language = self.env(context={"lang": coordinator.lang})._
        self.assertEqual(order.activity_ids.user_id, coordinator)
        self.assertEqual(
            order.activity_ids.summary, in_their_language("Solidarity delivery to check")
        )
        self.assertIn(order.name, order.activity_ids.note)

    @mute_logger("odoo.addons.coop_member_shifts.models.coop_cron_step")
    def test_a_bad_cart_does_not_stop_the_others(self):
        bad = self._paying_cart(self._create_slot(capacity=1), "HOLD-BAD", minutes_ago=45)
        good = self._paying_cart(
            self._create_slot(hours_ahead=72, capacity=1), "HOLD-GOOD", minutes_ago=45
        )
        SaleOrder = type(self.env["sale.order"])
        release = SaleOrder._coop_release_payment_hold

        def failing_release(order):
            if order == bad:
                raise ValueError("broken cart")
            return release(order)

        with patch.object(SaleOrder, "_coop_release_payment_hold", failing_release):
            self.env["sale.order"]._cron_coop_release_payment_holds()
        self.assertFalse(good.coop_slot_id)
        self.assertTrue(bad.coop_slot_id, "the bad cart is rolled back alone")
        self.assertIn("broken cart", bad.activity_ids.note)
