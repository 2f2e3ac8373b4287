"""The shop marks the products that are on the shelves after a members' suggestion."""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestShopSuggestedBadge(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Product = cls.env["product.template"]
        values = {"sale_ok": True, "is_published": True, "list_price": 3.0}
        cls.suggested = Product.create({"name": "Badge goat cheese", **values})
        cls.other = Product.create({"name": "Badge cow cheese", **values})
        cls.suggestion = cls.env["coop.product.suggestion"].create({"name": "Goat cheese"})
        cls.suggestion.product_tmpl_id = cls.suggested
        cls.suggestion.action_accept()

    def test_the_product_page_says_suggested_by_members(self):
        self.assertTrue(self.suggested.coop_suggested_by_members)
        page = self.url_open(self.suggested.website_url).text
        self.assertIn("o_coop_suggested_by_members", page)
        self.assertNotIn("o_coop_suggested_by_members", self.url_open(self.other.website_url).text)

    def test_the_shop_card_says_it_too(self):
        page = self.url_open("/shop?search=Badge").text
        self.assertEqual(page.count("o_coop_suggested_by_members"), 1)
