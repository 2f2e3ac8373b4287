from odoo.tests import HttpCase, tagged

COOP_MODULES = ("coop_member_shifts", "coop_solidarity_delivery")
FOOD = (
    "vegetable_basket",
    "bread",
    "carrots",
    "apples",
    "lentils",
    "flour",
    "baguette",
    "eggs",
)


@tagged("post_install", "-at_install")
class TestGroceryDemo(HttpCase):
    """The demo is a grocery coop: its shop, its taxes, its member and its web site."""

    def _food(self):
        return self.env["product.product"].browse(
            [self.env.ref(f"coop_solidarity_delivery.product_drive_{name}").id for name in FOOD]
        )

    def test_shop_offers_only_the_coops_products(self):
        portal = self.env.ref("base.demo_user0")
        website = self.env.ref("website.default_website")
        shown = (
            self.env["product.template"]
            .with_user(portal)
            .search([("website_published", "=", True), ("sale_ok", "=", True)])
            .filtered_domain(website.sale_product_domain())
        )
        self.assertTrue(self._food().product_tmpl_id <= shown)
        xmlids = [
            xmlid
            for records in (shown, shown.product_variant_ids)
            for xmlid in records.sudo().get_external_id().values()
            if xmlid
        ]
        modules = {xmlid.split(".")[0] for xmlid in xmlids}
        self.assertTrue(modules)
        self.assertLessEqual(modules, set(COOP_MODULES))

    def test_shop_page_shows_groceries_not_furniture(self):
        self.authenticate("portal", "portal")
        page = self.url_open("/shop").text
        self.assertIn("Carottes de Sologne", page)
        hidden = self.env["product.template"].search(
            [("is_published", "=", False), ("sale_ok", "=", True)]
        )
        self.assertTrue(hidden)
        for name in hidden.mapped("name"):
            self.assertNotIn(f">{name}<", page)

    def test_groceries_have_pictures_and_the_coop_its_logo(self):
        for product in self._food():
            self.assertTrue(product.image_1920, product.name)
        self.assertTrue(self.env.ref("base.main_company").logo)
        self.assertTrue(self.env.ref("website.default_website").logo)

    def test_food_is_taxed_at_five_and_a_half_percent(self):
        for product in self._food():
            self.assertEqual(product.taxes_id.mapped("amount"), [5.5], product.name)
            self.assertFalse(product.taxes_id.price_include)
            self.assertEqual(product.taxes_id.type_tax_use, "sale")
        delivery = self.env.ref("coop_solidarity_delivery.product_coopcycle_delivery")
        self.assertEqual(delivery.taxes_id.mapped("amount"), [20.0])

    def test_julie_is_a_paying_member_of_her_own(self):
        julie = self.env.ref("base.partner_demo_portal")
        self.assertEqual(julie.display_name, "Julie Lemaire")
        self.assertFalse(julie.parent_id)
        self.assertEqual(julie.membership_state, "paid")

    def test_footer_gives_the_coops_contact(self):
        company = self.env.ref("base.main_company")
        page = self.url_open("/").text.split('<footer id="bottom"')[1]
        self.assertIn(company.email, page)
        self.assertIn(company.phone, page)
        self.assertNotIn("555-555-5556", page)
        self.assertNotIn("info@yourcompany.example.com", page)
        self.assertNotIn("Company name", page)

    def test_every_header_text_variant_gives_the_coops_contact(self):
        """Whichever header text the coop picks in the editor, no placeholder is left."""
        company = self.env.ref("base.main_company")
        View = self.env["ir.ui.view"]
        for variant in ("phone_mail", "mail", "mail_stretched", "phone"):
            with self.subTest(variant=variant):
                html = str(
                    View._render_template(
                        "website.header_text_element",
                        {"_txt_elt_content": variant, "res_company": company},
                    )
                )
                self.assertNotIn("555-555-5556", html)
                self.assertNotIn("yourcompany.example.com", html)
                self.assertTrue(company.phone in html or company.email in html, html)

    def test_the_menu_keeps_become_a_volunteer_in_sight(self):
        """The header's "Contact Us" button, a repeat of the menu's, is off."""
        self.assertFalse(self.env.ref("website.header_call_to_action").active)

    def test_the_drive_is_named_for_the_coop_in_each_language(self):
        """Odoo's own name, "Pick up in store", reads twice on the page of an order paid at
        the shop ("Retrait en magasin (Retrait en magasin)")."""
        carrier = self.env.ref("website_sale_collect.carrier_pick_up_in_store")
        names = {lang: carrier.with_context(lang=lang).name for lang in ("en_US", "fr_FR", "nl_BE")}
        self.assertEqual(
            names,
            {
                "en_US": "La Coopérette drive",
                "fr_FR": "Drive de La Coopérette",
                "nl_BE": "Drive van La Coopérette",
            },
        )

    def test_the_shop_offers_only_categories_with_groceries(self):
        """Odoo's demo categories (Desks, Furniture...) hold no product the coop sells."""
        desks = self.env.ref("website_sale.public_category_desks", raise_if_not_found=False)
        self.assertTrue(desks, "Odoo's demo categories are installed")
        self.authenticate("portal", "portal")
        page = self.url_open("/shop").text
        self.assertIn("Épicerie", page)
        self.assertNotRegex(page, rf"/shop/category/[\w-]*-{desks.id}\b")
        grocery = self.env.ref("coop_solidarity_delivery.public_category_grocery")
        self.assertRegex(page, rf"/shop/category/[\w-]*-{grocery.id}\b")

    def test_a_website_editor_still_sees_every_category(self):
        desks = self.env.ref("website_sale.public_category_desks")
        self.authenticate("admin", "admin")
        self.assertRegex(self.url_open("/shop").text, rf"/shop/category/[\w-]*-{desks.id}\b")
