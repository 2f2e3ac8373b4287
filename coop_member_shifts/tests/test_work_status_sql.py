import random

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from .common import CoopCase

HOURS = (0.5, 1.0, 1.25, 2.0, 2.75, 3.0, 4.5, 6.0, 8.0, -1.0, -2.75)


@tagged("post_install", "-at_install")
class TestWorkStatusSql(CoopCase):
    """The status search's query and the Python rule of ``tools/work_status`` (the one the
    status shows and explains) agree on every member, whatever their history."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.coop_monthly_hours = 2.75
        cls.env.company.coop_work_grace_months = 1
        cls.other_company = cls.env["res.company"].create(
            {
                "name": "Other coop",
                "coop_monthly_hours": 3.0,
                "coop_work_grace_months": 0,
            }
        )
        cls.no_hours_company = cls.env["res.company"].create(
            {"name": "Coop without hours", "coop_monthly_hours": 0.0}
        )
        cls.members = cls._make_history(random.Random(20261206), 160)

    @classmethod
    def _make_history(cls, rng, count):
        this_month = fields.Date.today().replace(day=1)
        members = cls.env["res.partner"].create(
            [
                {
                    "name": f"History {index}",
                    "free_member": True,
                    "company_id": (
                        cls.other_company.id
                        if index % 7 == 0
                        else cls.no_hours_company.id
                        if index % 13 == 0
                        else False
                    ),
                }
                for index in range(count)
            ]
        )
        entries, exemptions = [], []
        for member in members:
            joined = this_month - relativedelta(months=rng.randint(0, 20), days=-rng.randint(0, 27))
            cls.env.cr.execute(
                "UPDATE res_partner SET create_date = %s WHERE id = %s",
                (joined, member.id),
            )
            for _line in range(rng.randint(0, 30)):
                day = this_month - relativedelta(
                    months=rng.randint(-0, 15), days=-rng.randint(0, 27)
                )
                entries.append(
                    {
                        "partner_id": member.id,
                        "hours": rng.choice(HOURS),
                        "kind": "adjustment",
                        "name": "History",
                        "reason": "History",
                        "date": min(day, fields.Date.today()),
                        "state": rng.choice(("validated", "validated", "validated", "draft")),
                    }
                )
            if member.id % 11 == 0:  # the whole current month
                exemptions.append(
                    {
                        "partner_id": member.id,
                        "reason": "parental",
                        "date_from": this_month,
                        "date_to": this_month + relativedelta(months=1, days=-1),
                    }
                )
            elif rng.random() < 0.15:
                start = this_month - relativedelta(
                    months=rng.randint(-1, 14), days=-rng.randint(0, 27)
                )
                exemptions.append(
                    {
                        "partner_id": member.id,
                        "reason": "health",
                        "date_from": start,
                        "date_to": start + relativedelta(days=rng.randint(3, 120)),
                        "reduced_hours": rng.choice((0.0, 0.0, 1.0)),
                    }
                )
        cls.env["coop.work.entry"].sudo().create(entries)
        cls.env["coop.exemption"].sudo().create(exemptions)
        cls.env.invalidate_all()
        return members

    def test_the_query_and_the_rule_agree_on_every_member(self):
        Partner = self.env["res.partner"]
        query = Partner._coop_members_query()
        by_query = {
            pid: (status, balance) for pid, status, balance in Partner._coop_status_rows(query)
        }
        by_rule = Partner._coop_statuses_by_rule(self.members.ids)
        statuses = set()
        for member in self.members:
            with self.subTest(member=member.name):
                self.assertIn(member.id, by_query)
                status, balance = by_query[member.id]
                self.assertEqual(status, by_rule[member.id][0])
                self.assertAlmostEqual(balance, by_rule[member.id][1], places=2)
                statuses.add(status)
        # The history covers every status, so that the agreement means something.
        self.assertEqual(statuses, {"up_to_date", "behind", "suspended", "exempt"})

    def test_a_search_finds_what_the_field_shows(self):
        Partner = self.env["res.partner"]
        for status in ("up_to_date", "behind", "suspended", "exempt"):
            found = Partner.search([("coop_work_status", "=", status)]) & self.members
            self.env.invalidate_all()
            shown = self.members.filtered(
                lambda member, status=status: member.coop_work_status == status
            )
            self.assertEqual(found, shown, status)
