"""The call-back form over HTTP: the tour in French (the call lands on the call-centre's list
with the caller's language), bad input shown again with nothing lost, robots."""

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.coop_member_shifts.tests.axe_common import AxeMixin

from .test_callback import CallbackCase


@tagged("post_install", "-at_install")
class TestCallbackPages(HttpCase, CallbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env["website"].get_current_website()
        cls.website.language_ids |= cls.env.ref("base.lang_fr")
        cls.caller = new_test_user(
            cls.env,
            login="coop_cb_http_caller",
            password="coop_cb_http_caller",
            groups="coop_solidarity_delivery.group_coop_call_centre",
            lang="en_US",
        )

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)

    def post_form(self, url="/callback/submit", **fields_):
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "name": "Jean Form",
            "phone": "0470 12 34 57",
            "call_time": "evening",
            "topic": "joining",
            "consent": "1",
            **fields_,
        }
        return self.url_open(url, data={k: v for k, v in data.items() if v is not None})

    def calls(self):
        return self.Callback.search([("name", "in", ("Jean Form", "Jeanne Rappel"))])

    def test_tour_a_call_back_lands_on_the_call_list(self):
        self.start_tour("/fr", "coop_solidarity_delivery_callback")
        callback = self.calls()
        self.assertEqual(len(callback), 1)
        self.assertEqual((callback.lang, callback.topic), ("fr_FR", "delivery"))
        self.start_tour(
            "/odoo/callbacks", "coop_solidarity_delivery_callback_list", login=self.caller.login
        )
        self.assertEqual((callback.user_id, callback.state), (self.caller, "called"))

    def test_bad_input_shows_the_form_again_with_what_was_typed(self):
        response = self.post_form(phone="12ab", topic="plane", consent=None)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_coop_callback_errors", response.text)
        self.assertIn('value="Jean Form"', response.text)
        self.assertIn('value="12ab"', response.text)
        self.assertRegex(response.text, r'value="evening"\s+checked')
        self.assertFalse(self.calls())

    def test_a_good_form_thanks_and_stores_the_call(self):
        response = self.post_form()
        self.assertTrue(response.url.endswith("/callback/thanks"))
        # In E.164 with the coop's country when the phonenumbers library is there.
        self.assertTrue(self.calls().phone.endswith("470123457"), self.calls().phone)

    def test_a_robot_gets_the_thanks_and_nothing_is_stored(self):
        response = self.post_form(website_url="http://spam.example.com")
        self.assertTrue(response.url.endswith("/callback/thanks"))
        self.assertFalse(self.calls())

    def test_the_visitor_never_reads_a_call(self):
        self.post_form()
        self.assertNotIn("Jean Form", self.url_open("/callback/thanks").text)


@tagged("post_install", "-at_install")
class TestCallbackAccessibility(AxeMixin, HttpCase, CallbackCase):
    """The call-back pages pass axe-core (WCAG 2.1 AA): no serious or critical violation."""

    def test_the_callback_form_is_accessible(self):
        self.assertAccessible("/callback", expected="form.o_coop_callback_form")

    def test_the_thanks_page_is_accessible(self):
        self.assertAccessible("/callback/thanks", expected=".o_coop_callback_thanks")


@tagged("post_install", "-at_install")
class TestCallbackLinks(HttpCase, CallbackCase):
    """The form is linked where a visitor may need help: the footer, the contact page, the
    volunteer sign-up and the delivery request form."""

    def test_the_pages_link_to_the_form(self):
        member = self.make_portal_beneficiary("coop_cb_links_member", (50.8467, 4.3525))
        for url, user, where in (
            ("/", None, "o_coop_callback_footer"),
            ("/contactus", None, "o_coop_callback_link"),
            ("/volunteer", None, "o_coop_callback_link"),
            ("/my/deliveries/new", member, "o_coop_callback_link"),
        ):
            with self.subTest(url=url):
                self.authenticate(user and user.login, user and user.login)
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                self.assertRegex(
                    response.text, r"(?s)" + where + r'">.*?href="(/[a-z_]+)?/callback"'
                )
