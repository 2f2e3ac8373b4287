"""The beneficiary follows their request: they change the shopping list or the day until a
volunteer has it, and cancel it until it is on its way; the call centre does the same for a
member who phones. Each change takes the request's row lock before its checks, so that a
cancellation and a volunteer's acceptance at the same moment end in one known state."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .coop_delivery_request_rights import COORDINATORS

# Until a volunteer has it, the member changes the shopping list and the day.
MEMBER_EDIT_STATES = ("new", "searching")
# Until it is on its way, the member cancels it.
MEMBER_CANCEL_STATES = ("new", "searching", "assigned", "preparing")
# What the member (or the call centre for them) may change, and when.
MEMBER_FIELDS = ("shopping_list", "delivery_date", "slot_id")


class CoopDeliveryRequest(models.Model):
    _inherit = "coop.delivery.request"  # pylint: disable=consider-merging-classes-inherited

    cancel_note = fields.Text(
        string="Cancellation Reason",
        readonly=True,
        copy=False,
        help="What the member or the call centre said when cancelling.",
    )

    def write(self, vals):
        if any(name in vals for name in MEMBER_FIELDS):
            self._coop_check_may_change_order(vals)
        moved = self._coop_day_changes(vals)
        res = super().write(vals)
        if moved:
            moved._coop_restart_search()
        return res

    # === ACTIONS ===#

    def action_open_cancel_wizard(self):
        """The call centre cancels for a member who phones (with what they said)."""
        self._coop_check_delivery_team()
        self._check_state(*self._coop_cancel_states())
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cancel the delivery"),
            "res_model": "coop.delivery.cancel",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_ids": self.ids},
        }

    # === BUSINESS METHODS ===#

    def _coop_lock(self):
        """Lock these requests' rows before any check: a concurrent change of them (a
        volunteer accepting, a give-back) either waits for this transaction or makes it fail
        to serialize, and Odoo runs it again on what was committed."""
        if not self.ids:
            return
        self.flush_recordset()
        self.env.cr.execute(
            SQL("SELECT id FROM coop_delivery_request WHERE id IN %s FOR UPDATE", tuple(self.ids)),
            log_exceptions=False,
        )
        self.invalidate_recordset()

    @api.model
    def _coop_cancel_states(self):
        """A coordinator cancels any open request; the call centre, like the member, until
        it is on its way."""
        if self.env.su or self.env.user.has_group(COORDINATORS):
            return ("new", "searching", "assigned", "preparing", "out")
        return MEMBER_CANCEL_STATES

    def _coop_cancel(self, note=None, by_member=False):
        """Cancel these requests: the search ends (its links die), the slot's seat is free
        (a cancelled request takes none, and its web-shop order is cancelled or handed to the
        coordinator, see ``_coop_release_web_orders``), the volunteer who had it is told by
        e-mail, in their language, from the coop. Under the rows' lock, checked first."""
        self._coop_lock()
        self._check_state(*(MEMBER_CANCEL_STATES if by_member else self._coop_cancel_states()))
        held = {request.id: request.deliverer_id for request in self.sudo()}
        self._end_search_round()
        self.sudo().write({"state": "cancelled", "cancel_note": note or False})
        for request in self.sudo():
            if by_member:
                body = self.env._("The member cancelled the request on the website.")
            elif note:
                body = self.env._("Cancelled for the member: %s", note)
            else:
                body = self.env._("Cancelled.")
            request._coop_post_as_coop(
                company=request.company_id,
                body=body,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
            if held[request.id]:
                request._coop_tell_volunteer_cancelled()
        self._coop_release_web_orders()

    def _coop_release_web_orders(self):
        """The web-shop order a cancelled request delivers gives its slot's seat back: it is
        cancelled when nothing was paid; a paid one is left to the delivery coordinator (a
        to-do: refund it, then cancel it), since money goes back by a person's hand."""
        for order in self.sudo().sale_order_id.filtered(lambda o: o.state != "cancel"):
            paid = order.transaction_ids.filtered(
                lambda tx: tx.state in ("authorized", "done")
            ) or order.invoice_ids.filtered(lambda move: move.state == "posted")
            if not paid:
                order._action_cancel()
                continue
            name = order.name
            order._coop_ask_coordinator(
                lambda env, name=name: env._(
                    "The delivery request of %s was cancelled and the order was paid: "
                    "refund it, then cancel the order to free its slot's seat.",
                    name,
                )
            )

    def _coop_tell_volunteer_cancelled(self):
        self.ensure_one()
        template = self.env.ref("coop_solidarity_delivery.mail_template_delivery_cancelled")
        template._coop_send_as_coop(self.id, company=self.company_id)

    def _coop_member_change(self, values):
        """The member changes the shopping list or the day of their request (``values``:
        some of ``MEMBER_FIELDS``), until a volunteer has it."""
        self.ensure_one()
        self._coop_lock()
        if self.state not in MEMBER_EDIT_STATES:
            raise UserError(
                self.env._("A volunteer already has this delivery: call the coop to change it.")
            )
        if self.sale_order_id:
            raise UserError(
                self.env._("This delivery brings a web-shop order: call the coop to change it.")
            )
        self.sudo().write(values)
        self._coop_post_as_coop(
            company=self.company_id,
            body=self.env._("The member changed the request on the website."),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    def _coop_check_may_change_order(self, vals):
        """Once a volunteer has the request, its shopping list and day are the ones they
        agreed to: only a delivery coordinator changes them."""
        if self.env.su or self.env.user.has_group(COORDINATORS):
            return
        for request in self:
            if request.state in MEMBER_EDIT_STATES:
                continue
            if any(
                request._coop_member_field_changes(name, vals[name])
                for name in MEMBER_FIELDS
                if name in vals
            ):
                raise AccessError(
                    self.env._(
                        "A volunteer already has %s: a delivery coordinator changes its day or "
                        "shopping list.",
                        request.name,
                    )
                )

    def _coop_day_changes(self, vals):
        """The searching requests whose day ``vals`` moves: the volunteers were asked for
        the old day."""
        if "delivery_date" not in vals and "slot_id" not in vals:
            return self.browse()
        new_date = self._slot_date_values(vals).get("delivery_date") or vals.get("delivery_date")
        return self.filtered(
            lambda r: (
                r.state == "searching"
                and (
                    ("slot_id" in vals and r._coop_value_changes("slot_id", vals["slot_id"]))
                    or (new_date and fields.Date.to_date(new_date) != r.delivery_date)
                )
            )
        )

    def _coop_restart_search(self):
        """A new round for the new day: the links of the old one die, the nearest
        volunteers are asked again."""
        self._end_search_round()
        for request in self:
            request.sudo().wave = 0
            request.sudo()._notify_next_wave()

    def _coop_member_field_changes(self, name, value):
        """Whether ``value`` changes this request's ``name`` (a date given as a text, an
        empty list given as False, count as what they are)."""
        if name == "delivery_date":
            return fields.Date.to_date(value) != self.delivery_date
        if name == "shopping_list":
            return (value or "") != (self.shopping_list or "")
        return self._coop_value_changes(name, value)
