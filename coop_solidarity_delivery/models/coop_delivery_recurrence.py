from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.field_access import check_create_field_access
from ..tools.recurrence import dates_to_create

HORIZON_DAYS = 14


class CoopDeliveryRecurrence(models.Model):
    _name = "coop.delivery.recurrence"
    _description = "Recurring Solidarity Delivery"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "beneficiary_id, weekday_id"

    beneficiary_id = fields.Many2one(
        "res.partner", required=True, tracking=True, domain=[("coop_is_beneficiary", "=", True)]
    )
    weekday_id = fields.Many2one("coop.weekday", string="Every", required=True, tracking=True)
    date_start = fields.Date(string="From", required=True, default=fields.Date.context_today)
    date_end = fields.Date(string="Until", tracking=True)
    state = fields.Selection(
        [("active", "Running"), ("paused", "Paused")],
        default="active",
        required=True,
        tracking=True,
    )
    channel = fields.Selection(
        lambda self: self.env["coop.delivery.request"]._fields["channel"].selection,
        default="phone",
        required=True,
    )
    shopping_list = fields.Text()
    access_notes = fields.Text(groups="coop_solidarity_delivery.group_coop_delivery_coordinator")
    request_ids = fields.One2many("coop.delivery.request", "recurrence_id", string="Requests")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )

    @api.depends("beneficiary_id", "weekday_id")
    def _compute_display_name(self):
        for recurrence in self:
            recurrence.display_name = _(
                "%(member)s, every %(day)s",
                member=recurrence.beneficiary_id.name or "",
                day=recurrence.weekday_id.name or "",
            )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for recurrence in self:
            if recurrence.date_end and recurrence.date_end < recurrence.date_start:
                raise ValidationError(_("A recurring delivery cannot end before it starts."))

    @api.model_create_multi
    def create(self, vals_list):
        check_create_field_access(self, vals_list)
        return super().create(vals_list)

    def _creation_message(self):
        """A whole sentence to translate ("%s created" cannot agree in French)."""
        return self.env._("Recurring solidarity delivery created")

    # === ACTIONS ===#

    def action_pause(self):
        self.state = "paused"
        future = self.request_ids.filtered(
            lambda r: r.state == "new" and r.delivery_date > fields.Date.context_today(r)
        )
        future.action_cancel()

    def action_resume(self):
        self.state = "active"
        self._create_requests()

    # === BUSINESS METHODS ===#

    @api.model
    def _cron_create_requests(self):
        """Each running recurrence on its own: one that cannot give its requests (say, its
        member is no longer eligible) is handed to the coordinator, the others go on."""
        self.env["coop.cron.step"]._run_each(
            self.search([("state", "=", "active")]),
            lambda recurrence: recurrence._create_requests(),
            _("Create the recurring deliveries"),
            responsible=self.env["res.partner"]._coop_delivery_coordinator_user(),
        )

    def _create_requests(self):
        """Create the requests of the coming two weeks, at most one per date, none on a day
        the coop is closed."""
        today = fields.Date.context_today(self)
        closed = set(
            self.env["coop.closing.day"]
            .search([("date", ">", today), ("warehouse_id", "=", False)])
            .mapped("date")
        )
        values = []
        for recurrence in self.filtered(lambda r: r.state == "active"):
            recurrence._check_still_eligible()
            existing = set(recurrence.request_ids.mapped("delivery_date"))
            for day in dates_to_create(
                recurrence.weekday_id.number,
                recurrence.date_start,
                recurrence.date_end,
                today,
                HORIZON_DAYS,
                existing,
                closed,
            ):
                values.append(recurrence._prepare_request_values(day))
        # As the superuser: the access notes are carried over for whoever resumes it.
        return self.env["coop.delivery.request"].sudo().create(values)

    def _check_still_eligible(self):
        """A member whose eligibility was withdrawn gets no more recurring deliveries: the
        coordinator decides (the cron hands the recurrence over as an activity)."""
        if not self.beneficiary_id.sudo().coop_is_beneficiary:
            raise UserError(
                _(
                    "%s is not eligible for solidarity delivery anymore: no recurring "
                    "delivery was created. Approve their eligibility again, or pause the "
                    "recurrence.",
                    self.beneficiary_id.display_name,
                )
            )

    def _prepare_request_values(self, day):
        return {
            "recurrence_id": self.id,
            "beneficiary_id": self.beneficiary_id.id,
            "channel": self.channel,
            "delivery_date": day,
            "shopping_list": self.shopping_list,
            "access_notes": self.sudo().access_notes,
        }
