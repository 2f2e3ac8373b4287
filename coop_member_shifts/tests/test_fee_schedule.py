from odoo import fields
from odoo.exceptions import ValidationError

from .fee_common import FeeCase


class TestFeeSchedule(FeeCase):
    def test_income_inside_a_bracket_pays_its_fee(self):
        self.declare(self.paula, 1000)
        self.assertEqual(self.fee(self.paula), 30.0)

    def test_income_exactly_on_a_boundary_pays_the_upper_bracket(self):
        self.declare(self.paula, 800)
        self.assertEqual(self.fee(self.paula), 30.0)

    def test_income_just_below_a_boundary_pays_the_lower_bracket(self):
        self.declare(self.paula, 799.99)
        self.assertEqual(self.fee(self.paula), 10.0)

    def test_highest_bracket_has_no_upper_limit(self):
        self.declare(self.paula, 25000)
        self.assertEqual(self.fee(self.paula), 100.0)

    def test_income_per_share_divides_by_the_household_shares(self):
        self.schedule.basis = "per_share"
        self.declare(self.paula, 2400, shares=3)  # 800 a share
        self.assertEqual(self.fee(self.paula), 30.0)

    def test_rate_between_floor_and_cap(self):
        self.schedule.write({"mode": "rate", "rate": 2.0, "fee_floor": 15, "fee_cap": 80})
        self.declare(self.paula, 1500)
        self.assertEqual(self.fee(self.paula), 30.0)

    def test_rate_below_the_floor_pays_the_floor(self):
        self.schedule.write({"mode": "rate", "rate": 2.0, "fee_floor": 15, "fee_cap": 80})
        self.declare(self.paula, 300)
        self.assertEqual(self.fee(self.paula), 15.0)
        self.assertEqual(self.paula.coop_fee_bracket, "Lowest fee")

    def test_rate_above_the_cap_pays_the_cap(self):
        self.schedule.write({"mode": "rate", "rate": 2.0, "fee_floor": 15, "fee_cap": 80})
        self.declare(self.paula, 9000)
        self.assertEqual(self.fee(self.paula), 80.0)

    def test_rate_fee_is_rounded_to_the_schedules_step(self):
        self.schedule.write(
            {"mode": "rate", "rate": 1.5, "fee_floor": 0, "fee_cap": 0, "fee_step": 5}
        )
        self.declare(self.paula, 1234.56)  # 18.5184
        self.assertEqual(self.fee(self.paula), 20.0)

    def test_rate_fee_with_a_cent_step_is_rounded_to_the_currency(self):
        self.schedule.write(
            {"mode": "rate", "rate": 1.5, "fee_floor": 0, "fee_cap": 0, "fee_step": 0.01}
        )
        self.declare(self.paula, 1234.56)  # 18.5184
        self.assertEqual(self.fee(self.paula), 18.52)

    def test_a_rate_schedule_without_a_rounding_step_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "step above zero"):
            self.schedule.write({"mode": "rate", "rate": 2.0, "fee_step": 0})

    def test_a_rate_schedule_rounds_to_five_by_default(self):
        schedule = self.env["coop.fee.schedule"].new({"mode": "rate", "rate": 2.0})
        self.assertEqual(schedule.fee_step, 5.0)
        self.assertEqual(schedule.income_band_width, 250.0)

    def test_overlapping_brackets_are_refused(self):
        first = self.schedule.bracket_ids.sorted("income_from")[0]
        with self.assertRaisesRegex(ValidationError, "overlap"):
            self.schedule.write(
                {"bracket_ids": [fields.Command.update(first.id, {"income_to": 900})]}
            )

    def test_a_bracket_edited_alone_is_checked_too(self):
        first = self.schedule.bracket_ids.sorted("income_from")[0]
        with self.assertRaisesRegex(ValidationError, "overlap"):
            first.income_to = 900

    def test_a_bracket_without_fee_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "has no fee"):
            self.schedule._coop_raise_problems([("missing_fee", 0.0)])

    def test_a_gap_between_brackets_is_refused(self):
        second = self.schedule.bracket_ids.sorted("income_from")[1]
        with self.assertRaisesRegex(ValidationError, "No bracket covers"):
            self.schedule.write(
                {"bracket_ids": [fields.Command.update(second.id, {"income_from": 900})]}
            )

    def test_brackets_edited_together_stay_valid(self):
        first, second = self.schedule.bracket_ids.sorted("income_from")[:2]
        self.schedule.write(
            {
                "bracket_ids": [
                    fields.Command.update(first.id, {"income_to": 900}),
                    fields.Command.update(second.id, {"income_from": 900}),
                ]
            }
        )
        self.declare(self.paula, 850)
        self.assertEqual(self.fee(self.paula), 10.0)

    def test_floor_above_cap_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "above the highest fee"):
            self.schedule.write({"mode": "rate", "rate": 2.0, "fee_floor": 90, "fee_cap": 50})

    def test_last_bracket_with_an_upper_limit_is_refused(self):
        last = self.schedule.bracket_ids.sorted("income_from")[-1]
        with self.assertRaisesRegex(ValidationError, "last bracket ends"):
            self.schedule.write(
                {"bracket_ids": [fields.Command.update(last.id, {"income_to": 9000})]}
            )

    def test_a_schedule_needs_a_membership_product(self):
        product = self.env["product.template"].create({"name": "Carrots", "type": "consu"})
        with self.assertRaisesRegex(ValidationError, "not a membership product"):
            self.env["coop.fee.schedule"].create(
                {
                    "product_tmpl_id": product.id,
                    "bracket_ids": [fields.Command.create({"income_from": 0, "fee": 5})],
                }
            )

    def test_bracket_names_say_their_limits(self):
        # In English whatever the demo's language (the names are stored when computed).
        brackets = self.schedule.bracket_ids.with_context(lang="en_US").sorted("income_from")
        brackets._compute_name()
        names = brackets.mapped("name")
        self.assertIn("800", names[1])
        self.assertIn("1,500", names[1])
        self.assertIn("and more", names[-1])

    def test_fee_range_goes_from_lowest_to_highest(self):
        self.assertEqual((self.schedule.fee_min, self.schedule.fee_max), (10.0, 100.0))

    def test_changing_the_schedule_keeps_the_declaration_and_recomputes_the_fee(self):
        declaration = self.declare(self.paula, 1000)
        self.schedule.bracket_ids.filtered(lambda b: b.income_from == 800).fee = 35
        self.assertTrue(declaration.exists())
        self.assertEqual(declaration.state, "validated")
        self.assertEqual(self.fee(self.paula), 35.0)

    def test_deleting_the_schedule_keeps_the_declarations(self):
        declaration = self.declare(self.paula, 1000)
        self.schedule.unlink()
        self.assertTrue(declaration.exists())
        self.assertEqual(self.fee(self.paula), 120.0)
