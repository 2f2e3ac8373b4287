import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestWorkPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member_user = new_test_user(
            cls.env,
            login="coop_portal_alice",
            password="coop_portal_alice",
            groups="base.group_portal",
        )
        cls.other_user = new_test_user(
            cls.env, login="coop_portal_bob", password="coop_portal_bob", groups="base.group_portal"
        )
        cls.member, cls.other = cls.member_user.partner_id, cls.other_user.partner_id
        cls.task = cls.env["coop.task.type"].create({"name": "Reception"})
        cls.Entry = cls.env["coop.work.entry"]

    def make_shift(self, hours_ahead=72, seats=2):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(hours=hours_ahead)
        return self.env["coop.shift"].create(
            {
                "task_type_id": self.task.id,
                "start": start,
                "end": start + timedelta(hours=3),
                "seats": seats,
            }
        )

    def post(self, url, **data):
        page = self.url_open("/my/shifts").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return self.url_open(url, data={"csrf_token": csrf, **data})

    def test_a_member_sees_only_their_own_work(self):
        self.Entry._credit(self.member, 3, "shift", "Alice's reception")
        self.Entry._credit(self.other, 3, "shift", "Bob's shelving")
        self.authenticate("coop_portal_alice", "coop_portal_alice")
        html = self.url_open("/my/shifts").text
        self.assertIn("Alice&#39;s reception", html)
        self.assertNotIn("Bob", html)

    def test_a_member_signs_up_for_a_shift(self):
        shift = self.make_shift()
        self.authenticate("coop_portal_alice", "coop_portal_alice")
        response = self.post(f"/my/shifts/{shift.id}/register")
        self.assertIn("o_coop_portal_message", response.text)
        self.assertEqual(shift.registration_ids.partner_id, self.member)

    def test_cancelling_too_late_is_refused(self):
        shift = self.make_shift(hours_ahead=5)
        registration = self.env["coop.shift.registration"].create(
            {"shift_id": shift.id, "partner_id": self.member.id}
        )
        self.authenticate("coop_portal_alice", "coop_portal_alice")
        response = self.post(f"/my/shifts/registration/{registration.id}/cancel")
        self.assertIn("o_coop_portal_error", response.text)
        self.assertEqual(registration.state, "registered")

    def test_a_member_cannot_cancel_someone_elses_registration(self):
        registration = self.env["coop.shift.registration"].create(
            {"shift_id": self.make_shift().id, "partner_id": self.other.id}
        )
        self.authenticate("coop_portal_alice", "coop_portal_alice")
        response = self.post(f"/my/shifts/registration/{registration.id}/cancel")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(registration.state, "registered")

    def test_a_logged_task_waits_for_a_coordinator(self):
        self.authenticate("coop_portal_alice", "coop_portal_alice")
        self.post("/my/shifts/log", name="Found a local baker", hours="2")
        entry = self.Entry.search([("partner_id", "=", self.member.id)])
        self.assertEqual(entry.state, "draft")
        self.assertEqual(entry.hours, 2)

    def test_a_task_of_negative_hours_is_refused(self):
        self.authenticate("coop_portal_alice", "coop_portal_alice")
        response = self.post("/my/shifts/log", name="Nothing", hours="-2")
        self.assertIn("o_coop_portal_error", response.text)
        self.assertFalse(self.Entry.search([("partner_id", "=", self.member.id)]))
