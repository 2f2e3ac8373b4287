from odoo import fields
from odoo.tests import new_test_user

from .common import CoopCase


class FeeCase(CoopCase):
    """A yearly membership with four income brackets, members and one user per role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.coop_fee_default_mode = "full"
        # The test's schedule is the only one: the demo's would come first by product name.
        cls.env["coop.fee.schedule"].search([]).unlink()
        today = fields.Date.today()
        cls.membership = cls.env["product.template"].create(
            {
                "name": "Test Membership",
                "membership": True,
                "type": "service",
                "list_price": 120.0,
                "membership_date_from": today.replace(month=1, day=1),
                "membership_date_to": today.replace(month=12, day=31),
            }
        )
        cls.product = cls.membership.product_variant_id
        cls.schedule = cls.env["coop.fee.schedule"].create(
            {
                "product_tmpl_id": cls.membership.id,
                "mode": "brackets",
                "basis": "household",
                "bracket_ids": [
                    fields.Command.create({"income_from": 0, "income_to": 800, "fee": 10}),
                    fields.Command.create({"income_from": 800, "income_to": 1500, "fee": 30}),
                    fields.Command.create({"income_from": 1500, "income_to": 2500, "fee": 60}),
                    fields.Command.create({"income_from": 2500, "income_to": 0, "fee": 100}),
                ],
            }
        )
        cls.coordinator_user = new_test_user(
            cls.env,
            login="coop_test_coordinator",
            groups="coop_member_shifts.group_coop_shift_coordinator",
        )
        cls.officer_user = new_test_user(
            cls.env, login="coop_test_officer", groups="coop_member_shifts.group_coop_fee_officer"
        )
        cls.portal_user = new_test_user(
            cls.env, login="coop_test_portal", groups="base.group_portal", name="Paula Portal"
        )
        cls.other_portal_user = new_test_user(
            cls.env, login="coop_test_portal2", groups="base.group_portal", name="Oscar Other"
        )
        cls.paula = cls.portal_user.partner_id
        cls.oscar = cls.other_portal_user.partner_id
        cls.paula.email = "paula@example.com"
        cls.oscar.email = "oscar@example.com"

    def declare(self, partner, income, shares=1.0, validated=True, **vals):
        declaration = self.env["coop.income.declaration"].create(
            {"partner_id": partner.id, "income": income, "household_shares": shares, **vals}
        )
        if validated:
            declaration.action_validate()
        return declaration

    def fee(self, partner):
        return partner._coop_membership_fee(self.product)
