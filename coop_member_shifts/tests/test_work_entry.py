from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user

from .common import CoopCase


class TestWorkEntry(CoopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator_user = new_test_user(
            cls.env,
            login="coop_test_coordinator",
            groups="coop_member_shifts.group_coop_shift_coordinator",
        )
        cls.member_user = new_test_user(
            cls.env, login="coop_test_member", groups="base.group_portal"
        )
        cls.other_user = new_test_user(cls.env, login="coop_test_other", groups="base.group_portal")
        cls.Entry = cls.env["coop.work.entry"]

    def log_task(self, partner, hours=2.0, **values):
        return self.Entry.create(
            {"partner_id": partner.id, "hours": hours, "name": "Finding producers", **values}
        )

    def test_a_logged_task_waits_for_validation(self):
        self.assertEqual(self.log_task(self.member_user.partner_id).state, "draft")

    def test_a_coordinator_validates_and_is_recorded(self):
        entry = self.log_task(self.member_user.partner_id)
        entry.with_user(self.coordinator_user).action_validate()
        self.assertEqual(entry.state, "validated")
        self.assertEqual(entry.validated_by_id, self.coordinator_user)

    def test_nobody_validates_their_own_work(self):
        entry = self.log_task(self.coordinator_user.partner_id)
        with self.assertRaises(UserError):
            entry.with_user(self.coordinator_user).action_validate()
        self.assertEqual(entry.state, "draft")

    def test_negative_or_huge_hours_are_refused(self):
        for hours in (-1.0, 0.0, 25.0):
            with self.subTest(hours=hours), self.assertRaises(ValidationError):
                self.log_task(self.member_user.partner_id, hours=hours)

    def test_an_adjustment_needs_a_reason_and_may_be_negative(self):
        with self.assertRaises(ValidationError):
            self.log_task(self.member_user.partner_id, hours=-3, kind="adjustment")
        entry = self.log_task(
            self.member_user.partner_id, hours=-3, kind="adjustment", reason="Counted twice"
        )
        self.assertEqual(entry.hours, -3)

    def test_a_member_reads_only_their_own_work(self):
        mine = self.log_task(self.member_user.partner_id)
        theirs = self.log_task(self.other_user.partner_id)
        visible = self.Entry.with_user(self.member_user).search([])
        self.assertIn(mine, visible)
        self.assertNotIn(theirs, visible)
        with self.assertRaises(AccessError):
            theirs.with_user(self.member_user).read(["hours"])

    def test_a_member_cannot_validate_through_the_orm(self):
        entry = self.log_task(self.member_user.partner_id)
        with self.assertRaises(AccessError):
            entry.with_user(self.member_user).write({"state": "validated"})

    def test_credit_writes_a_validated_line(self):
        entry = self.Entry._credit(self.member_user.partner_id, 1.5, "delivery", "Delivery")
        self.assertEqual(entry.state, "validated")
        self.assertEqual(entry.kind, "delivery")
