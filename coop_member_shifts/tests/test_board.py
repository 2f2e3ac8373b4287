"""The needs-and-resources board: who posts, changes, closes and moderates, and its cron."""

from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..models import coop_board_answer as board_answer
from .test_board_common import BoardCase

CRON_LOGGER = "odoo.addons.coop_member_shifts.models.coop_cron_step"


@tagged("post_install", "-at_install")
class TestBoardPosts(BoardCase):
    def test_a_member_posts_as_themselves(self):
        post = self.post_as(self.paula_user)
        self.assertEqual(post.partner_id, self.paula)
        self.assertEqual(post.state, "open")
        self.assertIn(self.paula, post.message_partner_ids)

    def test_a_member_cannot_post_for_someone_else(self):
        with self.assertRaises(AccessError):
            self.post_as(self.paula_user, partner_id=self.oscar.id)

    def test_a_member_cannot_post_a_hidden_or_closed_post(self):
        post = self.post_as(self.paula_user, state="closed", hidden=True, active=False)
        self.assertEqual((post.state, post.hidden, post.active), ("open", False, True))

    def test_someone_who_is_not_a_member_cannot_post(self):
        with self.assertRaises(AccessError):
            self.post_as(self.stranger_user)

    def test_a_member_changes_their_own_post(self):
        post = self.post_as(self.paula_user)
        post.write({"name": "Lending a drill and its bits", "neighbourhood": "La Source"})
        self.assertEqual(post.neighbourhood, "La Source")

    def test_a_member_cannot_change_someone_elses_post(self):
        post = self.post_as(self.oscar_user)
        with self.assertRaises(AccessError):
            post.with_user(self.paula_user).write({"name": "Mine now"})

    def test_a_member_cannot_write_the_moderation_fields(self):
        post = self.post_as(self.paula_user)
        for vals in ({"hidden": True}, {"hidden_reason": "x"}, {"active": False}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                post.write(vals)

    def test_a_member_cannot_show_their_hidden_post_again(self):
        post = self.hide(self.post_as(self.paula_user)).with_user(self.paula_user)
        with self.assertRaises(AccessError):
            post.write({"hidden": False})
        with self.assertRaises(AccessError):
            post.action_unhide()
        with self.assertRaises(UserError):
            post.write({"name": "Nothing to see"})
        self.assertTrue(post.hidden)

    def test_the_status_moves_only_through_the_buttons(self):
        post = self.post_as(self.paula_user)
        with self.assertRaises(UserError):
            post.write({"state": "closed"})
        with self.assertRaises(UserError):
            post.with_user(self.coordinator_user).write({"state": "expired"})

    def test_the_author_closes_their_post(self):
        post = self.post_as(self.paula_user)
        post.action_close()
        self.assertEqual(post.state, "closed")
        self.assertEqual(post.date_closed, fields.Date.today())
        with self.assertRaises(UserError):
            post.write({"name": "Reopened?"})

    def test_another_member_cannot_close_a_post(self):
        post = self.post_as(self.oscar_user)
        with self.assertRaises(AccessError):
            post.with_user(self.paula_user).action_close()
        self.assertEqual(post.state, "open")

    def test_an_end_date_in_the_past_or_too_far_is_refused(self):
        today = fields.Date.today()
        for date_end in (today - timedelta(days=1), today + timedelta(days=400)):
            with self.subTest(date_end=date_end), self.assertRaises(ValidationError):
                self.post_as(self.paula_user, date_end=date_end)

    def test_a_title_is_required_and_short(self):
        for name in ("   ", "x" * 101, "x" * 100_000):
            with self.subTest(name=name[:10]), self.assertRaises(ValidationError):
                self.post_as(self.paula_user, name=name)

    def test_texts_are_plain_text(self):
        for vals in (
            {"name": "<script>alert(1)</script>"},
            {"description": '"><img src=x onerror=alert(1)>'},
            {"neighbourhood": "<b>Centre</b>"},
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                self.post_as(self.paula_user, **vals)

    def test_a_coordinator_hides_a_post_with_a_reason(self):
        post = self.post_as(self.paula_user).with_user(self.coordinator_user)
        with self.assertRaises(UserError):
            post.action_hide()
        self.hide(post)
        self.assertTrue(post.hidden)
        self.assertEqual(post.hidden_by_id, self.coordinator_user)
        told = post.message_ids.filtered(lambda message: self.paula in message.partner_ids)
        self.assertIn("Selling, not lending", told.body)

    def test_a_member_cannot_hide_a_post(self):
        post = self.post_as(self.oscar_user)
        with self.assertRaises(AccessError):
            post.with_user(self.paula_user).action_hide()

    def test_answers_go_out_from_the_coop_address(self):
        self.env.company.email = "contact@coop.example.com"
        post = self.post_as(self.oscar_user)
        message = post.with_user(self.paula_user).message_post(
            body="I can lend you mine", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertEqual(message.author_id, self.env.company.partner_id, "the coop delivers it")
        self.assertEqual(message.partner_ids, self.oscar)
        self.assertIn("contact@coop.example.com", message.email_from)
        self.assertNotIn(self.paula.email, message.email_from)
        self.assertNotIn(self.paula.email, message.reply_to or "")


@tagged("post_install", "-at_install")
class TestBoardCron(BoardCase):
    def past_post(self, user, days=1):
        post = self.post_as(user)
        self.env.cr.execute(
            "UPDATE coop_board_post SET date_end = %s WHERE id = %s",
            [fields.Date.today() - timedelta(days=days), post.id],
        )
        post.invalidate_recordset()
        return post

    def test_posts_past_their_end_date_close_themselves(self):
        past = self.past_post(self.paula_user)
        current = self.post_as(self.oscar_user)
        self.Post._cron_expire_posts()
        self.assertEqual(past.state, "expired")
        self.assertEqual(current.state, "open")

    @mute_logger(CRON_LOGGER)
    def test_a_post_that_fails_stops_no_other_post(self):
        good = self.past_post(self.paula_user)
        bad = self.past_post(self.oscar_user)
        Post = type(self.Post)
        original = Post._coop_expire

        def expire(post):
            if post == bad:
                raise RuntimeError("This post cannot be closed.")
            return original(post)

        with patch.object(Post, "_coop_expire", expire):
            failed = self.Post._cron_expire_posts()
        self.assertEqual(failed, bad)
        self.assertEqual(good.state, "expired")
        self.assertEqual(bad.state, "open")
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "coop.board.post"), ("res_id", "=", bad.id)]
        )
        self.assertTrue(
            activities.user_id.has_group("coop_member_shifts.group_coop_shift_coordinator")
        )


