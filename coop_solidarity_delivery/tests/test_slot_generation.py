from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError

from .common import DriveCommon

# Monday 2 November 2026, 08:00 UTC; the test rule opens Tuesdays 17:00-19:00 in Paris.
MONDAY = "2026-11-02 08:00:00"


class TestSlotGeneration(DriveCommon):
    def _generated_starts(self):
        return self.env["coop.slot"].search([("rule_id", "=", self.rule.id)]).mapped("start")

    def test_generation_creates_the_dated_slots_of_the_horizon(self):
        with freeze_time(MONDAY):
            self.rule.action_generate_slots()
        self.assertEqual(
            self._generated_starts(),
            [datetime(2026, 11, 3, 16), datetime(2026, 11, 10, 16), datetime(2026, 11, 17, 16)],
        )

    def test_generated_slots_take_the_capacity_and_cutoff_of_the_rule(self):
        with freeze_time(MONDAY):
            slot = self.rule.action_generate_slots()[:1]
        self.assertEqual(slot.capacity, 2)
        self.assertEqual(slot.cutoff, datetime(2026, 11, 3, 4))
        self.assertEqual(slot.end, datetime(2026, 11, 3, 18))

    def test_generation_is_idempotent(self):
        with freeze_time(MONDAY):
            self.rule.action_generate_slots()
            self.assertFalse(self.rule.action_generate_slots())
        self.assertEqual(len(self._generated_starts()), 3)

    def test_the_daily_cron_extends_the_horizon(self):
        with freeze_time(MONDAY):
            self.rule.action_generate_slots()
        with freeze_time("2026-11-09 08:00:00"):
            self.env["coop.slot.rule"]._cron_generate_slots()
        self.assertEqual(self._generated_starts()[-1], datetime(2026, 11, 24, 16))

    def test_closing_days_give_no_slot(self):
        self.env["coop.closing.day"].create({"date": date(2026, 11, 10), "name": "Strike"})
        with freeze_time(MONDAY):
            self.rule.action_generate_slots()
        self.assertEqual(
            self._generated_starts(), [datetime(2026, 11, 3, 16), datetime(2026, 11, 17, 16)]
        )

    def test_a_closing_day_closes_the_slots_already_generated(self):
        with freeze_time(MONDAY):
            slots = self.rule.action_generate_slots()
            self.env["coop.closing.day"].create(
                {"date": date(2026, 11, 10), "warehouse_id": self.warehouse.id, "name": "Works"}
            )
        self.assertEqual(slots.mapped("state"), ["open", "closed", "open"])

    def test_a_closing_day_of_another_store_keeps_the_slots_open(self):
        other = self._create_warehouse()
        with freeze_time(MONDAY):
            slots = self.rule.action_generate_slots()
            self.env["coop.closing.day"].create(
                {"date": date(2026, 11, 10), "warehouse_id": other.id, "name": "Works"}
            )
        self.assertEqual(set(slots.mapped("state")), {"open"})

    def test_a_rule_ending_before_it_starts_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "must end after it starts"):
            self.rule.end_hour = 16.0

    def test_a_rule_without_capacity_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "at least one order"):
            self.rule.capacity = 0

    def test_a_cutoff_longer_than_the_horizon_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "longer than the booking horizon"):
            self.rule.write({"cutoff_hours": 72, "horizon_days": 2})
