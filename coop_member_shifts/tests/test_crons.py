from datetime import date, timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import CoopCase

CRON_LOGGER = "odoo.addons.coop_member_shifts.models.coop_cron_step"


@tagged("post_install", "-at_install")
class TestCrons(CoopCase):
    """Each cron does the good records when one is bad, and hands the bad one to a shift
    coordinator as an activity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = "Europe/Paris"
        cls.coordinator_user = new_test_user(
            cls.env,
            login="coop_test_cron_coordinator",
            groups="coop_member_shifts.group_coop_shift_coordinator",
        )
        cls.task = cls.env["coop.task.type"].create({"name": "Cron task"})
        cls.env["coop.shift.template"].search([]).active = False
        cls.alice, cls.bob = cls.env["res.partner"].create(
            [
                {"name": "Alice", "email": "alice@example.com", "free_member": True},
                {"name": "Bob", "email": "bob@example.com", "free_member": True},
            ]
        )

    def make_template(self, weekday, **values):
        return self.env["coop.shift.template"].create(
            {
                "task_type_id": self.task.id,
                "weekday": weekday,
                "start_hour": 10.0,
                "end_hour": 13.0,
                "seats": 2,
                "date_start": date(2026, 1, 1),
                **values,
            }
        )

    def make_suspended(self, partner):
        self.env.cr.execute(
            "UPDATE res_partner SET create_date = %s WHERE id = %s",
            (fields.Datetime.now() - timedelta(days=95), partner.id),
        )
        partner.invalidate_recordset()
        self.assertEqual(partner.coop_work_status, "suspended")

    def coordinator_activities(self, record):
        """Activities of a shift coordinator (not the administrator) on the record."""
        admin = self.env.ref("base.user_admin")
        return record.activity_ids.filtered(
            lambda activity: (
                activity.user_id != admin
                and activity.user_id.has_group("coop_member_shifts.group_coop_shift_coordinator")
            )
        )

    def failing_send_mail(self, bad_res_id):
        """Patch ``mail.template.send_mail`` so that it fails for one record only."""
        Template = type(self.env["mail.template"])
        original = Template.send_mail

        def send_mail(template, res_id, *args, **kwargs):
            if res_id == bad_res_id:
                raise RuntimeError("The mail server refused this record.")
            return original(template, res_id, *args, **kwargs)

        return patch.object(Template, "send_mail", send_mail)

    def mails_to(self, partner):
        return self.env["mail.mail"].search([("recipient_ids", "in", partner.ids)])

    # Shift generation

    def test_a_suspended_member_in_a_fixed_team_stops_no_generation(self):
        self.make_suspended(self.bob)
        healthy = self.make_template("6")
        with_suspended = self.make_template("5", partner_ids=[(6, 0, (self.alice | self.bob).ids)])
        self.env["coop.shift.template"]._cron_generate_shifts()
        self.assertTrue(healthy.shift_ids)
        self.assertTrue(with_suspended.shift_ids)
        registered = with_suspended.shift_ids.registration_ids.partner_id
        self.assertEqual(registered, self.alice)
        self.assertTrue(self.coordinator_activities(with_suspended))
        self.assertFalse(self.coordinator_activities(healthy))

    @mute_logger(CRON_LOGGER)
    def test_a_broken_template_stops_no_other_template(self):
        healthy = self.make_template("6")
        broken = self.make_template("5")
        self.env.cr.execute("UPDATE coop_shift_template SET seats = 0 WHERE id = %s", [broken.id])
        broken.invalidate_recordset()
        failed = self.env["coop.shift.template"]._cron_generate_shifts()
        self.assertEqual(failed, broken)
        self.assertTrue(healthy.shift_ids)
        self.assertFalse(broken.shift_ids)
        self.assertTrue(self.coordinator_activities(broken))

    # Reminders

    def register_tomorrow(self, *partners):
        start = fields.Datetime.now() + timedelta(hours=20)
        shift = self.env["coop.shift"].create(
            {"task_type_id": self.task.id, "start": start, "end": start + timedelta(hours=3)}
        )
        return self.env["coop.shift.registration"].create(
            [{"shift_id": shift.id, "partner_id": partner.id} for partner in partners]
        )

    @mute_logger(CRON_LOGGER)
    def test_a_reminder_that_fails_stops_no_other_reminder(self):
        good, bad = self.register_tomorrow(self.alice, self.bob)
        with self.failing_send_mail(bad.id):
            self.env["coop.shift.registration"]._cron_send_reminders()
        self.assertEqual(len(self.mails_to(self.alice)), 1)
        self.assertFalse(self.mails_to(self.bob))
        self.assertTrue(self.coordinator_activities(self.bob))
        self.assertTrue(good.reminder_sent)
        # Handed to a person once, not every hour.
        self.assertTrue(bad.reminder_sent)

    # Monthly notice to members behind

    @mute_logger(CRON_LOGGER)
    def test_a_notice_that_fails_stops_no_other_notice(self):
        self.make_suspended(self.alice)
        self.make_suspended(self.bob)
        with self.failing_send_mail(self.bob.id):
            notified = self.env["res.partner"]._cron_coop_notify_members_behind()
        self.assertIn(self.alice, notified)
        self.assertNotIn(self.bob, notified)
        self.assertEqual(len(self.mails_to(self.alice)), 1)
        self.assertTrue(self.coordinator_activities(self.bob))
