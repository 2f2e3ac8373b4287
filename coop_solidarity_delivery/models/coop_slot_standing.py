# pylint: disable=consider-merging-classes-inherited
from odoo import api, fields, models
from odoo.osv import expression


class CoopSlot(models.Model):
    """A standing order to be paid online holds its seat while its payment is awaited."""

    _inherit = "coop.slot"

    @api.model
    def _seat_taking_orders_domain(self):
        """Also held: an order of a standing order awaiting its online payment, for the
        payment delay of Settings (then released by the job that releases unfinished
        payments, as at checkout)."""
        recent = fields.Datetime.now() - self._payment_hold_delay()
        return expression.OR(
            [
                super()._seat_taking_orders_domain(),
                [
                    ("state", "in", ("draft", "sent")),
                    ("coop_payment_awaited_since", ">=", recent),
                ],
            ]
        )
