from odoo import api, fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    @api.depends("product_id", "product_uom_id")
    def _compute_price_unit(self):
        """A customer invoice line of a membership with a fee schedule, typed by hand,
        charges the member's own fee (lines of a sale order or of the join wizard keep the
        price they were given)."""
        res = super()._compute_price_unit()
        for line in self:
            move = line.move_id
            product = line.product_id
            if (
                line.display_type != "product"
                or line.is_imported
                or not (product.membership and move.partner_id)
                or not move.is_sale_document(include_receipts=True)
            ):
                continue
            schedule = product.product_tmpl_id.sudo().coop_fee_schedule_id
            if not schedule:
                continue
            fee = move.partner_id.commercial_partner_id._coop_membership_fee(product)
            line.price_unit = schedule.currency_id._convert(
                fee,
                move.currency_id or schedule.currency_id,
                move.company_id or self.env.company,
                move.date or fields.Date.context_today(line),
            )
        return res
