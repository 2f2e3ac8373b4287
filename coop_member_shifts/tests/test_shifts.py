from datetime import date, datetime, timedelta

import psycopg2.errors

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from .common import CoopCase


class TestShifts(CoopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = "Europe/Paris"
        cls.reception = cls.env["coop.task.type"].create({"name": "Reception"})
        cls.alice, cls.bob, cls.carla = cls.env["res.partner"].create(
            [{"name": "Alice"}, {"name": "Bob"}, {"name": "Carla"}]
        )

    def make_template(self, **values):
        return self.env["coop.shift.template"].create(
            {
                "task_type_id": self.reception.id,
                "weekday": "6",
                "start_hour": 10.0,
                "end_hour": 13.0,
                "seats": 2,
                "date_start": date(2026, 1, 1),
                **values,
            }
        )

    def make_shift(self, seats=2, hours_ahead=48, duration=3):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(hours=hours_ahead)
        return self.env["coop.shift"].create(
            {
                "task_type_id": self.reception.id,
                "start": start,
                "end": start + timedelta(hours=duration),
                "seats": seats,
            }
        )

    def register(self, shift, partner):
        return self.env["coop.shift.registration"].create(
            {"shift_id": shift.id, "partner_id": partner.id}
        )

    def test_generation_is_idempotent(self):
        template = self.make_template()
        first = template._generate_shifts()
        self.assertTrue(first)
        self.assertFalse(template._generate_shifts())
        self.assertEqual(len(template.shift_ids), len(first))

    def test_generation_is_right_across_daylight_saving_in_paris(self):
        template = self.make_template(date_start=date(2027, 3, 20), date_end=date(2027, 4, 5))
        shifts = template._generate_shifts(date_to=date(2027, 4, 5))
        # Last Sunday of March 2027 is the 28th.
        self.assertEqual(
            shifts.mapped("start"),
            [datetime(2027, 3, 21, 9, 0), datetime(2027, 3, 28, 8, 0), datetime(2027, 4, 4, 8, 0)],
        )

    def test_a_template_ending_at_midnight_generates_its_shifts(self):
        template = self.make_template(
            start_hour=20.0, end_hour=24.0, date_start=date(2027, 1, 1), date_end=date(2027, 1, 10)
        )
        shifts = template._generate_shifts(date_to=date(2027, 1, 10))
        # Sundays 3 and 10 January 2027, 20:00-24:00 in Paris (UTC+1).
        self.assertEqual(
            [(shift.start, shift.end) for shift in shifts],
            [
                (datetime(2027, 1, 3, 19, 0), datetime(2027, 1, 3, 23, 0)),
                (datetime(2027, 1, 10, 19, 0), datetime(2027, 1, 10, 23, 0)),
            ],
        )

    def test_fixed_team_is_registered_automatically(self):
        template = self.make_template(partner_ids=[(6, 0, (self.alice | self.bob).ids)])
        shift = template._generate_shifts()[:1]
        self.assertEqual(shift.registration_ids.partner_id, self.alice | self.bob)

    def test_template_constraints(self):
        for values in (
            {"end_hour": 9.0},
            {"end_hour": 25.0},
            {"seats": 0},
            {"seats": -1},
            {"date_end": date(2025, 1, 1)},
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                self.make_template(**values)

    def test_the_last_seat_cannot_be_taken_twice(self):
        shift = self.make_shift(seats=2)
        self.register(shift, self.alice)
        self.register(shift, self.bob)
        with self.assertRaises(ValidationError):
            self.register(shift, self.carla)
        self.assertEqual(shift.seats_free, 0)

    @mute_logger("odoo.sql_db")
    def test_a_member_registers_once(self):
        shift = self.make_shift()
        self.register(shift, self.alice)
        with self.assertRaises(psycopg2.errors.UniqueViolation), self.cr.savepoint():
            self.register(shift, self.alice)

    def test_overlapping_shifts_are_refused(self):
        self.register(self.make_shift(hours_ahead=48), self.alice)
        with self.assertRaises(ValidationError):
            self.register(self.make_shift(hours_ahead=49), self.alice)

    def test_a_suspended_member_cannot_register(self):
        suspended = self.env["res.partner"].create({"name": "Suspended", "free_member": True})
        self.env.cr.execute(
            "UPDATE res_partner SET create_date = %s WHERE id = %s",
            (fields.Datetime.now() - timedelta(days=95), suspended.id),
        )
        suspended.invalidate_recordset()
        self.assertEqual(suspended.coop_work_status, "suspended")
        with self.assertRaises(ValidationError):
            self.register(self.make_shift(), suspended)

    def test_attendance_writes_the_ledger_and_absence_cancels_it(self):
        registration = self.register(self.make_shift(hours_ahead=-4, duration=3), self.alice)
        registration.action_attended()
        credit = registration.work_entry_id
        self.assertEqual(credit.hours, 3)
        self.assertEqual(credit.state, "validated")
        registration.action_absent()
        # The ledger keeps the credit and cancels it with an adjustment: nothing counts.
        lines = self.env["coop.work.entry"].search([("partner_id", "=", self.alice.id)])
        self.assertEqual(lines.filtered(lambda line: line.state == "validated"), lines)
        self.assertEqual(sum(lines.mapped("hours")), 0)
        self.assertEqual(lines - credit, credit.correction_ids)
        self.assertFalse(registration.work_entry_id)

    def test_attendance_is_recorded_once_the_shift_has_started(self):
        registration = self.register(self.make_shift(hours_ahead=48), self.alice)
        with self.assertRaises(UserError):
            registration.action_attended()
        self.assertFalse(self.env["coop.work.entry"].search([("partner_id", "=", self.alice.id)]))

    def test_nobody_marks_their_own_attendance(self):
        registration = self.register(self.make_shift(hours_ahead=-4), self.staff_user.partner_id)
        with self.assertRaises(UserError):
            registration.with_user(self.staff_user).action_attended()
        self.assertEqual(registration.state, "registered")

    def test_shop_staff_record_attendance_in_their_name(self):
        registration = self.register(self.make_shift(hours_ahead=-4), self.alice)
        registration.with_user(self.staff_user).action_attended()
        self.assertEqual(registration.work_entry_id.validated_by_id, self.staff_user)

    def test_cancelling_a_shift_tells_the_registered_members(self):
        shift = self.make_shift()
        registration = self.register(shift, self.alice)
        shift.action_cancel()
        self.assertEqual(registration.state, "cancelled")
        message = shift.message_ids[0]
        self.assertIn(self.alice, message.partner_ids)

    def test_an_attended_shift_cannot_be_cancelled(self):
        registration = self.register(self.make_shift(hours_ahead=-4), self.alice)
        registration.action_attended()
        with self.assertRaises(UserError):
            registration.action_cancel()

    def test_a_cancelled_registration_goes_back_only_to_a_free_seat(self):
        shift = self.make_shift(seats=2)
        cancelled = self.register(shift, self.alice)
        cancelled.action_cancel()
        self.register(shift, self.bob)
        self.register(shift, self.carla)
        with self.assertRaises(ValidationError):
            cancelled.state = "registered"
