from odoo import fields, models


class CoopProductSuggestionDecline(models.TransientModel):
    """The commission's reason for declining suggestions: required, told to each author."""

    _name = "coop.product.suggestion.decline"
    _description = "Decline a Product Suggestion"

    suggestion_ids = fields.Many2many("coop.product.suggestion", string="Suggestions")
    reason = fields.Text(
        required=True, help="Its author reads it on the portal; the other members do not."
    )

    def action_decline(self):
        self.ensure_one()
        self.suggestion_ids.action_decline(self.reason)
        return {"type": "ir.actions.act_window_close"}
