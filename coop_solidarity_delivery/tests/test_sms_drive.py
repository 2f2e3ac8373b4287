from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.sms.tests.common import SMSCase

from .common import DriveCommon
from .test_standing_order import StandingOrderCommon

MOBILE = "+32 470 12 34 56"
MOBILE_E164 = "+32470123456"


@tagged("post_install", "-at_install")
class TestDriveSms(SMSCase, DriveCommon):
    """A member who chose SMS gets the drive order's confirmation and the pickup reminder
    by SMS, with the link to the order (never the store's or their address)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.be")

    def order_on(self, start, **partner_values):
        with freeze_time("2026-11-01 08:00:00"):
            slot = self._create_slot()
            slot.write({"start": start, "end": start.replace(hour=18), "cutoff": start})
            order = self._create_drive_order(slot)
            order.partner_id.write(partner_values)
            with self.mockSMSGateway():
                order.with_context(send_email=True).action_confirm()
                confirmations = self._new_sms
        return order, confirmations

    def test_confirmation_and_reminder_go_by_sms(self):
        order, confirmations = self.order_on(
            datetime(2026, 11, 3, 16),
            mobile=MOBILE,
            coop_contact_channel="sms",
            street="Rue du Midi 1",
        )
        sms = confirmations.filtered(lambda sms: sms.partner_id == order.partner_id)
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.number, MOBILE_E164)
        self.assertIn(f"/my/orders/{order.id}", sms.body)
        self.assertIn(order.name, sms.body)
        self.assertLessEqual(len(sms.body), 160)
        # The chatter shows the SMS (Odoo's own, with its status), in the coop's name.
        self.assertEqual(sms.mail_message_id.author_id, order.company_id.partner_id)
        self.assertFalse(
            self.env["mail.mail"].search([("mail_message_id", "=", sms.mail_message_id.id)])
        )
        with freeze_time("2026-11-02 09:00:00"), self.mockSMSGateway():
            self.env["sale.order"]._cron_send_drive_reminders()
            reminder = self._new_sms.filtered(lambda sms: sms.partner_id == order.partner_id)
        self.assertEqual(len(reminder), 1)
        self.assertIn("tomorrow", reminder.body)
        self.assertLessEqual(len(reminder.body), 160)
        self.assertTrue(order.coop_reminder_sent)
        self.assertFalse(
            self.env["mail.mail"].search(
                [
                    ("model", "=", "sale.order"),
                    ("res_id", "=", order.id),
                    ("subject", "ilike", "Reminder"),
                ]
            )
        )
        for body in (sms.body, reminder.body):
            self.assertNotIn("Rue du Midi", body)

    def test_a_member_reached_by_phone_only_is_a_call_to_make(self):
        order, confirmations = self.order_on(
            datetime(2026, 11, 3, 16), email=False, mobile=False, coop_contact_channel="call"
        )
        self.assertFalse(confirmations.filtered(lambda sms: sms.partner_id == order.partner_id))
        call = order.partner_id.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_call")
        )
        self.assertEqual(len(call), 1)
        self.assertIn(order.name, call.note)


@tagged("post_install", "-at_install")
class TestStandingOrderSms(SMSCase, StandingOrderCommon):
    """The standing order's weekly notice by SMS to a member who chose it."""

    def test_the_weekly_notice_goes_by_sms(self):
        self.env.company.country_id = self.env.ref("base.be")
        self.member.write({"mobile": MOBILE, "coop_contact_channel": "sms"})
        with self.mockSMSGateway():
            self.env["coop.standing.order"]._cron_make_week_orders()
            sms = self._new_sms.filtered(lambda sms: sms.partner_id == self.member)
        self.assertEqual(len(self.standing.order_ids), 1)
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.number, MOBILE_E164)
        self.assertIn(f"/my/standing-orders/{self.standing.id}", sms.body)
        self.assertLessEqual(len(sms.body), 160)
        self.assertFalse(self.last_mail())
