from odoo import fields
from odoo.tests import tagged

from .test_fee_shop import FeeShopCommon


@tagged("post_install", "-at_install")
class TestFeeEverywhere(FeeShopCommon):
    """A logged-in member meets their own fee wherever the membership is shown or charged:
    shop grid, product page, cart, order and invoice."""

    def _add_to_cart(self):
        self.authenticate(self.member_user.login, self.member_user.login)
        self.make_jsonrpc_request(
            "/shop/cart/update_json",
            {"product_id": self.membership.product_variant_id.id, "add_qty": 1},
        )
        return self.env["sale.order"].search([("partner_id", "=", self.member.id)])

    def test_the_shop_grid_gives_the_member_their_own_fee(self):
        self.authenticate(self.member_user.login, self.member_user.login)
        page = self.url_open("/shop?search=Shop+Membership").text
        self.assertIn(self.membership.name, page)
        self.assertIn('oe_currency_value">15.00<', page)
        self.assertNotIn('oe_currency_value">120.00<', page)

    def test_the_grid_and_the_product_page_agree(self):
        prices = self.membership.with_user(self.member_user)._get_sales_prices(
            self.env["website"].get_current_website()
        )
        self.assertEqual(prices[self.membership.id]["price_reduce"], 15.0)

    def test_the_cart_page_shows_the_members_fee(self):
        self._add_to_cart()
        page = self.url_open("/shop/cart").text
        self.assertIn("15.00", page)
        self.assertNotIn("120.00", page)

    def test_the_order_and_its_invoice_charge_the_members_fee(self):
        order = self._add_to_cart()
        order.action_confirm()
        invoice = order._create_invoices()
        self.assertEqual(order.amount_total, 15.0)
        self.assertEqual(invoice.invoice_line_ids.price_unit, 15.0)
        self.assertEqual(invoice.amount_total, 15.0)

    def test_an_invoice_typed_by_hand_charges_the_members_fee(self):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.member.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    fields.Command.create({"product_id": self.membership.product_variant_id.id})
                ],
            }
        )
        self.assertEqual(invoice.invoice_line_ids.price_unit, 15.0)
