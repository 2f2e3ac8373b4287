from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged

from .common import GRAND_PLACE, IXELLES, SCHAERBEEK, DeliveryCase


class OfferCase(DeliveryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.beneficiary = cls.make_beneficiary("Odette Perrin", GRAND_PLACE)
        cls.near = cls.make_volunteer("Near", IXELLES)
        cls.middle = cls.make_volunteer("Middle", SCHAERBEEK)

    def searching_request(self):
        request = self.make_request(self.beneficiary)
        request.action_search_volunteers()
        return request

    def offer_of(self, request, volunteer):
        """The latest offer of the request to the volunteer."""
        return request.offer_ids.filtered(lambda o: o.volunteer_id == volunteer).sorted("id")[-1:]

    def cancel_reset_search(self, request):
        request.action_cancel()
        request.action_reset()
        request.action_search_volunteers()


@tagged("post_install", "-at_install")
class TestOfferRules(OfferCase):
    """An offer link takes the request only while it is live."""

    def test_a_lost_link_cannot_take_the_request_after_cancel_reset_and_search(self):
        request = self.searching_request()
        lost = self.offer_of(request, self.middle)
        self.offer_of(request, self.near)._accept()
        self.assertEqual(lost.state, "lost")
        self.cancel_reset_search(request)
        self.assertNotEqual(lost._accept(), "accepted")
        self.assertEqual(request.state, "searching")
        self.assertFalse(request.deliverer_id)
        self.assertEqual(lost.state, "lost", "a dead link changes nothing")

    def test_cancel_ends_the_round_its_waiting_offers_expire(self):
        request = self.searching_request()
        offers = request.offer_ids
        request.action_cancel()
        self.assertEqual(set(offers.mapped("state")), {"expired"})
        self.assertEqual(offers[0]._accept(), "expired")
        request.action_reset()
        self.assertEqual(offers[0]._accept(), "expired")
        self.assertEqual(request.state, "new")

    def test_an_offer_of_the_previous_round_is_dead_in_the_new_search(self):
        request = self.searching_request()
        old = self.offer_of(request, self.near)
        self.cancel_reset_search(request)
        self.assertFalse(old._is_live())
        self.assertEqual(old._accept(), "expired")
        self.assertEqual(request.state, "searching")

    def test_the_same_volunteers_are_asked_again_after_a_reset(self):
        request = self.searching_request()
        self.cancel_reset_search(request)
        self.assertEqual(self.offer_of(request, self.near).state, "sent")
        self.assertEqual(self.offer_of(request, self.middle).state, "sent")

    def test_the_new_round_link_takes_the_request(self):
        request = self.searching_request()
        self.cancel_reset_search(request)
        self.assertEqual(self.offer_of(request, self.middle)._accept(), "accepted")
        self.assertEqual(request.deliverer_id, self.middle)

    def test_a_link_expires_after_the_default_delay_of_48_hours(self):
        request = self.searching_request()
        offer = self.offer_of(request, self.near)
        offer.date_sent = fields.Datetime.now() - timedelta(hours=49)
        self.assertEqual(offer._accept(), "expired")
        self.assertEqual(request.state, "searching")
        self.assertFalse(request.deliverer_id)

    def test_the_expiry_delay_is_set_in_settings(self):
        settings = self.env["res.config.settings"].create({"coop_offer_expiry_hours": 72})
        settings.execute()
        request = self.searching_request()
        offer = self.offer_of(request, self.near)
        offer.date_sent = fields.Datetime.now() - timedelta(hours=49)
        self.assertEqual(offer._accept(), "accepted")

    def test_an_offer_delay_of_zero_hours_is_refused_in_settings(self):
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create({"coop_offer_expiry_hours": 0})

    def test_an_offer_never_sent_takes_nothing(self):
        request = self.make_request(self.beneficiary, state="searching")
        offer = self.env["coop.delivery.offer"].create(
            {"request_id": request.id, "volunteer_id": self.near.id}
        )
        self.assertEqual(offer._accept(), "expired")
        self.assertFalse(request.deliverer_id)

    def test_the_cron_marks_overdue_offers_expired(self):
        request = self.searching_request()
        offer = self.offer_of(request, self.near)
        offer.date_sent = fields.Datetime.now() - timedelta(hours=49)
        self.env["coop.delivery.request"]._cron_notify_next_waves()
        self.assertEqual(offer.state, "expired")

    def test_a_link_of_a_request_assigned_by_hand_takes_nothing(self):
        request = self.searching_request()
        request.write({"state": "assigned", "deliverer_id": self.middle.id})
        # The volunteer is told another volunteer delivers it (the page of a lost offer).
        self.assertEqual(self.offer_of(request, self.near)._accept(), "lost")
        self.assertEqual(request.deliverer_id, self.middle)


@tagged("post_install", "-at_install")
class TestOfferAddressDelay(OfferCase):
    """The address is shown to the volunteer who took the delivery, for a while only."""

    def accepted_offer(self):
        request = self.searching_request()
        offer = self.offer_of(request, self.near)
        offer._accept()
        return request, offer

    def test_the_address_stays_visible_until_the_wished_date_plus_the_privacy_delay(self):
        request, offer = self.accepted_offer()
        with freeze_time(request.delivery_date + timedelta(days=2)):
            self.assertTrue(offer._may_see_address())

    def test_the_address_is_hidden_past_the_wished_date_plus_the_privacy_delay(self):
        request, offer = self.accepted_offer()
        self.assertEqual(request.state, "assigned", "nobody marked it delivered")
        with freeze_time(request.delivery_date + timedelta(days=3)):
            self.assertFalse(offer._may_see_address())
            self.assertEqual(offer._page_status(), "over")

    def test_the_privacy_delay_is_the_setting(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "coop_solidarity_delivery.address_days_after_delivery", 5
        )
        request, offer = self.accepted_offer()
        with freeze_time(request.delivery_date + timedelta(days=4)):
            self.assertTrue(offer._may_see_address())

    def test_an_accepted_offer_of_an_earlier_round_never_shows_the_address(self):
        request, offer = self.accepted_offer()
        request.action_cancel()
        request.action_reset()
        request.write({"state": "assigned", "deliverer_id": self.near.id})  # by hand
        self.assertFalse(offer._may_see_address())


@tagged("post_install", "-at_install")
class TestOfferLinkPages(HttpCase, OfferCase):
    """A dead link gets a polite page (or a 404), and nothing changes."""

    def url(self, offer, suffix=""):
        return f"/coop/delivery/offer/{offer.sudo().token}{suffix}"

    def csrf(self, offer):
        html = self.url_open(self.url(offer)).text
        return html.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]

    def test_a_lost_link_after_a_new_round_gets_a_polite_page(self):
        request = self.searching_request()
        lost = self.offer_of(request, self.middle)
        self.offer_of(request, self.near)._accept()
        self.cancel_reset_search(request)
        response = self.url_open(self.url(lost))
        self.assertEqual(response.status_code, 200)
        self.assertIn("no longer valid", response.text)
        self.assertNotIn("o_coop_accept_delivery", response.text)

    def test_posting_an_expired_link_changes_nothing(self):
        request = self.searching_request()
        offer = self.offer_of(request, self.near)
        csrf = self.csrf(offer)
        offer.date_sent = fields.Datetime.now() - timedelta(hours=49)
        response = self.url_open(self.url(offer, "/accept"), data={"csrf_token": csrf})
        self.assertEqual(response.status_code, 200)
        self.assertIn("no longer valid", response.text)
        self.assertNotIn("Rue du Midi 1", response.text)
        self.assertEqual(request.state, "searching")
        self.assertEqual(offer.state, "sent")

    def test_the_outcome_cannot_be_faked_in_the_address(self):
        request = self.searching_request()
        response = self.url_open(self.url(self.offer_of(request, self.near), "?outcome=accepted"))
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("This delivery is yours", response.text)

    def test_malformed_links_are_refused_and_unknown_links_not_found(self):
        # A malformed key is refused before any query (400: a 404 would make the website look
        # the forged path up among its pages); a well-formed unknown key is not found.
        for token in ("x" * 5000, "%3Cb%3Ehello", "1e308.5"):
            response = self.url_open(f"/coop/delivery/offer/{token}")
            self.assertEqual(response.status_code, 400, token[:20])
        response = self.url_open("/coop/delivery/offer/not-a-real-token")
        self.assertEqual(response.status_code, 404)

    def test_a_cancelled_request_link_gets_a_polite_page(self):
        request = self.searching_request()
        offer = self.offer_of(request, self.near)
        request.action_cancel()
        response = self.url_open(self.url(offer))
        self.assertEqual(response.status_code, 200)
        self.assertIn("no longer valid", response.text)
        self.assertNotIn("o_coop_accept_delivery", response.text)
