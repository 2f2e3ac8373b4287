"""The board's access as Odoo's ``has_access`` sees it, who may post on a post through
``message_post`` and Odoo's mail routes, and answers delivered by the coop."""

import json
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .fuzz_values import PATH_IDS, TEXTS, RouteFuzzMixin
from .test_board_common import BoardCase, make_member


@tagged("post_install", "-at_install")
class TestBoardTrust(BoardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.former_user = make_member(cls.env, "coop_board_former", name="Former Board")
        cls.posts = {
            "open": cls.Post.with_user(cls.oscar_user).create(cls.values(cls)),
            "closed": cls.Post.with_user(cls.oscar_user).create(cls.values(cls, name="Closed")),
            "own": cls.Post.with_user(cls.paula_user).create(cls.values(cls, name="Paula's")),
            "former's": cls.Post.with_user(cls.former_user).create(cls.values(cls, name="Old")),
        }
        cls.posts["closed"].with_user(cls.oscar_user).action_close()
        cls.former_user.partner_id.coop_member_since = False

    def test_has_access_agrees_with_read_for_every_kind_of_user(self):
        users = {
            "member": self.paula_user,
            "portal non-member": self.stranger_user,
            "former member": self.former_user,
            "shop staff": self.staff_user,
            "coordinator": self.coordinator_user,
        }
        for who, user in users.items():
            for what, post in self.posts.items():
                with self.subTest(user=who, post=what):
                    as_user = post.with_user(user)
                    try:
                        as_user.read(["name"])
                        readable = True
                    except AccessError:
                        readable = False
                    self.assertEqual(as_user.has_access("read"), readable)
                    found = self.Post.with_user(user).search([("id", "=", post.id)])
                    self.assertEqual(bool(found), readable)
        self.assertTrue(self.posts["open"].with_user(self.paula_user).has_access("read"))
        self.assertFalse(self.posts["open"].with_user(self.stranger_user).has_access("read"))
        self.assertFalse(self.posts["open"].with_user(self.former_user).has_access("read"))

    def test_only_members_who_read_a_post_post_on_it(self):
        post = self.posts["open"]
        public = self.env.ref("base.public_user")
        for user in (self.stranger_user, self.former_user, public):
            for sudo in (False, True):
                with (
                    self.subTest(user=user.login, sudo=sudo),
                    self.assertRaises(AccessError),
                ):
                    post.with_user(user).sudo(sudo).message_post(
                        body="x",
                        message_type="comment",
                        subtype_xmlid="mail.mt_comment",
                    )
        with self.assertRaises(AccessError):
            self.posts["former's"].with_user(self.former_user).sudo().message_post(body="x")
        self.assertFalse(post.message_ids.filtered(lambda m: m.body and "x" == m.body.striptags()))
        message = post.with_user(self.paula_user).message_post(
            body="Mine", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertTrue(message)
        self.assertTrue(post.with_user(self.coordinator_user).message_post(body="Moderated"))

    def test_the_mail_routes_open_no_post_by_token_for_a_non_member(self):
        post = self.posts["open"]
        token = post.sudo()._portal_ensure_token()
        for user in (
            self.stranger_user,
            self.former_user,
            self.env.ref("base.public_user"),
        ):
            with self.subTest(user=user.login):
                Post = self.Post.with_user(user)
                self.assertFalse(Post._get_thread_with_access(post.id, "read", token=token))
        self.assertEqual(
            self.Post.with_user(self.paula_user)._get_thread_with_access(post.id, "read"),
            post,
        )

    def test_an_answer_is_delivered_by_the_coop_and_unread_by_its_sender(self):
        self.env.company.email = "contact@coop.example.com"
        post = self.posts["open"]
        as_paula = post.with_user(self.paula_user).with_context(mail_notify_force_send=False)
        message = as_paula.action_coop_answer("I can lend you mine")
        self.assertEqual(message.author_id, self.env.company.partner_id)
        self.assertEqual(message.create_uid.id, 1)
        self.assertEqual(message.partner_ids, self.oscar)
        self.assertIn("Paula Board", message.body)
        self.assertIn("I can lend you mine", message.body)
        self.assertNotIn(self.paula.email, message.email_from)
        mails = self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        self.assertEqual(mails.recipient_ids, self.oscar, "the coop e-mails the author")
        for user in (
            self.paula_user,
            self.env.ref("base.public_user"),
            self.stranger_user,
        ):
            with self.subTest(user=user.login):
                Message = self.env["mail.message"].with_user(user)
                self.assertFalse(Message.search([("id", "=", message.id)]))
                with self.assertRaises(AccessError):
                    message.with_user(user).read(["body"])
                with self.assertRaises(AccessError):
                    mails.with_user(user).read(["body_html"])
                with self.assertRaises(AccessError):
                    self.env["mail.mail"].with_user(user).search([("id", "in", mails.ids)])
        self.assertTrue(message.with_user(self.oscar_user).read(["body"]), "the author reads it")

    def test_an_answer_is_refused_when_it_should_be(self):
        with self.assertRaises(AccessError):
            self.posts["open"].with_user(self.stranger_user).action_coop_answer("Hello")
        with self.assertRaises(AccessError):
            self.posts["own"].with_user(self.paula_user).action_coop_answer("To myself")
        with self.assertRaises(UserError):
            self.posts["own"].with_user(self.oscar_user).action_coop_answer("  ")
        with self.assertRaises(UserError):
            self.posts["own"].with_user(self.oscar_user).action_coop_answer("x" * 2001)
        with self.assertRaises(AccessError):  # closed: off the board, so not even readable
            self.posts["closed"].with_user(self.paula_user).action_coop_answer("Too late")


@tagged("post_install", "-at_install")
class TestBoardMailRoutes(RouteFuzzMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.oscar_user = make_member(cls.env, "coop_board_oscar", name="Oscar Board")
        cls.paula_user = make_member(cls.env, "coop_board_paula", name="Paula Board")
        cls.stranger_user = new_test_user(
            cls.env,
            login="coop_board_stranger",
            password="coop_board_stranger",
            groups="base.group_portal",
        )
        category = cls.env["coop.board.category"].create({"name": "Route tools"})
        cls.board_post = (
            cls.env["coop.board.post"]
            .with_user(cls.oscar_user)
            .create(
                {
                    "name": "A ladder",
                    "kind": "need",
                    "category_id": category.id,
                    "date_end": fields.Date.today() + timedelta(days=5),
                }
            )
        )
        cls.token = cls.board_post.sudo()._portal_ensure_token()

    def post_message(self, **extra):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "thread_model": "coop.board.post",
                "thread_id": self.board_post.id,
                "post_data": {"body": "Spam from outside", "message_type": "comment"},
                **extra,
            },
        }
        return self.url_open(
            "/mail/message/post",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )

    def test_a_visitor_or_a_non_member_cannot_post_on_a_post(self):
        mails_before = self.env["mail.mail"].sudo().search_count([])
        for login in (None, "coop_board_stranger"):
            if login:
                self.authenticate(login, login)
            for extra in ({}, {"token": self.token}):
                with self.subTest(login=login, token=bool(extra)):
                    response = self.post_message(**extra)
                    self.assertNotEqual(response.status_code, 500)
                    if response.status_code == 200:
                        self.assertIn("error", response.json())
        spam = self.board_post.message_ids.filtered(lambda m: "Spam" in (m.body or ""))
        self.assertFalse(spam)
        self.assertEqual(self.env["mail.mail"].sudo().search_count([]), mails_before)

    def test_a_members_answer_through_the_chatter_route_is_the_coops(self):
        self.authenticate("coop_board_paula", "coop_board_paula")
        response = self.post_message()
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("error", response.json())
        answer = (
            self.env["mail.message"]
            .search([("model", "=", self.board_post._name), ("res_id", "=", self.board_post.id)])
            .filtered(lambda m: "Spam from outside" in (m.body or ""))
        )
        self.assertEqual(answer.author_id, self.env.company.partner_id)
        self.assertEqual(answer.partner_ids, self.oscar_user.partner_id)
        self.assertFalse(answer.with_user(self.paula_user).has_access("read"))

    def answers(self):
        return self.env["mail.message"].search(
            [("model", "=", self.board_post._name), ("message_type", "=", "user_notification")]
        )

    def test_the_answer_route_takes_no_bad_value_and_no_non_member(self):
        url = f"/my/board/{self.board_post.id}/answer"
        self.authenticate("coop_board_stranger", "coop_board_stranger")
        self.assertEqual(self.post(url, answer="Hello").status_code, 403)
        self.authenticate("coop_board_paula", "coop_board_paula")
        self.fuzz(
            lambda value: self.post(url, answer=value),
            ("", "  ", *TEXTS),
            self.answers,
            may_store=lambda new: len(new) == 1 and new.author_id == self.env.company.partner_id,
        )
        for post_id in (*PATH_IDS, "999999"):
            with self.subTest(post_id=post_id):
                self.assertSafeAnswer(self.post(f"/my/board/{post_id}/answer", answer="Hi"))
        self.authenticate("coop_board_oscar", "coop_board_oscar")
        response = self.post(url, answer="To myself")
        self.assertSafeAnswer(response)
        self.assertFalse(self.answers().filtered(lambda m: "To myself" in m.body))
