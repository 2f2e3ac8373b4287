from .common import CoopCase


class TestAccessGroups(CoopCase):
    def test_manager_has_every_member_side_role(self):
        for xmlid in (
            "coop_member_shifts.group_coop_shop_staff",
            "coop_member_shifts.group_coop_shift_coordinator",
            "coop_member_shifts.group_coop_fee_officer",
        ):
            self.assertTrue(self.manager_user.has_group(xmlid), xmlid)

    def test_shop_staff_is_neither_coordinator_nor_fee_officer(self):
        self.assertTrue(self.staff_user.has_group("base.group_user"))
        self.assertFalse(
            self.staff_user.has_group("coop_member_shifts.group_coop_shift_coordinator")
        )
        self.assertFalse(self.staff_user.has_group("coop_member_shifts.group_coop_fee_officer"))

    def test_administrator_is_coop_manager(self):
        self.assertTrue(
            self.env.ref("base.user_admin").has_group("coop_member_shifts.group_coop_manager")
        )

    def test_monthly_requirement_defaults_to_three_hours(self):
        company = self.env["res.company"].create({"name": "New Coop"})
        self.assertEqual(company.coop_monthly_hours, 3.0)
