import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import GRAND_PLACE, IXELLES, SCHAERBEEK, DeliveryCase

STREET = "Rue du Midi 1"
PHONE = "+32 2 555 01 01"
ACCESS = "Code 1234, 3rd floor"


@tagged("post_install", "-at_install")
class TestOfferPage(HttpCase, DeliveryCase):
    """What each person sees through an offer link: the privacy matrix."""

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

    def assertAddressHidden(self, html):
        for secret in (STREET, PHONE, ACCESS, "Odette Perrin"):
            self.assertNotIn(secret, html)

    def test_before_accepting_a_volunteer_sees_district_and_distance_only(self):
        html = self.page(self.winner_offer)
        self.assertIn("1000 Bruxelles", html)
        self.assertIn("about 2 km", html)
        self.assertAddressHidden(html)

    def test_the_assigned_volunteer_sees_address_phone_and_access_notes(self):
        self.winner_offer._accept()
        html = self.page(self.winner_offer)
        for detail in (STREET, PHONE, ACCESS):
            self.assertIn(detail, html)

    def test_another_volunteer_never_sees_the_address(self):
        self.winner_offer._accept()
        html = self.page(self.other_offer)
        self.assertAddressHidden(html)

    def test_the_address_disappears_days_after_delivery(self):
        self.winner_offer._accept()
        self.request.action_delivered()
        self.request.date_delivered = fields.Datetime.now() - timedelta(days=3)
        self.assertAddressHidden(self.page(self.winner_offer))

    def test_an_unknown_link_is_not_found(self):
        response = self.url_open("/coop/delivery/offer/not-a-real-token")
        self.assertEqual(response.status_code, 404)

    def test_the_public_and_portal_users_cannot_read_requests(self):
        portal = self.env.ref("base.demo_user0")
        public = self.env.ref("base.public_user")
        for user in (portal, public):
            self.assertFalse(self.env["coop.delivery.request"].with_user(user).has_access("read"))
            self.assertFalse(self.env["coop.delivery.offer"].with_user(user).has_access("read"))

    def test_accepting_through_the_page_assigns_the_volunteer(self):
        html = self.page(self.winner_offer)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        response = self.url_open(
            f"/coop/delivery/offer/{self.winner_offer.sudo().token}/accept",
            data={"csrf_token": csrf},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(STREET, response.text)
        self.assertEqual(self.request.deliverer_id, self.winner)

    def test_volunteer_accepts_in_the_browser(self):
        self.start_tour(
            f"/coop/delivery/offer/{self.winner_offer.sudo().token}",
            "coop_solidarity_delivery_volunteer_accepts",
        )
        self.assertEqual(self.request.deliverer_id, self.winner)
