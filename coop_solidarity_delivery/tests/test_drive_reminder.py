from datetime import datetime

from freezegun import freeze_time

from .common import DriveCommon


class TestDriveReminder(DriveCommon):
    def _order_on(self, start):
        with freeze_time("2026-11-01 08:00:00"):
            slot = self._create_slot()
            slot.write({"start": start, "end": start.replace(hour=18), "cutoff": start})
            order = self._create_drive_order(slot)
            order.action_confirm()
        return order

    def _reminders(self, order):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "sale.order"),
                ("res_id", "=", order.id),
                ("subject", "ilike", "Reminder"),
            ]
        )

    def test_the_member_is_reminded_the_day_before_the_slot(self):
        order = self._order_on(datetime(2026, 11, 3, 16))
        with freeze_time("2026-11-02 09:00:00"):
            self.env["sale.order"]._cron_send_drive_reminders()
        self.assertEqual(len(self._reminders(order)), 1)
        self.assertIn(order.coop_slot_id.display_name, self._reminders(order).body_html)
        self.assertTrue(order.coop_reminder_sent)

    def test_the_reminder_is_sent_once(self):
        order = self._order_on(datetime(2026, 11, 3, 16))
        with freeze_time("2026-11-02 09:00:00"):
            self.env["sale.order"]._cron_send_drive_reminders()
            self.env["sale.order"]._cron_send_drive_reminders()
        self.assertEqual(len(self._reminders(order)), 1)

    def test_no_reminder_two_days_before(self):
        order = self._order_on(datetime(2026, 11, 4, 16))
        with freeze_time("2026-11-02 09:00:00"):
            self.env["sale.order"]._cron_send_drive_reminders()
        self.assertFalse(self._reminders(order))

    def test_no_reminder_when_the_setting_is_off(self):
        self.env["ir.config_parameter"].set_param("coop_solidarity_delivery.drive_reminder", False)
        order = self._order_on(datetime(2026, 11, 3, 16))
        with freeze_time("2026-11-02 09:00:00"):
            self.env["sale.order"]._cron_send_drive_reminders()
        self.assertFalse(self._reminders(order))
