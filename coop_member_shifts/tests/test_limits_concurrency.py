"""Every "at most N" of the members' side, tried with requests sent at the same moment."""

from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, new_test_user, tagged

from ..models import coop_board_answer as board_answer
from .concurrency import committed_env, kinds, run_at_once


class ConcurrencyCase(BaseCase):
    """Fixtures committed (other cursors must see them) and deleted after the test."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        self.to_delete = []  # (model, ids), deleted in reverse order
        self.addCleanup(self._delete_fixtures)

    def _delete_fixtures(self):
        with committed_env(self.registry) as env:
            for model, ids in reversed(self.to_delete):
                env[model].browse(ids).exists().with_context(active_test=False).unlink()

    def keep(self, records):
        self.to_delete.append((records._name, records.ids))
        return records

    def make_member(self, env, login, **values):
        user = new_test_user(env, login=login, password=login, groups="base.group_portal")
        user.partner_id.write({"free_member": True, "email": f"{login}@example.com", **values})
        self.keep(user.partner_id)
        self.keep(user)
        return user


@tagged("post_install", "-at_install")
class TestDirectoryMessagesAtOnce(ConcurrencyCase):
    """Fifteen directory messages posted at once by one member: ten go, five are refused."""

    def test_fifteen_messages_at_once_ten_go(self):
        with committed_env(self.registry) as env:
            sender = self.make_member(env, "coop_limit_dir_sender")
            recipient = self.make_member(env, "coop_limit_dir_recipient")
            profile = env["coop.directory.profile"].create(
                {"partner_id": recipient.partner_id.id, "published": True, "contactable": True}
            )
            self.keep(profile)
            sender_id, sender_partner_id, profile_id = sender.id, sender.partner_id.id, profile.id

        def send(env, index):
            return env["coop.directory.message"]._coop_send(profile_id, f"Hello {index}").id

        outcomes = run_at_once(self.registry, send, count=15, uid=sender_id)
        with committed_env(self.registry) as env:
            messages = env["coop.directory.message"].search([("sender_id", "=", sender_partner_id)])
            mails = env["mail.mail"].search(
                [("model", "=", "coop.directory.message"), ("res_id", "in", messages.ids)]
            )
            self.to_delete += [("mail.mail", mails.ids), ("coop.directory.message", messages.ids)]
            self.assertEqual(kinds(outcomes), ["ok"] * 10 + ["refused"] * 5, outcomes)
            self.assertEqual(sorted(messages.mapped("day_rank")), list(range(1, 11)))
            self.assertEqual(len(mails), 10)
            refused = [o.message for o in outcomes if o.kind == "refused"]
            self.assertTrue(all("10 messages today" in message for message in refused), refused)
            self.assertEqual(len(set(messages.mapped("sent_on"))), 1)


@tagged("post_install", "-at_install")
class TestOverlappingShiftsAtOnce(ConcurrencyCase):
    """One member registered at once on five shifts that overlap in time: one holds."""

    def test_five_overlapping_registrations_of_one_member_at_once_one_holds(self):
        with committed_env(self.registry) as env:
            member = self.make_member(env, "coop_limit_overlap_member").partner_id
            task = self.keep(env["coop.task.type"].create({"name": "Overlap at once"}))
            start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=4)
            shifts = self.keep(
                env["coop.shift"].create(
                    [
                        {
                            "task_type_id": task.id,
                            "start": start + timedelta(minutes=30 * index),
                            "end": start + timedelta(hours=3, minutes=30 * index),
                            "seats": 5,
                        }
                        for index in range(5)
                    ]
                )
            )
            member_id, shift_ids = member.id, shifts.ids

        def register(env, index):
            return (
                env["coop.shift.registration"]
                .create({"shift_id": shift_ids[index], "partner_id": member_id})
                .id
            )

        outcomes = run_at_once(self.registry, register)
        with committed_env(self.registry) as env:
            registrations = env["coop.shift.registration"].search([("partner_id", "=", member_id)])
            self.to_delete.append(("coop.shift.registration", registrations.ids))
            self.assertEqual(kinds(outcomes), ["ok"] + ["refused"] * 4, outcomes)
            refused = [o.message for o in outcomes if o.kind == "refused"]
            self.assertTrue(
                all("already registered to a shift at that time" in m for m in refused), refused
            )
            self.assertEqual(len(registrations), 1)
            self.assertEqual(registrations.state, "registered")


@tagged("post_install", "-at_install")
class TestBoardAnswersAtOnce(ConcurrencyCase):
    """Fifteen answers to board posts sent at once by one member, with a limit of three a
    day: three reach the author (three e-mails), twelve are refused."""

    def test_fifteen_answers_at_once_three_go(self):
        since = fields.Date.today() - timedelta(days=100)
        with committed_env(self.registry) as env:
            author = self.make_member(env, "coop_limit_board_author", coop_member_since=since)
            answerer = self.make_member(env, "coop_limit_board_answerer", coop_member_since=since)
            category = self.keep(env["coop.board.category"].create({"name": "Limit category"}))
            posts = self.keep(
                env["coop.board.post"].create(
                    [
                        {
                            "partner_id": author.partner_id.id,
                            "name": f"Limit post {index}",
                            "category_id": category.id,
                        }
                        for index in range(3)
                    ]
                )
            )
            author_partner_id, post_ids = author.partner_id.id, posts.ids
            answerer_id, answerer_partner_id = answerer.id, answerer.partner_id.id

        def answer(env, index):
            post = env["coop.board.post"].browse(post_ids[index % 3])
            return post.action_coop_answer(f"I can help ({index})").id

        # Mails wait in the queue: sent after the commit, they would wait for the registry
        # that the test runner holds.
        context = {"mail_notify_force_send": False}
        with patch.object(board_answer, "DAILY_LIMIT", 3):
            outcomes = run_at_once(
                self.registry, answer, count=15, uid=answerer_id, context=context
            )
        with committed_env(self.registry) as env:
            answers = env["coop.board.answer"].search([("sender_id", "=", answerer_partner_id)])
            messages = env["mail.message"].search(
                [
                    ("model", "=", "coop.board.post"),
                    ("res_id", "in", post_ids),
                    ("message_type", "=", "user_notification"),
                ]
            )
            mails = env["mail.mail"].search([("mail_message_id", "in", messages.ids)])
            self.to_delete += [("mail.mail", mails.ids), ("mail.message", messages.ids)]
            self.assertEqual(kinds(outcomes), ["ok"] * 3 + ["refused"] * 12, outcomes)
            refused = [o.message for o in outcomes if o.kind == "refused"]
            self.assertTrue(all("3 answers on the board today" in m for m in refused), refused)
            self.assertEqual(sorted(answers.mapped("day_rank")), [1, 2, 3])
            self.assertEqual(answers.message_id, messages)
            self.assertEqual(len(mails), 3)
            self.assertEqual(mails.recipient_ids.ids, [author_partner_id])
