from odoo.tests import tagged
from odoo.tests.common import warmup

from .common import GRAND_PLACE, IXELLES, SCHAERBEEK, DeliveryCase

# The next wave of a request, its offers made and their mails queued: the same number of
# queries for a wave of 2 as for a wave of 6. One query ranks the volunteers, one counts
# their week; the offers, the mails and their messages are inserted in one query each; the
# rest reads the request, the volunteers, the template and the company once for all (the
# body is rendered from its view: see coop.delivery.offer._mail_bodies).
NEXT_WAVE_QUERIES = 22


@tagged("post_install", "-at_install", "is_query_count")
class TestNextWaveQueries(DeliveryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.beneficiary = cls.make_beneficiary("Odette", GRAND_PLACE)
        points = (IXELLES, SCHAERBEEK)
        for index in range(12):
            cls.make_volunteer(f"Volunteer {index:02d}", points[index % 2])

    def assert_wave_within_budget(self, size):
        self.env["ir.config_parameter"].sudo().set_param("coop_solidarity_delivery.wave_size", size)
        request = self.make_request(self.beneficiary, state="searching")
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(NEXT_WAVE_QUERIES):
            offers = request._notify_next_wave()
            self.env.flush_all()
        self.assertEqual(len(offers), size)
        mails = self.env["mail.mail"].sudo().search([("body_html", "like", "/coop/delivery/")])
        for offer in offers:
            mail = mails.filtered(lambda m, offer=offer: offer.sudo().token in m.body_html)
            self.assertEqual(mail.email_to, offer.volunteer_id.email_formatted)
            self.assertIn(offer.volunteer_id.name, mail.body_html)
            # Authored by the coop, attached to no record (see coop.delivery.offer._send).
            self.assertEqual(mail.author_id, self.env.company.partner_id)
            self.assertFalse(mail.model)

    @warmup
    def test_a_wave_of_two_within_the_query_budget(self):
        self.assert_wave_within_budget(2)

    @warmup
    def test_a_wave_of_six_within_the_same_query_budget(self):
        self.assert_wave_within_budget(6)
