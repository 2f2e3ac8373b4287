"""A page's title (the browser tab, what a screen reader says first) is in the page's language."""

from odoo.tests import HttpCase, new_test_user, tagged

from .test_mail_languages import ADDONS


@tagged("post_install", "-at_install")
class TestPageTitles(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        french = cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(ADDONS, ["fr_FR"], overwrite=True)
        website = cls.env["website"].get_current_website()
        website.language_ids |= french

    def title_of(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return response.text.split("<title>", 1)[1].split("</title>", 1)[0]

    def test_the_sign_up_page_is_titled_in_english(self):
        self.assertTrue(self.title_of("/volunteer").startswith("Become a volunteer | "))

    def test_the_sign_up_page_is_titled_in_french_on_the_french_site(self):
        self.assertTrue(self.title_of("/fr/volunteer").startswith("Devenir bénévole | "))

    def test_a_portal_page_is_titled_in_the_members_language(self):
        login = "coop_title_portal"
        new_test_user(self.env, login=login, password=login, groups="base.group_portal")
        self.authenticate(login, login)
        self.assertTrue(self.title_of("/fr/my/volunteer").startswith("Mon bénévolat"))
