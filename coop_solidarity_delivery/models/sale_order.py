from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import slot_rules


class SaleOrder(models.Model):
    _inherit = "sale.order"

    coop_slot_id = fields.Many2one(
        "coop.slot",
        string="Slot",
        copy=False,
        index="btree_not_null",
        tracking=True,
        domain="[('carrier_id', '=', carrier_id), ('state', '=', 'open')]",
    )
    coop_drive_state = fields.Selection(
        [
            ("to_prepare", "To Prepare"),
            ("prepared", "Prepared"),
            ("handed_over", "Handed Over"),
            ("no_show", "No-Show"),
        ],
        string="Drive Status",
        default="to_prepare",
        group_expand=True,
        copy=False,
        tracking=True,
    )
    coop_slot_start = fields.Datetime(related="coop_slot_id.start", string="Pickup From")
    coop_reminder_sent = fields.Boolean(copy=False)
    coop_slot_changeable = fields.Boolean(compute="_compute_coop_slot_changeable")
    coop_needs_slot = fields.Boolean(compute="_compute_coop_needs_slot")
    coop_delivery_request_ids = fields.One2many(
        "coop.delivery.request",
        "sale_order_id",
        string="Solidarity Deliveries",
        groups="coop_solidarity_delivery.group_coop_call_centre",
    )
    coop_delivery_request_count = fields.Integer(
        string="Solidarity Delivery Count",
        compute="_compute_coop_delivery_request_count",
        groups="coop_solidarity_delivery.group_coop_call_centre",
    )

    @api.depends("carrier_id", "warehouse_id")
    def _compute_coop_needs_slot(self):
        """Picked up in a store, or delivered by a volunteer, with slots: the method and the
        store have slot rules (one query for all the orders; kept in the cache, as the
        checkout asks it several times)."""
        orders = self.filtered(
            lambda order: (
                order.carrier_id and order.carrier_id._coop_has_slots() and order.warehouse_id
            )
        )
        with_rules = set()
        if orders:
            with_rules = {
                (carrier.id, warehouse.id)
                for carrier, warehouse in self.env["coop.slot.rule"]
                .sudo()
                ._read_group(
                    [
                        ("carrier_id", "in", orders.carrier_id.ids),
                        ("warehouse_id", "in", orders.warehouse_id.ids),
                    ],
                    ["carrier_id", "warehouse_id"],
                )
            }
        for order in self:
            order.coop_needs_slot = (
                order in orders and (order.carrier_id.id, order.warehouse_id.id) in with_rules
            )

    @api.depends("coop_slot_id", "state")
    def _compute_coop_slot_changeable(self):
        now = fields.Datetime.now()
        for order in self:
            # A solidarity order's slot is its request's: the coop changes both together.
            order.coop_slot_changeable = bool(
                order.coop_slot_id
                and not order.carrier_id.coop_solidarity
                and order.state in ("draft", "sent", "sale")
                and order.coop_drive_state == "to_prepare"
                and now <= order.coop_slot_id.cutoff
            )

    @api.depends("coop_delivery_request_ids")
    def _compute_coop_delivery_request_count(self):
        for order in self:
            order.coop_delivery_request_count = len(order.coop_delivery_request_ids)

    @api.onchange("coop_slot_id")
    def _onchange_coop_slot_id(self):
        if self.coop_slot_id:
            self.commitment_date = self.coop_slot_id.start

    def action_confirm(self):
        """Check the seats of the booked slots under a row lock before confirming. An order
        whose payment holds its seat already takes no new one: its seat was counted under the
        lock when the payment started (``_coop_seat_holders``), so it is not locked again
        (concurrent confirmations of a busy slot no longer queue on its row)."""
        new_seats = self.filtered(lambda order: order.coop_slot_id and order.state != "sale")
        new_seats -= new_seats._coop_seat_holders()
        for slot, orders in new_seats.grouped("coop_slot_id").items():
            slot.sudo()._lock_and_check_seat(orders)
        res = super().action_confirm()
        self._coop_create_delivery_requests()
        return res

    def set_delivery_line(self, carrier, amount):
        """Forget the pickup slot when the member leaves the pickup method."""
        res = super().set_delivery_line(carrier, amount)
        self._coop_drop_foreign_slot()
        return res

    def _set_pickup_location(self, pickup_location_data):
        """Forget the pickup slot when the member chooses another store."""
        res = super()._set_pickup_location(pickup_location_data)
        self._coop_drop_foreign_slot()
        return res

    # === BUSINESS METHODS ===#

    def _coop_drop_foreign_slot(self):
        """Draft orders keep a slot only of their own pickup method and store."""
        self.filtered(
            lambda order: (
                order.state in ("draft", "sent")
                and order.coop_slot_id
                and (
                    order.coop_slot_id.carrier_id != order.carrier_id
                    or order.coop_slot_id.warehouse_id != order.warehouse_id
                )
            )
        ).write({"coop_slot_id": False, "commitment_date": False})

    def _coop_needs_slot(self):
        """Whether this cart is picked up in a store, or delivered by a volunteer, with slots."""
        self.ensure_one()
        return self.coop_needs_slot

    def _coop_create_delivery_requests(self):
        """A confirmed order with the solidarity delivery becomes a request for the volunteers.

        The order is never refused here: when its member is no longer eligible, the delivery
        coordinator is asked to look at it; when its slot has started meanwhile, the request is
        wished for the next day, and the coordinator sees it among the new requests.
        """
        orders = self.sudo().filtered(
            lambda order: order.carrier_id.coop_solidarity and not order.coop_delivery_request_ids
        )
        for order in orders:
            if not order.partner_id.coop_is_beneficiary:
                order._coop_ask_coordinator(
                    lambda env, order=order: env._(
                        "%s is not eligible for solidarity delivery.", order.partner_id.name
                    )
                )
                continue
            self.env["coop.delivery.request"].sudo().create(order._coop_prepare_delivery_request())

    def _coop_prepare_delivery_request(self):
        self.ensure_one()
        values = {
            "beneficiary_id": self.partner_id.id,
            "channel": "website" if self.website_id else "phone",
            "sale_order_id": self.id,
        }
        if self.coop_slot_id and self.coop_slot_id.start > fields.Datetime.now():
            values["slot_id"] = self.coop_slot_id.id
        else:
            values["delivery_date"] = fields.Date.context_today(self) + timedelta(days=1)
        return values

    def _coop_ask_coordinator(self, note):
        """A to-do for the delivery coordinator; ``note(env)`` gives its text in their language."""
        self._coop_schedule_todo(
            self.env["res.partner"]._coop_delivery_coordinator_user(),
            lambda env: (env._("Solidarity delivery to check"), note(env)),
        )

    def _coop_slot_missing_message(self):
        """(title, message) asking the member to choose a slot for this cart's method."""
        self.ensure_one()
        if self.carrier_id.coop_solidarity:
            return (
                self.env._("Please choose a delivery slot."),
                self.env._("Choose when a volunteer brings your order, then pay."),
            )
        return (
            self.env._("Please choose a pickup slot."),
            self.env._("Choose when you will pick up your order, then pay."),
        )

    def _coop_slot_error(self, slot, count_seats=True):
        """Why ``slot`` cannot be booked for this order, or ``None``. Without ``count_seats``
        the seats are left to the caller, who counts them under the slot's lock."""
        self.ensure_one()
        slot = slot.sudo().exists()
        if not slot:
            return self.env._("This pickup slot does not exist. Please choose another one.")
        if error := self._coop_solidarity_refusal(slot.carrier_id):
            return error
        if slot.carrier_id != self.carrier_id or slot.warehouse_id != self.warehouse_id:
            return self.env._(
                "This pickup slot belongs to another store than the one you chose. "
                "Please choose one of the slots shown."
            )
        if slot == self.coop_slot_id and slot in self._coop_held_slots():
            return None
        problem = slot._booking_problem(seats_left=None if count_seats else 1)
        return slot._booking_problem_message(problem) if problem else None

    def _coop_held_slots(self):
        """The slot whose seat this order already takes: confirmed, or payment started."""
        self.ensure_one()
        if not self.id or not self.coop_slot_id:
            return self.coop_slot_id
        takes_seat = (
            self.sudo().search_count(
                [
                    ("id", "=", self.id),
                    *self.env["coop.slot"]._seat_taking_orders_domain(),
                ],
                limit=1,
            )
            > 0
        )
        return self.coop_slot_id if takes_seat else self.coop_slot_id[:0]

    def _coop_set_slot(self, slot):
        """Book ``slot`` for this order; an order holding a seat takes the new one under the
        lock (see ``write``)."""
        self.ensure_one()
        if error := self._coop_slot_error(slot):
            raise UserError(error)
        self.write({"coop_slot_id": slot.id, "commitment_date": slot.sudo().start})

    def _coop_change_slot_from_portal(self, slot):
        self.ensure_one()
        if not self.coop_slot_changeable:
            raise UserError(
                self.env._(
                    "The pickup slot of this order can no longer be changed: %s",
                    self.name,
                )
            )
        self._coop_set_slot(slot)

    def _coop_portal_slot_choices(self):
        """The current slot and the bookable slots of the same store, for the portal."""
        self.ensure_one()
        slot = self.coop_slot_id.sudo()
        slots = slot._get_bookable_slots(slot.carrier_id, slot.warehouse_id)
        return (slot | slots.filtered("is_bookable")).sorted("start")

    def _coop_slot_local(self):
        """``(local start, local end)`` of the slot, for documents and e-mails."""
        self.ensure_one()
        slot = self.coop_slot_id.sudo()
        tz = slot.rule_id.tz or self.partner_id.tz or "UTC"
        return slot_rules.utc_to_local(slot.start, tz), slot_rules.utc_to_local(slot.end, tz)

    def _get_confirmation_template(self):
        """Pickup orders get the drive's e-mail (slot, store, cut-off); a solidarity order the
        usual one, its delivery being followed on the request."""
        if self.coop_slot_id and not self.carrier_id._coop_is_home_delivery():
            return (
                self.env.ref(
                    "coop_solidarity_delivery.mail_template_drive_confirmation",
                    raise_if_not_found=False,
                )
                or super()._get_confirmation_template()
            )
        return super()._get_confirmation_template()

    def action_view_coop_delivery_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_solidarity_delivery.coop_delivery_request_action"
        )
        requests = self.coop_delivery_request_ids
        action["domain"] = [("id", "in", requests.ids)]
        action["context"] = {"create": False}
        if len(requests) == 1:
            action.update(view_mode="form", views=[(False, "form")], res_id=requests.id)
        return action

    @api.model
    def _cron_send_drive_reminders(self):
        """E-mail the members whose slot starts tomorrow (local day of the store), order by
        order: an order that fails is handed to the coordinator, the others are reminded."""
        if (
            not self.env["ir.config_parameter"]
            .sudo()
            .get_param("coop_solidarity_delivery.drive_reminder")
        ):
            return
        now = fields.Datetime.now()
        orders = self.search(
            [
                ("state", "=", "sale"),
                ("coop_reminder_sent", "=", False),
                ("carrier_id.coop_solidarity", "=", False),
                ("carrier_id.delivery_type", "!=", "coopcycle"),
                ("coop_slot_id.start", ">", now),
                ("coop_slot_id.start", "<", now + timedelta(days=2)),
            ]
        )
        template = self.env.ref("coop_solidarity_delivery.mail_template_drive_reminder")
        sms_template = self.env.ref("coop_solidarity_delivery.sms_template_drive_reminder")

        def remind(order):
            tz = order.coop_slot_id.rule_id.tz or "UTC"
            tomorrow = slot_rules.utc_to_local(now, tz).date() + timedelta(days=1)
            if order._coop_slot_local()[0].date() == tomorrow:
                # The coop's reminder, whoever runs the cron, by e-mail, SMS or the call
                # list as the member chose (see res.partner._coop_reach).
                order.partner_id._coop_reach(
                    order, template, sms_template, company=order.company_id
                )
                order.coop_reminder_sent = True

        self.env["coop.cron.step"]._run_each(
            orders,
            remind,
            self.env._("Pickup reminder"),
            responsible=self.env["res.partner"]._coop_delivery_coordinator_user(),
        )
