# pylint: disable=consider-merging-classes-inherited
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import coopcycle_client
from ..tools.coopcycle_client import CoopCycleClient, CoopCycleError

_logger = logging.getLogger(__name__)
COORDINATOR = "coop_solidarity_delivery.group_coop_delivery_coordinator"


class DeliveryCarrier(models.Model):
    """Home delivery by a cooperative of bike couriers through its CoopCycle instance."""

    _inherit = "delivery.carrier"

    delivery_type = fields.Selection(
        selection_add=[("coopcycle", "CoopCycle Courier")],
        ondelete={"coopcycle": lambda carriers: carriers.write({"delivery_type": "fixed"})},
    )
    coopcycle_url = fields.Char(
        string="CoopCycle Instance URL",
        help="The address of the courier cooperative's CoopCycle, e.g. https://acme.coopcycle.org",
    )
    coopcycle_client_id = fields.Char(string="CoopCycle Client ID", groups=COORDINATOR, copy=False)
    coopcycle_client_secret = fields.Char(
        string="CoopCycle Client Secret", groups=COORDINATOR, copy=False
    )
    coopcycle_webhook_secret = fields.Char(
        string="CoopCycle Webhook Secret",
        groups=COORDINATOR,
        copy=False,
        help="The secret CoopCycle gave when the webhook was created: it signs each event.",
    )
    coopcycle_quote_price = fields.Boolean(
        string="Price From CoopCycle",
        help="Ask CoopCycle for the price of each delivery (from the store to the member's "
        "postcode and city); the fixed price is used when it does not answer.",
    )
    coopcycle_webhook_url = fields.Char(
        string="Webhook URL", compute="_compute_coopcycle_webhook_url"
    )

    @api.depends("delivery_type")
    def _compute_coopcycle_webhook_url(self):
        base = self.get_base_url()
        for carrier in self:
            carrier.coopcycle_webhook_url = (
                f"{base}/coop/coopcycle/webhook/{carrier.id}"
                if carrier.delivery_type == "coopcycle" and carrier.id
                else False
            )

    # === ACTIONS ===#

    def action_coopcycle_test_connection(self):
        """Ask CoopCycle for a token with the credentials of the form."""
        self.ensure_one()
        self._coopcycle_check_coordinator()
        try:
            self._coopcycle_client().token()
        except CoopCycleError as error:
            raise UserError(self._coopcycle_error_message(error)) from error
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("CoopCycle answered: the credentials are right."),
            },
        }

    # === BUSINESS METHODS ===#

    def _coop_has_slots(self):
        return super()._coop_has_slots() or self.delivery_type == "coopcycle"

    def _coop_is_home_delivery(self):
        """Whether the order is brought to the member (by a volunteer or a courier)."""
        return bool(self.coop_solidarity or self.delivery_type == "coopcycle")

    def _coopcycle_check_coordinator(self):
        if not self.env.user.has_group(COORDINATOR):
            raise UserError(self.env._("Only a delivery coordinator can do this."))

    def _coopcycle_client(self):
        carrier = self.sudo()
        return CoopCycleClient(
            carrier.coopcycle_url, carrier.coopcycle_client_id, carrier.coopcycle_client_secret
        )

    def _coopcycle_error_message(self, error):
        """A sentence for the coop's staff about a failed call."""
        messages = {
            "credentials": self.env._(
                "CoopCycle refused the credentials of %s (wrong or expired): a delivery "
                "coordinator must check them in the delivery method.",
                self.name,
            ),
            "unavailable": self.env._(
                "The courier service of %s does not answer properly right now.", self.name
            ),
            "timeout": self.env._("The courier service of %s did not answer in time.", self.name),
            "refused": self.env._(
                "The couriers of %s cannot take this delivery (an address they do not "
                "serve, or a time they do not work).",
                self.name,
            ),
        }
        message = messages.get(error.kind, messages["unavailable"])
        if error.detail and error.kind == "refused":
            message = self.env._(
                "%(message)s CoopCycle says: %(detail)s", message=message, detail=error.detail
            )
        return message

    def coopcycle_rate_shipment(self, order):
        """The fixed price, or CoopCycle's quote when asked for and given."""
        result = self.fixed_rate_shipment(order)
        if not result["success"] or not self.coopcycle_quote_price:
            return result
        try:
            price = self._coopcycle_client().quote(order._coop_courier_quote_payload())
        except (CoopCycleError, UserError) as error:
            _logger.info("CoopCycle quote not given for %s: %s", order.name, error)
            return result
        if price is not None:
            result["price"] = self._compute_currency(order, price, "company_to_pricelist")
        return result

    def coopcycle_send_shipping(self, pickings):
        """The delivery was created at the order's confirmation: the transfer gives its id."""
        return [
            {
                "exact_price": picking.sale_id.order_line.filtered("is_delivery")[:1].price_unit,
                "tracking_number": picking.sale_id.coop_courier_id or False,
            }
            for picking in pickings
        ]

    def coopcycle_get_tracking_link(self, picking):
        return picking.sale_id.coop_courier_tracking_url or False

    def coopcycle_cancel_shipment(self, pickings):
        """CoopCycle's public sources show no cancellation by API: the coordinator cancels
        in CoopCycle, and the order says so."""
        for order in pickings.sale_id:
            order.message_post(
                body=self.env._(
                    "Cancel the courier delivery %s in CoopCycle too.", order.coop_courier_id
                )
            )

    def _coopcycle_signature_ok(self, body, signature):
        self.ensure_one()
        return coopcycle_client.signature_ok(body, signature, self.sudo().coopcycle_webhook_secret)
