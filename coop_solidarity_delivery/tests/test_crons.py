"""Each scheduled job of the deliveries with one bad record beside a good one: the good one is
done, the bad one is rolled back alone and handed to a delivery coordinator as an activity."""

from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import GRAND_PLACE, IXELLES, SCHAERBEEK, DeliveryCase, DriveCommon

CRON_STEP_LOGGER = "odoo.addons.coop_member_shifts.models.coop_cron_step"
COORDINATORS = "coop_solidarity_delivery.group_coop_delivery_coordinator"
MONDAY = "2026-11-02 08:00:00"


class CronAssertions:
    def assertHandedToACoordinator(self, record):
        activity = record.activity_ids
        self.assertEqual(len(activity), 1, f"{record.display_name} has no activity")
        self.assertTrue(activity.user_id.has_group(COORDINATORS))


@tagged("post_install", "-at_install")
class TestDriveCrons(CronAssertions, DriveCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.broken_rule = cls.rule.copy({"weekday": "3"})

    def break_timezone(self, rule):
        """A timezone the system no longer knows (say, after an upgrade of its database)."""
        self.env.cr.execute(
            "UPDATE coop_slot_rule SET tz = 'Mars/Olympus_Mons' WHERE id = %s", [rule.id]
        )
        rule.invalidate_recordset(["tz"])

    @mute_logger(CRON_STEP_LOGGER)
    def test_slot_generation_skips_a_broken_rule_and_generates_the_others(self):
        self.break_timezone(self.broken_rule)
        with freeze_time(MONDAY):
            self.env["coop.slot.rule"]._cron_generate_slots()
        self.assertEqual(len(self.rule.slot_ids), 3)
        self.assertFalse(self.broken_rule.slot_ids)
        self.assertHandedToACoordinator(self.broken_rule)
        self.assertFalse(self.rule.activity_ids)

    def order_on(self, rule, start):
        with freeze_time("2026-11-01 08:00:00"):
            slot = self._create_slot(rule_id=rule.id)
            slot.write({"start": start, "end": start.replace(hour=18), "cutoff": start})
            order = self._create_drive_order(slot)
            order.action_confirm()
        return order

    @mute_logger(CRON_STEP_LOGGER)
    def test_drive_reminders_skip_a_broken_order_and_remind_the_others(self):
        good = self.order_on(self.rule, datetime(2026, 11, 3, 16))
        bad = self.order_on(self.broken_rule, datetime(2026, 11, 3, 16))
        self.break_timezone(self.broken_rule)
        with freeze_time("2026-11-02 09:00:00"):
            self.env["sale.order"]._cron_send_drive_reminders()
        self.assertTrue(good.coop_reminder_sent)
        self.assertFalse(bad.coop_reminder_sent)
        self.assertHandedToACoordinator(bad)


@tagged("post_install", "-at_install")
class TestDeliveryCrons(CronAssertions, DeliveryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make_volunteer("Near", IXELLES)
        cls.make_volunteer("Middle", SCHAERBEEK)
        cls.env["ir.config_parameter"].sudo().set_param("coop_solidarity_delivery.wave_size", 1)

    def waiting_request(self, name):
        request = self.make_request(self.make_beneficiary(name, GRAND_PLACE))
        request.action_search_volunteers()
        request.offer_ids.date_sent = fields.Datetime.now() - timedelta(hours=5)
        return request

    @mute_logger(CRON_STEP_LOGGER)
    def test_next_waves_skip_a_broken_request_and_notify_the_others(self):
        good = self.waiting_request("Good Member")
        bad = self.waiting_request("Bad Member")
        notify = type(bad)._notify_next_wave

        def notify_or_fail(request):
            if request == bad:
                raise UserError(self.env._("The offer e-mail cannot be rendered."))
            return notify(request)

        Request = type(self.env["coop.delivery.request"])
        with patch.object(Request, "_notify_next_wave", notify_or_fail):
            self.env["coop.delivery.request"]._cron_notify_next_waves()
        self.assertEqual(good.wave, 2)
        self.assertEqual(bad.wave, 1)
        self.assertEqual(bad.offer_ids.state, "sent", "the bad request is rolled back alone")
        self.assertHandedToACoordinator(bad)

    @mute_logger(CRON_STEP_LOGGER)
    def test_recurrences_skip_a_member_no_longer_eligible_and_create_the_others(self):
        in_three_days = fields.Date.today() + timedelta(days=3)
        weekday = self.env["coop.weekday"].search([("number", "=", in_three_days.weekday())])
        recurrences = self.env["coop.delivery.recurrence"].create(
            [
                {
                    "beneficiary_id": self.make_beneficiary(name, GRAND_PLACE).id,
                    "weekday_id": weekday.id,
                    "date_start": fields.Date.today(),
                }
                for name in ("Still Eligible", "No Longer Eligible")
            ]
        )
        good, bad = recurrences
        bad.beneficiary_id.coop_is_beneficiary = False
        self.env["coop.delivery.recurrence"]._cron_create_requests()
        self.assertEqual(len(good.request_ids), 2)
        self.assertFalse(bad.request_ids)
        self.assertHandedToACoordinator(bad)
        self.assertIn("not eligible", bad.activity_ids.note)
