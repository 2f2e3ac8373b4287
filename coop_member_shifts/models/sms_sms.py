from datetime import timedelta

from odoo import api, fields, models

# SMS the gateway could not take (down, unreachable) are put back in the queue for this long.
RETRY_HOURS = 24
RETRIED_FAILURES = ("sms_server",)


class SmsSms(models.Model):
    _inherit = "sms.sms"

    @api.model
    def _cron_coop_requeue_failed(self):
        """Put back in Odoo's SMS queue the SMS of the last day that failed because the
        gateway could not be reached, so that an offer or a reminder is not lost to an outage;
        a wrong number or missing credit is left to the people who see the failure."""
        since = fields.Datetime.now() - timedelta(hours=RETRY_HOURS)
        failed = self.sudo().search(
            [
                ("state", "=", "error"),
                ("failure_type", "in", RETRIED_FAILURES),
                ("to_delete", "=", False),
                ("create_date", ">=", since),
            ]
        )
        if failed:
            failed.action_set_outgoing()
            self.env.ref("sms.ir_cron_sms_scheduler_action").sudo()._trigger()
        return failed
