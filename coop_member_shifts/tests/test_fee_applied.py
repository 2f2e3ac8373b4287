from odoo.tests import Form

from .fee_common import FeeCase


class TestFeeApplied(FeeCase):
    def wizard(self, partners):
        context = {"active_ids": partners.ids, "active_model": "res.partner"}
        return Form(self.env["membership.invoice"].with_context(**context))

    def test_join_wizard_proposes_the_members_fee(self):
        self.declare(self.paula, 1000)
        form = self.wizard(self.paula)
        form.product_id = self.product
        self.assertEqual(form.member_price, 30.0)
        self.assertIn("bracket", form.coop_fee_note)

    def test_join_wizard_tells_how_to_declare_without_declaration(self):
        form = self.wizard(self.paula)
        form.product_id = self.product
        self.assertEqual(form.member_price, 120.0)
        self.assertIn("Declare your income", form.coop_fee_note)

    def test_join_wizard_invoices_the_fee(self):
        self.declare(self.paula, 1000)
        form = self.wizard(self.paula)
        form.product_id = self.product
        action = form.save().membership_invoice()
        invoice = self.env["account.move"].search(action["domain"])
        self.assertEqual(invoice.invoice_line_ids.price_unit, 30.0)

    def test_join_wizard_on_several_members_invoices_each_their_own_fee(self):
        self.declare(self.paula, 1000)
        self.declare(self.oscar, 2000)
        form = self.wizard(self.paula | self.oscar)
        form.product_id = self.product
        action = form.save().membership_invoice()
        invoices = self.env["account.move"].search(action["domain"])
        prices = {inv.partner_id: inv.invoice_line_ids.price_unit for inv in invoices}
        self.assertEqual(prices, {self.paula: 30.0, self.oscar: 60.0})

    def test_membership_keeps_the_bracket_not_the_income(self):
        self.declare(self.paula, 1000)
        form = self.wizard(self.paula)
        form.product_id = self.product
        form.save().membership_invoice()
        line = self.paula.member_lines
        self.assertEqual(line.member_price, 30.0)
        self.assertEqual(line.coop_fee_source, "declaration")
        self.assertEqual(line.coop_fee_bracket, self.paula.coop_fee_bracket)

    def test_sale_order_line_of_a_membership_costs_the_members_fee(self):
        self.declare(self.paula, 1000)
        order = self.env["sale.order"].create(
            {
                "partner_id": self.paula.id,
                "order_line": [(0, 0, {"product_id": self.product.id})],
            }
        )
        self.assertEqual(order.order_line.price_unit, 30.0)

    def test_sale_order_without_declaration_costs_the_default_fee(self):
        order = self.env["sale.order"].create(
            {"partner_id": self.oscar.id, "order_line": [(0, 0, {"product_id": self.product.id})]}
        )
        self.assertEqual(order.order_line.price_unit, 120.0)

    def test_other_products_keep_their_price(self):
        self.declare(self.paula, 1000)
        carrots = self.env["product.product"].create({"name": "Carrots", "list_price": 2.5})
        order = self.env["sale.order"].create(
            {"partner_id": self.paula.id, "order_line": [(0, 0, {"product_id": carrots.id})]}
        )
        self.assertEqual(order.order_line.price_unit, 2.5)

    def test_fee_report_groups_memberships_by_bracket(self):
        self.declare(self.paula, 1000)
        self.declare(self.oscar, 1200)
        form = self.wizard(self.paula | self.oscar)
        form.product_id = self.product
        form.save().membership_invoice()
        groups = self.env["membership.membership_line"]._read_group(
            [("membership_id", "=", self.product.id)],
            ["coop_fee_bracket"],
            ["__count", "member_price:sum"],
        )
        self.assertEqual(len(groups), 1)
        self.assertEqual(groups[0][1:], (2, 60.0))
