from odoo.tests import tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import GRAND_PLACE, IXELLES, SCHAERBEEK, DeliveryCase


@tagged("post_install", "-at_install")
class TestOfferMailBody(DeliveryCase, MockEmail):
    """The offer mail's body is its view, rendered once compiled; a body the coop wrote in the
    template replaces it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.beneficiary = cls.make_beneficiary("Odette Perrin", GRAND_PLACE)
        cls.make_volunteer("Near Nadia", IXELLES)
        cls.make_volunteer("Middle Marc", SCHAERBEEK)
        cls.template = cls.env.ref("coop_solidarity_delivery.mail_template_delivery_offer")

    def offer_mails(self):
        request = self.make_request(self.beneficiary, district="Marolles")
        offers = request._notify_next_wave()
        self.assertEqual(len(offers), 2)
        mails = self.env["mail.mail"].search([("body_html", "like", "/coop/delivery/offer/")])
        return {
            offer: mails.filtered(lambda mail, offer=offer: offer.sudo().token in mail.body_html)
            for offer in offers
        }

    def test_the_view_gives_the_body_the_template_would_give(self):
        for offer, mail in self.offer_mails().items():
            self.assertEqual(len(mail), 1)
            by_template = self.template._render_field("body_html", offer.ids)[offer.id]
            self.assertEqual(mail.body_html.strip(), by_template.strip())
            for text in (offer.display_name, offer.volunteer_id.name, offer.distance_label):
                self.assertIn(text, mail.body_html)
            self.assertEqual(
                mail.subject, f"A member near you needs a delivery on {offer.delivery_day}"
            )
            self.assertIn(offer.delivery_day, mail.body_html)
            self.assertFalse(mail.mail_message_id.body, "one copy of the body, in the mail")

    def test_a_body_written_by_the_coop_is_sent(self):
        self.template.body_html = (
            '<p>Bonjour <t t-out="object.volunteer_id.name"/>, une livraison le '
            '<t t-out="object.delivery_day"/> : <a t-att-href="object._get_accept_url()">'
            "répondre</a></p>"
        )
        for offer, mail in self.offer_mails().items():
            self.assertEqual(len(mail), 1)
            self.assertIn(f"Bonjour {offer.volunteer_id.name}, une livraison le", mail.body_html)
            self.assertIn(offer._get_accept_url(), mail.body_html)
            self.assertNotIn("Can you take it?", mail.body_html)

    def test_the_plain_placeholders_are_read_without_evaluating_python(self):
        template = self.template
        for field in ("subject", "email_to", "lang"):
            with self.subTest(field=field):
                self.assertFalse(
                    template._has_unsafe_expression_template_inline_template(
                        template[field], "coop.delivery.offer"
                    )
                )
        # Any other path of the offer still needs the template editors' group.
        self.assertTrue(
            template._has_unsafe_expression_template_inline_template(
                "{{ object.sudo().token }}", "coop.delivery.offer"
            )
        )

    def test_the_sent_mail_carries_the_body(self):
        mails = self.offer_mails()
        with self.mock_mail_gateway():
            for mail in mails.values():
                mail.send()
        self.assertEqual(len(self._mails), 2)
        for offer in mails:
            (sent,) = [m for m in self._mails if offer.sudo().token in m["body"]]
            self.assertIn(offer.volunteer_id.name, sent["body"])
            self.assertIn(offer.delivery_day, sent["subject"])
