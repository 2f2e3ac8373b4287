"""What Odoo's shop pages say that a coop does not do: shipping in 2-3 days, a 30-day money-back
guarantee, "Finalize your payment" alone for an order paid at the shop."""

from odoo.tests import tagged
from odoo.tools import is_html_empty

from .common import DriveCommon
from .test_mail_languages import LanguagesMixin


@tagged("post_install", "-at_install")
class TestShopPageTexts(DriveCommon, LanguagesMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.load_languages()

    def test_the_product_page_promises_no_shipping_nor_refund(self):
        arch = self.env.ref("website_sale.product")._get_combined_arch()
        promises = [p for p in arch.iter("p") if "money-back" in " ".join(p.itertext())]
        self.assertTrue(promises)
        for promise in promises:  # Odoo's paragraph is kept, never rendered
            self.assertEqual(promise.get("t-if"), "False")
        terms = arch.xpath("//p[hasclass('o_coop_product_terms')]")
        self.assertIn("Picked up at the shop or delivered", " ".join(terms[0].itertext()))

    def render_state_header(self, lang):
        transaction = self._create_transaction("redirect", state="pending", reference=lang)
        self.assertEqual(transaction.provider_id.custom_mode, "on_site")
        View = self.env["ir.ui.view"].with_context(lang=lang)
        return str(
            View._render_template(
                "payment.state_header", {"tx": transaction, "is_html_empty": is_html_empty}
            )
        )

    def test_paying_at_the_shop_is_said_in_each_language(self):
        expected = {
            "en_US": "Finalize your payment at the shop, when you pick up your order",
            "fr_FR": "Vous réglerez au magasin, en retirant votre commande",
            "nl_BE": "U betaalt in de winkel, wanneer u uw bestelling afhaalt",
        }
        for lang, heading in expected.items():
            with self.subTest(lang=lang):
                html = self.render_state_header(lang)
                self.assertIn(heading, html)
                self.assertNotIn("Finaliser votre paiement", html)
                self.assertEqual(html.count("<h1"), 1)
