import re

from odoo import http
from odoo.tests import HttpCase, tagged

from odoo.addons.sms.tests.common import SMSCase

from .common import GRAND_PLACE, IXELLES, SCHAERBEEK, DeliveryCase
from .test_volunteer_portal import portal_volunteer

MOBILE = "+32 470 12 34 56"
MOBILE_E164 = "+32470123456"
STREET = "Rue du Midi 1"


@tagged("post_install", "-at_install")
class TestSmsOffer(SMSCase, HttpCase, DeliveryCase):
    """A volunteer who chose SMS gets the offer by SMS (not by e-mail), with the link that
    accepts it; one reached by neither channel is a call on the call centre's list."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.be")
        cls.beneficiary = cls.make_beneficiary("Odette Perrin", GRAND_PLACE)
        cls.texter = cls.make_volunteer(
            "Sam Texter", IXELLES, email=False, mobile=MOBILE, coop_contact_channel="sms"
        )
        cls.request = cls.make_request(cls.beneficiary)

    def search(self, **mock):
        with self.mockSMSGateway(**mock):
            self.request.action_search_volunteers()
            sms = self._new_sms.filtered(lambda sms: sms.partner_id == self.texter)
        return sms, self.request.offer_ids.filtered(lambda o: o.volunteer_id == self.texter)

    def test_the_sms_volunteer_gets_the_offer_by_sms_and_accepts_from_the_link(self):
        sms, offer = self.search()
        self.assertEqual(offer.state, "sent")
        self.assertTrue(offer.date_sent)
        self.assertSMSOutgoing(self.texter, MOBILE_E164)
        token = offer.sudo().token
        self.assertIn(f"/coop/delivery/offer/{token}", sms.body)
        self.assertLessEqual(len(sms.body), 160)
        self.assertNotIn(STREET, sms.body)
        self.assertNotIn("Odette", sms.body)
        # No e-mail carries the link, and the SMS is attached to no message anyone reads.
        self.assertFalse(self.env["mail.mail"].sudo().search([("body_html", "ilike", token)]))
        self.assertFalse(sms.mail_message_id)
        # The link of the SMS opens the offer page and accepts it.
        path = re.search(r"/coop/delivery/offer/\S+", sms.body).group(0)
        page = self.url_open(path)
        self.assertEqual(page.status_code, 200)
        self.assertNotIn(STREET, page.text)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(f"{path}/accept", data={"csrf_token": csrf})
        self.assertEqual(response.status_code, 200)
        self.assertIn(STREET, response.text)
        self.assertEqual(self.request.deliverer_id, self.texter)

    def test_the_sms_volunteer_accepts_in_the_browser_from_the_link(self):
        """The journey as the volunteer makes it: the SMS's link opened in a browser, then
        the button."""
        sms, _offer = self.search()
        path = re.search(r"/coop/delivery/offer/\S+", sms.body).group(0)
        self.start_tour(path, "coop_solidarity_delivery_volunteer_accepts")
        self.assertEqual(self.request.deliverer_id, self.texter)

    def test_a_failed_sms_loses_no_offer_and_is_sent_again(self):
        sms, offer = self.search(sim_error="server_error")
        with self.mockSMSGateway(sim_error="server_error"):
            sms.send()
        self.assertRecordValues(sms, [{"state": "error", "failure_type": "sms_server"}])
        self.assertTrue(offer._is_live())
        with self.mockSMSGateway():
            sms.resend_failed()
        self.assertSMSIapSent([MOBILE_E164], content=offer.sudo().token)

    def test_a_volunteer_with_neither_channel_is_a_call_to_make(self):
        caller = self.make_volunteer("Paul Phone", SCHAERBEEK, email=False)
        self.assertEqual(caller.coop_reach_channel, "call")
        with self.mockSMSGateway():
            self.request.action_search_volunteers()
        self.assertFalse(self._new_sms.filtered(lambda sms: sms.partner_id == caller))
        offer = self.request.offer_ids.filtered(lambda o: o.volunteer_id == caller)
        self.assertEqual(offer.state, "sent")
        call = caller.activity_ids
        self.assertEqual(call.activity_type_id, self.env.ref("mail.mail_activity_data_call"))
        self.assertEqual(call.user_id, caller._coop_call_list_user())
        self.assertIn("Paul Phone", call.summary)
        self.assertNotIn(STREET, call.note or "")


@tagged("post_install", "-at_install")
class TestVolunteerChannelHttp(SMSCase, DeliveryCase):
    """The volunteer chooses how offers reach them on /my/volunteer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.be")
        cls.user = portal_volunteer(cls.env, "coop_sms_volunteer", IXELLES)
        cls.volunteer = cls.user.partner_id

    def post_profile(self, **changes):
        self.authenticate(self.user.login, self.user.login)
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "coop_can_deliver": "on",
            "coop_transport": "car",
            "coop_radius_km": "2",
            "coop_weekly_max": "1",
            "weekday_ids": str(self.every_day[0].id),
            **changes,
        }
        return self.url_open("/my/volunteer/profile", data=data)

    def test_the_volunteer_chooses_sms_on_my_volunteer(self):
        self.authenticate(self.user.login, self.user.login)
        page = self.url_open("/my/volunteer")
        self.assertIn('name="coop_contact_channel"', page.text)
        response = self.post_profile(mobile=MOBILE, coop_contact_channel="sms")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.volunteer.coop_contact_channel, "sms")
        self.assertEqual(self.volunteer.coop_reach_channel, "sms")

    def test_my_volunteer_refuses_sms_without_a_valid_mobile(self):
        response = self.post_profile(mobile="12", coop_contact_channel="sms")
        self.assertEqual(response.status_code, 200)
        self.assertIn("not a valid mobile number", response.text)
        self.assertFalse(self.volunteer.coop_contact_channel)
        self.assertEqual(self.volunteer.coop_transport, "foot")
