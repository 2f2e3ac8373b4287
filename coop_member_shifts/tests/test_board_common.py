"""Shared fixtures of the board's tests: members, a non-member, a coordinator, a category."""

from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user

from .common import CoopCase


def make_member(env, login, **kwargs):
    """A portal user whose contact is a member of the coop (password = login)."""
    user = new_test_user(env, login=login, password=login, groups="base.group_portal", **kwargs)
    user.partner_id.coop_member_since = fields.Date.today() - timedelta(days=100)
    user.partner_id.email = f"{login}@example.com"
    return user


class BoardCase(CoopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.paula_user = make_member(cls.env, "coop_board_paula", name="Paula Board")
        cls.oscar_user = make_member(cls.env, "coop_board_oscar", name="Oscar Board")
        cls.stranger_user = new_test_user(
            cls.env, login="coop_board_stranger", groups="base.group_portal"
        )
        cls.coordinator_user = new_test_user(
            cls.env,
            login="coop_board_coordinator",
            groups="coop_member_shifts.group_coop_shift_coordinator",
        )
        cls.paula, cls.oscar = cls.paula_user.partner_id, cls.oscar_user.partner_id
        cls.category = cls.env["coop.board.category"].create({"name": "Board test tools"})
        cls.Post = cls.env["coop.board.post"]

    def values(self, **vals):
        return {
            "name": "Lending a drill",
            "kind": "offer",
            "category_id": self.category.id,
            "date_end": fields.Date.today() + timedelta(days=10),
            **vals,
        }

    def post_as(self, user, **vals):
        return self.Post.with_user(user).create(self.values(**vals))

    def hide(self, post, reason="Selling, not lending"):
        post = post.with_user(self.coordinator_user)
        post.hidden_reason = reason
        post.action_hide()
        return post
