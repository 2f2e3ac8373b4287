import logging

from odoo import fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


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

    def _in_store_get_close_locations(self, partner_address, product_id=None):
        """The pickup stores, closest first when the member's address can be located.

        Odoo locates the member's address (and a store without coordinates) through an online
        service at every checkout; offline or when the service fails, no store was listed. The
        stores are listed anyway (unsorted then), and a single store needs no location at all.
        """
        if len(self.warehouse_ids) > 1:
            try:
                partner_address.geo_localize()
            except UserError as error:
                _logger.info("Pickup stores listed without the member's location: %s", error)
        no_geocoding = {"coop_skip_geo_localize": True}
        return super(
            DeliveryCarrier, self.with_context(**no_geocoding)
        )._in_store_get_close_locations(
            partner_address.with_context(**no_geocoding), product_id=product_id
        )
