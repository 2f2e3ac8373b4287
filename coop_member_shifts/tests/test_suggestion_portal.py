"""Product suggestions on the portal, as a member, a user who is not a member and a visitor."""

import base64
import io

from PIL import Image

from odoo import http
from odoo.tests import HttpCase, tagged

from .fuzz_values import RouteFuzzMixin
from .suggestion_common import SuggestionCase, png_bytes


@tagged("post_install", "-at_install")
class TestSuggestionPortal(RouteFuzzMixin, SuggestionCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cheese = cls.Suggestion.with_user(cls.oscar_user).create(
            {"name": "Tomme de chèvre fermière", "reason": "From the farm next door"}
        )

    def mine(self):
        return self.Suggestion.search([("author_id", "=", self.paula.id)])

    def post_form(self, files=None, **data):
        data = {"csrf_token": http.Request.csrf_token(self), **data}
        return self.url_open("/my/suggestions/new", data=data, files=files, timeout=60)

    def test_a_visitor_is_sent_to_log_in(self):
        self.authenticate(None, None)
        for url in ("/my/suggestions", "/my/suggestions/new", f"/my/suggestions/{self.cheese.id}"):
            with self.subTest(url=url):
                response = self.get(url)
                self.assertIn("/web/login", response.url)
                self.assertNotIn("Tomme", response.text)

    def test_a_user_who_is_not_a_member_is_refused(self):
        self.login(self.stranger_user)
        for url in ("/my/suggestions", "/my/suggestions/new", f"/my/suggestions/{self.cheese.id}"):
            with self.subTest(url=url):
                response = self.get(url)
                self.assertEqual(response.status_code, 403)
                self.assertIn("o_coop_suggestions_members_only", response.text)
                self.assertNotIn("Tomme", response.text)
        response = self.post(f"/my/suggestions/{self.cheese.id}/support")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.cheese.support_count, 0)

    def test_a_member_reads_the_suggestions_by_support_and_their_own(self):
        mine = self.suggest(self.paula_user, name="Organic flour")
        self.login(self.paula_user)
        text = self.get("/my/suggestions").text
        self.assertIn("Tomme de chèvre fermière", text)
        self.assertIn("o_coop_suggestions_mine", text)
        self.assertIn(mine.name, text)
        self.assertIn("/my/suggestions", self.get("/my").text, "an entry on the account's home")

    def test_the_category_filter(self):
        self.suggest(self.paula_user, name="Organic flour")  # in the test category
        self.login(self.paula_user)
        text = self.get("/my/suggestions", category=str(self.category.id)).text
        self.assertIn("Organic flour", text.split("o_coop_suggestions_mine")[0])
        self.assertNotIn("Tomme", text.split("o_coop_suggestions_mine")[0])

    def test_a_member_posts_a_suggestion_with_a_photo(self):
        self.login(self.paula_user)
        response = self.post_form(
            files={"photo": ("flour.png", png_bytes((2000, 1500)), "image/png")},
            name="Sarrasin flour",
            producer="Moulin de la Motte",
            reason="For galettes",
            category_id=str(self.category.id),
        )
        suggestion = self.mine()
        self.assertEqual(len(suggestion), 1)
        self.assertIn(f"/my/suggestions/{suggestion.id}", response.url)
        self.assertEqual(
            (suggestion.producer, suggestion.category_id), ("Moulin de la Motte", self.category)
        )
        self.assertTrue(suggestion.image_1920)
        photo = Image.open(io.BytesIO(base64.b64decode(suggestion.image_1920)))
        self.assertEqual(photo.size, (1024, 768), "made smaller by Odoo's image tools")

    def test_a_file_that_is_not_an_image_gives_the_form_back_filled(self):
        self.login(self.paula_user)
        for name, data in (
            ("evil.svg", b"<svg onload='alert(1)'/>"),
            ("broken.png", b"\x89PNG\r\n\x1a\nnot really"),
            ("notes.txt", b"hello"),
        ):
            with self.subTest(file=name):
                response = self.post_form(
                    files={"photo": (name, data, "image/png")},
                    name="Sarrasin flour",
                    reason="For galettes",
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_coop_portal_error", response.text)
                self.assertIn("Sarrasin flour", response.text)
                self.assertIn("For galettes", response.text)
        self.assertFalse(self.mine())

    def test_a_photo_is_kept_when_something_else_is_to_correct(self):
        self.login(self.paula_user)
        response = self.post_form(
            files={"photo": ("flour.png", png_bytes(), "image/png")},
            name="x" * 500,
            reason="For galettes",
        )
        self.assertIn("o_coop_portal_error", response.text)
        self.assertIn('name="photo_data"', response.text)
        self.assertIn("Your photo is kept", response.text)
        self.assertFalse(self.mine())

    def test_a_similar_suggestion_asks_for_a_second_click(self):
        self.login(self.paula_user)
        response = self.post_form(
            files={"photo": ("cheese.png", png_bytes(), "image/png")},
            name="Fromage de CHEVRE",
            reason="Nice",
        )
        self.assertFalse(self.mine(), "nothing is posted before the second click")
        self.assertIn("o_coop_suggestion_similar", response.text)
        self.assertIn("Tomme de chèvre fermière", response.text)
        self.assertIn("o_coop_suggestion_anyway", response.text)
        self.assertIn('name="confirm"', response.text)
        self.assertIn('name="photo_data"', response.text, "the photo is kept for the second click")
        photo = response.text.split('name="photo_data" value="')[1].split('"')[0]
        self.post_form(name="Fromage de CHEVRE", reason="Nice", confirm="1", photo_data=photo)
        suggestion = self.mine()
        self.assertEqual(suggestion.name, "Fromage de CHEVRE")
        self.assertTrue(suggestion.image_1920)

    def test_support_and_withdraw(self):
        self.login(self.paula_user)
        url = f"/my/suggestions/{self.cheese.id}"
        self.assertIn("o_coop_suggestion_support", self.get(url).text)
        response = self.post(f"{url}/support")
        self.assertIn("o_coop_portal_message", response.text)
        self.assertIn("1 member supports this", response.text)
        self.assertIn("o_coop_suggestion_unsupport", response.text)
        response = self.post(f"{url}/support")  # a second click
        self.assertIn("o_coop_portal_error", response.text)
        self.assertEqual(self.cheese.support_count, 1)
        self.post(f"{url}/unsupport")
        self.assertEqual(self.cheese.support_count, 0)

    def test_the_author_reads_the_decline_reason_and_others_only_the_state(self):
        self.support(self.paula_user, self.cheese)
        self.cheese.with_user(self.commission_user).action_decline("The farm is too far")
        url = f"/my/suggestions/{self.cheese.id}"
        self.login(self.oscar_user)
        self.assertIn("The farm is too far", self.get(url).text)
        self.assertIn("The farm is too far", self.get("/my/suggestions").text)
        self.login(self.paula_user)
        text = self.get(url).text
        self.assertNotIn("The farm is too far", text)
        self.assertIn("Declined", text)
        self.assertNotIn("o_coop_suggestion_support", text)

    def test_nobody_reads_who_supports(self):
        self.support(self.nina_user, self.cheese)
        self.login(self.oscar_user)
        text = self.get(f"/my/suggestions/{self.cheese.id}").text
        self.assertIn("1 member supports this", text)
        self.assertNotIn("Nina", text)

    def test_the_author_links_to_their_directory_card(self):
        url = f"/my/suggestions/{self.cheese.id}"
        self.login(self.paula_user)
        self.assertNotIn("/my/directory/", self.get(url).text)
        profile = self.env["coop.directory.profile"].create(
            {"partner_id": self.oscar.id, "published": True, "show_name": True}
        )
        text = self.get(url).text
        self.assertIn(f"/my/directory/{profile.id}", text)
        self.assertIn("Oscar Suggest", text)

    def test_an_accepted_suggestion_names_its_product(self):
        self.cheese.with_user(self.commission_user).action_accept()
        self.login(self.paula_user)
        text = self.get(f"/my/suggestions/{self.cheese.id}").text
        self.assertIn("o_coop_suggestion_product", text)
