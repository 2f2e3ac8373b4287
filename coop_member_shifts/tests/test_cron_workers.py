"""Scheduled jobs with several workers: a cron worker and a coordinator's button (or two cron
workers after a restart) generating the same shift template at once insert its shifts once,
and the later one is not reported as a failure: it is left for the job's next run."""

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
