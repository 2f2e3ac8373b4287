import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSkillsPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member_user = new_test_user(
            cls.env,
            login="coop_skill_alice",
            password="coop_skill_alice",
            groups="base.group_portal",
            lang="en_US",
        )
        cls.other_user = new_test_user(
            cls.env, login="coop_skill_bob", password="coop_skill_bob", groups="base.group_portal"
        )
        cls.member, cls.other = cls.member_user.partner_id, cls.other_user.partner_id
        cls.forklift = cls.env["coop.skill"].create(
            {"name": "Tour forklift licence", "needs_confirmation": True}
        )
        cls.knitting = cls.env["coop.skill"].create({"name": "Tour knitting"})
        cls.MemberSkill = cls.env["coop.member.skill"]

    def post(self, url, **data):
        page = self.url_open("/my/skills").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return self.url_open(url, data={"csrf_token": csrf, **data})

    def mine(self):
        return self.MemberSkill.search([("partner_id", "=", self.member.id)])

    def test_tour_a_member_adds_a_skill_sees_it_awaiting_and_removes_it(self):
        self.start_tour("/my/skills", "coop_member_shifts_my_skills", login="coop_skill_alice")
        self.assertFalse(self.mine())

    def test_the_portal_home_links_to_my_skills(self):
        self.authenticate("coop_skill_alice", "coop_skill_alice")
        self.assertIn('href="/my/skills"', self.url_open("/my").text)

    def test_a_member_sees_only_their_own_skills(self):
        self.MemberSkill.create({"partner_id": self.other.id, "skill_id": self.knitting.id})
        self.authenticate("coop_skill_alice", "coop_skill_alice")
        self.assertNotIn("o_coop_my_skill", self.url_open("/my/skills").text)

    def test_a_confirmed_skill_shows_confirmed(self):
        self.MemberSkill.sudo().create(
            {"partner_id": self.member.id, "skill_id": self.forklift.id, "confirmed": True}
        )
        self.authenticate("coop_skill_alice", "coop_skill_alice")
        page = self.url_open("/my/skills").text
        self.assertIn("o_coop_skill_confirmed", page)
        self.assertNotIn("o_coop_skill_awaiting", page)

    def test_adding_a_skill_through_the_form_declares_it_for_the_member(self):
        self.authenticate("coop_skill_alice", "coop_skill_alice")
        response = self.post("/my/skills/add", skill_id=self.knitting.id, partner_id=self.other.id)
        self.assertIn("o_coop_portal_message", response.text)
        self.assertEqual(self.mine().skill_id, self.knitting)
        self.assertFalse(self.MemberSkill.search([("partner_id", "=", self.other.id)]))

    def test_a_nonsense_skill_gets_a_message(self):
        self.authenticate("coop_skill_alice", "coop_skill_alice")
        response = self.post("/my/skills/add", skill_id="not a skill")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_coop_portal_error", response.text)
        self.assertFalse(self.mine())

    def make_forklift_shift(self):
        task = self.env["coop.task.type"].create(
            {"name": "Tour forklift work", "required_skill_id": self.forklift.id}
        )
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=3)
        return self.env["coop.shift"].create(
            {"task_type_id": task.id, "start": start, "end": start + timedelta(hours=2)}
        )

    def test_the_shift_list_says_which_skill_a_shift_needs(self):
        self.make_forklift_shift()
        self.authenticate("coop_skill_alice", "coop_skill_alice")
        page = self.url_open("/my/shifts").text
        self.assertIn("o_coop_shift_needs_skill", page)
        self.assertIn("Tour forklift licence", page)

    def test_signing_up_without_the_skill_gets_a_message(self):
        shift = self.make_forklift_shift()
        self.MemberSkill.create({"partner_id": self.member.id, "skill_id": self.forklift.id})
        self.authenticate("coop_skill_alice", "coop_skill_alice")
        response = self.post(f"/my/shifts/{shift.id}/register")
        self.assertIn("o_coop_portal_error", response.text)
        self.assertIn("Tour forklift licence", response.text)
        self.assertFalse(shift.registration_ids)

    def test_the_shift_list_says_when_the_members_skill_awaits_confirmation(self):
        self.make_forklift_shift()
        self.MemberSkill.create({"partner_id": self.member.id, "skill_id": self.forklift.id})
        self.authenticate("coop_skill_alice", "coop_skill_alice")
        page = self.url_open("/my/shifts").text
        row = page[page.index("Tour forklift work") :]
        row = row[: row.index("</tr>")]
        self.assertIn("o_coop_shift_skill_awaiting", row)
        self.assertNotIn("o_coop_shift_add_skill", row)
