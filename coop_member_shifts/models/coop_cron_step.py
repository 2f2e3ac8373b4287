import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY

_logger = logging.getLogger(__name__)


class CoopCronStep(models.AbstractModel):
    """Run a scheduled job record by record, so that one bad record never stops the others."""

    _name = "coop.cron.step"
    _description = "Scheduled Job Step per Record"

    @api.model
    def _run_each(self, records, step, job_name, responsible=None, activity_on=None):
        """Call ``step(record)`` for each record in its own savepoint.

        A record whose step raises is rolled back alone, logged, and handed to a person: an
        activity on ``activity_on(record)`` (default: the record itself) for ``responsible``
        (a ``res.users``; default: the current user). The other records are done.
        Returns the records that failed.

        A record another transaction changed meanwhile (an HTTP worker, a person, another
        job: a serialization failure, a lock, a deadlock) is not a bad record: it is rolled
        back alone, left for the next run of the job, which is triggered in a minute.
        """
        failed = records.browse()
        postponed = False
        for record in records:
            try:
                with self.env.cr.savepoint():
                    step(record)
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY as error:
                _logger.info(
                    "%s: %s changed by another transaction, left for the next run (%s)",
                    job_name,
                    record,
                    type(error).__name__,
                )
                postponed = True
            except Exception as error:  # one bad record must not stop the job
                _logger.exception("%s: %s failed", job_name, record)
                failed |= record
                self._report_failure(record, error, job_name, responsible, activity_on)
        if postponed:
            self._run_again_soon()
        return failed

    @api.model
    def _run_again_soon(self):
        """Trigger the running scheduled job again in a minute (when a job runs it)."""
        if cron_id := self.env.context.get("cron_id"):
            soon = fields.Datetime.now() + timedelta(minutes=1)
            self.env["ir.cron"].sudo().browse(cron_id)._trigger(soon)

    @api.model
    def _report_failure(self, record, error, job_name, responsible, activity_on):
        target = activity_on(record) if activity_on else record
        if not hasattr(target, "activity_schedule"):
            return
        try:
            with self.env.cr.savepoint():
                target.sudo()._coop_schedule_todo(
                    responsible or self.env.user,
                    lambda env: (
                        env._(
                            "%(job)s failed for %(record)s",
                            job=job_name,
                            record=record.display_name,
                        )[:250],
                        str(error),
                    ),
                )
        except Exception:  # the failure is logged above in any case
            _logger.exception("%s: could not report the failure of %s", job_name, record)
