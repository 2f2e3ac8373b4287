from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import CoopCase

# A status search (Members Behind, or any filter on the status), for any number of members:
# the status query (tools/work_status's rule in SQL), and for the members with an exemption
# their ledger and exemptions; the user's time zone (today's date: its user and contact), the
# allowed companies, the search.
STATUS_SEARCH_QUERIES = 6
# The status and balance of a batch of members: their creation date and company, the
# window's grouped ledger, the exemptions, the companies' settings.
STATUS_COMPUTE_QUERIES = 4
SEARCHES = {
    "=": "behind",
    "!=": "up_to_date",
    "in": ["behind", "suspended"],
    "not in": ["up_to_date", "exempt"],
}


@tagged("post_install", "-at_install", "is_query_count")
class TestWorkStatusQueries(CoopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.this_month = fields.Date.today().replace(day=1)
        cls.two_months_ago = cls.this_month - relativedelta(months=2)
        cls.env.company.coop_monthly_hours = 3.0
        cls.env.company.coop_work_grace_months = 1
        action = cls.env.ref("coop_member_shifts.res_partner_action_behind")
        cls.behind_domain = safe_eval(action.domain)

    def add_members(self, count):
        """``count`` members behind, ``count`` up to date and one exempt; returns them all."""
        Entry, members = self.env["coop.work.entry"], self.env["res.partner"]
        for index in range(count):
            behind, fine = self.env["res.partner"].create(
                [
                    {"name": f"Behind {count} {index}", "free_member": True},
                    {"name": f"Fine {count} {index}", "free_member": True},
                ]
            )
            self.env.cr.execute(
                "UPDATE res_partner SET create_date = %s WHERE id IN %s",
                (self.two_months_ago, (behind.id, fine.id)),
            )
            Entry._credit(behind, 3, "shift", "Shift", on_date=self.two_months_ago)
            Entry._credit(fine, 6, "shift", "Shift", on_date=self.two_months_ago)
            members |= behind | fine
        exempt = self.env["res.partner"].create({"name": f"Exempt {count}", "free_member": True})
        self.env["coop.exemption"].create(
            {
                "partner_id": exempt.id,
                "reason": "parental",
                "date_from": self.this_month,
                "date_to": self.this_month + relativedelta(months=1, days=-1),
            }
        )
        self.env.invalidate_all()
        return members | exempt

    def count_queries(self, function):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        function()
        return self.env.cr.sql_log_count - before

    def search_queries(self, user):
        Partner = self.env["res.partner"].with_user(user)
        Partner.search(self.behind_domain, limit=80)  # the rules and views caches, once
        counts = {
            operator: self.count_queries(
                lambda operator=operator, value=value: Partner.search(
                    [("coop_work_status", operator, value)], limit=80
                )
            )
            for operator, value in SEARCHES.items()
        }
        counts["Members Behind"] = self.count_queries(
            lambda: Partner.search(self.behind_domain, limit=80)
        )
        return counts

    def test_status_searches_cost_the_same_queries_for_n_and_2n_members(self):
        self.add_members(10)
        few = self.search_queries(self.staff_user)
        self.add_members(20)
        many = self.search_queries(self.staff_user)
        self.assertEqual(few, many)
        Partner = self.env["res.partner"].with_user(self.staff_user)
        self.env.invalidate_all()
        with self.assertQueryCount(STATUS_SEARCH_QUERIES):
            Partner.search(self.behind_domain, limit=80)

    def test_members_behind_finds_exactly_the_members_behind(self):
        members = self.add_members(3)
        Partner = self.env["res.partner"].with_user(self.staff_user)
        expected = {
            operator: members.filtered(
                lambda member, value=value: (
                    member.coop_work_status in value
                    if isinstance(value, list)
                    else member.coop_work_status == value
                )
            )
            for operator, value in SEARCHES.items()
        }
        for operator, value in SEARCHES.items():
            found = Partner.search([("coop_work_status", operator, value)]) & members
            if operator in ("!=", "not in"):
                self.assertEqual(found, members - expected[operator], operator)
            else:
                self.assertEqual(found, expected[operator], operator)
        behind = Partner.search(self.behind_domain) & members
        self.assertEqual(len(behind), 3)
        self.assertEqual(set(behind.mapped("coop_work_status")), {"behind"})

    def test_status_of_members_costs_the_same_queries_for_n_and_2n_members(self):
        few = self.add_members(10)
        many = self.add_members(20)
        counts = [
            self.count_queries(lambda members=members: members.mapped("coop_work_status"))
            for members in (few, many)
        ]
        self.assertEqual(counts[0], counts[1])
        self.env.invalidate_all()
        with self.assertQueryCount(STATUS_COMPUTE_QUERIES):
            many.mapped("coop_work_status")
            many.mapped("coop_work_balance")

    def test_status_and_searches_do_not_build_the_month_table(self):
        members = self.add_members(3)
        Partner = type(self.env["res.partner"])
        with patch.object(Partner, "_coop_months_table", side_effect=AssertionError("table")):
            members.mapped("coop_work_status")
            members.mapped("coop_work_balance")
            self.env["res.partner"].search(self.behind_domain, limit=80).read(
                ["name", "coop_work_balance", "coop_work_status"]
            )
            members[0]._coop_checkout_alert()

    def test_a_new_exemption_changes_a_status_already_read_or_searched(self):
        member = self.add_members(1)[0]
        Partner = self.env["res.partner"]
        self.assertEqual(member.coop_work_status, "behind")
        self.assertIn(member, Partner.search(self.behind_domain))
        self.env["coop.exemption"].create(
            {
                "partner_id": member.id,
                "reason": "parental",
                "date_from": self.this_month,
                "date_to": self.this_month + relativedelta(months=1, days=-1),
            }
        )
        self.assertEqual(member.coop_work_status, "exempt")
        self.assertNotIn(member, Partner.search(self.behind_domain))

    def test_the_rows_of_a_status_search_show_their_status_without_a_query(self):
        self.add_members(3)
        found = self.env["res.partner"].search(self.behind_domain, limit=80)
        with self.assertQueryCount(0):
            self.assertLessEqual(set(found.mapped("coop_work_status")), {"behind", "suspended"})
            found.mapped("coop_work_balance")

    def test_the_contact_form_shows_the_month_table(self):
        member = self.add_members(1)[0]
        values = member.with_user(self.staff_user).web_read(
            {"coop_work_status": {}, "coop_work_months_html": {}}
        )[0]
        self.assertIn("o_coop_work_months", values["coop_work_months_html"])
        self.assertIn(self.two_months_ago.strftime("%B %Y"), values["coop_work_months_html"])

    def test_the_work_statement_shows_the_month_table(self):
        member = self.add_members(1)[0]
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "coop_member_shifts.action_report_work_statement", member.ids
        )
        self.assertIn("o_coop_work_months", html.decode())
        self.assertIn(self.two_months_ago.strftime("%B %Y"), html.decode())


@tagged("post_install", "-at_install")
class TestWorkStatusPortalTable(HttpCase):
    def test_the_portal_shows_the_month_table(self):
        user = new_test_user(
            self.env,
            login="coop_table_alice",
            password="coop_table_alice",
            groups="base.group_portal",
        )
        last_month = fields.Date.today().replace(day=1) - relativedelta(months=1)
        self.env["coop.work.entry"]._credit(
            user.partner_id, 3, "shift", "Shift", on_date=last_month
        )
        self.authenticate("coop_table_alice", "coop_table_alice")
        html = self.url_open("/my/shifts", timeout=60).text
        self.assertIn("o_coop_work_months", html)
        self.assertIn(last_month.strftime("%B %Y"), html)
