from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .fee_common import FeeCase


class TestIncomeDeclaration(FeeCase):
    def test_negative_income_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.declare(self.paula, -10)

    def test_zero_household_shares_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "more than zero shares"):
            self.declare(self.paula, 1000, shares=0)

    def test_negative_household_shares_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "more than zero shares"):
            self.declare(self.paula, 1000, shares=-1)

    def test_validity_ends_after_the_company_months(self):
        self.env.company.coop_fee_validity_months = 6
        declaration = self.declare(self.paula, 1000, date=fields.Date.to_date("2026-01-15"))
        self.assertEqual(declaration.validity_months, 6)
        self.assertEqual(declaration.date_end, fields.Date.to_date("2026-07-14"))

    def test_without_declaration_the_full_fee_applies(self):
        self.assertEqual(self.fee(self.paula), 120.0)
        self.assertEqual(self.paula.coop_fee_source, "default")

    def test_without_declaration_a_fixed_default_fee_applies(self):
        self.env.company.write({"coop_fee_default_mode": "fixed", "coop_fee_default_amount": 45})
        self.assertEqual(self.fee(self.paula), 45.0)

    def test_draft_declaration_does_not_set_the_fee(self):
        self.declare(self.paula, 300, validated=False)
        self.assertEqual(self.fee(self.paula), 120.0)

    def test_declaration_past_its_validity_does_not_set_the_fee(self):
        old = fields.Date.today() - relativedelta(months=13)
        self.declare(self.paula, 300, date=old)
        self.assertEqual(self.fee(self.paula), 120.0)

    def test_validating_a_new_declaration_replaces_the_older_one(self):
        older = self.declare(self.paula, 300, date=fields.Date.today() - relativedelta(months=2))
        newer = self.declare(self.paula, 2000)
        self.assertEqual(older.state, "expired")
        self.assertEqual(newer.validated_by_id, self.env.user)
        self.assertEqual(self.fee(self.paula), 60.0)

    def test_validation_closes_the_officer_to_do(self):
        declaration = self.declare(self.paula, 900, validated=False)
        declaration._coop_ask_validation()
        officer = declaration._coop_fee_officer_user()
        self.assertEqual(declaration.activity_ids.user_id, officer)
        in_their_language = self.env(context={"lang": officer.lang})._(
            "Income declaration to validate"
        )
        self.assertEqual(declaration.activity_ids.summary, in_their_language)
        declaration.with_user(self.officer_user).action_validate()
        self.assertFalse(declaration.activity_ids)
        done = declaration.message_ids.filtered("mail_activity_type_id")
        self.assertIn("Validated.", done.body)

    def test_contact_shows_fee_bracket_and_validity(self):
        declaration = self.declare(self.paula, 1000)
        self.assertEqual(self.paula.coop_fee_amount, 30.0)
        self.assertEqual(self.paula.coop_fee_source, "declaration")
        self.assertEqual(self.paula.coop_fee_valid_until, declaration.date_end)
        self.assertTrue(self.paula.coop_fee_bracket)

    def test_declaration_shows_its_resulting_fee(self):
        declaration = self.declare(self.paula, 1600, validated=False)
        self.assertEqual(declaration.fee_amount, 60.0)

    def test_expiry_cron_expires_and_asks_the_fee_officer(self):
        old = fields.Date.today() - relativedelta(months=13)
        declaration = self.declare(self.paula, 300, date=old)
        declaration.validated_by_id = self.officer_user
        expired = self.env["coop.income.declaration"]._cron_coop_expire_declarations()
        self.assertEqual(expired, declaration)
        self.assertEqual(declaration.state, "expired")
        self.assertEqual(declaration.activity_ids.user_id, self.officer_user)

    @mute_logger("odoo.addons.coop_member_shifts.models.coop_cron_step")
    def test_an_expiry_that_fails_stops_no_other_expiry(self):
        old = fields.Date.today() - relativedelta(months=13)
        broken, fine = (
            self.declare(self.paula, 300, date=old),
            self.declare(self.oscar, 300, date=old),
        )
        Declaration = type(self.env["coop.income.declaration"])
        expire = Declaration._expire

        def fail_for_broken(declaration, officers):
            if declaration == broken:
                raise ValueError("broken declaration")
            return expire(declaration, officers)

        with patch.object(Declaration, "_expire", fail_for_broken):
            expired = self.env["coop.income.declaration"]._cron_coop_expire_declarations()
        self.assertEqual(expired, fine)
        self.assertEqual(fine.state, "expired")
        self.assertEqual(broken.state, "validated", "rolled back alone")
        self.assertIn("broken declaration", broken.activity_ids.note)

    def test_expiry_cron_leaves_valid_declarations(self):
        declaration = self.declare(self.paula, 300)
        self.env["coop.income.declaration"]._cron_coop_expire_declarations()
        self.assertEqual(declaration.state, "validated")
        self.assertFalse(declaration.activity_ids)
