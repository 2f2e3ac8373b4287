from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    def _coop_erasure_cancellable(self):
        """Not an order already handed over at the drive or delivered (goods gone out)."""
        return (
            super()
            ._coop_erasure_cancellable()
            .filtered(
                lambda order: (
                    order.coop_drive_state != "handed_over"
                    and not order.picking_ids.filtered(lambda picking: picking.state == "done")
                )
            )
        )
