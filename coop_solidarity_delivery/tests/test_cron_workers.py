"""Scheduled jobs of both addons with two cron workers and several HTTP workers.

Odoo takes a job's row ``FOR NO KEY UPDATE SKIP LOCKED``: one job never runs twice at once.
What is left to each job: run again right after it committed (a second worker picking it up,
the job run by hand, a retry after a crash), it does nothing more; the records it shares with
other workers are locked or guarded (the table below says how); and each job is reviewed
here (a new job fails the test until it is added to the table).
"""

import pathlib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

ADDONS = ("coop_member_shifts", "coop_solidarity_delivery")
# Each job, and what keeps it right with other workers beside it.
CRONS = {
    "coop_member_shifts.ir_cron_board_expire_posts": "state filter: an expired post is skipped",
    "coop_member_shifts.ir_cron_event_hours": (
        "helpers locked and touched (tools.row_locks), one event line an origin (unique "
        "index): TestEventHoursAtOnce"
    ),
    "coop_member_shifts.ir_cron_expire_income_declarations": "state filter",
    "coop_member_shifts.ir_cron_fee_renewal_notices": "notice date stored on the member",
    "coop_member_shifts.ir_cron_generate_shifts": (
        "templates locked and touched (tools.row_locks), unique (template, start): "
        "TestShiftGenerationAtOnce"
    ),
    "coop_member_shifts.ir_cron_shift_reminders": "reminder_sent on the registration",
    "coop_member_shifts.ir_cron_sms_requeue": (
        "state filter: only SMS in error are put back in the queue (twice is the same)"
    ),
    "coop_member_shifts.ir_cron_work_behind_notice": "last notice month stored on the member",
    "coop_solidarity_delivery.ir_cron_anonymise_beneficiaries": "anonymised partners skipped",
    "coop_solidarity_delivery.ir_cron_callback_forget": "a second run finds nothing to delete",
    "coop_solidarity_delivery.ir_cron_coop_courier_send": (
        "orders taken FOR UPDATE SKIP LOCKED, idempotency key at CoopCycle: "
        "test_courier_exactly_once"
    ),
    "coop_solidarity_delivery.ir_cron_coop_geocode": "geo state stored; triggered by writes",
    "coop_solidarity_delivery.ir_cron_coop_standing_orders": (
        "week order unique per standing order and week: test_standing_order_at_once"
    ),
    "coop_solidarity_delivery.ir_cron_coopcycle_retry": "calls the send job: same guards",
    "coop_solidarity_delivery.ir_cron_delivery_next_wave": "wave time stored on the request",
    "coop_solidarity_delivery.ir_cron_delivery_recurrences": "next date stored on the recurrence",
    "coop_solidarity_delivery.ir_cron_drive_reminders": "reminder flag on the order",
    "coop_solidarity_delivery.ir_cron_generate_drive_slots": "unique (rule, start)",
    "coop_solidarity_delivery.ir_cron_release_payment_holds": "hold date cleared on release",
    "coop_solidarity_delivery.ir_cron_volunteer_signup_expire": "state filter",
}
# What a job may leave behind, counted before and after its second run.
WATCHED = (
    "mail.mail",
    "mail.message",
    "mail.activity",
    "sale.order",
    "sale.order.line",
    "stock.picking",
)


@tagged("post_install", "-at_install")
class TestCronWorkers(TransactionCase):
    def our_crons(self):
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.cron"), ("module", "in", ADDONS)]
        )
        return {f"{row.module}.{row.name}": self.env["ir.cron"].browse(row.res_id) for row in data}

    def counts(self):
        """Rows of the watched tables and of every table of both addons."""
        models = [
            model
            for model in self.env.registry.values()
            if not model._abstract
            and model._auto
            and (model._name in WATCHED or model._module in ADDONS)
        ]
        self.env.flush_all()
        counts = {}
        for model in models:
            self.env.cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(model._table)))
            counts[model._name] = self.env.cr.fetchone()[0]
        return counts

    def test_every_job_is_reviewed_for_several_workers(self):
        crons = self.our_crons()
        self.assertFalse(sorted(set(crons) - set(CRONS)), "jobs to add to CRONS, with their guard")
        self.assertFalse(sorted(set(CRONS) - set(crons)), "CRONS names jobs that no longer exist")

    def test_a_job_run_again_at_once_does_nothing_more(self):
        for xmlid, cron in sorted(self.our_crons().items()):
            with self.subTest(job=xmlid):
                cron.method_direct_trigger()
                before = self.counts()
                cron.method_direct_trigger()
                after = self.counts()
                grown = {name: after[name] - count for name, count in before.items()}
                self.assertFalse(
                    {name: grew for name, grew in grown.items() if grew},
                    f"{xmlid} made more on its second run",
                )


@tagged("post_install", "-at_install")
class TestSettingsAcrossWorkers(TransactionCase):
    """A setting saved in one worker reaches the others. Settings kept in system parameters are
    read through Odoo's ``ormcache`` (``get_param``): saving them must mark the cache invalid,
    which Odoo signals to the other workers through the database at the end of the request
    (``Registry.signal_changes``); settings kept on the company are read through the ORM in
    each transaction, and the addons cache nothing of their own."""

    def test_a_saved_setting_signals_the_other_workers(self):
        self.registry.cache_invalidated.clear()
        self.env["res.config.settings"].create({"coop_wave_size": 7}).execute()
        self.assertIn("default", self.registry.cache_invalidated)
        param = (
            self.env["ir.config_parameter"].sudo().get_param("coop_solidarity_delivery.wave_size")
        )
        self.assertEqual(param, "7")

    def test_the_addons_keep_no_cache_of_their_own(self):
        """No ``ormcache`` (whose invalidation would have to be signalled) and no process-wide
        cache of records in either addon: a worker would keep an old value."""
        found = []
        for addon in ADDONS:
            for path in pathlib.Path(get_module_path(addon)).rglob("*.py"):
                if "tests" in path.parts:
                    continue
                text = path.read_text()
                for needle in ("ormcache", "lru_cache", "functools.cache"):
                    if needle in text:
                        found.append(f"{path.name}: {needle}")
        # tools/work_status.py: a pure function of values (month, hours, exemption dates and
        # hours), never of records: the same answer in every worker.
        self.assertEqual(found, ["work_status.py: lru_cache"])
