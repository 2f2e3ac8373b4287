# pylint: disable=consider-merging-classes-inherited
import json

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.coop_member_shifts.tools import display_dates

# The drive states an order may come from, for each step of the drive board.
DRIVE_STEPS = {
    "prepared": ("to_prepare",),
    "handed_over": ("to_prepare", "prepared"),
    "no_show": ("to_prepare", "prepared"),
    "to_prepare": ("no_show",),
}


class SaleOrder(models.Model):
    """The drive board of the shop staff: one step per click, each checked by the server
    (who marks it, from which state), whatever the route (board, list, form, JSON-RPC)."""

    _inherit = "sale.order"

    coop_item_count = fields.Integer(string="Items", compute="_compute_coop_item_count")
    coop_slot_hours = fields.Char(string="Pickup Time", compute="_compute_coop_slot_hours")

    @api.depends("order_line.is_delivery", "order_line.display_type")
    def _compute_coop_item_count(self):
        for order in self:
            order.coop_item_count = len(
                order.order_line.filtered(
                    lambda line: not line.is_delivery and not line.display_type
                )
            )

    @api.depends("coop_slot_id")
    @api.depends_context("lang")
    def _compute_coop_slot_hours(self):
        """The pickup day and hours as the staff read them ("mardi 8 décembre, 17 h – 19 h")."""
        for order in self:
            slot = order.coop_slot_id.sudo()
            if not slot:
                order.coop_slot_hours = False
                continue
            tz = slot._tz()
            order.coop_slot_hours = display_dates.format_range(
                display_dates.to_local(slot.start, tz),
                display_dates.to_local(slot.end, tz),
                self.env.lang,
                display_dates.today_in(tz, fields.Datetime.now()),
            )

    @api.model_create_multi
    def create(self, vals_list):
        """A new order starts to prepare: an import or a hand-made call cannot create it
        already handed over."""
        if any(vals.get("coop_drive_state", "to_prepare") != "to_prepare" for vals in vals_list):
            self._coop_refuse_drive_state_write()
        return super().create(vals_list)

    def write(self, vals):
        """The drive status moves only by the steps below (a drag on the board, an import or
        a hand-made call cannot skip the stock moves)."""
        if "coop_drive_state" in vals:
            self._coop_refuse_drive_state_write()
        return super().write(vals)

    def set_delivery_line(self, carrier, amount):
        """A web cart picked up at the only store of its method needs no store choice."""
        res = super().set_delivery_line(carrier, amount)
        for order in self.filtered(lambda o: o.website_id and not o.pickup_location_data):
            order._coop_pick_the_only_store()
        return res

    def action_coop_drive_prepared(self):
        """Reserve the products of the pickings: the order is ready to be picked up."""
        self._coop_check_drive_step("prepared")
        for order in self:
            order._coop_reserve_pickings()
        self._coop_set_drive_state("prepared")

    def action_coop_drive_handed_over(self):
        """Validate the pickings with the reserved quantities: the member took the order."""
        self._coop_check_drive_step("handed_over")
        for order in self:
            pickings = order._coop_reserve_pickings()
            pickings.move_ids.picked = True
            pickings.with_context(skip_backorder=True, skip_sms=True).button_validate()
        self._coop_set_drive_state("handed_over")

    def action_coop_drive_no_show(self):
        self._coop_check_drive_step("no_show")
        self._coop_set_drive_state("no_show")

    def action_coop_drive_reset(self):
        """A member who did not come can still be served later."""
        self._coop_check_drive_step("to_prepare")
        self._coop_set_drive_state("to_prepare")

    # === BUSINESS METHODS ===#

    def _coop_refuse_drive_state_write(self):
        """Only the steps (as the superuser, once checked) set the drive status."""
        if not self.env.su:
            raise UserError(
                self.env._(
                    "The drive status changes only with the buttons of the drive board "
                    "(Prepared, Handed Over, No-Show, Back to Prepare)."
                )
            )

    def _coop_check_drive_step(self, step):
        """Only the shop staff mark drive orders, and only from the state before ``step``."""
        if not self.env.su and not self.env.user.has_group(
            "coop_member_shifts.group_coop_shop_staff"
        ):
            raise AccessError(self.env._("Only the shop staff mark the drive orders."))
        self.check_access("write")
        labels = dict(self._fields["coop_drive_state"]._description_selection(self.env))
        for order in self:
            if not order.coop_slot_id or order.state != "sale":
                raise UserError(self.env._("Order %s is not a confirmed drive order.", order.name))
            if order.coop_drive_state not in DRIVE_STEPS[step]:
                raise UserError(
                    self.env._(
                        "Order %(order)s is already %(state)s: it cannot be marked %(step)s.",
                        order=order.name,
                        state=labels[order.coop_drive_state],
                        step=labels[step],
                    )
                )

    def _coop_reserve_pickings(self):
        """Reserve the open pickings of this order; refuse when some products are missing."""
        self.ensure_one()
        pickings = self.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        if to_assign := pickings.filtered(lambda p: p.state != "assigned"):
            to_assign.action_assign()
        if pickings.filtered(lambda p: p.state != "assigned"):
            raise UserError(
                self.env._(
                    "Order %s cannot be prepared: some products are not in stock.", self.name
                )
            )
        return pickings

    def _coop_pick_the_only_store(self):
        """Set the pickup location of an in-store method that has a single store."""
        self.ensure_one()
        warehouse = self.carrier_id.sudo().warehouse_ids
        if self.carrier_id.delivery_type != "in_store" or len(warehouse) != 1:
            return
        address = warehouse.partner_id
        location = {
            "id": warehouse.id,
            "name": address.name or warehouse.name,
            "street": address.street or "",
            "city": address.city or "",
            "zip_code": address.zip or "",
            "country_code": address.country_code or "",
            "state": address.state_id.code or "",
            "latitude": address.partner_latitude,
            "longitude": address.partner_longitude,
            "opening_hours": {},
            "additional_data": {},
        }
        self._set_pickup_location(json.dumps(location))

    def _coop_set_drive_state(self, state):
        """Write the checked step (see ``write``); the chatter names the staff member."""
        self.sudo().write({"coop_drive_state": state})
