# pylint: disable=consider-merging-classes-inherited
from odoo import fields, models
from odoo.exceptions import AccessError, UserError

COORDINATOR = "coop_solidarity_delivery.group_coop_delivery_coordinator"


class CoopDeliveryRequest(models.Model):
    """A request that no volunteer took can be handed to the courier cooperative."""

    _inherit = "coop.delivery.request"

    coop_courier = fields.Boolean(
        string="Handed to the Couriers", readonly=True, copy=False, tracking=True
    )

    def action_hand_to_couriers(self):
        """Queue the CoopCycle delivery of the request's order (the coordinator has asked
        the member, who agreed that the couriers get their address and phone)."""
        if not self.env.user.has_group(COORDINATOR):
            raise AccessError(
                self.env._("Only a delivery coordinator can hand a delivery to the couriers.")
            )
        self._check_state("new", "searching")
        carrier = self._coop_courier_carrier()
        for request in self:
            order = request.sale_order_id.sudo()
            if not order:
                raise UserError(
                    self.env._(
                        "%s has no order: the couriers deliver orders of the web shop or "
                        "taken by the coop.",
                        request.name,
                    )
                )
            if order.state != "sale":
                raise UserError(self.env._("Confirm the order %s first.", order.name))
            if order.coop_courier_ref or order.coop_courier_state == "queued":
                raise UserError(self.env._("%s is already with the couriers.", order.name))
        for request in self:
            order = request.sale_order_id.sudo()
            order.coop_courier_consent = True
            request._end_search_round()
            request.sudo().write({"coop_courier": True, "state": "assigned"})
            order._coop_courier_queue(carrier)
            request.message_post(
                body=self.env._("Handed to the couriers (%s).", carrier.name),
                message_type="notification",
            )
        return True

    def _coop_courier_carrier(self):
        carrier = (
            self.env["delivery.carrier"]
            .sudo()
            .search(
                [
                    ("delivery_type", "=", "coopcycle"),
                    ("company_id", "in", (False, self.env.company.id)),
                ],
                limit=1,
            )
        )
        if not carrier:
            raise UserError(
                self.env._("No courier delivery method (CoopCycle) is set up in the coop.")
            )
        return carrier
