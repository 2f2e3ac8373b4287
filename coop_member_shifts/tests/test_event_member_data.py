"""Where events meet the rest of the members' side: a board post points to a published event
(a link on the board's pages), and a member's data export and erasure carry their event
registrations and their roles on events."""

from datetime import timedelta

from odoo import fields, http
from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged

from .event_case import EventCase
from .test_board_common import make_member


def make_event(env, name, days=5, published=True):
    start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=days)
    return env["event.event"].create(
        {
            "name": name,
            "date_begin": start,
            "date_end": start + timedelta(hours=2),
            "website_published": published,
            "event_mail_ids": [(5, 0, 0)],
        }
    )


@tagged("post_install", "-at_install")
class TestBoardPointsToAnEvent(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = make_member(cls.env, "coop_event_board_paula", name="Paula Board")
        cls.category = cls.env["coop.board.category"].create({"name": "Event board tools"})
        cls.event = make_event(cls.env, "Disco soupe du marché")
        cls.hidden_event = make_event(cls.env, "Réunion du bureau", published=False)

    def post_values(self, **values):
        return {
            "name": "Peelers for the disco soupe",
            "kind": "need",
            "category_id": self.category.id,
            "date_end": fields.Date.today() + timedelta(days=10),
            **values,
        }

    def test_a_post_points_to_a_published_event_only(self):
        Post = self.env["coop.board.post"].with_user(self.user)
        post = Post.create(self.post_values(event_id=self.event.id))
        self.assertEqual(post.event_name, self.event.name)
        self.assertEqual(post.event_url, self.event.website_url)
        with self.assertRaisesRegex(ValidationError, "published event"):
            Post.create(self.post_values(event_id=self.hidden_event.id))
        with self.assertRaisesRegex(ValidationError, "published event"):
            post.write({"event_id": self.hidden_event.id})
        # Unpublished later: the post stays, the link goes, and the member reads no error.
        self.event.website_published = False
        post.invalidate_recordset(["event_url", "event_name"])
        self.assertFalse(post.with_user(self.user).event_url)

    def test_the_board_pages_link_the_event(self):
        self.authenticate(self.user.login, self.user.login)
        form = self.url_open("/my/board/new")
        self.assertIn(self.event.name, form.text)
        self.assertNotIn(self.hidden_event.name, form.text)
        values = self.post_values(
            event_id=str(self.hidden_event.id), csrf_token=http.Request.csrf_token(self)
        )
        values.update(category_id=str(self.category.id), date_end=str(fields.Date.today()))
        refused = self.url_open("/my/board/new", data=values)
        self.assertIn("Choose an event of the list", refused.text)
        values["event_id"] = str(self.event.id)
        self.url_open("/my/board/new", data=values)
        post = self.env["coop.board.post"].search([("partner_id", "=", self.user.partner_id.id)])
        self.assertEqual(post.event_id, self.event)
        page = self.url_open(post.access_url)
        self.assertIn(f'href="{self.event.website_url}"', page.text)
        self.assertIn(self.event.name, self.url_open("/my/board").text)


@tagged("post_install", "-at_install")
class TestEventsInMemberData(EventCase):
    def setUp(self):
        super().setUp()
        self.question = self.env["event.question"].create(
            {"title": "Allergies?", "question_type": "text_box"}
        )
        self.coming = self.make_event(days=4, seats_max=5)
        self.past = self.make_event(days=-10)
        Registration = self.env["event.registration"]
        self.ahead = Registration.create(
            {
                "event_id": self.coming.id,
                "partner_id": self.paula.id,
                "state": "open",
                "phone": "+33612345678",
                "registration_answer_ids": [
                    (0, 0, {"question_id": self.question.id, "value_text_box": "Gluten"})
                ],
            }
        )
        self.attended = Registration.create(
            {"event_id": self.past.id, "partner_id": self.paula.id, "state": "done"}
        )
        self.past_role = self.helper(self.past, self.paula, hours=2)
        self.past.action_coop_propose_hours()
        self.coming_role = self.helper(self.coming, self.paula, hours=1, role="host")

    def test_the_export_has_registrations_answers_and_roles(self):
        data = self.paula._coop_data_export()
        rows = {row["state"]: row for row in data["event_registrations"]}
        self.assertEqual(set(rows), {"open", "done"})
        self.assertEqual(rows["open"]["phone"], "+33612345678")
        self.assertEqual(rows["open"]["answers"], [{"question": "Allergies?", "answer": "Gluten"}])
        self.assertEqual(
            sorted((row["role"], row["hours"]) for row in data["event_roles"]),
            [("host", 1.0), ("organiser", 2.0)],
        )
        self.assertFalse(self.oscar._coop_data_export()["event_registrations"])

    def test_an_erasure_frees_the_seat_and_keeps_the_counted_hours(self):
        self.assertEqual(self.coming.seats_available, 4)
        erasure = (
            self.env["coop.erasure.request"]
            .with_user(self.portal_user)
            .create({"partner_id": self.paula.id})
        )
        erasure.with_user(self.manager_user).action_carry_out()
        self.env.flush_all()
        self.assertEqual(self.ahead.state, "cancel")
        self.coming.invalidate_recordset(["seats_available"])
        self.assertEqual(self.coming.seats_available, 5)
        self.assertEqual(self.attended.state, "done")
        for registration in self.ahead | self.attended:
            self.assertFalse(registration.email or registration.phone)
            self.assertNotIn("Paula", registration.name)
        self.assertFalse(self.ahead.registration_answer_ids)
        self.assertFalse(self.coming_role.exists(), "a role ahead in an anonymous name")
        self.assertTrue(self.past_role.exists())
        self.assertEqual(self.past_role.work_entry_id.partner_id, self.paula)
        bodies = " ".join(
            self.env["mail.message"]
            .search([("model", "=", erasure._name), ("res_id", "=", erasure.id)])
            .mapped("body")
        )
        self.assertIn("Event registrations cancelled: 1", bodies)
        self.assertIn("Roles of organiser or host removed: 1", bodies)

    def test_coming_to_an_event_is_using_the_coop(self):
        since = fields.Datetime.now() - timedelta(days=30)
        self.assertIn(self.paula, self.paula._coop_still_uses_the_coop(since))
        self.assertNotIn(self.stranger, self.stranger._coop_still_uses_the_coop(since))
        attendee = self.env["res.partner"].create({"name": "Ada Attendee"})
        self.assertFalse(attendee._coop_still_uses_the_coop(since))
        self.env["event.registration"].create(
            {"event_id": self.make_event(members_only=False).id, "partner_id": attendee.id}
        )
        self.assertEqual(attendee._coop_still_uses_the_coop(since), attendee)
