from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _get_display_price(self):
        """A membership product with a fee schedule costs the customer's own fee."""
        self.ensure_one()
        product = self.product_id
        schedule = product.product_tmpl_id.sudo().coop_fee_schedule_id
        if not (product.membership and schedule and self.order_id.partner_id):
            return super()._get_display_price()
        member = self.order_id.partner_id.commercial_partner_id
        fee = member._coop_membership_fee(product)
        return schedule.currency_id._convert(
            fee,
            self.order_id.currency_id or schedule.currency_id,
            self.order_id.company_id or self.env.company,
            self.order_id.date_order or False,
        )
