from odoo import fields, models


class DeliveryCarrier(models.Model):
    _inherit = "delivery.carrier"

    coop_solidarity = fields.Boolean(
        string="Solidarity Delivery",
        help="Offered at checkout only to members eligible for solidarity delivery; a "
        "confirmed order with this method becomes a delivery request for the volunteers.",
    )

    def _match(self, partner, order):
        """The solidarity delivery is offered to eligible members only (read as the
        superuser: whoever sells may not read the eligibility)."""
        if self.coop_solidarity and not order.partner_id.sudo().coop_is_beneficiary:
            return False
        return super()._match(partner, order)

    def _coop_has_slots(self):
        """Whether orders with this method choose a slot: pickup in store, or solidarity
        delivery."""
        self.ensure_one()
        return self.delivery_type == "in_store" or self.coop_solidarity
