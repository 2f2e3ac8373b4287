"""Who sees the board, tried through the ORM as each kind of user."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_board_common import BoardCase


@tagged("post_install", "-at_install")
class TestBoardAccess(BoardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.open_post = cls.Post.with_user(cls.oscar_user).create(
            {
                "name": "A ride to the market",
                "kind": "need",
                "category_id": cls.category.id,
                "date_end": fields.Date.today() + timedelta(days=5),
            }
        )

    def board(self, user):
        return self.Post.with_user(user).search([("id", "=", self.open_post.id)])

    def test_a_visitor_reads_nothing(self):
        public = self.env.ref("base.public_user")
        with self.assertRaises(AccessError):
            self.open_post.with_user(public).read(["name"])
        with self.assertRaises(AccessError):
            self.env["coop.board.category"].with_user(public).search([])

    def test_a_portal_user_who_is_not_a_member_reads_nothing(self):
        self.assertFalse(self.board(self.stranger_user))
        with self.assertRaises(AccessError):
            self.open_post.with_user(self.stranger_user).read(["name"])

    def test_another_member_reads_the_open_post(self):
        self.assertEqual(self.board(self.paula_user), self.open_post)
        self.assertEqual(self.open_post.with_user(self.paula_user).author_name, "Oscar Board")

    def test_another_member_does_not_read_a_hidden_or_closed_post(self):
        self.hide(self.open_post)
        self.assertFalse(self.board(self.paula_user))
        self.assertEqual(self.board(self.oscar_user), self.open_post, "its author still does")
        self.open_post.with_user(self.coordinator_user).action_unhide()
        self.open_post.with_user(self.oscar_user).action_close()
        self.assertFalse(self.board(self.paula_user))

    def test_another_member_does_not_read_who_hid_a_post(self):
        self.hide(self.open_post)
        with self.assertRaises(AccessError):
            self.open_post.with_user(self.oscar_user).read(["hidden_by_id"])

    def test_a_member_whose_membership_ends_stops_reading_the_board(self):
        self.assertTrue(self.board(self.paula_user))
        self.paula.coop_member_since = False
        self.assertFalse(self.board(self.paula_user))

    def test_a_coordinator_reads_and_moderates_every_post(self):
        self.hide(self.open_post)
        as_coordinator = self.open_post.with_user(self.coordinator_user)
        self.assertEqual(self.board(self.coordinator_user), self.open_post)
        as_coordinator.action_archive()
        self.assertFalse(self.open_post.active)
        self.assertFalse(self.board(self.oscar_user), "archived: off the author's list too")

    def test_shop_staff_do_not_moderate(self):
        with self.assertRaises(AccessError):
            self.open_post.with_user(self.staff_user).write({"active": False})
