from datetime import timedelta

from odoo import fields

from .common import CoopCase


class TestReminders(CoopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.task = cls.env["coop.task.type"].create({"name": "Reception"})
        cls.alice = cls.env["res.partner"].create({"name": "Alice", "email": "alice@example.com"})
        cls.bob = cls.env["res.partner"].create(
            {"name": "Bob", "email": "bob@example.com", "coop_no_reminders": True}
        )

    def make_shift(self, hours_ahead):
        start = fields.Datetime.now() + timedelta(hours=hours_ahead)
        return self.env["coop.shift"].create(
            {"task_type_id": self.task.id, "start": start, "end": start + timedelta(hours=3)}
        )

    def mails_to(self, partner):
        return self.env["mail.mail"].search([("recipient_ids", "in", partner.ids)])

    def test_members_of_tomorrows_shift_are_reminded_once(self):
        shift = self.make_shift(hours_ahead=20)
        registration = self.env["coop.shift.registration"].create(
            {"shift_id": shift.id, "partner_id": self.alice.id}
        )
        Registration = self.env["coop.shift.registration"]
        Registration._cron_send_reminders()
        Registration._cron_send_reminders()
        self.assertEqual(len(self.mails_to(self.alice)), 1)
        self.assertTrue(registration.reminder_sent)

    def test_shifts_further_away_wait(self):
        shift = self.make_shift(hours_ahead=60)
        self.env["coop.shift.registration"].create(
            {"shift_id": shift.id, "partner_id": self.alice.id}
        )
        self.env["coop.shift.registration"]._cron_send_reminders()
        self.assertFalse(self.mails_to(self.alice))

    def test_members_who_opted_out_get_no_reminder(self):
        shift = self.make_shift(hours_ahead=20)
        self.env["coop.shift.registration"].create(
            {"shift_id": shift.id, "partner_id": self.bob.id}
        )
        self.env["coop.shift.registration"]._cron_send_reminders()
        self.assertFalse(self.mails_to(self.bob))

    def test_members_behind_get_the_monthly_notice(self):
        for partner in (self.alice, self.bob):
            partner.free_member = True
            self.env.cr.execute(
                "UPDATE res_partner SET create_date = %s WHERE id = %s",
                (fields.Datetime.now() - timedelta(days=70), partner.id),
            )
        self.env.invalidate_all()
        notified = self.env["res.partner"]._cron_coop_notify_members_behind()
        self.assertIn(self.alice, notified)
        self.assertNotIn(self.bob, notified)
        self.assertEqual(len(self.mails_to(self.alice)), 1)
