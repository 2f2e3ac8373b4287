"""Every e-mail reads in its recipient's language: Dutch for a Dutch-speaking volunteer,
French for a French-speaking member, whoever sends it."""

from odoo.tests import tagged

from .common import DriveCommon
from .test_offer_rules import OfferCase

LANGS = ("fr_FR", "nl_BE")
ADDONS = ["coop_member_shifts", "coop_solidarity_delivery"]


class LanguagesMixin:
    @classmethod
    def load_languages(cls):
        for code in LANGS:
            cls.env["res.lang"]._activate_lang(code)
        cls.env["ir.module.module"]._load_module_terms(ADDONS, list(LANGS), overwrite=True)


@tagged("post_install", "-at_install")
class TestOfferLanguages(OfferCase, LanguagesMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.load_languages()
        cls.near.lang = "nl_BE"
        cls.middle.lang = "fr_FR"

    def offer_mail(self, volunteer):
        mail = self.env["mail.mail"].search([("email_to", "=", volunteer.email_formatted)])
        self.assertEqual(len(mail), 1)
        return mail

    def test_a_dutch_speaking_volunteer_gets_the_offer_in_dutch(self):
        self.searching_request()
        mail = self.offer_mail(self.near)
        self.assertIn("Een lid van de coöperatie", mail.body_html)
        self.assertNotIn("A member of the coop", mail.body_html)

    def test_a_french_speaking_volunteer_gets_the_same_round_in_french(self):
        self.searching_request()
        mail = self.offer_mail(self.middle)
        self.assertIn("Un membre de la coopérative", mail.body_html)


@tagged("post_install", "-at_install")
class TestConfirmationLanguages(DriveCommon, LanguagesMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.load_languages()

    def confirmation_body(self, lang):
        self.partner.lang = lang
        order = self._create_drive_order(self._create_slot())
        order.action_confirm()
        # Sent by a Dutch-speaking member of staff, whatever the member's language.
        order.with_context(lang="nl_BE")._send_order_confirmation_mail()
        message = self.env["mail.message"].search(
            [
                ("model", "=", "sale.order"),
                ("res_id", "=", order.id),
                ("subtype_id", "=", self.env.ref("mail.mt_comment").id),
            ],
            order="id desc",
            limit=1,
        )
        self.assertTrue(message.body)
        return message.body

    def test_a_french_speaking_member_gets_the_drive_confirmation_in_french(self):
        body = self.confirmation_body("fr_FR")
        self.assertIn("Votre commande", body)
        self.assertNotIn("Uw bestelling", body)

    def test_a_dutch_speaking_member_gets_the_drive_confirmation_in_dutch(self):
        body = self.confirmation_body("nl_BE")
        self.assertIn("Uw bestelling", body)


@tagged("post_install", "-at_install")
class TestTodoLanguages(DriveCommon, LanguagesMixin):
    """A to-do reads in the language of the person who must do it, whoever caused it: a
    French-speaking visitor, a cron, a Dutch-speaking call centre."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.load_languages()
        group = cls.env.ref("coop_solidarity_delivery.group_coop_delivery_coordinator")
        for user in group.users.filtered(lambda user: not user.share):
            user.lang = "nl_BE"
        cls.coordinator = cls.env["res.partner"]._coop_delivery_coordinator_user()

    def test_an_address_not_located_is_told_in_the_coordinators_language(self):
        self.assertFalse(self.coordinator.share)
        member = self.env["res.partner"].create({"name": "Amélie Todo", "lang": "fr_FR"})
        member.with_context(lang="fr_FR")._coop_tell_coordinator_location_failed("Rue ?")
        member.with_context(lang="en_US")._coop_tell_coordinator_location_failed("Rue ?")
        self.assertEqual(
            member.activity_ids.mapped("summary"),
            ["Controleer het adres: het kon niet gelokaliseerd worden"],
        )
        self.assertEqual(member.activity_ids.user_id, self.coordinator)

    def test_a_new_volunteer_is_welcomed_in_the_coordinators_language(self):
        volunteer = self.env["res.partner"].create({"name": "Zoé Todo", "lang": "fr_FR"})
        volunteer.with_context(lang="fr_FR")._coop_schedule_welcome()
        activity = volunteer.activity_ids
        self.assertEqual(activity.summary, "De nieuwe vrijwilliger Zoé Todo verwelkomen")
        self.assertIn("Schreef zich in op de website", activity.note)
