import unicodedata
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from odoo.addons.coop_member_shifts.tools import display_dates
from odoo.addons.coop_member_shifts.tools.display_numbers import format_number
from odoo.addons.coop_member_shifts.tools.row_locks import lock_rows

from ..tools import slot_rules

HOLDING_PAYMENT_STATES = ("pending", "authorized", "done")
PAYMENT_HOLD_PARAM = "coop_solidarity_delivery.payment_hold_minutes"
DEFAULT_PAYMENT_HOLD_MINUTES = 30
NAME_SEARCH_DAYS_BACK = 60


class CoopSlot(models.Model):
    _name = "coop.slot"
    _description = "Pickup or Delivery Slot"
    _inherit = "mail.thread"
    _order = "start, warehouse_id"
    _rec_names_search = ["warehouse_id"]

    rule_id = fields.Many2one("coop.slot.rule", ondelete="set null", index=True)
    carrier_id = fields.Many2one(
        "delivery.carrier", string="Method", required=True, ondelete="cascade", index=True
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse", string="Store", required=True, ondelete="cascade", index=True
    )
    start = fields.Datetime(required=True, index=True)
    end = fields.Datetime(required=True)
    cutoff = fields.Datetime(
        string="Booking Cut-off", required=True, help="The slot can be booked until then."
    )
    capacity = fields.Integer(required=True, tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")], default="open", required=True, tracking=True
    )
    order_ids = fields.One2many(
        "sale.order", "coop_slot_id", string="Orders", domain=[("state", "=", "sale")]
    )
    is_delivery = fields.Boolean(
        related="carrier_id.coop_solidarity", string="Solidarity Delivery Slot"
    )
    booked_count = fields.Integer(string="Booked", compute="_compute_booked_count")
    seats_left = fields.Integer(compute="_compute_booked_count")
    is_bookable = fields.Boolean(compute="_compute_booked_count")

    _sql_constraints = (
        ("rule_start_unique", "unique(rule_id, start)", "A rule gives one slot per start time."),
    )

    @api.depends("capacity", "state", "start", "cutoff", "order_ids")
    def _compute_booked_count(self):
        """Seats left are derived from the confirmed orders, in one grouped query."""
        counts = self._booked_counts()
        now = fields.Datetime.now()
        for slot in self:
            slot.booked_count = counts.get(slot._origin.id, 0)
            slot.seats_left = max(slot.capacity - slot.booked_count, 0)
            slot.is_bookable = slot._booking_problem(now) is None

    @api.depends("start", "end", "warehouse_id")
    def _compute_display_name(self):
        for slot in self:
            if not slot.start:
                slot.display_name = False
                continue
            tz = slot._tz()
            when = display_dates.format_range(
                display_dates.to_local(slot.start, tz),
                display_dates.to_local(slot.end, tz) if slot.end else None,
                self.env.lang,
                display_dates.today_in(tz, fields.Datetime.now()),
            )
            slot.display_name = "%s (%s)" % (when, slot.warehouse_id.name)

    @api.model
    def _search_display_name(self, operator, value):
        """A slot's name is its time written in the reader's language (not stored): a slot
        picker's search ("mardi", "14:00", the store) matches the names of the recent and
        coming slots, accents and case aside."""
        if operator not in ("ilike", "not ilike") or not isinstance(value, str):
            return super()._search_display_name(operator, value)
        needle = _folded(value)
        if not needle:
            return expression.TRUE_DOMAIN if operator == "ilike" else expression.FALSE_DOMAIN
        since = fields.Datetime.now() - timedelta(days=NAME_SEARCH_DAYS_BACK)
        slots = self.search([("start", ">=", since)])
        ids = [slot.id for slot in slots if needle in _folded(slot.display_name)]
        return [("id", "in" if operator == "ilike" else "not in", ids)]

    @api.constrains("start", "end", "capacity")
    def _check_times(self):
        for slot in self:
            if slot.end <= slot.start:
                raise UserError(self.env._("A slot must end after it starts."))
            if slot.capacity <= 0:
                raise UserError(self.env._("A slot must take at least one order."))

    def _creation_message(self):
        """A whole sentence to translate ("%s created" cannot agree in French)."""
        return self.env._("Slot created")

    # === BUSINESS METHODS ===#

    def _tz(self):
        """The timezone of the slot's store (its rule), for local times."""
        self.ensure_one()
        return self.rule_id.sudo().tz or self.env.user.tz or "UTC"

    def _label_for(self, partner):
        """The slot as ``partner`` reads it: in their timezone (the store's when they have
        none) and the language being rendered, with the store's name ("" for no slot)."""
        if not self:
            return ""
        slot = self[:1].sudo()
        when = partner._coop_when(slot.start, slot.end, slot.rule_id.tz)
        return "%s (%s)" % (when, slot.warehouse_id.name)

    def _local_start(self):
        self.ensure_one()
        return slot_rules.utc_to_local(self.start, self._tz())

    @api.model
    def _seat_taking_orders_domain(self):
        """Orders that take a seat of their slot.

        A seat is taken by a confirmed order, and held by an order whose payment has started:
        a transaction pending, authorized or done, or one opened within the payment delay of
        Settings (the member is on the payment provider's page), so that two members paying
        at the same time cannot both get the last seat. A payment left pending past that delay
        loses its seat (see ``sale.order._cron_coop_release_payment_holds``).
        """
        recent = fields.Datetime.now() - self._payment_hold_delay()
        return [
            ("state", "!=", "cancel"),
            "|",
            "|",
            ("state", "=", "sale"),
            ("transaction_ids.state", "in", HOLDING_PAYMENT_STATES),
            ("transaction_ids", "any", [("state", "=", "draft"), ("create_date", ">=", recent)]),
        ]

    @api.model
    def _payment_hold_delay(self):
        """How long an unfinished payment holds its seat (Settings)."""
        value = self.env["ir.config_parameter"].sudo().get_param(PAYMENT_HOLD_PARAM)
        try:
            minutes = int(value or DEFAULT_PAYMENT_HOLD_MINUTES)
        except ValueError:
            minutes = DEFAULT_PAYMENT_HOLD_MINUTES
        return timedelta(minutes=max(minutes, 1))

    def _booked_counts(self, exclude_orders=None, exclude_requests=None):
        """``{slot_id: seats taken}`` for these slots: one grouped query on the orders, and one
        on the solidarity requests without an order when delivery slots are among them."""
        ids = [slot_id for slot_id in self._origin.ids if slot_id]
        if not ids:
            return {}
        domain = [("coop_slot_id", "in", ids), *self._seat_taking_orders_domain()]
        if exclude_orders:
            domain.append(("id", "not in", exclude_orders.ids))
        groups = self.env["sale.order"].sudo()._read_group(domain, ["coop_slot_id"], ["__count"])
        counts = {slot.id: count for slot, count in groups}
        delivery_slots = self._origin.filtered(lambda slot: slot.carrier_id.coop_solidarity)
        if delivery_slots:
            for slot, count in delivery_slots._requests_without_order(exclude_requests):
                counts[slot.id] = counts.get(slot.id, 0) + count
        return counts

    def _requests_without_order(self, exclude_requests=None):
        """``[(slot, open requests)]``: requests taken by phone or on the portal, with a
        shopping list rather than an order, take a seat of their delivery slot too."""
        domain = [
            ("slot_id", "in", self.ids),
            ("sale_order_id", "=", False),
            ("state", "not in", ("cancelled", "failed")),
        ]
        if exclude_requests:
            domain.append(("id", "not in", exclude_requests.ids))
        return (
            self.env["coop.delivery.request"].sudo()._read_group(domain, ["slot_id"], ["__count"])
        )

    def _booking_problem(self, now=None, seats_left=None):
        """Why this slot cannot be booked now, or None; ``seats_left`` given, its seats are
        not counted (the caller counts them under the slot's lock)."""
        self.ensure_one()
        return slot_rules.booking_problem(
            self.start,
            now or fields.Datetime.now(),
            (self.start - self.cutoff).total_seconds() / 3600,
            self.seats_left if seats_left is None else seats_left,
            closed=self.state != "open",
        )

    def _booking_problem_message(self, problem):
        messages = {
            slot_rules.PAST: self.env._("This slot has already started."),
            slot_rules.CUTOFF: self.env._(
                "This slot can no longer be booked: orders close %s before it starts.",
                self._format_cutoff_delay(),
            ),
            slot_rules.FULL: self.env._("This slot is full: please choose another one."),
            slot_rules.CLOSED: self.env._("The store is closed during this slot."),
        }
        return messages[problem]

    def _format_cutoff_delay(self):
        hours = (self.start - self.cutoff).total_seconds() / 3600
        return self.env._("%s hours", format_number(hours, self.env.lang, 1))

    @api.model
    def _coop_delivery_slots_domain(self):
        """Open solidarity delivery slots still ahead."""
        return [
            ("carrier_id.coop_solidarity", "=", True),
            ("state", "=", "open"),
            ("start", ">", fields.Datetime.now()),
        ]

    @api.model
    def _get_bookable_slots(self, carrier, warehouse, days=14):
        """Open slots of a store over the next ``days``. Their seats left are computed for all
        of them at the first read, in one query whatever the number of orders (calling the
        compute by hand would write the slots, and make concurrent shoppers conflict)."""
        now = fields.Datetime.now()
        # One query reads what the picker shows; one store, so ordered by start alone (the
        # default order would join the stores to sort by store).
        return self.search_fetch(
            [
                ("carrier_id", "=", carrier.id),
                ("warehouse_id", "=", warehouse.id),
                ("start", ">", now),
                ("start", "<", now + timedelta(days=days)),
                ("state", "=", "open"),
            ],
            [
                "rule_id",
                "carrier_id",
                "warehouse_id",
                "start",
                "end",
                "cutoff",
                "capacity",
                "state",
            ],
            order="start, id",
        )

    def _check_booking(self, orders=None, requests=None, cutoff=True):
        """The server's one check of a booking, whatever the channel (web checkout, portal,
        call centre, back office): the slot has not started, its cut-off is not passed (when
        ``cutoff``), it is open, and it has a seat for each of ``orders`` and ``requests``,
        counted under the row lock. Raises a UserError saying why not."""
        self.ensure_one()
        problem = slot_rules.booking_problem(
            self.start,
            fields.Datetime.now(),
            (self.start - self.cutoff).total_seconds() / 3600,
            seats_left=1,
            closed=self.state != "open",
        )
        if problem == slot_rules.PAST or (cutoff and problem == slot_rules.CUTOFF):
            raise UserError(self._booking_problem_message(problem))
        self._lock_and_check_seat(orders or self.env["sale.order"], requests)

    def _lock_and_check_seat(self, orders, requests=None):
        """Book one seat of this slot for each of ``orders`` (and of the solidarity
        ``requests`` without an order), under a row lock.

        The slot row is locked then touched: a concurrent transaction booking the same slot
        waits for this one, then fails to serialize and is retried with a fresh snapshot, so
        it counts the orders confirmed here. Counting under a plain ``SELECT ... FOR UPDATE``
        alone would read a stale count under PostgreSQL's repeatable read isolation.
        """
        self.ensure_one()
        requests = requests or self.env["coop.delivery.request"]
        self._lock_row()
        self.env["sale.order"].flush_model(["coop_slot_id", "state"])
        self.env["payment.transaction"].flush_model(["state", "create_date"])
        self.env["coop.delivery.request"].flush_model(["slot_id", "sale_order_id", "state"])
        booked = self._booked_counts(exclude_orders=orders, exclude_requests=requests)
        if self.state != "open":
            raise UserError(self._booking_problem_message(slot_rules.CLOSED))
        if booked.get(self.id, 0) + len(orders) + len(requests) > self.capacity:
            raise UserError(self._booking_problem_message(slot_rules.FULL))

    def _lock_row(self):
        """Lock this slot's row and touch it (see ``_lock_and_check_seat`` and
        ``tools.row_locks``).

        ``FOR NO KEY UPDATE``, not ``FOR UPDATE``: an order or a request written onto the slot
        before the count takes a key-share lock on it (PostgreSQL's foreign key check), which
        ``FOR UPDATE`` would wait for in every concurrent booking of the slot, each holding
        its own key-share lock and waiting for the others': a deadlock, five bookings at once
        retried until they gave up."""
        self.ensure_one()
        lock_rows(self.env, self._table, self.ids)

    def action_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_solidarity_delivery.action_coop_drive_orders"
        )
        action["domain"] = [("coop_slot_id", "=", self.id), ("state", "=", "sale")]
        action["context"] = {"create": False, "default_coop_slot_id": self.id}
        return action

    def action_view_delivery_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_solidarity_delivery.coop_delivery_request_action"
        )
        action["domain"] = [("slot_id", "=", self.id)]
        action["context"] = {"default_slot_id": self.id}
        return action

    def action_close(self):
        self.state = "closed"

    def action_reopen(self):
        self.state = "open"


def _folded(text):
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
