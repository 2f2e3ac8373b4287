# pylint: disable=consider-merging-classes-inherited
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import coopcycle_client

# Courier statuses each webhook status may follow: an older or repeated event changes nothing.
NEXT_STATES = {"picked": ("sent",), "delivered": ("sent", "picked"), "failed": ("sent", "picked")}


class SaleOrder(models.Model):
    """Orders brought home by the couriers: the CoopCycle delivery asked for once the
    confirmation is committed (see sale_order_coopcycle_queue.py), its status moved by
    CoopCycle's webhook."""

    _inherit = "sale.order"

    coop_courier_consent = fields.Boolean(
        string="Courier Consent",
        copy=False,
        tracking=True,
        help="The member agreed that their name, address and phone are given to the courier "
        "cooperative for this delivery (given by choosing the courier method on the web shop; "
        "ticked by the coop after asking, for an order taken by phone).",
    )
    coop_courier_carrier_id = fields.Many2one(
        "delivery.carrier",
        string="Courier Method",
        copy=False,
        readonly=True,
        index="btree_not_null",
    )
    coop_courier_state = fields.Selection(
        [
            ("queued", "Waiting to be sent to the couriers"),
            ("to_retry", "Courier to retry"),
            ("sent", "Sent to the couriers"),
            ("picked", "Picked up"),
            ("delivered", "Delivered"),
            ("failed", "Failed"),
        ],
        string="Courier Status",
        copy=False,
        readonly=True,
        tracking=True,
    )
    coop_courier_ref = fields.Char(string="CoopCycle Delivery", copy=False, readonly=True)
    coop_courier_id = fields.Char(string="Courier Delivery ID", copy=False, readonly=True)
    coop_courier_tracking_url = fields.Char(
        string="Courier Tracking Link", copy=False, readonly=True
    )
    coop_courier_error = fields.Char(string="Courier Problem", copy=False, readonly=True)
    coop_courier_key = fields.Char(
        string="Courier Key",
        copy=False,
        readonly=True,
        help="The key of this order that its CoopCycle delivery carries: the delivery is found "
        "by it rather than created twice.",
    )
    coop_courier_attempts = fields.Integer(copy=False, readonly=True)
    coop_courier_next_try = fields.Datetime(string="Courier Next Try", copy=False, readonly=True)

    @api.depends("coop_courier_ref")
    def _compute_coop_slot_changeable(self):
        """The slot of an order sent to the couriers is theirs: the coop changes both."""
        res = super()._compute_coop_slot_changeable()
        self.filtered("coop_courier_ref").coop_slot_changeable = False
        return res

    def _set_delivery_method(self, delivery_method, rate=None):
        """The member choosing the courier method on the web shop (whose description says what
        is given to the couriers) agrees that it is."""
        res = super()._set_delivery_method(delivery_method, rate=rate)
        if delivery_method.delivery_type == "coopcycle" and not self.coop_courier_consent:
            self.coop_courier_consent = True
        return res

    # === BUSINESS METHODS ===#

    def _coop_courier_activity(self, note, summary=None):
        """One open activity of a kind an order: a retry that fails again adds none.
        ``note(env)`` and ``summary(env)`` give the texts in the coordinator's language."""
        self._coop_schedule_todo(
            self.env["res.partner"]._coop_delivery_coordinator_user(),
            lambda env: (
                summary(env) if summary else env._("Courier delivery to check"),
                note(env),
            ),
            once=True,
        )

    def _coop_courier_window(self):
        """(start, end) in UTC of the delivery: the order's slot, else its request's slot or
        day (09:00-18:00 UTC, the one place to change)."""
        self.ensure_one()
        slot = self.coop_slot_id or self.coop_delivery_request_ids[:1].slot_id
        if slot:
            return slot.start, slot.end
        day = self.coop_delivery_request_ids[:1].delivery_date or (
            self.commitment_date and self.commitment_date.date()
        )
        if not day:
            raise UserError(self.env._("%s has no slot nor day for its delivery.", self.name))
        start = fields.Datetime.to_datetime(day) + timedelta(hours=9)
        return start, start + timedelta(hours=9)

    def _coop_courier_payload(self):
        """The body of POST /api/deliveries: from the store to the member."""
        self.ensure_one()
        start, end = self._coop_courier_window()
        store = self.warehouse_id.partner_id or self.company_id.partner_id
        member = self.partner_shipping_id or self.partner_id
        return {
            "pickup": {
                "address": _address(store),
                **coopcycle_client.window(start, end - (end - start) / 2),
                "comments": self.name,
            },
            "dropoff": {
                "address": _address(member),
                **coopcycle_client.window(start, end),
                "comments": self.name,
                "telephone": member.phone or member.mobile or "",
                "contactName": member.name,
            },
        }

    def _coop_courier_quote_payload(self):
        """The body of a price quote: the member's postcode and city only (no name, street
        nor phone before the order is confirmed)."""
        self.ensure_one()
        store = self.warehouse_id.partner_id or self.company_id.partner_id
        member = self.partner_shipping_id or self.partner_id
        area = " ".join(filter(None, (member.zip, member.city)))
        if not area:
            raise UserError(self.env._("No postcode nor city to quote the delivery."))
        return {"pickup": {"address": _address(store)}, "dropoff": {"address": area}}

    def _coop_courier_event(self, carrier, ref, event):
        """Apply one webhook event; returns ``done``, ``replay`` or ``ignored``.

        The order's row is locked first: the same event sent several times at once is
        applied by one transaction; the others wait, fail to serialize (the order changed),
        and are retried by Odoo, finding the event applied (the unique index on the event
        is the last guard)."""
        self.ensure_one()
        self.env.cr.execute(
            SQL("SELECT id FROM sale_order WHERE id = %s FOR UPDATE", self.id),
            log_exceptions=False,  # a concurrent copy fails to serialize: retried, not an error
        )
        Event = self.env["coop.courier.event"].sudo()
        if Event.search_count(
            [("carrier_id", "=", carrier.id), ("delivery_ref", "=", ref), ("event", "=", event)]
        ):
            return "replay"
        state = coopcycle_client.EVENT_STATES.get(event)
        if not state or self.coop_courier_state not in NEXT_STATES[state]:
            return "ignored"
        Event.create(
            {"carrier_id": carrier.id, "delivery_ref": ref, "event": event, "order_id": self.id}
        )
        self.coop_courier_state = state
        messages = {
            "picked": self.env._("The courier picked up the order."),
            "delivered": self.env._("The courier delivered the order."),
            "failed": self.env._("The courier could not deliver the order."),
        }
        self.message_post(body=messages[state], message_type="notification")
        if state == "failed":
            self._coop_courier_activity(
                lambda env: env._("The courier delivery of %s failed: call the member.", self.name),
                summary=lambda env: env._("Courier delivery failed"),
            )
        self._coop_courier_move_requests(state)
        return "done"

    def _coop_courier_move_requests(self, state):
        """A solidarity request handed to the couriers follows its delivery."""
        requests = self.coop_delivery_request_ids.filtered("coop_courier")
        if state == "delivered":
            requests.sudo().write({"state": "delivered"})
        elif state == "failed":
            requests.sudo().write({"state": "failed", "failure_reason": "other"})


def _address(partner):
    return ", ".join(
        filter(
            None,
            (
                partner.street,
                partner.street2,
                " ".join(filter(None, (partner.zip, partner.city))),
                partner.country_id.name,
            ),
        )
    )
