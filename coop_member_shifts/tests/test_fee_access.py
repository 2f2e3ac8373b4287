from odoo.exceptions import AccessError

from .fee_common import FeeCase


class TestFeeAccess(FeeCase):
    def test_shift_coordinator_cannot_read_an_income(self):
        declaration = self.declare(self.paula, 1000)
        with self.assertRaises(AccessError):
            declaration.with_user(self.coordinator_user).read(["income"])

    def test_shift_coordinator_cannot_search_incomes(self):
        self.declare(self.paula, 1000)
        with self.assertRaises(AccessError):
            self.env["coop.income.declaration"].with_user(self.coordinator_user).search([])

    def test_shop_staff_cannot_read_the_declarations_of_a_contact(self):
        self.declare(self.paula, 1000)
        with self.assertRaises(AccessError):
            self.paula.with_user(self.staff_user).read(["coop_income_declaration_ids"])

    def test_shift_coordinator_sees_the_fee_and_the_bracket(self):
        self.declare(self.paula, 1000)
        partner = self.paula.with_user(self.coordinator_user)
        self.assertEqual(partner.coop_fee_amount, 30.0)
        self.assertTrue(partner.coop_fee_bracket)

    def test_fee_officer_reads_and_validates(self):
        declaration = self.declare(self.paula, 1000, validated=False)
        as_officer = declaration.with_user(self.officer_user)
        self.assertEqual(as_officer.income, 1000.0)
        as_officer.action_validate()
        self.assertEqual(declaration.validated_by_id, self.officer_user)

    def test_portal_member_reads_their_own_declaration(self):
        declaration = self.declare(self.paula, 1000)
        self.assertEqual(declaration.with_user(self.portal_user).income, 1000.0)

    def test_portal_member_cannot_read_another_members_income(self):
        declaration = self.declare(self.oscar, 2000)
        with self.assertRaises(AccessError):
            declaration.with_user(self.portal_user).read(["income"])

    def test_portal_member_searching_finds_only_their_own(self):
        mine = self.declare(self.paula, 1000)
        self.declare(self.oscar, 2000)
        found = self.env["coop.income.declaration"].with_user(self.portal_user).search([])
        self.assertEqual(found, mine)

    def test_portal_member_declares_a_draft_only(self):
        declaration = (
            self.env["coop.income.declaration"]
            .with_user(self.portal_user)
            .create(
                {
                    "partner_id": self.paula.id,
                    "income": 100,
                    "state": "validated",
                    "validated_by_id": self.portal_user.id,
                }
            )
        )
        self.assertEqual(declaration.state, "draft")
        self.assertFalse(declaration.validated_by_id)

    def test_portal_member_cannot_declare_for_someone_else(self):
        with self.assertRaises(AccessError):
            self.env["coop.income.declaration"].with_user(self.portal_user).create(
                {"partner_id": self.oscar.id, "income": 100}
            )

    def test_portal_member_cannot_validate(self):
        declaration = self.declare(self.paula, 1000, validated=False)
        with self.assertRaises(AccessError):
            declaration.with_user(self.portal_user).action_validate()
