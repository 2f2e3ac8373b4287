from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _coop_erasure_cancellable(self):
        """The orders of ``self`` an erasure cancels: still open, nothing paid, not invoiced
        (a paid or invoiced order is kept for accounting, with the anonymised contact)."""
        return self.filtered(
            lambda order: (
                order.state in ("draft", "sent", "sale")
                and order.currency_id.is_zero(order.amount_paid)
                and not order.invoice_ids.filtered(lambda move: move.state == "posted")
            )
        )
