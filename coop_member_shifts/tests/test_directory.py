from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .directory_common import DirectoryCase


@tagged("post_install", "-at_install")
class TestDirectoryOptIn(DirectoryCase):
    def test_a_new_profile_shows_nothing(self):
        self.assertFalse(self.profile.published)
        card = self.profile._coop_card()
        self.assertEqual(
            (card["name"], card["photo"], card["neighbourhood"], card["skills"], card["offer"]),
            (False, False, False, [], False),
        )
        self.assertFalse(card["contactable"])

    def test_an_unticked_part_never_leaves_the_server(self):
        cards = self.directory(self.member_user)
        card = next(card for card in cards if card["id"] == self.other_profile.id)
        self.assertEqual(card["neighbourhood"], "Saint-Marceau")
        self.assertFalse(card["name"])
        self.assertFalse(card["offer"])
        self.assertEqual(card["skills"], [])
        self.assertNotIn("Olivier", str(cards))
        self.assertNotIn("Woodwork", str(cards))

    def test_a_card_never_carries_an_address_email_or_phone(self):
        self.other_profile.write({"show_name": True, "show_skills": True, "show_offer": True})
        card = self.other_profile.with_user(self.member_user)._coop_card()
        self.assertEqual(
            set(card), {"id", "name", "photo", "neighbourhood", "skills", "offer", "contactable"}
        )
        for secret in ("rue Secrète", "+33 6 11", "coop_dir_olivier@example.com"):
            self.assertNotIn(secret, str(card))

    def test_ticked_parts_are_shown(self):
        self.other_profile.write({"show_name": True, "show_skills": True, "show_offer": True})
        card = self.other_profile._coop_card()
        self.assertEqual(card["name"], "Olivier Directory")
        self.assertEqual(card["skills"], ["Directory carpentry"])
        self.assertEqual(card["offer"], "Woodwork lessons")

    def test_search_by_name_looks_only_at_shown_names(self):
        self.assertFalse(self.directory(self.member_user, text="Olivier"))
        self.other_profile.show_name = True
        found = self.directory(self.member_user, text="Olivier")
        self.assertEqual([card["id"] for card in found], [self.other_profile.id])

    def test_search_by_skill_looks_only_at_shown_skills(self):
        self.assertFalse(self.directory(self.member_user, skill=self.skill))
        self.other_profile.show_skills = True
        found = self.directory(self.member_user, skill=self.skill)
        self.assertEqual([card["id"] for card in found], [self.other_profile.id])

    def test_search_by_neighbourhood(self):
        found = self.directory(self.member_user, neighbourhood="marceau")
        self.assertEqual([card["id"] for card in found], [self.other_profile.id])
        self.other_profile.show_neighbourhood = False
        self.assertFalse(self.directory(self.member_user, neighbourhood="marceau"))

    def test_unpublished_profiles_are_not_in_the_directory(self):
        self.other_profile.published = False
        self.assertFalse(self.directory(self.member_user))

    def test_profiles_of_non_members_are_not_in_the_directory(self):
        self.other.free_member = False
        self.assertFalse(self.directory(self.member_user))


@tagged("post_install", "-at_install")
class TestDirectoryAccess(DirectoryCase):
    def test_a_visitor_reads_nothing(self):
        public = self.env.ref("base.public_user")
        with self.assertRaises(AccessError):
            self.directory(public)
        with self.assertRaises(AccessError):
            self.other_profile.with_user(public).read(["neighbourhood"])

    def test_a_portal_user_who_is_not_a_member_reads_nothing(self):
        with self.assertRaises(AccessError):
            self.directory(self.stranger_user)
        Profile = self.env["coop.directory.profile"].with_user(self.stranger_user)
        with self.assertRaises(AccessError):
            Profile._coop_visible_profile(self.other_profile.id)

    def test_a_member_cannot_read_another_members_profile_record(self):
        as_member = self.other_profile.with_user(self.member_user)
        with self.assertRaises(AccessError):
            as_member.read(["offer"])
        Profile = self.env["coop.directory.profile"].with_user(self.member_user)
        self.assertEqual(Profile.search([]), self.profile)

    def test_a_member_edits_only_their_own_profile(self):
        self.profile.with_user(self.member_user).write({"published": True, "show_name": True})
        self.assertTrue(self.profile.published)
        with self.assertRaises(AccessError):
            self.other_profile.with_user(self.member_user).write({"offer": "Spam"})
        self.assertEqual(self.other_profile.offer, "Woodwork lessons")

    def test_a_member_cannot_move_their_profile_to_someone_else(self):
        with self.assertRaises(ValidationError):
            self.profile.with_user(self.member_user).write({"partner_id": self.other.id})

    def test_a_member_cannot_create_a_profile_through_the_orm(self):
        Profile = self.env["coop.directory.profile"].with_user(self.stranger_user)
        with self.assertRaises(AccessError):
            Profile.create({"partner_id": self.stranger_user.partner_id.id, "published": True})

    def test_a_coordinator_takes_a_profile_off_the_directory(self):
        self.other_profile.with_user(self.coordinator_user).action_unpublish()
        self.assertFalse(self.other_profile.published)
        self.assertTrue(self.other_profile.moderated)
        self.assertFalse(self.directory(self.member_user))

    def test_a_member_cannot_publish_a_profile_taken_off(self):
        self.other_profile.with_user(self.coordinator_user).action_unpublish()
        as_owner = self.other_profile.with_user(self.other_user)
        with self.assertRaises(ValidationError):
            as_owner.write({"published": True})
        with self.assertRaises(AccessError):
            as_owner.write({"moderated": False})
        with self.assertRaises(AccessError):
            as_owner.action_allow()

    def test_a_coordinator_allows_publishing_again(self):
        self.other_profile.with_user(self.coordinator_user).action_unpublish()
        self.other_profile.with_user(self.coordinator_user).action_allow()
        self.other_profile.with_user(self.other_user).write({"published": True})
        self.assertTrue(self.directory(self.member_user))

    def test_an_erased_member_leaves_the_directory(self):
        self.other._coop_anonymise()
        self.assertFalse(self.other_profile.exists())


@tagged("post_install", "-at_install")
class TestDirectoryBadInput(DirectoryCase):
    def write_as_member(self, vals):
        self.profile.with_user(self.member_user).write(vals)

    def test_html_in_a_profile_is_refused(self):
        for text in ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "&lt;b&gt;"):
            with self.subTest(text=text), self.assertRaises(ValidationError):
                self.write_as_member({"offer": text})

    def test_a_long_text_is_refused(self):
        with self.assertRaises(ValidationError):
            self.write_as_member({"offer": "x" * 100_000})
        with self.assertRaises(ValidationError):
            self.write_as_member({"neighbourhood": "x" * 65})

    def test_plain_text_with_punctuation_is_kept(self):
        self.write_as_member({"offer": "Bikes & tools: 2 < 3, l'été", "neighbourhood": "Dunois"})
        self.assertEqual(self.profile.offer, "Bikes & tools: 2 < 3, l'été")
