"""Every website and portal route of the addon, fed bad values one parameter at a time.

Each answer must be a form error, a redirect or a 4xx (never a 500), store nothing wrong, and
never send a script back unescaped. The table below lists the routes, their parameters and the
values each one gets; ``subTest`` names the (route, parameter, value) of a failure.
"""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .event_common import EventPortalMixin, make_event
from .fuzz_values import (
    DATES,
    JSON_IDS,
    NUL,
    NUMBERS,
    PATH_IDS,
    REFLECTED,
    SCRIPT,
    TEXTS,
    RouteFuzzMixin,
)

# A photo kept between two posts that is far too long (and not an image).
LONG_BASE64 = "QUFB" * 1_200_000
# The longest task name a member may log from the portal.
NAME_LIMIT = 200


@tagged("post_install", "-at_install")
class TestRouteFuzz(RouteFuzzMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member_user = new_test_user(
            cls.env,
            login="coop_fuzz_member",
            password="coop_fuzz_member",
            groups="base.group_portal",
        )
        cls.other_user = new_test_user(
            cls.env, login="coop_fuzz_other", password="coop_fuzz_other", groups="base.group_portal"
        )
        cls.member, cls.other = cls.member_user.partner_id, cls.other_user.partner_id
        cls.task = cls.env["coop.task.type"].create({"name": "Fuzz reception"})
        cls.shift = cls.make_shift(72)
        cls.cancelled_shift = cls.make_shift(96)
        cls.cancelled_shift.action_cancel()
        cls.other_registration = cls.env["coop.shift.registration"].create(
            {"shift_id": cls.shift.id, "partner_id": cls.other.id}
        )
        cls.suggestion = cls.env["coop.product.suggestion"].create(
            {"name": "Fuzz cheese", "author_id": cls.other.id}
        )
        cls.board_post = cls.env["coop.board.post"].create(
            {
                "partner_id": cls.other.id,
                "name": "Fuzz ladder",
                "category_id": cls.env["coop.board.category"].create({"name": "Fuzz tools"}).id,
                "date_end": fields.Date.today() + timedelta(days=10),
            }
        )

    @classmethod
    def make_shift(cls, hours_ahead):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(hours=hours_ahead)
        return cls.env["coop.shift"].create(
            {
                "task_type_id": cls.task.id,
                "start": start,
                "end": start + timedelta(hours=3),
                "seats": 3,
            }
        )

    # === TABLE ===#

    def test_visitor_is_sent_to_log_in_everywhere(self):
        self.authenticate(None, None)
        routes = [
            (self.get, "/my/shifts", {"message": SCRIPT}),
            (self.get, "/my/income", {"message": SCRIPT}),
            (self.post, f"/my/shifts/{self.shift.id}/register", {}),
            (self.post, f"/my/shifts/registration/{self.other_registration.id}/cancel", {}),
            (self.post, "/my/shifts/log", {"hours": "2"}),
            (self.post, "/my/income/declare", {"income": "900"}),
            (self.get, "/my/board", {"search": SCRIPT}),
            (self.get, "/my/board/new", {}),
            (self.post, "/my/board/new", {"name": "Fuzz", "kind": "need"}),
            (self.get, f"/my/board/{self.board_post.id}", {}),
            (self.post, f"/my/board/{self.board_post.id}/edit", {"name": "Fuzz"}),
            (self.post, f"/my/board/{self.board_post.id}/close", {}),
            (self.get, "/my/suggestions", {"category": SCRIPT}),
            (self.get, "/my/suggestions/new", {}),
            (self.post, "/my/suggestions/new", {"name": "Fuzz"}),
            (self.get, f"/my/suggestions/{self.suggestion.id}", {}),
            (self.post, f"/my/suggestions/{self.suggestion.id}/support", {}),
            (self.post, f"/my/suggestions/{self.suggestion.id}/unsupport", {}),
            (self.get, "/my/skills", {"message": SCRIPT}),
            (self.post, "/my/skills/add", {"skill_id": "1"}),
            (self.post, "/my/skills/remove", {"skill_id": "1"}),
            (self.get, "/my/events", {"message": SCRIPT}),
            (self.post, "/my/events/1/register", {}),
            (self.post, "/my/events/1/cancel", {}),
        ]
        for send, url, data in routes:
            with self.subTest(route=url):
                response = send(url, **data)
                self.assertSafeAnswer(response)
                self.assertIn("/web/login", response.url)
        self.assertEqual(self.shift.registration_ids.partner_id, self.other)

    def test_reflected_messages_are_escaped(self):
        self.login(self.member_user)
        for url in ("/my/shifts", "/my/income", "/my/skills"):
            for param in ("message", "error"):
                with self.subTest(route=url, param=param):
                    self.fuzz(
                        lambda value, url=url, param=param: self.get(url, **{param: value}),
                        REFLECTED,
                        lambda: self.env["coop.work.entry"],
                    )

    def test_log_task(self):
        Entry = self.env["coop.work.entry"]
        base = {"name": "Shelving", "hours": "2", "date": str(fields.Date.today())}

        def mine():
            return Entry.search([("partner_id", "in", (self.member | self.other).ids)])

        def well_formed(entries):
            return all(
                entry.partner_id == self.member
                and entry.state == "draft"
                and 0 < entry.hours <= 24
                and len(entry.name) <= NAME_LIMIT
                and "\x00" not in entry.name
                for entry in entries
            )

        self.login(self.member_user)
        table = [
            ("name", ("", *TEXTS), well_formed),
            ("hours", (*NUMBERS, "0", "25"), None),
            ("date", DATES, None),
            ("partner_id", (str(self.other.id),), well_formed),
            ("state", ("validated",), well_formed),
        ]
        for param, values, may_store in table:
            with self.subTest(route="/my/shifts/log", param=param):
                self.fuzz(
                    lambda value, param=param: self.post(
                        "/my/shifts/log", **{**base, param: value}
                    ),
                    values,
                    mine,
                    may_store,
                )
        # What was stored shows escaped on the member's page.
        self.assertSafeAnswer(self.get("/my/shifts"))

    def test_register(self):
        Registration = self.env["coop.shift.registration"]
        self.login(self.member_user)
        ids = (*PATH_IDS, str(self.cancelled_shift.id))
        with self.subTest(route="/my/shifts/<shift_id>/register", param="shift_id"):
            self.fuzz(
                lambda value: self.post(f"/my/shifts/{value}/register"),
                ids,
                lambda: Registration.search([("partner_id", "=", self.member.id)]),
            )
        with self.subTest(route="/my/shifts/<shift_id>/register", param="partner_id"):
            self.post(f"/my/shifts/{self.make_shift(120).id}/register", partner_id=self.other.id)
            self.assertEqual(
                Registration.search([("partner_id", "=", self.other.id)]), self.other_registration
            )

    def test_cancel(self):
        self.login(self.member_user)
        ids = (*PATH_IDS, str(self.other_registration.id))
        with self.subTest(route="/my/shifts/registration/<registration_id>/cancel"):
            self.fuzz(
                lambda value: self.post(f"/my/shifts/registration/{value}/cancel"),
                ids,
                lambda: self.env["coop.shift.registration"].search([("state", "=", "cancelled")]),
            )
        self.assertEqual(self.other_registration.state, "registered")

    def test_declare_income(self):
        # The parsing of the numbers is issue 13's h1 part (nan, inf and 1e308 gave a 500):
        # these rows pass once that branch is merged.
        Declaration = self.env["coop.income.declaration"]
        base = {"income": "950", "household_shares": "2"}

        def declared():
            return Declaration.search([("partner_id", "in", (self.member | self.other).ids)])

        def own_and_draft(declarations):
            return all(
                d.partner_id == self.member and d.state == "draft" and d.income == 950
                for d in declarations
            )

        self.login(self.member_user)
        table = [
            ("income", NUMBERS, None),
            ("household_shares", tuple(v for v in NUMBERS if v) + ("0",), None),
            ("partner_id", (str(self.other.id),), own_and_draft),
            ("state", ("validated",), own_and_draft),
        ]
        for param, values, may_store in table:
            with self.subTest(route="/my/income/declare", param=param):
                self.fuzz(
                    lambda value, param=param: self.post(
                        "/my/income/declare", **{**base, param: value}
                    ),
                    values,
                    declared,
                    may_store,
                )
        self.assertSafeAnswer(self.get("/my/income"))

    # === THE BOARD OF NEEDS AND OFFERS ===#

    def board_member(self):
        """The fuzzing user as a member of the coop: the board is for members only."""
        self.member.coop_member_since = fields.Date.today() - timedelta(days=30)
        self.login(self.member_user)

    def board_posts(self):
        return self.env["coop.board.post"].with_context(active_test=False).search([])

    def test_board_filters(self):
        self.board_member()
        for param in ("search", "kind", "category", "neighbourhood", "message", "page"):
            with self.subTest(route="/my/board", param=param):
                self.fuzz(
                    lambda value, param=param: self.get("/my/board", **{param: value}),
                    (*REFLECTED, *PATH_IDS),
                    self.board_posts,
                )

    def test_board_new_post(self):
        today = fields.Date.today()
        base = {
            "name": "Lending a drill",
            "kind": "offer",
            "category_id": str(self.board_post.category_id.id),
            "date_end": str(today + timedelta(days=10)),
        }

        def well_formed(posts):
            return all(
                post.partner_id == self.member
                and post.state == "open"
                and not post.hidden
                and post.active
                and 0 < len(post.name) <= 100
                and "\x00" not in post.name + (post.description or "")
                for post in posts
            )

        def no_hidden_event(posts):
            return well_formed(posts) and all(
                not post.event_id or post.event_id.sudo().website_published for post in posts
            )

        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=3)
        hidden_event = str(
            self.env["event.event"]
            .create(
                {
                    "name": "Fuzz private meeting",
                    "date_begin": start,
                    "date_end": start + timedelta(hours=1),
                    "website_published": False,
                }
            )
            .id
        )
        self.board_member()
        past, far = str(today - timedelta(days=1)), str(today + timedelta(days=3 * 365))
        table = [
            ("name", ("", " ", *TEXTS), well_formed),
            ("description", TEXTS, well_formed),
            ("neighbourhood", TEXTS, well_formed),
            ("kind", ("", "closed", *TEXTS), None),
            ("category_id", ("", *PATH_IDS, "999999", "-1", "nan", SCRIPT, NUL), None),
            ("date_end", (*DATES, past, far), None),
            ("partner_id", (str(self.other.id),), well_formed),
            ("state", ("closed",), well_formed),
            ("hidden", ("1",), well_formed),
            # Only a published event of the coop, or none (an unpublished one is refused).
            (
                "event_id",
                (hidden_event, *PATH_IDS, "999999", "-1", "nan", SCRIPT, NUL),
                no_hidden_event,
            ),
        ]
        for param, values, may_store in table:
            with self.subTest(route="/my/board/new", param=param):
                self.fuzz(
                    lambda value, param=param: self.post("/my/board/new", **{**base, param: value}),
                    values,
                    self.board_posts,
                    may_store,
                )
        self.assertSafeAnswer(self.get("/my/board"))

    def test_board_post_ids(self):
        self.board_member()
        ids = (*PATH_IDS, "999999")
        for url in ("/my/board/%s", "/my/board/%s/edit"):
            with self.subTest(route=url):
                self.fuzz(lambda value, url=url: self.get(url % value), ids, self.board_posts)
        for url in ("/my/board/%s/close", "/my/board/%s/edit"):
            with self.subTest(route=url, param="someone else's post"):
                response = self.post(url % self.board_post.id, name="Mine now")
                self.assertEqual(response.status_code, 404)
        self.assertEqual((self.board_post.state, self.board_post.name), ("open", "Fuzz ladder"))

    def test_board_is_closed_to_portal_users_who_are_not_members(self):
        self.login(self.member_user)
        for url in ("/my/board", "/my/board/new", f"/my/board/{self.board_post.id}"):
            with self.subTest(route=url):
                response = self.get(url)
                self.assertEqual(response.status_code, 403)
                self.assertNotIn("Fuzz ladder", response.text)
        self.fuzz(
            lambda value: self.post("/my/board/new", name=value, kind="need"),
            ("Fuzz",),
            self.board_posts,
        )

    # === PRODUCT SUGGESTIONS ===#

    def suggestions(self):
        return self.env["coop.product.suggestion"].search([])

    def supports(self):
        return self.env["coop.product.suggestion.support"].search([])

    def test_suggestion_list(self):
        self.board_member()
        for param in ("category", "message", "page"):
            with self.subTest(route="/my/suggestions", param=param):
                self.fuzz(
                    lambda value, param=param: self.get("/my/suggestions", **{param: value}),
                    (*REFLECTED, *PATH_IDS, *NUMBERS),
                    self.suggestions,
                )

    def test_suggestion_new(self):
        base = {"name": "Fuzz flour", "producer": "Fuzz mill", "reason": "For bread"}

        def well_formed(suggestions):
            return all(
                s.author_id == self.member
                and s.state == "posted"
                and 0 < len(s.name) <= 100
                and len(s.producer or "") <= 100
                and len(s.reason or "") <= 2000
                and "\x00" not in s.name + (s.producer or "") + (s.reason or "")
                for s in suggestions
            )

        self.board_member()
        table = [
            ("name", ("", " ", *TEXTS), well_formed),
            ("producer", TEXTS, well_formed),
            ("reason", TEXTS, well_formed),
            ("category_id", (*PATH_IDS, "999999", "-1", "nan", "inf", SCRIPT, NUL), None),
            ("photo_data", ("", "nan", SCRIPT, NUL, LONG_BASE64, "aGVsbG8="), well_formed),
            ("author_id", (str(self.other.id),), well_formed),
            ("state", ("accepted",), well_formed),
            ("confirm", ("1", SCRIPT, NUL), well_formed),
        ]
        for param, values, may_store in table:
            with self.subTest(route="/my/suggestions/new", param=param):
                self.fuzz(
                    lambda value, param=param: self.post(
                        "/my/suggestions/new", **{**base, "confirm": "1", param: value}
                    ),
                    values,
                    self.suggestions,
                    may_store,
                )
        self.assertSafeAnswer(self.get("/my/suggestions"))

    def test_suggestion_ids(self):
        self.board_member()
        ids = (*PATH_IDS, "999999")
        with self.subTest(route="/my/suggestions/<id>"):
            self.fuzz(lambda value: self.get(f"/my/suggestions/{value}"), ids, self.suggestions)
        for action in ("support", "unsupport"):
            with self.subTest(route=f"/my/suggestions/<id>/{action}"):
                self.fuzz(
                    lambda value, action=action: self.post(f"/my/suggestions/{value}/{action}"),
                    ids,
                    self.supports,
                )

    def test_suggestion_supports_of_someone_else(self):
        """Support sent for someone else counts as the member's own; a withdrawal never
        touches another member's support; a member's own suggestion takes no support."""
        self.board_member()
        self.other.coop_member_since = fields.Date.today() - timedelta(days=30)
        url = f"/my/suggestions/{self.suggestion.id}"
        self.assertSafeAnswer(self.post(f"{url}/support", partner_id=str(self.other.id)))
        support = self.supports().filtered(lambda s: s.suggestion_id == self.suggestion)
        self.assertEqual(support.partner_id, self.member)
        support.unlink()
        Support = self.env["coop.product.suggestion.support"]
        third = self.env["res.partner"].create({"name": "Fuzz third"})
        theirs = Support.create({"suggestion_id": self.suggestion.id, "partner_id": third.id})
        self.assertIn("o_coop_portal_error", self.post(f"{url}/unsupport").text)
        self.assertTrue(theirs.exists())
        mine = self.env["coop.product.suggestion"].create(
            {"name": "Fuzz own", "author_id": self.member.id}
        )
        response = self.post(f"/my/suggestions/{mine.id}/support")
        self.assertIn("o_coop_portal_error", response.text)
        self.assertEqual(mine.support_count, 0)

    def test_suggestions_are_closed_to_portal_users_who_are_not_members(self):
        self.login(self.member_user)
        urls = ("/my/suggestions", "/my/suggestions/new", f"/my/suggestions/{self.suggestion.id}")
        for url in urls:
            with self.subTest(route=url):
                response = self.get(url)
                self.assertEqual(response.status_code, 403)
                self.assertNotIn("Fuzz cheese", response.text)
        self.fuzz(
            lambda value: self.post("/my/suggestions/new", name=value, confirm="1"),
            ("Fuzz",),
            self.suggestions,
        )
        self.fuzz(
            lambda value: self.post(f"/my/suggestions/{value}/support"),
            (str(self.suggestion.id),),
            self.supports,
        )

    # === SKILLS ===#

    def test_declare_skill(self):
        Skill, MemberSkill = self.env["coop.skill"], self.env["coop.member.skill"]
        knitting = Skill.create({"name": "Fuzz knitting"})
        archived = Skill.create({"name": "Fuzz archived", "active": False})

        def declared():
            return MemberSkill.search([("partner_id", "in", (self.member | self.other).ids)])

        def own_and_unconfirmed(member_skills):
            return all(
                ms.partner_id == self.member and ms.skill_id == knitting and not ms.confirmed
                for ms in member_skills
            )

        self.login(self.member_user)
        base = {"skill_id": str(knitting.id)}
        table = [
            ("skill_id", (*NUMBERS, *TEXTS, *PATH_IDS, str(archived.id)), None),
            ("partner_id", (str(self.other.id),), own_and_unconfirmed),
            ("confirmed", ("1",), own_and_unconfirmed),
        ]
        for param, values, may_store in table:
            with self.subTest(route="/my/skills/add", param=param):
                self.fuzz(
                    lambda value, param=param: self.post(
                        "/my/skills/add", **{**base, param: value}
                    ),
                    values,
                    declared,
                    may_store,
                )
        self.assertSafeAnswer(self.get("/my/skills"))

    def test_remove_skill(self):
        knitting = self.env["coop.skill"].create({"name": "Fuzz knitting"})
        others = self.env["coop.member.skill"].create(
            {"partner_id": self.other.id, "skill_id": knitting.id}
        )
        self.login(self.member_user)
        with self.subTest(route="/my/skills/remove", param="skill_id"):
            self.fuzz(
                lambda value: self.post("/my/skills/remove", skill_id=value),
                (*NUMBERS, *TEXTS, *PATH_IDS, str(knitting.id)),
                lambda: self.env["coop.member.skill"],
            )
        self.assertTrue(others.exists())


