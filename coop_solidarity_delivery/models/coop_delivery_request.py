from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext

from ..tools.field_access import check_create_field_access

WAVE_SIZE_PARAM = "coop_solidarity_delivery.wave_size"
HOURS_MODE_PARAM = "coop_solidarity_delivery.hours_mode"
DELIVERY_HOURS_PARAM = "coop_solidarity_delivery.delivery_hours"
PREPARATION_HOURS_PARAM = "coop_solidarity_delivery.preparation_hours"
DEFAULT_DELIVERY_HOURS = 1.5
DEFAULT_PREPARATION_HOURS = 1.0
WAVE_DELAY_PARAM = "coop_solidarity_delivery.wave_delay_hours"
DEFAULT_WAVE_SIZE = 3
DEFAULT_WAVE_DELAY_HOURS = 4

STATES = [
    ("new", "New"),
    ("searching", "Searching a volunteer"),
    ("assigned", "Assigned"),
    ("preparing", "Preparing"),
    ("out", "Out for delivery"),
    ("delivered", "Delivered"),
    ("cancelled", "Cancelled"),
    ("failed", "Failed"),
]
OPEN_STATES = ("new", "searching", "assigned", "preparing", "out")
CLOSED_STATES = ("cancelled", "failed")
# Each state reached is timestamped in its own field.
STATE_DATE_FIELDS = {
    "searching": "date_searching",
    "assigned": "date_assigned",
    "preparing": "date_preparing",
    "out": "date_out",
    "delivered": "date_delivered",
    "failed": "date_closed",
    "cancelled": "date_closed",
}


