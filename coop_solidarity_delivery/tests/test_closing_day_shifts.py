from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestClosingDayShifts(TransactionCase):
    """A day every store is closed has no shift: none is generated, those already made are
    cancelled, and their members are told by the coop."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = "Europe/Paris"
        cls.env.company.country_id = cls.env.ref("base.us")  # no public holiday in the way
        cls.task = cls.env["coop.task.type"].create({"name": "Closing day test task"})
        cls.day = fields.Date.today() + timedelta(days=10)
        cls.template = cls.env["coop.shift.template"].create(
            {
                "task_type_id": cls.task.id,
                "weekday": str(cls.day.weekday()),
                "start_hour": 9.0,
                "end_hour": 12.0,
                "seats": 3,
                "date_start": cls.day - timedelta(days=7),
                "date_end": cls.day + timedelta(days=7),
            }
        )
        cls.member = cls.env["res.partner"].create({"name": "Closing Day Member"})

    def _shift_on(self, day):
        return self.env["coop.shift"].search(
            [
                ("template_id", "=", self.template.id),
                ("start", ">=", day),
                ("start", "<", day + timedelta(days=1)),
            ]
        )

    def test_a_closing_day_cancels_its_shift_and_tells_the_member_as_the_coop(self):
        self.template._generate_shifts(date_to=self.day + timedelta(days=7))
        shift = self._shift_on(self.day)
        self.assertEqual(shift.state, "open")
        registration = self.env["coop.shift.registration"].create(
            {"shift_id": shift.id, "partner_id": self.member.id}
        )
        self.env["coop.closing.day"].create({"date": self.day, "name": "Inventory"})
        self.assertEqual(shift.state, "cancelled")
        self.assertEqual(registration.state, "cancelled")
        notice = shift.message_ids.filtered(lambda m: self.member in m.partner_ids)
        self.assertEqual(notice.author_id, self.env.company.partner_id)
        self.assertEqual(self._shift_on(self.day + timedelta(days=7)).state, "open")

    def test_no_shift_is_generated_on_a_closing_day(self):
        self.env["coop.closing.day"].create({"date": self.day, "name": "Inventory"})
        shifts = self.template._generate_shifts(date_to=self.day + timedelta(days=7))
        self.assertNotIn(self.day, [shift.start.date() for shift in shifts])
        self.assertTrue(shifts)
