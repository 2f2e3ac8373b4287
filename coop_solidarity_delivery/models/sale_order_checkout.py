# pylint: disable=consider-merging-classes-inherited
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

UNFINISHED_PAYMENT_STATES = ("draft", "pending")
PAID_PAYMENT_STATES = ("authorized", "done")


class SaleOrder(models.Model):
    """Checkout rules held by the server whatever the route: who may use the solidarity
    delivery, the seat of an order moved to another slot, and how long an unfinished payment
    holds its seat."""

    _inherit = "sale.order"

    def write(self, vals):
        """An order that takes or holds a seat takes one of its new slot, under the lock; so
        does an order written back to confirmed (a cancelled one, by RPC say), unless its
        unfinished payment already held its seat."""
        moving = self.browse()
        if vals.get("coop_slot_id"):
            moving = self.filtered(lambda order: order.coop_slot_id.id != vals["coop_slot_id"])
        if vals.get("state") == "sale":
            returning = self.filtered(lambda order: order.state != "sale")
            moving |= returning - returning._coop_seat_holders()
        res = super().write(vals)
        for slot, orders in moving._coop_seat_holders().grouped("coop_slot_id").items():
            slot.sudo()._lock_and_check_seat(orders)
        return res

    def action_confirm(self):
        """A web pickup order confirmed without a slot (its seat was released while its
        payment was pending) is handed to the delivery coordinator, who agrees on a slot
        with the member. (A solidarity order becomes a request for the next day.)"""
        res = super().action_confirm()
        for order in self.sudo().filtered(
            lambda o: (
                o.state == "sale"
                and o.website_id
                and not o.coop_slot_id
                and not o.carrier_id.coop_solidarity
                and o._coop_needs_slot()
            )
        ):
            order._coop_ask_coordinator(
                lambda env, order=order: env._(
                    "%s was confirmed without a pickup slot: agree on one with the member.",
                    order.name,
                )
            )
        return res

    def set_delivery_line(self, carrier, amount):
        """The solidarity delivery is set only on the order of a member eligible for it, by
        whatever route the method is chosen."""
        for order in self:
            if error := order._coop_solidarity_refusal(carrier):
                raise UserError(error)
        return super().set_delivery_line(carrier, amount)

    def _check_cart_is_ready_to_be_paid(self):
        """No payment starts for a solidarity delivery the member is not eligible for."""
        for order in self:
            if error := order._coop_solidarity_refusal():
                raise ValidationError(error)
        return super()._check_cart_is_ready_to_be_paid()

    # === BUSINESS METHODS ===#

    def _coop_solidarity_refusal(self, carrier=None):
        """Why this order cannot use the solidarity ``carrier`` (default: its own), or None.

        Eligibility is read with sudo: only some groups may read it, and the member checking
        out is not one of them.
        """
        self.ensure_one()
        carrier = self.carrier_id if carrier is None else carrier
        if not carrier.sudo().coop_solidarity:
            return None
        if self.partner_id.sudo().coop_is_beneficiary:
            return None
        return self.env._(
            "The solidarity delivery is kept for members whose eligibility the coop has "
            "approved. Please choose another delivery method, or ask the coop about it."
        )

    def _coop_seat_holders(self):
        """Those of these orders that take or hold a seat of their slot."""
        if not self.ids:
            return self.browse()
        return self.sudo().search(
            [
                ("id", "in", self.ids),
                ("coop_slot_id", "!=", False),
                *self.env["coop.slot"]._seat_taking_orders_domain(),
            ]
        )

    def _coop_payment_hold_expired(self, deadline):
        """Whether this cart holds its seat by a payment left unfinished since ``deadline``."""
        self.ensure_one()
        transactions = self.sudo().transaction_ids
        if transactions.filtered(lambda tx: tx.state in PAID_PAYMENT_STATES):
            return False
        unfinished = transactions.filtered(lambda tx: tx.state in UNFINISHED_PAYMENT_STATES)
        if not unfinished:
            return False
        last = max(tx.last_state_change or tx.create_date for tx in unfinished)
        return last < deadline

    def _coop_release_payment_hold(self):
        """Free the seat of this cart: the cart stays, the member chooses a slot again at
        payment."""
        self.ensure_one()
        slot = self.coop_slot_id
        self.write({"coop_slot_id": False, "commitment_date": False})
        self.message_post(
            body=self.env._(
                "The seat of slot %s is released: the payment stayed unfinished too long. "
                "The member chooses a slot again before paying.",
                slot.sudo().display_name,
            ),
            message_type="notification",
        )

    @api.model
    def _cron_coop_release_payment_holds(self):
        """Carts whose payment stayed pending (or whose payment page was left) past the delay
        of Settings give their seat back, one cart at a time."""
        deadline = fields.Datetime.now() - self.env["coop.slot"]._payment_hold_delay()
        carts = self.sudo().search(
            [
                ("state", "in", ("draft", "sent")),
                ("coop_slot_id", "!=", False),
                ("transaction_ids.state", "in", UNFINISHED_PAYMENT_STATES),
            ]
        )
        carts = carts.filtered(lambda order: order._coop_payment_hold_expired(deadline))
        self.env["coop.cron.step"]._run_each(
            carts,
            lambda order: order._coop_release_payment_hold(),
            self.env._("Release of the seats held by unfinished payments"),
            responsible=self.env["res.partner"]._coop_delivery_coordinator_user(),
        )
