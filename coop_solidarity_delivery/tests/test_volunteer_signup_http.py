"""The "Become a volunteer" pages: the tour with its confirmation link, spam, bad input and
bad links, as a visitor and as a member."""

import re
from datetime import timedelta

from odoo import fields, http
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.coop_member_shifts.tests.axe_common import AxeMixin

from .test_volunteer_signup import SignupCase

LONG = "x" * 100_000
SCRIPT = "<script>alert(1)</script>"


@tagged("post_install", "-at_install")
class TestVolunteerSignupPages(HttpCase, SignupCase):
    def setUp(self):
        super().setUp()
        self.authenticate(None, None)  # a visitor's session, for the forms' CSRF token
        self.demo_signups = self.env["coop.volunteer.signup"].search([])

    def post_form(self, **fields_):
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "name": "Zoé Martin",
            "email": "zoe.martin@example.com",
            "street": "Rue Haute 10",
            "zip": "1000",
            "city": "Bruxelles",
            "can_deliver": "1",
            "transport": "bike",
            "radius_km": "4",
            "weekly_max": "2",
            "weekday_ids": [str(day.id) for day in self.every_day[:2]],
            "contact_consent": "1",
            "address_consent": "1",
            **fields_,
        }
        data = {key: value for key, value in data.items() if value is not None}
        return self.url_open("/volunteer/submit", data=data, timeout=60)

    def signups(self):
        return self.env["coop.volunteer.signup"].search([]) - self.demo_signups

    def confirm_url_from_mail(self, email):
        mail = self.env["mail.mail"].search([("email_to", "=", email)], limit=1)
        return re.search(r'href="[^"]*?(/volunteer/confirm/[A-Za-z0-9_-]+)"', mail.body_html)

    def test_tour_a_visitor_signs_up_and_confirms_by_the_link_of_the_email(self):
        self.start_tour("/", "coop_solidarity_delivery_volunteer_signup")
        signup = self.env["coop.volunteer.signup"].search([("email", "=", "zoe.tour@example.com")])
        self.assertEqual(signup.state, "to_confirm")
        self.assertFalse(self.partners_of("zoe.tour@example.com"))
        link = self.confirm_url_from_mail("zoe.tour@example.com")
        self.assertTrue(link, "the e-mail carries the confirmation link")
        self.start_tour(link.group(1), "coop_solidarity_delivery_volunteer_confirm")
        self.assertEqual(signup.state, "confirmed")
        self.assertTrue(signup.partner_id.coop_is_volunteer)
        self.assertEqual(signup.partner_id.coop_transport, "bike")

    def test_a_member_finds_the_form_prefilled(self):
        user = new_test_user(
            self.env, login="coop_signup_member", groups="base.group_portal", lang="en_US"
        )
        user.partner_id.write({"email": "member@example.com", "city": "Namur"})
        self.authenticate(user.login, user.login)
        html = self.url_open("/volunteer").text
        self.assertIn('value="member@example.com"', html)
        self.assertIn('value="Namur"', html)

    def test_the_link_does_not_confirm_before_the_button_is_pressed(self):
        self.post_form()
        link = self.confirm_url_from_mail("zoe.martin@example.com")
        response = self.url_open(link.group(1))
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_coop_volunteer_confirm_button", response.text)
        self.assertEqual(self.signups().state, "to_confirm")

    def test_a_filled_honeypot_gets_the_thanks_page_and_stores_nothing(self):
        response = self.post_form(website_url="http://spam.example.com")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_coop_volunteer_thanks", response.text)
        self.assertFalse(self.signups())
        self.assertFalse(
            self.env["mail.mail"].search([("email_to", "=", "zoe.martin@example.com")])
        )

    def test_the_same_email_twice_gives_the_thanks_page_and_one_signup(self):
        for _attempt in range(3):
            self.assertIn("o_coop_volunteer_thanks", self.post_form().text)
        self.assertEqual(len(self.signups()), 1)

    def test_each_bad_value_gets_its_message_and_the_form_keeps_the_values(self):
        bad = {
            "radius_km": ("nan", "inf", "-inf", "-3", "0", "1e308", str(10**30), "16", SCRIPT),
            "weekly_max": ("nan", "inf", "-1", "2.5", str(10**30), "22"),
            "email": ("", "not an e-mail", "a@example.com, b@example.com", SCRIPT, LONG),
            "name": ("", SCRIPT, LONG, "a\x00" * 200),
            "phone": ("<b>0</b>", LONG),
            "street": ("", SCRIPT, LONG),
            "zip": (LONG, "<i>"),
            "city": ("", LONG),
            "transport": ("plane", SCRIPT, ""),
            "weekday_ids": (["0"], ["nan"], [str(2**31)], [SCRIPT]),
            "can_deliver": (None,),
            "contact_consent": (None,),
            "address_consent": (None,),
        }
        for name, values in bad.items():
            for value in values:
                with self.subTest(field=name, value=str(value)[:30]):
                    response = self.post_form(**{"city": "Gembloux", name: value})
                    self.assertEqual(response.status_code, 200)
                    self.assertIn("o_coop_signup_errors", response.text)
                    self.assertIn("o_coop_signup_error", response.text)
                    self.assertNotIn("<script>alert", response.text)
                    if name != "city":
                        self.assertIn('value="Gembloux"', response.text)
        self.assertFalse(self.signups())

    def test_a_malformed_link_is_a_bad_request(self):
        response = self.url_open("/volunteer/confirm/%3Cscript%3E")
        self.assertEqual(response.status_code, 400)

    def test_an_unknown_link_is_not_found(self):
        response = self.url_open("/volunteer/confirm/not-a-real-token")
        self.assertEqual(response.status_code, 404)

    def test_an_expired_link_gets_a_polite_page_and_confirms_nothing(self):
        self.post_form()
        link = self.confirm_url_from_mail("zoe.martin@example.com").group(1)
        self.signups().expiry = fields.Datetime.now() - timedelta(minutes=1)
        response = self.url_open(f"{link}/done", data={"csrf_token": http.Request.csrf_token(self)})
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_coop_volunteer_expired", response.text)
        self.assertFalse(self.partners_of("zoe.martin@example.com"))

    def test_a_confirmed_link_followed_again_says_so(self):
        self.post_form()
        link = self.confirm_url_from_mail("zoe.martin@example.com").group(1)
        csrf = {"csrf_token": http.Request.csrf_token(self)}
        self.url_open(f"{link}/done", data=csrf)
        response = self.url_open(f"{link}/done", data=csrf)
        self.assertIn("o_coop_volunteer_confirmed", response.text)
        self.assertEqual(len(self.partners_of("zoe.martin@example.com")), 1)


@tagged("post_install", "-at_install")
class TestVolunteerSignupAccessibility(AxeMixin, HttpCase, SignupCase):
    """The sign-up pages pass axe-core (WCAG 2.1 AA): no serious or critical violation."""

    def test_the_signup_form_is_accessible(self):
        self.assertAccessible("/volunteer", expected="form.o_coop_volunteer_signup_form")

    def test_the_thanks_page_is_accessible(self):
        self.assertAccessible("/volunteer/thanks", expected=".o_coop_volunteer_thanks")

    def test_the_confirmation_page_is_accessible(self):
        signup = self.submit()
        url = f"/volunteer/confirm/{signup.sudo().token}"
        self.assertAccessible(url, expected=".o_coop_volunteer_confirm_button")
