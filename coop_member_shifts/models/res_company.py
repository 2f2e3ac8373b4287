from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    coop_monthly_hours = fields.Float(
        string="Monthly Volunteer Hours",
        default=3.0,
        help="Hours of volunteer work each member owes the coop every month.",
    )
    coop_work_grace_months = fields.Integer(
        string="Grace Months",
        default=1,
        help="Months a member may stay behind on their hours before being suspended.",
    )
    coop_shift_horizon_days = fields.Integer(
        string="Shifts Planned Ahead (days)",
        default=56,
        help="How far ahead the shifts of the templates are created.",
    )
    coop_cancel_delay_hours = fields.Integer(
        string="Cancel Until (hours before)",
        default=24,
        help="Members may cancel a shift on the portal until this many hours before it starts.",
    )
    coop_checkout_status_mode = fields.Selection(
        [("none", "Say nothing"), ("warn", "Warn the member"), ("block", "Block the order")],
        string="Members Behind at Checkout",
        default="warn",
        help="What the web shop does when a member is behind on their hours or suspended.",
    )
    coop_fee_default_mode = fields.Selection(
        [("full", "The full fee"), ("fixed", "A fixed amount")],
        string="Fee Without Declaration",
        default="full",
        help="What a member pays when they have no valid income declaration.",
    )
    coop_fee_default_amount = fields.Monetary(
        string="Fee Without Declaration (amount)",
        currency_field="currency_id",
        help="The fee of a member without a valid income declaration, when set to a fixed amount.",
    )
    coop_fee_validity_months = fields.Integer(
        string="Income Declaration Validity (months)",
        default=12,
        help="How long a validated income declaration counts.",
    )
    coop_fee_renewal_days = fields.Integer(
        string="Renewal Notice (days before)",
        default=30,
        help="Members are e-mailed their renewal fee this many days before their membership ends.",
    )
    coop_income_ceiling = fields.Monetary(
        string="Plausible Income Ceiling",
        currency_field="currency_id",
        default=50000.0,
        help="A declared monthly income above this amount is kept but flagged for a fee "
        "officer to check. 0: no ceiling.",
    )

    @api.constrains("coop_monthly_hours", "coop_work_grace_months")
    def _check_coop_work_settings(self):
        for company in self:
            if company.coop_monthly_hours < 0:
                raise ValidationError(self.env._("The monthly volunteer hours cannot be negative."))
            if company.coop_work_grace_months < 0:
                raise ValidationError(self.env._("The grace period cannot be negative."))
