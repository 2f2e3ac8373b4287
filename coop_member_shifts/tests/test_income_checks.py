import re

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged

from .fee_common import FeeCase

NOT_AN_INCOME = ("nan", "NaN", "inf", "-inf", "Infinity", "1e308", "-1", "", "abc", "1" * 5000)


@tagged("post_install", "-at_install")
class TestIncomeChecks(FeeCase):
    """The declaration refuses what is not an income and flags what is implausible."""

    def test_non_finite_or_negative_incomes_are_refused(self):
        for income in (float("nan"), float("inf"), float("-inf"), -1.0, 1e308):
            with self.subTest(income=income), self.assertRaises(ValidationError):
                self.declare(self.paula, income, validated=False)

    def test_non_finite_household_shares_are_refused(self):
        for shares in (float("nan"), float("inf"), 1e308):
            with self.subTest(shares=shares), self.assertRaises(ValidationError):
                self.declare(self.paula, 1000, shares=shares, validated=False)

    def test_an_implausible_income_is_kept_and_flagged_for_a_fee_officer(self):
        self.env.company.coop_income_ceiling = 50000
        declaration = self.declare(self.paula, 1_000_000_000, validated=False)
        self.assertTrue(declaration.to_check)
        self.assertEqual(declaration.state, "draft")
        officers = self.env.ref("coop_member_shifts.group_coop_fee_officer").users
        self.assertIn(declaration.activity_ids.user_id, officers)

    def test_a_plausible_income_is_not_flagged(self):
        self.env.company.coop_income_ceiling = 50000
        self.assertFalse(self.declare(self.paula, 2400, validated=False).to_check)

    def test_no_ceiling_flags_nothing(self):
        self.env.company.coop_income_ceiling = 0
        self.assertFalse(self.declare(self.paula, 1_000_000_000, validated=False).to_check)

    def test_the_flag_is_set_by_the_server_only(self):
        self.env.company.coop_income_ceiling = 50000
        declaration = (
            self.env["coop.income.declaration"]
            .with_user(self.portal_user)
            .create({"partner_id": self.paula.id, "income": 60000, "to_check": False})
        )
        self.assertTrue(declaration.sudo().to_check)
        declaration.with_user(self.officer_user).write({"to_check": False})
        self.assertTrue(declaration.to_check)

    def test_a_fee_officer_validating_clears_the_flag(self):
        self.env.company.coop_income_ceiling = 50000
        declaration = self.declare(self.paula, 60000, validated=False)
        declaration.with_user(self.officer_user).action_validate()
        self.assertEqual(declaration.state, "validated")
        self.assertFalse(declaration.to_check)


@tagged("post_install", "-at_install")
class TestIncomePortalChecks(FeeCase, HttpCase):
    def declare_online(self, **data):
        page = self.url_open("/my/income").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return self.url_open("/my/income/declare", data={"csrf_token": csrf, **data})

    def paula_declarations(self):
        return self.env["coop.income.declaration"].search([("partner_id", "=", self.paula.id)])

    def test_what_is_not_an_income_gives_a_form_error(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        for income in NOT_AN_INCOME:
            with self.subTest(income=income[:20]):
                response = self.declare_online(income=income, household_shares="1")
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_coop_portal_error", response.text)
        self.assertFalse(self.paula_declarations())

    def test_what_is_not_a_household_gives_a_form_error(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        for shares in ("nan", "inf", "1e308", "-1", "abc"):
            with self.subTest(shares=shares):
                response = self.declare_online(income="1000", household_shares=shares)
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_coop_portal_error", response.text)
        self.assertFalse(self.paula_declarations())

    def test_an_implausible_income_is_kept_and_the_member_is_told(self):
        self.env.company.coop_income_ceiling = 50000
        self.authenticate(self.portal_user.login, self.portal_user.login)
        response = self.declare_online(income="1000000000", household_shares="1")
        self.assertEqual(response.status_code, 200)
        self.assertIn("unusually high", response.text)
        self.assertIn("o_coop_income_to_check", response.text)
        declaration = self.paula_declarations()
        self.assertEqual(declaration.income, 1_000_000_000)
        self.assertTrue(declaration.to_check)
