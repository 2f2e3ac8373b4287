from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tests.common import warmup

from .common import CoopCase, ShiftTemplateCase

# A year of shifts from any number of templates, their fixed teams registered (generated shifts
# log no creation message): the same fixed number of queries for 10 templates as for 50, the
# INSERTs included (one for the shifts, one for the registrations). Three of them find the days
# the coop is closed (its country's public holidays, the closing days of the drive); two lock
# the fixed teams' members, once for all; two lock the templates (two workers generating one
# template at once).
GENERATION_QUERIES = 20


@tagged("post_install", "-at_install", "is_query_count")
class TestShiftGenerationQueries(CoopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = "Europe/Paris"
        cls.tasks = cls.env["coop.task.type"].create(
            [{"name": name} for name in ("Cashier", "Shelves", "Reception")]
        )
        cls.members = cls.env["res.partner"].create(
            [{"name": f"Team member {index:03d}"} for index in range(100)]
        )

    def make_templates(self, count):
        """A store's week like the benchmark's: weekly, every other week and A-B-C-D cycle
        templates, each with a fixed team of two members (teams never overlap)."""
        starts = (8.0, 10.75, 13.5, 16.25, 19.0)
        return self.env["coop.shift.template"].create(
            [
                {
                    "task_type_id": self.tasks[index % len(self.tasks)].id,
                    "weekday": str(index % 7),
                    "start_hour": starts[index // 7 % len(starts)],
                    "end_hour": starts[index // 7 % len(starts)] + 2.75,
                    "seats": 4,
                    "recurrence": ("weekly", "every_n", "cycle", "cycle")[index % 4],
                    "every_weeks": 2,
                    "cycle_week": str(index // 4 % 4),
                    "partner_ids": [(6, 0, self.members[2 * index : 2 * index + 2].ids)],
                }
                for index in range(count)
            ]
        )

    def year_ahead(self):
        return fields.Date.today() + timedelta(days=365)

    def generate_a_year(self, templates):
        shifts = templates._generate_shifts(date_to=self.year_ahead())
        self.env.flush_all()
        self.env.cr.precommit.run()  # what a commit would write besides
        self.env.flush_all()
        return shifts

    def assert_generation_within_budget(self, count):
        """Generate a year from ``count`` templates within the fixed budget."""
        templates = self.make_templates(count)
        planned = len(templates._missing_shift_values(self.year_ahead()))
        self.env.invalidate_all()
        with self.assertQueryCount(GENERATION_QUERIES):
            shifts = self.generate_a_year(templates)
        self.assertEqual(len(shifts), planned)
        self.assertEqual(shifts.template_id, templates)
        self.assertEqual(len(shifts.registration_ids), 2 * len(shifts))
        return shifts

    @warmup
    def test_a_year_of_shifts_from_10_templates_within_the_query_budget(self):
        shifts = self.assert_generation_within_budget(10)
        self.assertGreater(len(shifts), 200)

    @warmup
    def test_a_year_of_shifts_from_50_templates_within_the_same_query_budget(self):
        shifts = self.assert_generation_within_budget(50)
        self.assertGreater(len(shifts), 1000)


@tagged("post_install", "-at_install")
class TestShiftGenerationRules(ShiftTemplateCase):
    """The rules of a registration hold for the fixed teams registered by generation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ana, cls.ben, cls.cleo = cls.env["res.partner"].create(
            [{"name": "Team A Ana"}, {"name": "Team B Ben"}, {"name": "Team C Cleo"}]
        )

    def generate(self, templates):
        return templates._generate_shifts(date_to=date(2027, 1, 31))

    def refusals(self, template):
        """The notes of the coordinator's activities about members not registered (in the
        coordinator's language)."""
        coordinator = self.env["coop.shift"]._coordinator_user()
        summary = self.env(context={"lang": coordinator.lang})._(
            "Fixed team members not registered"
        )
        activities = template.activity_ids.filtered(lambda activity: activity.summary == summary)
        return " ".join(activities.mapped("note"))

    def test_a_fixed_team_larger_than_the_seats_fills_them_and_reports_the_rest(self):
        template = self.make_template(self.ana | self.ben | self.cleo, seats=2)
        shifts = self.generate(template)
        self.assertEqual(len(shifts), 5)  # the Sundays of January 2027
        for shift in shifts:
            self.assertEqual(shift.registration_ids.partner_id, self.ana | self.ben)
            self.assertEqual((shift.seats_taken, shift.seats_free), (2, 0))
        self.assertEqual(self.refusals(template).count("is full"), 5)
        self.assertIn("Team C Cleo", self.refusals(template))

    def test_generating_twice_creates_nothing_new(self):
        templates = self.make_template(self.ana | self.ben) | self.make_template(
            self.cleo, weekday="5"
        )
        first = self.generate(templates)
        registrations = first.registration_ids
        self.assertEqual(len(registrations), 3 * 5)
        self.assertFalse(self.generate(templates))
        self.assertEqual(templates.shift_ids, first)
        self.assertEqual(templates.shift_ids.registration_ids, registrations)

    def test_a_member_in_two_overlapping_fixed_teams_is_registered_once_at_a_time(self):
        morning = self.make_template(self.ana | self.ben)
        noon = self.make_template(self.ana, start_hour=12.0, end_hour=15.0)
        self.generate(morning | noon)
        self.assertEqual(morning.shift_ids.registration_ids.partner_id, self.ana | self.ben)
        self.assertFalse(noon.shift_ids.registration_ids)
        self.assertEqual(self.refusals(noon).count("already registered"), 5)
        self.assertFalse(self.refusals(morning))

    def test_a_member_already_registered_at_that_time_is_not_registered_again(self):
        start = fields.Datetime.to_datetime("2027-01-10 10:00:00")  # 11:00 in Paris
        busy = self.env["coop.shift"].create(
            {"task_type_id": self.task.id, "start": start, "end": start + timedelta(hours=2)}
        )
        self.env["coop.shift.registration"].create({"shift_id": busy.id, "partner_id": self.ana.id})
        template = self.make_template(self.ana | self.ben)
        shifts = self.generate(template)
        clashing = shifts.filtered(lambda shift: shift.start.date() == date(2027, 1, 10))
        self.assertEqual(clashing.registration_ids.partner_id, self.ben)
        self.assertEqual((shifts - clashing).registration_ids.partner_id, self.ana | self.ben)
        self.assertEqual(self.refusals(template).count("already registered"), 1)

    def test_shifts_generated_together_keep_their_local_time_across_daylight_saving(self):
        winter = self.make_template(self.ana, date_start=date(2027, 3, 20), date_end=None)
        summer = self.make_template(
            self.ben, weekday="5", date_start=date(2027, 10, 23), date_end=None
        )
        shifts = (winter | summer)._generate_shifts(date_to=date(2027, 11, 7))
        hours = {(shift.start.date(), shift.start.hour) for shift in shifts}
        # Paris goes to summer time on 28 March 2027 and back on 31 October 2027.
        self.assertTrue({(date(2027, 3, 21), 9), (date(2027, 3, 28), 8)} <= hours)
        self.assertTrue({(date(2027, 10, 23), 8), (date(2027, 10, 30), 8)} <= hours)
        self.assertIn((date(2027, 11, 6), 9), hours)

    def test_registering_one_member_twice_at_once_is_refused(self):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=2)
        first, second = self.env["coop.shift"].create(
            [
                {"task_type_id": self.task.id, "start": start, "end": start + timedelta(hours=3)},
                {
                    "task_type_id": self.task.id,
                    "start": start + timedelta(hours=1),
                    "end": start + timedelta(hours=4),
                },
            ]
        )
        with self.assertRaises(ValidationError):
            self.env["coop.shift.registration"].create(
                [
                    {"shift_id": first.id, "partner_id": self.ana.id},
                    {"shift_id": second.id, "partner_id": self.ana.id},
                ]
            )
