from odoo import fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"

    coop_suggestion_ok = fields.Boolean(
        string="Offered for Members' Suggestions",
        help="Members choose among these categories when they suggest a product (the "
        "categories of stock valuation, such as All or Saleable, mean nothing to them).",
    )
