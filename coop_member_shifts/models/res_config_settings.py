from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coop_monthly_hours = fields.Float(
        related="company_id.coop_monthly_hours",
        readonly=False,
    )
    coop_work_grace_months = fields.Integer(
        related="company_id.coop_work_grace_months",
        readonly=False,
    )
    coop_shift_horizon_days = fields.Integer(
        related="company_id.coop_shift_horizon_days",
        readonly=False,
    )
    coop_cancel_delay_hours = fields.Integer(
        related="company_id.coop_cancel_delay_hours",
        readonly=False,
    )
    coop_checkout_status_mode = fields.Selection(
        related="company_id.coop_checkout_status_mode",
        readonly=False,
    )
    coop_fee_default_mode = fields.Selection(
        related="company_id.coop_fee_default_mode",
        readonly=False,
    )
    coop_fee_default_amount = fields.Monetary(
        related="company_id.coop_fee_default_amount",
        readonly=False,
    )
    coop_fee_validity_months = fields.Integer(
        related="company_id.coop_fee_validity_months",
        readonly=False,
    )
    coop_fee_renewal_days = fields.Integer(
        related="company_id.coop_fee_renewal_days",
        readonly=False,
    )
    coop_income_ceiling = fields.Monetary(
        related="company_id.coop_income_ceiling",
        readonly=False,
    )
