from datetime import date, datetime

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from ..tools.bulk_insert import insert_records
from .common import ShiftTemplateCase


@tagged("post_install", "-at_install")
class TestBulkInsert(ShiftTemplateCase):
    """Generated shifts and registrations skip ``create`` but keep what it guarantees."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ana, cls.ben = cls.env["res.partner"].create([{"name": "Ana"}, {"name": "Ben"}])
        cls.template = cls.make_template(cls.ana | cls.ben)
        cls.coordinator_user = new_test_user(
            cls.env,
            login="coop_test_bulk_coordinator",
            groups="coop_member_shifts.group_coop_shift_coordinator",
        )

    def shift_row(self, **values):
        return {
            "task_type_id": self.task.id,
            "start": datetime(2027, 2, 1, 9),
            "end": datetime(2027, 2, 1, 12),
            "seats": 3,
            "state": "open",
            "company_id": self.env.company.id,
            **values,
        }

    def test_generated_rows_read_back_as_created_ones(self):
        shifts = self.template._generate_shifts(date_to=date(2027, 1, 31))
        self.assertEqual(len(shifts), 5)  # the Sundays of January 2027
        cached = [(s.start, s.end, s.seats, s.state, s.company_id) for s in shifts]
        registrations = shifts.registration_ids
        self.env.invalidate_all()
        self.assertEqual(cached, [(s.start, s.end, s.seats, s.state, s.company_id) for s in shifts])
        for shift in shifts:
            self.assertEqual(shift.create_uid, self.env.user)
            self.assertEqual(
                shift.create_date.replace(microsecond=0), self.env.cr.now().replace(microsecond=0)
            )
            self.assertEqual(shift.registration_ids.partner_id, self.ana | self.ben)
            self.assertEqual((shift.seats_taken, shift.seats_free), (2, 2))
        for registration in registrations:
            self.assertEqual(registration.state, "registered")
            self.assertFalse(registration.reminder_sent)
            self.assertEqual(
                (registration.shift_start, registration.shift_end),
                (registration.shift_id.start, registration.shift_id.end),
            )

    def test_one2many_already_read_lists_the_new_records(self):
        self.assertFalse(self.template.shift_ids)  # read, and kept in the cache
        shifts = self.template._generate_shifts(date_to=date(2027, 1, 31))
        self.assertEqual(self.template.shift_ids, shifts)

    def test_a_user_without_the_right_to_create_inserts_nothing(self):
        shifts = self.env["coop.shift"]
        before = shifts.search_count([])
        with self.assertRaises(AccessError):
            insert_records(shifts.with_user(self.staff_user), [self.shift_row()])
        with self.assertRaises(AccessError):
            self.template.with_user(self.staff_user)._generate_shifts(date_to=date(2027, 1, 31))
        self.assertEqual(shifts.search_count([]), before)

    def test_a_coordinator_creates_the_shifts_and_registers_the_team(self):
        self.template.with_user(self.coordinator_user).action_generate_shifts()
        shifts = self.template.shift_ids
        self.assertEqual(len(shifts), 5)
        self.assertEqual(shifts.create_uid, self.coordinator_user)
        self.assertEqual(shifts.registration_ids.create_uid, self.coordinator_user)
        for shift in shifts:
            self.assertEqual(shift.registration_ids.partner_id, self.ana | self.ben)

    def test_the_constraints_of_the_model_hold(self):
        with self.assertRaises(ValidationError):
            insert_records(self.env["coop.shift"], [self.shift_row(end=datetime(2027, 2, 1, 8))])
        with self.assertRaises(ValidationError):
            insert_records(self.env["coop.shift"], [self.shift_row(seats=0)])

    def test_only_plain_columns(self):
        with self.assertRaises(ValueError):
            insert_records(self.env["coop.shift"], [{"registration_ids": []}])
        with self.assertRaises(ValueError):
            insert_records(self.env["coop.task.type"], [{"name": "Cashier"}])  # translated

    def test_values_read_back_as_written(self):
        """Texts with quotes, backslashes, braces and commas, none, numbers, booleans and
        dates travel in the array literals unchanged."""
        notes = ['Dit "non", puis \\ {a,b}\nÉté', "NULL", None, ""]
        rows = [
            {
                "partner_id": self.ana.id,
                "reason": "other",
                "date_from": date(2027, 1, 1),
                "date_to": date(2027, 1, 31),
                "reduced_hours": 2.5 * index,
                "may_shop": bool(index % 2),
                "note": note,
                "company_id": self.env.company.id,
            }
            for index, note in enumerate(notes)
        ]
        exemptions = insert_records(self.env["coop.exemption"], rows)
        self.env.invalidate_all()
        for exemption, row in zip(exemptions, rows, strict=True):
            self.assertEqual(exemption.note, False if row["note"] is None else row["note"])
            self.assertEqual(exemption.reduced_hours, row["reduced_hours"])
            self.assertEqual(exemption.may_shop, row["may_shop"])
            self.assertEqual(
                (exemption.date_from, exemption.date_to), (row["date_from"], row["date_to"])
            )
            self.assertEqual(exemption.reason, "other")
