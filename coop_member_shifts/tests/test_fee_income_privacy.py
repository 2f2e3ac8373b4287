from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .fee_common import FeeCase


@tagged("post_install", "-at_install")
class TestFeeIncomePrivacy(FeeCase):
    """In rate mode, what shop staff see of a fee does not give the declared income away."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 2 % rounded to 5: every income from 1125 up to 1375 pays 25.
        cls.schedule.write(
            {"mode": "rate", "rate": 2.0, "fee_floor": 10, "fee_cap": 100, "fee_step": 5}
        )
        cls.salesman_user = new_test_user(
            cls.env,
            login="coop_test_salesman",
            groups="coop_member_shifts.group_coop_shop_staff,sales_team.group_sale_salesman",
        )

    def join(self, partners):
        context = {"active_ids": partners.ids, "active_model": "res.partner"}
        form = Form(self.env["membership.invoice"].with_context(**context))
        form.product_id = self.product
        form.save().membership_invoice()

    def test_shop_staff_see_one_fee_for_two_incomes_of_a_band(self):
        self.declare(self.paula, 1260)
        self.declare(self.oscar, 1340)
        partners = (self.paula | self.oscar).with_user(self.staff_user)
        fees = partners.read(["coop_fee_amount", "coop_fee_bracket"])
        self.assertEqual([fee["coop_fee_amount"] for fee in fees], [25.0, 25.0])
        self.assertEqual(fees[0]["coop_fee_bracket"], fees[1]["coop_fee_bracket"])

    def test_the_bracket_label_shown_to_staff_holds_no_income(self):
        self.declare(self.paula, 1260)
        label = self.paula.with_user(self.staff_user).coop_fee_bracket
        self.assertNotIn("1260", label)
        self.assertNotIn("25.2", label)

    def test_shop_staff_read_only_the_rounded_fee_on_the_membership_line(self):
        self.declare(self.paula, 1260)
        self.join(self.paula)
        line = self.paula.member_lines.with_user(self.staff_user)
        self.assertEqual(line.read(["member_price"])[0]["member_price"], 25.0)

    def test_a_sale_order_line_of_a_membership_costs_the_rounded_fee(self):
        self.declare(self.paula, 1260)
        order = (
            self.env["sale.order"]
            .with_user(self.salesman_user)
            .create(
                {
                    "partner_id": self.paula.id,
                    "order_line": [(0, 0, {"product_id": self.product.id})],
                }
            )
        )
        self.assertEqual(order.order_line.price_unit, 25.0)

    def test_fees_by_bracket_report_sums_rounded_fees(self):
        self.declare(self.paula, 1260)
        self.declare(self.oscar, 1340)
        self.join(self.paula | self.oscar)
        groups = (
            self.env["membership.membership_line"]
            .with_user(self.manager_user)
            .read_group(
                [("membership_id", "=", self.product.id)],
                ["member_price:sum"],
                ["coop_fee_bracket"],
            )
        )
        self.assertEqual([group["member_price"] for group in groups], [50.0])

    def test_shop_staff_cannot_read_the_declarations(self):
        self.declare(self.paula, 1260)
        with self.assertRaises(AccessError):
            self.env["coop.income.declaration"].with_user(self.staff_user).search_read(
                [], ["income"]
            )

    def test_shop_staff_cannot_search_contacts_by_income(self):
        self.declare(self.paula, 1260)
        partners = self.env["res.partner"].with_user(self.staff_user)
        with self.assertRaises(AccessError):
            partners.search([("coop_income_declaration_ids.income", ">", 1000)])

    def test_shop_staff_cannot_find_who_declared_an_income(self):
        self.declare(self.paula, 1260)
        partners = self.env["res.partner"].with_user(self.staff_user)
        for domain in (
            [("coop_income_declaration_ids", "!=", False)],
            [("coop_income_declaration_ids", "=", False)],
        ):
            with self.subTest(domain=domain), self.assertRaises(AccessError):
                partners.search(domain)

    def test_a_fee_officer_finds_who_declared_an_income(self):
        self.declare(self.paula, 1260)
        partners = self.env["res.partner"].with_user(self.officer_user)
        found = partners.search([("coop_income_declaration_ids", "!=", False)])
        self.assertIn(self.paula, found)

    def test_shop_staff_find_no_message_nor_proof_of_a_declaration(self):
        declaration = self.declare(self.paula, 1260, proof=b"cHJvb2Y=", proof_filename="tax.pdf")
        declaration.message_post(body="Checked the tax notice")
        staff_env = self.env(user=self.staff_user)
        messages = staff_env["mail.message"].search(
            [("model", "=", "coop.income.declaration"), ("res_id", "=", declaration.id)]
        )
        self.assertFalse(messages)
        attachments = staff_env["ir.attachment"].search(
            [("res_model", "=", "coop.income.declaration"), ("res_id", "=", declaration.id)]
        )
        self.assertFalse(attachments)

    def test_fee_officer_reads_the_exact_income(self):
        declaration = self.declare(self.paula, 1260)
        self.assertEqual(declaration.with_user(self.officer_user).income, 1260.0)

    def test_the_member_reads_their_own_income_and_fee(self):
        declaration = self.declare(self.paula, 1260)
        as_member = declaration.with_user(self.portal_user)
        self.assertEqual(as_member.income, 1260.0)
        self.assertEqual(as_member.fee_amount, 25.0)
