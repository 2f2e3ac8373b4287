from odoo import fields, models


class CoopCourierEvent(models.Model):
    """A CoopCycle webhook event applied to an order: the same event of the same delivery is
    applied once, however many times it is sent (a replay changes nothing)."""

    _name = "coop.courier.event"
    _description = "Courier Delivery Event"
    _order = "id desc"

    carrier_id = fields.Many2one("delivery.carrier", required=True, ondelete="cascade")
    delivery_ref = fields.Char(required=True, index=True)
    event = fields.Char(required=True)
    order_id = fields.Many2one("sale.order", ondelete="cascade", index=True)

    _sql_constraints = [
        (
            "event_once",
            "unique(carrier_id, delivery_ref, event)",
            "This courier event was already received.",
        )
    ]
