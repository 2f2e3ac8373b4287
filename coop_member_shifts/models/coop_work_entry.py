from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

KINDS = [
    ("shift", "Shift"),
    ("task", "Task"),
    ("delivery", "Delivery"),
    ("adjustment", "Adjustment"),
]


class CoopWorkEntry(models.Model):
    """The ledger of volunteer work: one line per counted piece of work.

    Balances, monthly totals and statuses are derived from these lines only, so that any of
    them can be explained line by line and recomputed.
    """

    _name = "coop.work.entry"
    _description = "Volunteer Work Entry"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, index=True, tracking=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True, tracking=True)
    hours = fields.Float(required=True, tracking=True, aggregator="sum")
    kind = fields.Selection(KINDS, required=True, default="task", tracking=True)
    name = fields.Char(string="Description", required=True)
    reason = fields.Text(help="Why an adjustment was made.")
    origin = fields.Reference(
        selection="_selection_origin", readonly=True, help="The shift, request... it comes from."
    )
    state = fields.Selection(
        [("draft", "To validate"), ("validated", "Validated"), ("refused", "Refused")],
        default="draft",
        required=True,
        tracking=True,
    )
    validated_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    validation_date = fields.Datetime(readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )

    @api.model
    def _selection_origin(self):
        return [(model, name) for model, name in self._origin_models()]

    @api.model
    def _origin_models(self):
        """Models whose records can be the origin of a ledger line (extended by addons)."""
        return [("coop.shift.registration", self.env._("Shift Registration"))]

    @api.constrains("hours", "kind")
    def _check_hours(self):
        for entry in self:
            if entry.kind != "adjustment" and not 0 < entry.hours <= 24:
                raise ValidationError(_("Hours of work must be more than 0 and at most 24."))
            if entry.kind == "adjustment" and not -744 <= entry.hours <= 744:
                raise ValidationError(_("An adjustment cannot exceed a month of hours."))

    @api.constrains("kind", "reason")
    def _check_adjustment_reason(self):
        for entry in self:
            if entry.kind == "adjustment" and not (entry.reason or "").strip():
                raise ValidationError(_("An adjustment needs a reason."))

    # === ACTIONS ===#

    def action_validate(self):
        if self.env.user.partner_id in self.partner_id:
            raise UserError(_("Nobody validates their own work: ask another coordinator."))
        self.write(
            {
                "state": "validated",
                "validated_by_id": self.env.uid,
                "validation_date": fields.Datetime.now(),
            }
        )

    def action_refuse(self):
        self.write({"state": "refused", "validated_by_id": self.env.uid})

    # === BUSINESS METHODS ===#

    @api.model
    def _credit(self, partner, hours, kind, name, origin=None, on_date=None):
        """Write a validated line for work the coop itself recorded (a delivery, a shift)."""
        return self.sudo().create(
            {
                "partner_id": partner.id,
                "hours": hours,
                "kind": kind,
                "name": name,
                "date": on_date or fields.Date.context_today(self),
                "origin": f"{origin._name},{origin.id}" if origin else False,
                "state": "validated",
                "validated_by_id": self.env.uid,
                "validation_date": fields.Datetime.now(),
            }
        )
