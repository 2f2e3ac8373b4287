from odoo import models

SUGGESTION_EXPORT_FIELDS = ["create_date", "name", "producer", "reason", "category_id"]
SUGGESTION_EXPORT_FIELDS += ["state", "decline_reason", "product_tmpl_id"]


class ResPartner(models.Model):
    """Product suggestions in a member's data: exported with it; on erasure the supports go
    and the suggestions stay, without author (the commission's work and the other members'
    supports are not the member's own data)."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _coop_data_export(self):
        """Adds the member's suggestions (with the commission's reason when declined) and the
        suggestions they support (never who else supports them)."""
        data = super()._coop_data_export()
        member = self.commercial_partner_id
        suggestions = (
            self.env["coop.product.suggestion"].sudo().search([("author_id", "=", member.id)])
        )
        data["product_suggestions"] = self._coop_export_rows(suggestions, SUGGESTION_EXPORT_FIELDS)
        supports = (
            self.env["coop.product.suggestion.support"]
            .sudo()
            .search([("partner_id", "=", member.id)])
        )
        data["product_suggestion_supports"] = self._coop_export_rows(
            supports, ["create_date", "suggestion_id"]
        )
        return data

    def _coop_anonymise_one(self):
        self.env["coop.product.suggestion.support"].sudo().search(
            [("partner_id", "=", self.id)]
        ).unlink()
        suggestions = (
            self.env["coop.product.suggestion"].sudo().search([("author_id", "=", self.id)])
        )
        # What they wrote of themselves goes; the product's name stays for the others.
        suggestions.write({"author_id": False, "reason": False, "image_1920": False})
        return super()._coop_anonymise_one()
