"""A call-back request is kept while it is useful: once the call is made (or the caller could
not be reached), it is deleted after ``KEEP_DAYS`` days, record by record, with its history."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError

KEEP_DAYS_PARAM = "coop_solidarity_delivery.callback_keep_days"
KEEP_DAYS = 30


class CoopCallbackRequest(models.Model):
    _inherit = "coop.callback.request"  # pylint: disable=consider-merging-classes-inherited

    date_closed = fields.Datetime(
        string="Closed On",
        readonly=True,
        copy=False,
        help="When the call was made or given up: the request is deleted some days later.",
    )

    def write(self, vals):
        if "date_closed" in vals and not self.env.su:
            raise AccessError(self.env._("The day a call was closed is kept by the server."))
        if "state" in vals:
            vals["date_closed"] = False if vals["state"] == "to_call" else fields.Datetime.now()
        return super().write(vals)

    @api.model
    def _coop_keep_days(self):
        value = self.env["ir.config_parameter"].sudo().get_param(KEEP_DAYS_PARAM)
        try:
            return max(int(value), 1) if value else KEEP_DAYS
        except ValueError:
            return KEEP_DAYS

    @api.model
    def _cron_forget_old_callbacks(self):
        limit = fields.Datetime.now() - timedelta(days=self._coop_keep_days())
        old = self.search([("state", "!=", "to_call"), ("date_closed", "<", limit)])
        self.env["coop.cron.step"]._run_each(
            old,
            lambda callback: callback.unlink(),
            self.env._("Delete old call-back requests"),
            responsible=self.env["res.partner"]._coop_welcome_user(),
        )
