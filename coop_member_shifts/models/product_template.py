from odoo import api, fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    coop_fee_schedule_ids = fields.One2many(
        "coop.fee.schedule", "product_tmpl_id", string="Income-based Fee"
    )
    coop_fee_schedule_id = fields.Many2one(
        "coop.fee.schedule", string="Fee Schedule", compute="_compute_coop_fee_schedule_id"
    )

    @api.depends("coop_fee_schedule_ids")
    def _compute_coop_fee_schedule_id(self):
        for template in self:
            template.coop_fee_schedule_id = template.coop_fee_schedule_ids[:1]
