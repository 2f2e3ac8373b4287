from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import ValidationError

from .common import CoopCase


class TestWorkStatus(CoopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.this_month = cls.today.replace(day=1)
        cls.last_month = cls.this_month - relativedelta(months=1)
        cls.two_months_ago = cls.this_month - relativedelta(months=2)
        cls.env.company.coop_monthly_hours = 3.0
        cls.env.company.coop_work_grace_months = 1

    def make_member(self, name="Member", since=None):
        member = self.env["res.partner"].create({"name": name, "free_member": True})
        self.env.cr.execute(
            "UPDATE res_partner SET create_date = %s WHERE id = %s",
            (since or self.two_months_ago, member.id),
        )
        member.invalidate_recordset(["create_date"])
        return member

    def work(self, member, month, hours):
        self.env["coop.work.entry"]._credit(member, hours, "shift", "Shift", on_date=month)

    def test_member_who_did_their_hours_is_up_to_date(self):
        member = self.make_member()
        self.work(member, self.two_months_ago, 3)
        self.work(member, self.last_month, 3)
        self.assertEqual(member.coop_work_status, "up_to_date")
        self.assertEqual(member.coop_work_balance, 0)

    def test_one_month_behind_is_within_the_grace_period(self):
        member = self.make_member()
        self.work(member, self.two_months_ago, 3)
        self.assertEqual(member.coop_work_status, "behind")
        self.assertEqual(member.coop_work_balance, -3)

    def test_behind_longer_than_the_grace_period_is_suspended(self):
        member = self.make_member()
        self.assertEqual(member.coop_work_status, "suspended")
        self.assertFalse(member._coop_may_shop())

    def test_an_exemption_of_the_current_month_makes_the_member_exempt(self):
        member = self.make_member(since=self.this_month)
        self.env["coop.exemption"].create(
            {
                "partner_id": member.id,
                "reason": "parental",
                "date_from": self.this_month,
                "date_to": self.this_month + relativedelta(months=1, days=-1),
            }
        )
        self.assertEqual(member.coop_work_status, "exempt")

    def test_an_exemption_in_the_past_covers_the_missing_hours(self):
        member = self.make_member()
        self.env["coop.exemption"].create(
            {
                "partner_id": member.id,
                "reason": "health",
                "date_from": self.two_months_ago,
                "date_to": self.this_month - timedelta(days=1),
                "may_shop": True,
            }
        )
        self.assertEqual(member.coop_work_status, "up_to_date")

    def test_a_suspended_member_exempted_to_shop_may_shop(self):
        member = self.make_member()
        self.env["coop.exemption"].create(
            {
                "partner_id": member.id,
                "reason": "other",
                "date_from": self.today,
                "date_to": self.today,
                "reduced_hours": 3,
                "may_shop": True,
            }
        )
        self.assertEqual(member.coop_work_status, "suspended")
        self.assertTrue(member._coop_may_shop())

    def test_only_validated_work_counts(self):
        member = self.make_member()
        self.env["coop.work.entry"].create(
            {"partner_id": member.id, "hours": 6, "name": "Task", "date": self.two_months_ago}
        )
        self.assertEqual(member.coop_work_status, "suspended")

    def test_members_behind_are_found_by_their_status(self):
        behind = self.make_member("Behind")
        self.work(behind, self.two_months_ago, 3)
        fine = self.make_member("Fine")
        self.work(fine, self.two_months_ago, 6)
        found = self.env["res.partner"].search(
            [("coop_work_status", "in", ("behind", "suspended"))]
        )
        self.assertIn(behind, found)
        self.assertNotIn(fine, found)

    def test_the_month_table_explains_the_status(self):
        member = self.make_member()
        self.work(member, self.two_months_ago, 3)
        table = member.coop_work_months_html
        self.assertIn(member._coop_month(self.last_month), table)
        self.assertIn("-3 h", table)

    def test_exemption_ending_before_it_starts_is_refused(self):
        member = self.make_member()
        with self.assertRaises(ValidationError):
            self.env["coop.exemption"].create(
                {
                    "partner_id": member.id,
                    "date_from": date(2026, 5, 2),
                    "date_to": date(2026, 5, 1),
                }
            )

    def test_status_queries_do_not_grow_with_the_number_of_members(self):
        def queries_for(count):
            members = self.env["res.partner"]
            for index in range(count):
                member = self.make_member(f"Counted {count} {index}")
                self.work(member, self.last_month, 3)
                members |= member
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            members.mapped("coop_work_status")
            return self.env.cr.sql_log_count - before

        few, many = queries_for(5), queries_for(50)
        self.assertEqual(few, many)
        self.assertLessEqual(many, 6)

    def test_checkout_warns_a_member_behind(self):
        member = self.make_member()
        self.work(member, self.two_months_ago, 3)
        blocking, title, _message = member._coop_checkout_alert()
        self.assertFalse(blocking)
        self.assertIn("behind", title)

    def test_checkout_blocks_a_suspended_member_when_the_coop_chooses_it(self):
        self.env.company.coop_checkout_status_mode = "block"
        member = self.make_member()
        self.assertTrue(member._coop_checkout_alert()[0])

    def test_checkout_says_nothing_when_the_coop_chooses_it(self):
        self.env.company.coop_checkout_status_mode = "none"
        self.assertIsNone(self.make_member()._coop_checkout_alert())

    def test_checkout_says_nothing_to_a_member_up_to_date(self):
        member = self.make_member()
        self.work(member, self.two_months_ago, 6)
        self.assertIsNone(member._coop_checkout_alert())

    def test_the_monthly_statement_lists_the_work(self):
        member = self.make_member("Statement Member")
        self.work(member, self.last_month, 3)
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "coop_member_shifts.action_report_work_statement", member.ids
        )
        self.assertIn("Statement Member", html.decode())
        self.assertIn("Shift", html.decode())
        self.assertIn(member._coop_day(self.last_month), html.decode())
        self.assertIn("3 h", html.decode())
