import json
import re

from odoo.tests import HttpCase, tagged

from .fee_common import FeeCase


@tagged("post_install", "-at_install")
class TestMemberDataPortal(FeeCase, HttpCase):
    """/my/data: a member downloads their own data and asks for their own erasure only."""

    def csrf(self, url):
        page = self.url_open(url).text
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def test_my_account_shows_a_my_data_card(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        self.assertIn('href="/my/data"', self.url_open("/my").text)

    def test_a_member_downloads_their_own_data(self):
        self.declare(self.paula, 1234)
        self.declare(self.oscar, 4321)
        self.authenticate(self.portal_user.login, self.portal_user.login)
        response = self.url_open(f"/my/data/export?partner_id={self.oscar.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        data = json.loads(response.content)
        self.assertEqual(data["profile"]["name"], "Paula Portal")
        self.assertEqual([d["income"] for d in data["income_declarations"]], [1234.0])

    def test_the_export_needs_a_login(self):
        response = self.url_open("/my/data/export", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    def test_a_member_asks_for_erasure_of_their_own_data_only(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        csrf = self.csrf("/my/data")
        response = self.url_open(
            "/my/data/erasure", data={"csrf_token": csrf, "partner_id": self.oscar.id}
        )
        self.assertEqual(response.status_code, 200)
        erasures = self.env["coop.erasure.request"].search([])
        self.assertEqual(erasures.partner_id, self.paula)
        self.assertEqual(erasures.state, "requested")
        self.assertTrue(erasures.activity_ids)

    def test_asking_twice_makes_one_request(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        csrf = self.csrf("/my/data")
        for _attempt in range(2):
            self.url_open("/my/data/erasure", data={"csrf_token": csrf})
        requests = self.env["coop.erasure.request"].search([("partner_id", "=", self.paula.id)])
        self.assertEqual(len(requests), 1)

    def test_a_member_sees_their_request(self):
        erasure = self.env["coop.erasure.request"].create({"partner_id": self.paula.id})
        self.authenticate(self.portal_user.login, self.portal_user.login)
        response = self.url_open(f"/my/data/erasure/{erasure.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Requested", response.text)

    def test_someone_elses_request_is_not_found(self):
        erasure = self.env["coop.erasure.request"].create({"partner_id": self.oscar.id})
        self.authenticate(self.portal_user.login, self.portal_user.login)
        response = self.url_open(f"/my/data/erasure/{erasure.id}")
        self.assertEqual(response.status_code, 404)
