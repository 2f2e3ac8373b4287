"""Standing orders paid online hold their seat; a full slot falls back on the nearest free
slot of the day, before or after; notices are the coop's."""

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .test_standing_order import StandingOrderCommon


@tagged("post_install", "-at_install")
class TestStandingOrderSeats(StandingOrderCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.morning = cls.make_day_rule(12.0, 13.0)
        cls.morning_slot = cls.slot_of(cls.morning)

    def test_an_order_awaiting_its_online_payment_holds_its_seat(self):
        self.standing.payment_mode = "online"
        self.run_cron()
        order = self.week_orders()
        self.assertEqual(order.state, "sent")
        self.assertEqual(order.coop_slot_id, self.weekly_slot)
        self.assertTrue(order.coop_payment_awaited_since)
        self.assertEqual(self.weekly_slot.seats_left, 0)

    def test_the_seat_is_released_after_the_payment_delay(self):
        self.standing.payment_mode = "online"
        self.run_cron()
        order = self.week_orders()
        order.coop_payment_awaited_since = fields.Datetime.now() - timedelta(hours=2)
        self.env["sale.order"]._cron_coop_release_payment_holds()
        self.assertFalse(order.coop_slot_id)
        self.assertFalse(order.coop_payment_awaited_since)
        self.weekly_slot.invalidate_recordset()
        self.assertEqual(self.weekly_slot.seats_left, 1)

    def test_a_full_slot_falls_back_on_the_nearest_slot_before_it(self):
        self.fill(self.weekly_slot)  # 14:00 full: 12:00 is nearer than 18:00
        self.run_cron()
        self.assertEqual(self.week_orders().coop_slot_id, self.morning_slot)

    def test_the_week_notice_and_the_held_message_are_the_coops(self):
        self.run_cron()
        mail = self.last_mail()
        self.assertEqual(mail.author_id, self.env.company.partner_id)
        self.assertEqual(mail.mail_message_id.create_uid.id, 1)
