from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


class FeeShopCommon(HttpCase):
    """A membership with an income-based fee in the web shop, and a member who declared
    an income of the first bracket (fee 15, list price 120)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls.membership = cls.env["product.template"].create(
            {
                "name": "Shop Membership",
                "membership": True,
                "type": "service",
                "sale_ok": True,
                "is_published": True,
                "list_price": 120.0,
                "taxes_id": [fields.Command.clear()],
                "membership_date_from": today.replace(month=1, day=1),
                "membership_date_to": today.replace(month=12, day=31),
            }
        )
        cls.env["coop.fee.schedule"].create(
            {
                "product_tmpl_id": cls.membership.id,
                "bracket_ids": [
                    fields.Command.create({"income_from": 0, "income_to": 800, "fee": 15}),
                    fields.Command.create({"income_from": 800, "income_to": 0, "fee": 95}),
                ],
            }
        )
        cls.member_user = new_test_user(
            cls.env, login="coop_fee_shopper", groups="base.group_portal", name="Sam Shopper"
        )
        cls.member = cls.member_user.partner_id
        declaration = cls.env["coop.income.declaration"].create(
            {"partner_id": cls.member.id, "income": 500, "household_shares": 1}
        )
        declaration.action_validate()


@tagged("post_install", "-at_install")
class TestFeeShop(FeeShopCommon):
    """The web shop prices a membership with an income-based fee for whoever looks at it."""

    def test_visitor_sees_the_range_of_fees(self):
        page = self.url_open(self.membership.website_url).text
        self.assertIn("o_coop_fee_range", page)
        self.assertIn("15.00", page)
        self.assertIn("95.00", page)

    def test_logged_in_member_sees_their_own_fee(self):
        self.authenticate(self.member_user.login, self.member_user.login)
        page = self.url_open(self.membership.website_url).text
        self.assertIn("o_coop_fee_own", page)
        self.assertNotIn("o_coop_fee_range", page)
        self.assertIn("15.00", page)
        self.assertNotIn("120.00", page)

    def test_logged_in_member_pays_their_own_fee_in_the_cart(self):
        self.authenticate(self.member_user.login, self.member_user.login)
        self.make_jsonrpc_request(
            "/shop/cart/update_json",
            {"product_id": self.membership.product_variant_id.id, "add_qty": 1},
        )
        order = self.env["sale.order"].search([("partner_id", "=", self.member.id)])
        self.assertEqual(order.order_line.price_unit, 15.0)
        self.assertEqual(order.amount_total, 15.0)

    def test_member_without_declaration_is_told_how_to_declare(self):
        user = new_test_user(self.env, login="coop_fee_newcomer", groups="base.group_portal")
        self.authenticate(user.login, user.login)
        page = self.url_open(self.membership.website_url).text
        self.assertIn("o_coop_fee_default", page)
        self.assertIn("120.00", page)