@tagged("post_install", "-at_install")
class TestDirectoryRouteFuzz(RouteFuzzMixin, HttpCase):
    """The members' directory: /my/directory, a card, its photo, the contact form and
    /my/directory/profile."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member_user = new_test_user(
            cls.env, login="coop_fuzz_dir", password="coop_fuzz_dir", groups="base.group_portal"
        )
        cls.other_user = new_test_user(
            cls.env, login="coop_fuzz_dir2", password="coop_fuzz_dir2", groups="base.group_portal"
        )
        (cls.member_user.partner_id | cls.other_user.partner_id).free_member = True
        cls.env.company.email = "coop@example.com"
        Profile = cls.env["coop.directory.profile"]
        cls.profile = Profile.create({"partner_id": cls.member_user.partner_id.id})
        cls.other_profile = Profile.create(
            {"partner_id": cls.other_user.partner_id.id, "published": True, "contactable": True}
        )

    def messages(self):
        senders = (self.member_user | self.other_user).partner_id
        return self.env["coop.directory.message"].search([("sender_id", "in", senders.ids)])

    def test_visitor_is_sent_to_log_in_everywhere(self):
        self.authenticate(None, None)
        card = f"/my/directory/{self.other_profile.id}"
        routes = [
            (self.get, "/my/directory", {"search": SCRIPT}),
            (self.get, card, {"message": SCRIPT}),
            (self.get, f"{card}/photo", {}),
            (self.post, f"{card}/contact", {"body": "Hello"}),
            (self.get, "/my/directory/profile", {}),
            (self.post, "/my/directory/profile/save", {"published": "on"}),
        ]
        for send, url, data in routes:
            with self.subTest(route=url):
                response = send(url, **data)
                self.assertSafeAnswer(response)
                self.assertIn("/web/login", response.url)
        self.assertFalse(self.messages())

    def test_search(self):
        self.login(self.member_user)
        for param in ("search", "skill", "neighbourhood", "page"):
            with self.subTest(route="/my/directory", param=param):
                self.fuzz(
                    lambda value, param=param: self.get("/my/directory", **{param: value}),
                    (*TEXTS[1:], *NUMBERS, *PATH_IDS, "x" * 8000),
                    self.messages,
                )

    def test_reflected_messages_are_escaped(self):
        self.login(self.member_user)
        for url in (f"/my/directory/{self.other_profile.id}", "/my/directory/profile"):
            for param in ("message", "error"):
                with self.subTest(route=url, param=param):
                    self.fuzz(
                        lambda value, url=url, param=param: self.get(url, **{param: value}),
                        REFLECTED,
                        self.messages,
                    )

    def test_card_ids(self):
        self.login(self.member_user)
        for suffix in ("", "/photo"):
            with self.subTest(route=f"/my/directory/<profile_id>{suffix}"):
                self.fuzz(
                    lambda value, suffix=suffix: self.get(f"/my/directory/{value}{suffix}"),
                    PATH_IDS,
                    self.messages,
                )

    def test_contact(self):
        self.login(self.member_user)
        url = f"/my/directory/{self.other_profile.id}/contact"

        def well_formed(messages):
            return all(
                m.recipient_id == self.other_user.partner_id and len(m.body) <= 2000
                for m in messages
            )

        with self.subTest(route="/my/directory/<profile_id>/contact", param="body"):
            self.fuzz(
                lambda value: self.post(url, body=value), ("", *TEXTS), self.messages, well_formed
            )
        with self.subTest(route="/my/directory/<profile_id>/contact", param="profile_id"):
            self.fuzz(
                lambda value: self.post(f"/my/directory/{value}/contact", body="Hi"),
                (*PATH_IDS, str(self.profile.id)),
                self.messages,
            )
        self.assertSafeAnswer(self.get(f"/my/directory/{self.other_profile.id}"))

    def test_save_profile(self):
        self.login(self.member_user)
        base = {"published": "on", "show_offer": "on", "offer": "Tools", "neighbourhood": "Dunois"}
        table = [
            ("offer", TEXTS),
            ("neighbourhood", TEXTS),
            ("published", (*NUMBERS, *TEXTS)),
            ("partner_id", (str(self.other_user.partner_id.id), *PATH_IDS)),
            ("moderated", ("on",)),
        ]
        for param, values in table:
            with self.subTest(route="/my/directory/profile/save", param=param):
                self.fuzz(
                    lambda value, param=param: self.post(
                        "/my/directory/profile/save", **{**base, param: value}
                    ),
                    values,
                    self.messages,
                )
                self.assertEqual(self.profile.partner_id, self.member_user.partner_id)
                self.assertFalse(self.profile.moderated)
                self.assertFalse(self.other_profile.offer)
                for text in (self.profile.offer or "", self.profile.neighbourhood or ""):
                    self.assertNotIn("<", text)
                    self.assertLessEqual(len(text), 500)
        self.assertSafeAnswer(self.get("/my/directory/profile"))
        self.assertSafeAnswer(self.get(f"/my/directory/{self.profile.id}"))


@tagged("post_install", "-at_install")
class TestEventRouteFuzz(EventPortalMixin, HttpCase):
    """/my/events, its one-click registration and cancellation, and website_event's modal and
    attendees' form that the coop overrides for members-only events."""

    def test_reflected_messages_are_escaped(self):
        self.login(self.paula_user)
        for param in ("message", "error"):
            with self.subTest(route="/my/events", param=param):
                self.fuzz(
                    lambda value, param=param: self.get("/my/events", **{param: value}),
                    REFLECTED,
                    self.registrations,
                )

    def test_register_and_cancel_ids(self):
        unpublished = make_event(self.env, "Test fuzz unpublished", website_published=False)
        past = make_event(self.env, "Test fuzz past", days=-2)
        theirs = self.Registration.create({"event_id": past.id, "partner_id": self.oscar.id})
        self.login(self.paula_user)
        ids = (*PATH_IDS, "999999", str(unpublished.id), str(past.id))
        for action in ("register", "cancel"):
            with self.subTest(route=f"/my/events/<event_id>/{action}"):
                self.fuzz(
                    lambda value, action=action: self.post(f"/my/events/{value}/{action}"),
                    ids,
                    self.registrations,
                )
        self.assertEqual(theirs.state, "open")

    def test_register_takes_nothing_from_the_form(self):
        def own_and_open(registrations):
            return all(
                r.partner_id == self.paula and r.state == "open" and r.name == self.paula.name
                for r in registrations
            )

        self.login(self.paula_user)
        table = [
            ("partner_id", (str(self.oscar.id), str(self.stranger.id))),
            ("state", ("done", "cancel")),
            ("name", (SCRIPT, NUL)),
            ("event_id", (str(self.open_event.id),)),
        ]
        for param, values in table:
            with self.subTest(route="/my/events/<event_id>/register", param=param):
                self.Registration.search([("partner_id", "=", self.paula.id)]).unlink()
                self.fuzz(
                    lambda value, param=param: self.post(
                        f"/my/events/{self.workshop.id}/register", **{param: value}
                    ),
                    values,
                    self.registrations,
                    own_and_open,
                )

    def test_closed_to_users_who_are_not_members(self):
        self.login(self.stranger_user)
        self.assertEqual(self.get("/my/events").status_code, 403)
        for action in ("register", "cancel"):
            self.fuzz(
                lambda value, action=action: self.post(f"/my/events/{value}/{action}"),
                (str(self.workshop.id), str(self.open_event.id)),
                self.registrations,
            )

    @mute_logger("odoo.http")  # a refusal is a UserError, which Odoo logs as a warning
    def test_the_registration_modal(self):
        url = f"/event/{self.workshop.id}/registration/new"
        for user in (None, self.stranger_user, self.paula_user):
            self.login(user)
            with self.subTest(route=url, user=user and user.login):
                self.fuzz(
                    lambda value: self.jsonrpc(url, **{"nb_register-0": value}),
                    JSON_IDS,
                    self.registrations,
                )
                self.fuzz(
                    lambda value: self.jsonrpc(url, **{f"nb_register-{value}": 1}),
                    (*PATH_IDS, "-1", "nan", SCRIPT, NUL),
                    self.registrations,
                )

    def test_the_attendees_form(self):
        """As a visitor, nothing is stored on a members-only event; as a member on an event
        open to all, what is stored is the member's own registration."""

        def own(registrations):
            return all(r.partner_id == self.paula for r in registrations)

        question = self.open_event.question_ids[:1]
        table = [
            ("1-event_ticket_id", (*NUMBERS, *PATH_IDS)),
            ("1-partner_id", (str(self.oscar.id), *PATH_IDS)),
            ("1-name", (SCRIPT, NUL, "abc")),
            ("1-event_id", (str(self.open_event.id), *PATH_IDS)),
            (f"1-simple_choice-{question.id}", ("abc", *PATH_IDS)),
            ("1-name-999999", TEXTS),
            ("x-name-1", ("abc",)),
        ]
        for user, event, may_store in (
            (None, self.workshop, None),
            (self.paula_user, self.open_event, own),
        ):
            self.login(user)
            for param, values in table:
                with self.subTest(param=param, user=user and user.login):
                    self.fuzz(
                        lambda value, param=param, event=event: self.post_confirm(
                            event, **{param: value}
                        ),
                        values,
                        self.registrations,
                        may_store,
                    )
        if question:
            self.login(self.paula_user)
            self.fuzz(
                lambda value: self.post_confirm(
                    self.open_event, **{f"1-{question.question_type}-{question.id}": value}
                ),
                TEXTS,
                self.registrations,
                own,
            )