class CoopDeliveryRequest(models.Model):
    _name = "coop.delivery.request"
    _description = "Solidarity Delivery Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "delivery_date, id desc"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default=lambda self: _("New")
    )
    beneficiary_id = fields.Many2one(
        "res.partner",
        required=True,
        tracking=True,
        domain=[("coop_is_beneficiary", "=", True)],
    )
    channel = fields.Selection(
        [
            ("website", "Website"),
            ("phone", "Phone"),
            ("email", "E-mail"),
            ("call_centre", "Call centre"),
        ],
        required=True,
        default="phone",
    )
    slot_id = fields.Many2one(
        "coop.slot",
        string="Wished Slot",
        tracking=True,
        index="btree_not_null",
        domain="[('carrier_id.coop_solidarity', '=', True), ('state', '=', 'open')]",
        help="A delivery slot of the coop: the volunteers deliver within its hours.",
    )
    delivery_date = fields.Date(
        string="Wished Date", required=True, tracking=True, help="The day of the slot, if any."
    )
    sale_order_id = fields.Many2one("sale.order", string="Order", tracking=True)
    shopping_list = fields.Text(help="What to buy, when there is no web-shop order.")
    access_notes = fields.Text(
        help="Door code, floor, when to ring: shown only to the assigned volunteers.",
        groups="coop_solidarity_delivery.group_coop_delivery_coordinator",
    )
    state = fields.Selection(
        STATES,
        default="new",
        required=True,
        tracking=True,
        copy=False,
        group_expand="_expand_states",
    )
    failure_reason = fields.Selection(
        [
            ("not_home", "Not at home"),
            ("wrong_address", "Wrong address"),
            ("refused", "Refused"),
            ("no_volunteer", "No volunteer found"),
            ("other", "Other"),
        ],
        tracking=True,
        copy=False,
    )
    failure_note = fields.Text(copy=False)
    preparer_id = fields.Many2one("res.partner", tracking=True, copy=False)
    deliverer_id = fields.Many2one("res.partner", tracking=True, copy=False)
    recurrence_id = fields.Many2one(
        "coop.delivery.recurrence", string="Recurring Delivery", readonly=True, index=True
    )
    offer_ids = fields.One2many("coop.delivery.offer", "request_id", string="Offers")
    wave = fields.Integer(readonly=True, copy=False, help="Volunteers notified in waves.")
    search_round = fields.Integer(
        readonly=True,
        copy=False,
        help="Counts the searches for a volunteer: a reset or a cancellation ends the round, "
        "and the links sent in it die.",
    )
    date_searching = fields.Datetime(string="Search Started", readonly=True, copy=False)
    date_assigned = fields.Datetime(string="Assigned On", readonly=True, copy=False)
    date_preparing = fields.Datetime(string="Preparation Started", readonly=True, copy=False)
    date_out = fields.Datetime(string="Left for Delivery", readonly=True, copy=False)
    date_delivered = fields.Datetime(string="Delivered On", readonly=True, copy=False)
    date_closed = fields.Datetime(string="Closed On", readonly=True, copy=False)
    matched = fields.Integer(
        string="Match Rate (%)",
        compute="_compute_matched",
        store=True,
        aggregator="avg",
        help="100 for a request that found a volunteer, 0 otherwise: averaged over requests, "
        "the share of requests matched.",
    )
    hours_to_match = fields.Float(
        string="Hours to Match",
        compute="_compute_hours_to_match",
        store=True,
        aggregator="avg",
    )
    district = fields.Char(
        compute="_compute_district",
        help="Postcode and city: all a volunteer sees before accepting.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )

    @api.model
    def _expand_states(self, states, domain):
        """Kanban columns in the order of the delivery, closed ones only when they hold cards."""
        shown = (*OPEN_STATES, "delivered")
        return [key for key, _label in STATES if key in shown or key in states]

    _sql_constraints = [
        (
            "one_request_per_recurrence_date",
            "UNIQUE(recurrence_id, delivery_date)",
            "A recurring delivery has at most one request a day.",
        ),
    ]

    @api.depends("date_assigned")
    def _compute_matched(self):
        for request in self:
            request.matched = 100 if request.date_assigned else 0

    @api.depends("date_searching", "date_assigned")
    def _compute_hours_to_match(self):
        for request in self:
            if request.date_searching and request.date_assigned:
                delta = request.date_assigned - request.date_searching
                request.hours_to_match = delta.total_seconds() / 3600
            else:
                request.hours_to_match = 0.0

    @api.depends("beneficiary_id.zip", "beneficiary_id.city")
    def _compute_district(self):
        for request in self:
            partner = request.beneficiary_id.sudo()
            request.district = " ".join(filter(None, (partner.zip, partner.city)))

    @api.constrains("beneficiary_id", "channel")
    def _check_beneficiary_eligible(self):
        # Only the member asking on the website must be eligible already: a request by
        # e-mail, phone or call centre is kept whoever it is for, and the coordinator
        # approves eligibility before any volunteer is asked (action_search_volunteers).
        for request in self.sudo().filtered(lambda r: r.channel == "website"):
            if not request.beneficiary_id.coop_is_beneficiary:
                raise ValidationError(
                    _(
                        "%s is not eligible for solidarity delivery: approve their eligibility "
                        "first (Solidarity Delivery tab of the contact).",
                        request.beneficiary_id.display_name,
                    )
                )

    @api.constrains("delivery_date")
    def _check_delivery_date_not_past(self):
        if any(r.delivery_date < fields.Date.context_today(r) for r in self):
            raise ValidationError(_("A delivery cannot be asked for a date in the past."))

    @api.constrains("shopping_list", "sale_order_id", "channel")
    def _check_shopping_list(self):
        for request in self:
            if request._needs_shopping_list() and not (request.shopping_list or "").strip():
                raise ValidationError(self._shopping_list_missing_message())

    @api.constrains("slot_id")
    def _check_slot(self):
        for request in self.filtered("slot_id"):
            slot = request.slot_id.sudo()
            if not slot.carrier_id.coop_solidarity:
                raise ValidationError(_("%s is not a solidarity delivery slot.", slot.display_name))
            if slot.start <= fields.Datetime.now():
                raise ValidationError(
                    _("The slot %s has already started: choose a later one.", slot.display_name)
                )

    @api.onchange("slot_id")
    def _onchange_slot_id(self):
        if self.slot_id:
            self.delivery_date = self.slot_id.sudo()._local_start().date()

    @api.model_create_multi
    def create(self, vals_list):
        check_create_field_access(self, vals_list)
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("coop.delivery.request")
            vals.update(self._slot_date_values(vals))
        requests = super().create(vals_list)
        requests._book_slot_seats()
        requests.beneficiary_id._coop_queue_geocoding()
        return requests

    def write(self, vals):
        if "state" in vals and vals["state"] in STATE_DATE_FIELDS:
            vals = {**vals, STATE_DATE_FIELDS[vals["state"]]: fields.Datetime.now()}
        vals = {**vals, **self._slot_date_values(vals)}
        if vals.get("state") in OPEN_STATES and not vals.get("slot_id"):
            # Put back on its slot (reset): its seat is checked first, the cut-off is not.
            self.filtered(lambda r: r.state in CLOSED_STATES)._book_slot_seats(cutoff=False)
        res = super().write(vals)
        if vals.get("slot_id"):
            self.filtered(lambda r: r.state not in CLOSED_STATES)._book_slot_seats()
        if vals.get("beneficiary_id"):
            self.beneficiary_id._coop_queue_geocoding()
        return res

    def _creation_message(self):
        """A whole sentence to translate ("%s created" cannot agree in French)."""
        return self.env._("Solidarity delivery request created")

    # === ACTIONS ===#

    # The state moves here (and in the matching and the couriers), checked, as the superuser:
    # see coop_delivery_request_rights.py.

    def action_start_preparing(self):
        self._coop_check_delivery_team()
        self._check_state("assigned")
        self.sudo().state = "preparing"

    def action_out_for_delivery(self):
        self._coop_check_delivery_team()
        self._check_state("assigned", "preparing")
        self.sudo().state = "out"

    def action_delivered(self):
        self._coop_check_delivery_team()
        self._check_state("assigned", "preparing", "out")
        self._coop_check_not_own_hours()
        self.sudo().state = "delivered"
        self._credit_volunteer_hours()

    def action_cancel(self):
        """Cancel (see ``_coop_cancel``: the volunteer who had it is told)."""
        self._coop_check_delivery_team()
        self._coop_cancel()

    def action_reset(self):
        self._coop_check_delivery_team()
        self._check_state("cancelled", "failed")
        self.sudo().write(
            {"state": "new", "deliverer_id": False, "failure_reason": False, "wave": 0}
        )
        self._end_search_round()

    def _portal_deliverer_first_name(self):
        """What the beneficiary's page tells of the volunteer: a first name, never more."""
        self.ensure_one()
        name = (self.sudo().deliverer_id.name or "").strip()
        return name.split()[0] if name else ""

    def _check_state(self, *allowed):
        for request in self:
            if request.state not in allowed:
                state_label = dict(self._fields["state"]._description_selection(self.env))
                raise UserError(
                    _(
                        "%(request)s is %(state)s: this step is not possible now.",
                        request=request.name,
                        state=state_label[request.state],
                    )
                )

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A message to the delivery alias becomes a request of its sender."""
        sender = self.env["res.partner"].browse(msg_dict.get("author_id")).exists()
        if not sender:
            sender = self.env["res.partner"].find_or_create(msg_dict.get("email_from") or "")
        body = html2plaintext(msg_dict.get("body") or "")
        values = {
            "name": _("New"),
            "beneficiary_id": sender.id,
            "channel": "email",
            "delivery_date": fields.Date.today() + timedelta(days=1),
            "shopping_list": "\n\n".join(filter(None, (msg_dict.get("subject"), body))),
            **(custom_values or {}),
        }
        request = super().message_new(msg_dict, custom_values=values)
        if not sender.coop_is_beneficiary:
            request._coop_schedule_todo(
                self.env["res.partner"]._coop_delivery_coordinator_user(),
                lambda env: (
                    env._("Check eligibility: request by e-mail"),
                    env._(
                        "%s asked for a delivery by e-mail but is not eligible yet.", sender.name
                    ),
                ),
            )
        return request

    # === BUSINESS METHODS ===#

    def _needs_shopping_list(self):
        """Whether this request is prepared from its shopping list: not one of a web-shop
        order (the order is the list), nor one by e-mail (kept whatever it says, for the
        coordinator), nor one of a recurring delivery (its list is the recurrence's), nor one
        closed or past (erasing the data of old requests empties their list)."""
        self.ensure_one()
        return bool(
            not self.sale_order_id
            and self.channel != "email"
            and not self.recurrence_id
            and self.state in OPEN_STATES
            and self.delivery_date
            and self.delivery_date >= fields.Date.context_today(self)
        )

    @api.model
    def _shopping_list_missing_message(self):
        return _("Please write the shopping list: what the member needs delivered.")

    @api.model
    def _slot_date_values(self, vals):
        """A request on a slot is wished for the slot's local day."""
        if not vals.get("slot_id"):
            return {}
        slot = self.env["coop.slot"].sudo().browse(vals["slot_id"])
        return {"delivery_date": slot._local_start().date()}

    def _book_slot_seats(self, cutoff=True):
        """An open request without an order takes a seat of its slot, by the same rules on
        every channel (portal, call centre, back office): see ``coop.slot._check_booking``.
        An order with the solidarity delivery took its seat at checkout."""
        booking = self.filtered(lambda r: r.slot_id and not r.sale_order_id)
        for slot, requests in booking.grouped("slot_id").items():
            try:
                slot.sudo()._check_booking(requests=requests, cutoff=cutoff)
            except UserError as error:
                raise ValidationError(error.args[0]) from error

    def _credit_volunteer_hours(self):
        """The preparer's and the deliverer's work goes to the volunteer-work ledger."""
        ledger = self.env["coop.work.entry"]
        for request in self:
            preparation, delivery = request._volunteer_hours()
            work = (
                (request.preparer_id, preparation, self.env._("Preparation of %s", request.name)),
                (request.deliverer_id, delivery, self.env._("Delivery of %s", request.name)),
            )
            for volunteer, hours, description in work:
                if volunteer:
                    ledger._credit(
                        volunteer,
                        hours,
                        "delivery",
                        description,
                        origin=request,
                        on_date=request.delivery_date,
                    )

    def _volunteer_hours(self):
        """(preparation hours, delivery hours): fixed in Settings, or measured between the
        steps of the request when the coop chose so (at least a quarter of an hour)."""
        params = self.env["ir.config_parameter"].sudo()
        preparation = float(params.get_param(PREPARATION_HOURS_PARAM) or DEFAULT_PREPARATION_HOURS)
        delivery = float(params.get_param(DELIVERY_HOURS_PARAM) or DEFAULT_DELIVERY_HOURS)
        if params.get_param(HOURS_MODE_PARAM) == "measured":

            def measured(start, end, fallback):
                if not (start and end):
                    return fallback
                return min(max((end - start).total_seconds() / 3600, 0.25), 24.0)

            preparation = measured(self.date_preparing, self.date_out, preparation)
            delivery = measured(self.date_out, self.date_delivered, delivery)
        return round(preparation, 2), round(delivery, 2)
