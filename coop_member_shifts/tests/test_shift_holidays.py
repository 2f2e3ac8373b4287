from datetime import date

from odoo.tests import tagged

from .common import CoopCase


@tagged("post_install", "-at_install")
class TestShiftHolidays(CoopCase):
    """No shift is generated on a public holiday of the coop's country."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = "Europe/Paris"
        cls.task = cls.env["coop.task.type"].create({"name": "Holiday test task"})

    def make_template(self, weekday):
        return self.env["coop.shift.template"].create(
            {
                "task_type_id": self.task.id,
                "weekday": weekday,
                "start_hour": 9.0,
                "end_hour": 12.0,
                "seats": 3,
                "date_start": date(2031, 12, 1),
                "date_end": date(2032, 1, 31),
            }
        )

    def shift_days(self, template):
        shifts = template._generate_shifts(date_to=date(2032, 1, 31))
        return {shift.start.date() for shift in shifts}

    def test_no_shift_on_christmas_nor_new_year_in_france(self):
        self.env.company.country_id = self.env.ref("base.fr")
        # 25 December 2031 and 1 January 2032 are Thursdays.
        days = self.shift_days(self.make_template("3"))
        self.assertIn(date(2031, 12, 18), days)
        self.assertNotIn(date(2031, 12, 25), days)
        self.assertNotIn(date(2032, 1, 1), days)
        self.assertIn(date(2032, 1, 8), days)

    def test_a_country_without_known_holidays_keeps_every_shift(self):
        self.env.company.country_id = self.env.ref("base.us")
        days = self.shift_days(self.make_template("3"))
        self.assertIn(date(2031, 12, 25), days)
