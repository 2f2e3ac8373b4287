"""What members and volunteers read: offer e-mails and pages, the delivery portal, slots."""

import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from .common import GRAND_PLACE, IXELLES, SCHAERBEEK, DeliveryCase, DriveCommon
from .test_mail_languages import LanguagesMixin


@tagged("post_install", "-at_install")
class TestOfferReadable(HttpCase, DeliveryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.beneficiary = cls.make_beneficiary("Odette Perrin", GRAND_PLACE)
        cls.winner = cls.make_volunteer("Winner", IXELLES)
        cls.other = cls.make_volunteer("Other", SCHAERBEEK)
        cls.request = cls.make_request(cls.beneficiary)
        cls.request.action_search_volunteers()
        cls.winner_offer = cls.request.offer_ids.filtered(lambda o: o.volunteer_id == cls.winner)
        cls.other_offer = cls.request.offer_ids - cls.winner_offer

    def page(self, offer):
        response = self.url_open(f"/coop/delivery/offer/{offer.sudo().token}")
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_the_offer_email_is_headed_with_the_delivery_not_a_record_id(self):
        mail = self.env["mail.mail"].search([("email_to", "=", self.winner.email_formatted)])
        self.assertEqual(len(mail), 1)
        self.assertNotIn("coop.delivery.offer,", mail.body_html)
        day = self.winner._coop_day(self.request.delivery_date)
        self.assertIn(f"Solidarity delivery of {day} in 1000 Bruxelles", mail.body_html)
        self.assertIn(day, mail.subject)
        self.assertNotRegex(mail.subject, r"\d{2}/\d{2}/\d{4}")

    def test_a_volunteer_whose_offer_another_took_is_told_so(self):
        self.winner_offer._accept()
        html = self.page(self.other_offer)
        self.assertIn("o_coop_offer_taken", html)
        self.assertIn("This delivery is already taken", html)

    def test_a_delivery_a_coordinator_gave_to_another_is_explained_too(self):
        third = self.make_volunteer("Third", GRAND_PLACE)
        self.request._assign_deliverer(third)
        self.assertEqual(self.other_offer.state, "sent")
        html = self.page(self.other_offer)
        self.assertIn("o_coop_offer_taken", html)
        self.assertNotIn("I deliver it", html)

    def test_the_offer_page_reads_the_day_by_name(self):
        html = self.page(self.winner_offer)
        self.assertIn(self.winner._coop_day(self.request.delivery_date), html)


@tagged("post_install", "-at_install")
class TestDeliveryPortalReadable(HttpCase, DeliveryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outsider = new_test_user(
            cls.env,
            login="coop_readable_outsider",
            password="coop_readable_outsider",
            groups="base.group_portal",
        )

    def test_a_member_not_eligible_is_told_how_to_ask_for_deliveries(self):
        self.env.company.phone = "+33 2 38 00 00 00"
        self.authenticate("coop_readable_outsider", "coop_readable_outsider")
        for url in ("/my/deliveries", "/my/deliveries/new"):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200)
            self.assertTrue(response.url.endswith(url))
            self.assertIn("o_coop_not_eligible", response.text)
            self.assertIn("delivery coordinator", response.text)
            self.assertIn("+33 2 38 00 00 00", response.text)

    def test_a_member_not_eligible_cannot_post_a_request(self):
        self.authenticate("coop_readable_outsider", "coop_readable_outsider")
        page = self.url_open("/my/shifts").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        self.url_open(
            "/my/deliveries/new",
            data={"csrf_token": csrf, "shopping_list": "Riz", "delivery_date": "2030-01-02"},
        )
        self.assertFalse(
            self.env["coop.delivery.request"].search(
                [("beneficiary_id", "=", self.outsider.partner_id.id)]
            )
        )

    def test_the_call_centre_reasons_are_translated(self):
        """A selection given by a function has no labels for Odoo to translate."""
        self.env["res.lang"]._activate_lang("fr_FR")
        labels = self.env["ir.model.fields.selection"].search(
            [("field_id.model", "=", "coop.delivery.intake"), ("field_id.name", "=", "reason")]
        )
        self.assertEqual(set(labels.mapped("value")), {"isolated", "vulnerable", "temporary"})
        labels.filtered(lambda s: s.value == "isolated").with_context(lang="fr_FR").name = "Isolé"
        intake = self.env["coop.delivery.intake"].with_context(lang="fr_FR")
        selection = dict(intake.fields_get(["reason"])["reason"]["selection"])
        self.assertEqual(selection["isolated"], "Isolé")

    def test_a_new_request_logs_a_readable_creation_message(self):
        request = self.make_request(self.make_beneficiary("Odette", GRAND_PLACE))
        self.assertIn("Solidarity delivery request created", request.message_ids[-1].body)


@tagged("post_install", "-at_install")
class TestSlotReadable(DriveCommon):
    def test_a_slot_reads_as_a_day_and_hours_without_seconds(self):
        slot = self._create_slot()
        self.assertNotRegex(slot.display_name, r"\d{2}/\d{2}/\d{4}|\d{2}:\d{2}:\d{2}")
        day = slot._local_start().strftime("%A")
        self.assertTrue(slot.display_name.startswith(day), slot.display_name)
        self.assertIn(f"({self.warehouse.name})", slot.display_name)

    def test_a_slot_reads_in_the_members_timezone(self):
        slot = self._create_slot()
        member = self.env["res.partner"].create({"name": "Far", "tz": "America/Montreal"})
        self.assertIn(member._coop_when(slot.start, slot.end), slot._label_for(member))
        self.assertNotEqual(slot._label_for(member), slot.display_name)

    def test_a_new_slot_logs_a_readable_creation_message(self):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=3)
        Slot = self.env["coop.slot"].with_context(tracking_disable=False, mail_create_nolog=False)
        slot = Slot.create(
            {
                "carrier_id": self.in_store_dm.id,
                "warehouse_id": self.warehouse.id,
                "start": start,
                "end": start + timedelta(hours=2),
                "cutoff": start - timedelta(hours=12),
                "capacity": 2,
            }
        )
        self.assertIn("Slot created", slot.message_ids[-1].body)


@tagged("post_install", "-at_install")
class TestCreationMessages(TransactionCase, LanguagesMixin):
    """Odoo logs "%s created" with the model's name, which cannot agree in French ("Ligne de
    travail bénévole créé"): every coop record with a chatter says it in a whole sentence."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.load_languages()

    def coop_models_with_a_chatter(self):
        return [
            name
            for name, model in self.env.registry.items()
            if name.startswith("coop.")
            and not model._abstract
            and not model._transient
            and issubclass(model, self.env.registry["mail.thread"])
        ]

    def test_every_coop_record_logs_its_creation_in_a_whole_sentence(self):
        names = self.coop_models_with_a_chatter()
        self.assertIn("coop.work.entry", names)
        for name in names:
            with self.subTest(model=name):
                Model = self.env[name]
                odoo_message = self.env.registry["mail.thread"]._creation_message
                self.assertIsNot(type(Model)._creation_message, odoo_message)
                messages = {
                    lang: Model.with_context(lang=lang).new({})._creation_message()
                    for lang in ("en_US", "fr_FR", "nl_BE")
                }
                self.assertNotEqual(messages["fr_FR"], messages["en_US"])
                self.assertNotEqual(messages["nl_BE"], messages["en_US"])

    def test_a_work_entry_agrees_in_french(self):
        message = self.env["coop.work.entry"].with_context(lang="fr_FR")._creation_message()
        self.assertEqual(message, "Ligne de travail bénévole créée")
