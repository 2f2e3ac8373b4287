from odoo.tests import HttpCase, tagged

from .directory_common import DirectoryCase
from .fuzz_values import RouteFuzzMixin


@tagged("post_install", "-at_install")
class TestDirectoryPortal(RouteFuzzMixin, DirectoryCase, HttpCase):
    def test_a_visitor_is_sent_to_log_in(self):
        self.authenticate(None, None)
        for url in (
            "/my/directory",
            f"/my/directory/{self.other_profile.id}",
            "/my/directory/profile",
        ):
            with self.subTest(url=url):
                response = self.get(url)
                self.assertIn("/web/login", response.url)
                self.assertNotIn("Saint-Marceau", response.text)

    def test_a_portal_user_who_is_not_a_member_gets_a_polite_page(self):
        self.login(self.stranger_user)
        for url in (
            "/my/directory",
            f"/my/directory/{self.other_profile.id}",
            "/my/directory/profile",
        ):
            with self.subTest(url=url):
                response = self.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_coop_directory_members_only", response.text)
                self.assertNotIn("Saint-Marceau", response.text)
        self.assertFalse(
            self.env["coop.directory.profile"].search(
                [("partner_id", "=", self.stranger_user.partner_id.id)]
            )
        )

    def test_the_directory_page_shows_only_ticked_parts(self):
        self.login(self.member_user)
        for url in ("/my/directory", f"/my/directory/{self.other_profile.id}"):
            with self.subTest(url=url):
                text = self.get(url).text
                self.assertIn("Saint-Marceau", text)
                # The coop's own address is in the footer; the member's is nowhere.
                secrets = ("Olivier Directory", "Woodwork", "rue Secrète", "coop_dir_olivier@")
                for secret in secrets + ("+33 6 11 22 33 44",):
                    self.assertNotIn(secret, text)

    def test_an_unpublished_card_is_not_found(self):
        self.other_profile.published = False
        self.login(self.member_user)
        self.assertEqual(self.get(f"/my/directory/{self.other_profile.id}").status_code, 404)

    def test_a_photo_not_ticked_is_not_found(self):
        self.login(self.member_user)
        response = self.get(f"/my/directory/{self.other_profile.id}/photo")
        self.assertEqual(response.status_code, 404)

    def test_saving_my_profile_never_touches_someone_elses(self):
        self.login(self.member_user)
        response = self.post(
            "/my/directory/profile/save",
            published="on",
            show_name="on",
            neighbourhood="Dunois",
            id=str(self.other_profile.id),
            profile_id=str(self.other_profile.id),
            partner_id=str(self.other.id),
            moderated="on",
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual((self.profile.neighbourhood, self.profile.published), ("Dunois", True))
        self.assertFalse(self.profile.moderated)
        self.assertEqual(self.other_profile.neighbourhood, "Saint-Marceau")
        self.assertFalse(self.other_profile.show_name)

    def test_a_message_is_sent_from_the_card(self):
        self.login(self.member_user)
        response = self.post(f"/my/directory/{self.other_profile.id}/contact", body="Hello!")
        self.assertIn("o_coop_portal_message", response.text)
        message = self.env["coop.directory.message"].search([("sender_id", "=", self.member.id)])
        self.assertEqual(message.recipient_id, self.other)

    def test_directory_tour(self):
        self.other_profile.write({"show_name": True, "show_skills": True})
        self.start_tour(
            "/my/directory/profile", "coop_member_shifts_directory", login="coop_dir_marie"
        )
        self.assertTrue(self.profile.published)
        self.assertEqual(self.profile.neighbourhood, "Bourgogne")
        message = self.env["coop.directory.message"].search([("sender_id", "=", self.member.id)])
        self.assertEqual(message.body, "Could you help me build a shelf?")
