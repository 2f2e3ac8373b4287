from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"  # pylint: disable=consider-merging-classes-inherited

    coop_suggested_by_members = fields.Boolean(
        string="Suggested by Members",
        copy=False,
        help="On the shelves after a members' suggestion: the shop shows it.",
    )
    coop_suggestion_ids = fields.One2many(
        "coop.product.suggestion", "product_tmpl_id", string="Members' Suggestions"
    )
