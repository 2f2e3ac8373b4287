from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import new_test_user, tagged

from .common import CoopCase


@tagged("post_install", "-at_install")
class TestHoursMadeUp(CoopCase):
    """Hours worked or credited today count today, not at the end of the month."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.coop_monthly_hours = 3.0
        cls.env.company.coop_work_grace_months = 1
        cls.env.company.coop_checkout_status_mode = "block"
        cls.coordinator_user = new_test_user(
            cls.env,
            login="coop_test_madeup_coordinator",
            groups="coop_member_shifts.group_coop_shift_coordinator",
        )
        cls.today = fields.Date.today()

    def make_suspended(self):
        """A member for two completed months who did nothing: 6 hours missing."""
        member = self.env["res.partner"].create({"name": "Suspended", "free_member": True})
        two_months_ago = self.today.replace(day=1) - relativedelta(months=2)
        self.env.cr.execute(
            "UPDATE res_partner SET create_date = %s WHERE id = %s", (two_months_ago, member.id)
        )
        member.invalidate_recordset()
        self.assertEqual(member.coop_work_status, "suspended")
        return member

    def test_a_suspended_member_who_works_the_missing_hours_shops_the_same_day(self):
        member = self.make_suspended()
        self.env["coop.work.entry"]._credit(member, 6.0, "shift", "Two shifts today")
        member.invalidate_recordset()
        self.assertEqual(member.coop_work_status, "up_to_date")
        self.assertTrue(member._coop_may_shop())
        self.assertIsNone(member._coop_checkout_alert())
        self.assertEqual(member.coop_work_balance, 0)

    def test_missing_hours_credited_by_a_coordinator_count_at_once(self):
        member = self.make_suspended()
        entry = self.env["coop.work.entry"].create(
            {
                "partner_id": member.id,
                "hours": 6.0,
                "kind": "adjustment",
                "name": "Inventory",
                "reason": "Helped at the yearly inventory",
                "date": self.today,
            }
        )
        entry.with_user(self.coordinator_user).action_validate()
        member.invalidate_recordset()
        self.assertEqual(member.coop_work_status, "up_to_date")

    def test_part_of_the_missing_hours_is_not_enough(self):
        member = self.make_suspended()
        self.env["coop.work.entry"]._credit(member, 3.0, "shift", "One shift today")
        member.invalidate_recordset()
        self.assertEqual(member.coop_work_status, "suspended")
        self.assertEqual(member.coop_work_balance, -3)

    def test_a_member_made_up_may_register_to_a_shift_again(self):
        member = self.make_suspended()
        self.env["coop.work.entry"]._credit(member, 6.0, "shift", "Two shifts today")
        task = self.env["coop.task.type"].create({"name": "Reception"})
        start = fields.Datetime.now() + timedelta(days=2)
        shift = self.env["coop.shift"].create(
            {"task_type_id": task.id, "start": start, "end": start + timedelta(hours=3)}
        )
        registration = self.env["coop.shift.registration"].create(
            {"shift_id": shift.id, "partner_id": member.id}
        )
        self.assertEqual(registration.state, "registered")
