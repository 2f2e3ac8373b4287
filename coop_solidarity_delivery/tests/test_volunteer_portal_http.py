"""Volunteers' self-service on the portal, over HTTP: the tour, the visitor, the other member."""

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import IXELLES, DeliveryCase
from .test_volunteer_portal import portal_volunteer


@tagged("post_install", "-at_install")
class TestVolunteerPortalHttp(HttpCase, DeliveryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = portal_volunteer(cls.env, "coop_vph_volunteer", IXELLES)
        cls.volunteer = cls.user.partner_id
        cls.other_user = new_test_user(
            cls.env,
            login="coop_vph_other",
            password="coop_vph_other",
            groups="base.group_portal",
            lang="en_US",
        )

    def post(self, url, **data):
        return self.url_open(url, data={"csrf_token": http.Request.csrf_token(self), **data})

    def profile(self, **changes):
        return {
            "coop_can_deliver": "on",
            "coop_transport": "car",
            "coop_radius_km": "2",
            "coop_weekly_max": "1",
            "weekday_ids": str(self.every_day[0].id),
            **changes,
        }

    def test_volunteer_edits_pauses_and_resumes_on_the_portal(self):
        self.start_tour("/my", "coop_solidarity_delivery_volunteer_portal", login=self.user.login)
        self.assertRecordValues(
            self.volunteer,
            [
                {
                    "coop_can_call": False,
                    "coop_can_deliver": True,
                    "coop_transport": "bike",
                    "coop_radius_km": 4.0,
                    "coop_weekly_max": 3,
                    "coop_volunteer_paused_until": False,
                }
            ],
        )
        bodies = self.volunteer.message_ids.mapped("body")
        self.assertTrue(any("On holiday until" in body for body in bodies))

    def test_a_visitor_is_sent_to_the_login_page(self):
        response = self.url_open("/my/volunteer", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
        response = self.url_open("/my/volunteer/stop", data={"confirm": "on"})
        self.assertTrue(self.volunteer.coop_notify_consent)

    def test_a_portal_user_who_is_not_a_volunteer_has_no_entry_nor_profile(self):
        self.authenticate(self.other_user.login, self.other_user.login)
        self.assertNotIn("/my/volunteer", self.url_open("/my").text)
        page = self.url_open("/my/volunteer").text
        self.assertIn("o_coop_volunteer_none", page)
        self.assertNotIn("coop_radius_km", page)

    def test_another_portal_user_cannot_change_a_volunteers_profile(self):
        self.authenticate(self.other_user.login, self.other_user.login)
        for url, data in (
            ("/my/volunteer/profile", self.profile(partner_id=str(self.volunteer.id))),
            ("/my/volunteer/pause", {"paused_until": "2099-01-01", "id": str(self.volunteer.id)}),
            ("/my/volunteer/stop", {"confirm": "on", "partner_id": str(self.volunteer.id)}),
        ):
            with self.subTest(url=url):
                response = self.post(url, **data)
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_coop_volunteer_error", response.text)
        self.assertEqual(self.volunteer.coop_transport, "foot")
        self.assertFalse(self.volunteer.coop_volunteer_paused_until)
        self.assertTrue(self.volunteer.coop_notify_consent)
        self.assertFalse(self.other_user.partner_id.coop_is_volunteer)

    def test_a_partner_id_in_the_form_changes_only_the_users_own_profile(self):
        theirs = portal_volunteer(self.env, "coop_vph_theirs", IXELLES).partner_id
        self.authenticate(self.user.login, self.user.login)
        self.post("/my/volunteer/profile", **self.profile(partner_id=str(theirs.id)))
        self.assertEqual(self.volunteer.coop_transport, "car")
        self.assertEqual(theirs.coop_transport, "foot")

    def test_a_refused_value_is_shown_with_what_was_typed(self):
        self.authenticate(self.user.login, self.user.login)
        response = self.post("/my/volunteer/profile", **self.profile(coop_radius_km="nan"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_coop_volunteer_error", response.text)
        self.assertIn('value="nan"', response.text)
        self.assertIn("Type a distance above 0 km", response.text)
        self.assertEqual(self.volunteer.coop_radius_km, 5.0)

    def test_stopping_needs_the_box_ticked(self):
        self.authenticate(self.user.login, self.user.login)
        response = self.post("/my/volunteer/stop")
        self.assertIn("o_coop_volunteer_error", response.text)
        self.assertTrue(self.volunteer.coop_notify_consent)
        self.post("/my/volunteer/stop", confirm="on")
        self.assertFalse(self.volunteer.coop_notify_consent)
        self.assertIn("o_coop_volunteer_rejoin", self.url_open("/my/volunteer").text)

    @mute_logger("odoo.http")  # Odoo logs the refused token as a warning
    def test_a_post_without_the_csrf_token_is_refused(self):
        self.authenticate(self.user.login, self.user.login)
        response = self.url_open("/my/volunteer/profile", data=self.profile())
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.volunteer.coop_transport, "foot")
