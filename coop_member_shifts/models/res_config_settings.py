from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coop_monthly_hours = fields.Float(
        related="company_id.coop_monthly_hours",
        readonly=False,
    )
