import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.quiet_sql import expected_violation

# The unique index of (suggestion, member), as PostgreSQL names the constraint.
UNIQUE_SUPPORT = "coop_product_suggestion_support_one_support_a_member"


class CoopProductSuggestionSupport(models.Model):
    """One member's support of a product suggestion: one a member and suggestion (a unique
    index), never the author's own. Members read their own supports only; everyone else
    reads the counts on the suggestion (``support_count``)."""

    _name = "coop.product.suggestion.support"
    _description = "Product Suggestion Support"
    _order = "id desc"

    suggestion_id = fields.Many2one(
        "coop.product.suggestion", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one("res.partner", string="Member", required=True, ondelete="cascade")

    _sql_constraints = [
        (
            "one_support_a_member",
            "UNIQUE(suggestion_id, partner_id)",
            "You support this suggestion already.",
        ),
    ]

    # === CRUD ===#

    @api.model_create_multi
    def create(self, vals_list):
        """Each support is inserted on its own, in a savepoint: the unique index refuses a
        second one, also when both are sent at the same moment, with a clear message and
        without the expected refusal in the error log (``tools.quiet_sql``)."""
        self.check_access("create")
        supports = self.browse()
        for vals in vals_list:
            suggestion, partner = self._coop_check_new(vals)
            try:
                with expected_violation(UNIQUE_SUPPORT), self.env.cr.savepoint():
                    supports |= super().create(
                        [{"suggestion_id": suggestion.id, "partner_id": partner.id}]
                    )
            except psycopg2.errors.UniqueViolation:
                raise UserError(self.env._("You support this suggestion already.")) from None
            suggestion.invalidate_recordset(
                ["support_count", "coop_supported_by_me", "support_ids"]
            )
        return supports

    def write(self, vals):  # pylint: disable=method-required-super
        self.check_access("write")
        raise UserError(self.env._("A support is given or withdrawn, never changed."))

    # === BUSINESS METHODS ===#

    @api.model
    def _coop_check_new(self, vals):
        """(suggestion, member) of a support the current user may give."""
        member = self.env.user.partner_id.commercial_partner_id
        partner = self.env["res.partner"].browse(vals.get("partner_id") or member.id)
        if not self.env.su and partner != member:
            raise AccessError(self.env._("You support suggestions as yourself only."))
        if not self.env.su and not member.sudo()._coop_is_member():
            raise AccessError(self.env._("Only the coop's members support suggestions."))
        suggestion = self.env["coop.product.suggestion"].browse(vals.get("suggestion_id"))
        suggestion = suggestion.exists()
        if not suggestion:
            raise UserError(self.env._("This suggestion does not exist any more."))
        suggestion.check_access("read")
        suggestion = suggestion.sudo()
        if suggestion.author_id == partner:
            raise UserError(self.env._("You cannot support your own suggestion."))
        if suggestion.state != "posted" and not self.env.su:
            raise UserError(self.env._("The commission has decided on this suggestion already."))
        return suggestion, partner

    # === PORTAL ===#

    @api.model
    def _coop_support(self, suggestion):
        """The current user supports ``suggestion`` (as themselves)."""
        return self.create({"suggestion_id": suggestion.id})

    @api.model
    def _coop_unsupport(self, suggestion):
        """The current user withdraws their support of ``suggestion`` (while it is posted)."""
        member = self.env.user.partner_id.commercial_partner_id
        if suggestion.sudo().state != "posted":
            raise UserError(self.env._("The commission has decided on this suggestion already."))
        mine = self.search([("suggestion_id", "=", suggestion.id), ("partner_id", "=", member.id)])
        if not mine:
            raise UserError(self.env._("You do not support this suggestion."))
        mine.unlink()
        suggestion.invalidate_recordset(["support_count", "coop_supported_by_me"])
        return True