@tagged("post_install", "-at_install")
class TestBoardMemberData(BoardCase):
    def test_the_data_export_has_the_members_posts_hidden_ones_included(self):
        kept = self.post_as(self.paula_user, name="Lending a ladder")
        hidden = self.hide(self.post_as(self.paula_user, name="Selling a bike"))
        self.post_as(self.oscar_user, name="Oscar's spade")
        rows = self.paula._coop_data_export()["board_posts"]
        self.assertEqual({row["name"] for row in rows}, {kept.name, hidden.name})

    def test_an_erased_member_takes_their_posts_along(self):
        post = self.post_as(self.paula_user)
        other = self.post_as(self.oscar_user)
        self.paula._coop_anonymise()
        self.assertFalse(post.exists())
        self.assertTrue(other.exists())

    def test_the_answers_sent_are_exported_and_erased_with_the_member(self):
        post = self.post_as(self.oscar_user, name="Oscar's spade")
        post.with_user(self.paula_user).with_context(
            mail_notify_force_send=False
        ).action_coop_answer("I can lend you mine")
        answer = self.env["coop.board.answer"].search([("sender_id", "=", self.paula.id)])
        self.assertEqual(answer.post_id, post)
        rows = self.paula._coop_data_export()["board_answers_sent"]
        self.assertEqual([row["post_id"] for row in rows], ["Oscar's spade"])
        self.paula._coop_anonymise()
        self.assertFalse(answer.exists())
        self.assertTrue(post.exists())


@tagged("post_install", "-at_install")
class TestBoardAnswerLimit(BoardCase):
    def test_answers_beyond_the_days_limit_are_refused_and_not_sent(self):
        post = self.post_as(self.oscar_user).with_user(self.paula_user)
        post = post.with_context(mail_notify_force_send=False)
        with patch.object(board_answer, "DAILY_LIMIT", 2):
            post.action_coop_answer("First")
            post.action_coop_answer("Second")
            with self.assertRaisesRegex(UserError, "2 answers on the board today"):
                post.action_coop_answer("Third")
            for lang, words in (("fr_FR", "2 réponses sur le tableau"), ("nl_BE", "2 antwoorden")):
                with self.subTest(lang=lang), self.assertRaisesRegex(UserError, words):
                    post.with_context(lang=lang).action_coop_answer("Third")
        sent = self.env["mail.message"].search(
            [("model", "=", "coop.board.post"), ("res_id", "=", post.id)]
        )
        self.assertFalse(sent.filtered(lambda message: "Third" in message.body))
        answers = self.env["coop.board.answer"].search([("sender_id", "=", self.paula.id)])
        self.assertEqual(sorted(answers.mapped("day_rank")), [1, 2])
