"""Scheduled jobs with several workers: a cron worker and a coordinator's button (or two cron
workers after a restart) generating the same shift template at once insert its shifts once,
and the later one is not reported as a failure: it is left for the job's next run."""

from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged

from .concurrency import committed_env, run_at_once


@tagged("post_install", "-at_install")
class TestShiftGenerationAtOnce(TransactionCase):
    def setUp(self):
        super().setUp()
        with committed_env(self.registry) as env:
            task = env["coop.task.type"].create({"name": "At-once generation"})
            template = env["coop.shift.template"].create(
                {
                    "task_type_id": task.id,
                    "weekday": "0",
                    "start_hour": 9.0,
                    "end_hour": 12.0,
                    "seats": 4,
                }
            )
            template.shift_ids.unlink()  # generation on create, if any: the test makes them
            self.template_id, self.task_id = template.id, task.id
        self.addCleanup(self.cleanup)

    def cleanup(self):
        with committed_env(self.registry) as env:
            template = env["coop.shift.template"].browse(self.template_id)
            template.shift_ids.registration_ids.unlink()
            template.shift_ids.unlink()
            template.activity_ids.unlink()
            template.unlink()
            env["coop.task.type"].browse(self.task_id).unlink()

    def test_five_generations_at_once_make_each_shift_once(self):
        def work(env, _index):
            template = env["coop.shift.template"].browse(self.template_id)
            failed = env["coop.cron.step"]._run_each(
                template, lambda record: record._generate_shifts(), "Shift generation"
            )
            return len(failed)

        outcomes = run_at_once(self.registry, work, count=5)
        self.assertEqual([outcome.kind for outcome in outcomes], ["ok"] * 5, outcomes)
        self.assertEqual([outcome.value for outcome in outcomes], [0] * 5, "a failure reported")
        with committed_env(self.registry) as env:
            template = env["coop.shift.template"].browse(self.template_id)
            starts = template.shift_ids.mapped("start")
            self.assertTrue(starts)
            self.assertEqual(len(starts), len(set(starts)))
            self.assertFalse(template._missing_shift_values(), "shifts missing after both runs")
            self.assertFalse(template.activity_ids, "a concurrent run is not a failure")


@tagged("post_install", "-at_install")
class TestFixedTeamAtOnce(TransactionCase):
    """A fixed-team member who signs up for other shifts at the moment their team's shift is
    generated still holds one seat at a time: the generation locks the members before it reads
    their other shifts, as a registration does."""

    def setUp(self):
        super().setUp()
        with committed_env(self.registry) as env:
            task = env["coop.task.type"].create({"name": "At-once fixed team"})
            member = env["res.partner"].create({"name": "At-once Dana"})
            day = fields.Date.today() + timedelta(days=7)
            template = env["coop.shift.template"].create(
                {
                    "task_type_id": task.id,
                    "weekday": str(day.weekday()),
                    "start_hour": 9.0,
                    "end_hour": 12.0,
                    "seats": 4,
                    "date_start": day,
                    "date_end": day,
                    "partner_ids": [(6, 0, member.ids)],
                }
            )
            template.shift_ids.unlink()  # generation on create, if any: the test makes them
            (planned,) = template._missing_shift_values()
            others = env["coop.shift"].create(
                [
                    {
                        "task_type_id": task.id,
                        "start": planned["start"] + timedelta(minutes=30 * index),
                        "end": planned["end"] + timedelta(minutes=30 * index),
                    }
                    for index in range(1, 5)
                ]
            )
            self.made = {
                "task": task.id,
                "member": member.id,
                "template": template.id,
                "others": others.ids,
            }
        self.addCleanup(self.cleanup)

    def cleanup(self):
        with committed_env(self.registry) as env:
            template = env["coop.shift.template"].browse(self.made["template"])
            shifts = template.shift_ids | env["coop.shift"].browse(self.made["others"])
            shifts.registration_ids.unlink()
            shifts.unlink()
            template.activity_ids.unlink()
            template.unlink()
            env["res.partner"].browse(self.made["member"]).unlink()
            env["coop.task.type"].browse(self.made["task"]).unlink()

    def test_generation_and_four_sign_ups_at_once_seat_the_member_once(self):
        def work(env, index):
            if index == 0:
                return len(
                    env["coop.shift.template"].browse(self.made["template"])._generate_shifts()
                )
            return (
                env["coop.shift.registration"]
                .create(
                    {"shift_id": self.made["others"][index - 1], "partner_id": self.made["member"]}
                )
                .id
            )

        # The coordinator's activity mail is queued: sent after the commit, it would wait for
        # the registry, which the test runner holds.
        context = {"mail_notify_force_send": False}
        outcomes = run_at_once(self.registry, work, count=5, context=context)
        self.assertEqual(outcomes[0].kind, "ok", outcomes)
        self.assertEqual(outcomes[0].value, 1, "the team's shift is generated")
        with committed_env(self.registry) as env:
            seats = env["coop.shift.registration"].search(
                [("partner_id", "=", self.made["member"]), ("state", "=", "registered")]
            )
            self.assertEqual(len(seats), 1, outcomes)  # the five shifts overlap each other
            signed_up = [outcome for outcome in outcomes[1:] if outcome.kind == "ok"]
            if seats.shift_id.template_id:  # the generation came first
                self.assertFalse(signed_up, outcomes)
            else:  # a sign-up came first: the coordinator is told the member was busy
                self.assertEqual(len(signed_up), 1, outcomes)
                template = env["coop.shift.template"].browse(self.made["template"])
                self.assertIn("already registered", template.activity_ids.note or "")
