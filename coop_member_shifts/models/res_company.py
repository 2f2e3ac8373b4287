from odoo import fields, models


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
