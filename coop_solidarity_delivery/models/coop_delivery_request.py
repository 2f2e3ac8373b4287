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
        return requests

    def write(self, vals):
        if "state" in vals and vals["state"] in STATE_DATE_FIELDS:
            vals = {**vals, STATE_DATE_FIELDS[vals["state"]]: fields.Datetime.now()}
        vals = {**vals, **self._slot_date_values(vals)}
        res = super().write(vals)
        if vals.get("slot_id"):
            self._book_slot_seats()
        return res

    # === ACTIONS ===#

    def action_search_volunteers(self):
        """Notify the nearest volunteers (first wave)."""
        for request in self:
            if not request.beneficiary_id.coop_is_beneficiary:
                raise UserError(
                    _(
                        "Approve the eligibility of %s before looking for a volunteer.",
                        request.beneficiary_id.display_name,
                    )
                )
            if request.state not in ("new", "searching"):
                raise UserError(_("%s already has a volunteer.", request.name))
            request.beneficiary_id._coop_ensure_located()
            if request.beneficiary_id.coop_geo_state != "done":
                raise UserError(
                    _(
                        "The address of %s could not be located: correct it, or assign a "
                        "volunteer by hand.",
                        request.beneficiary_id.display_name,
                    )
                )
            if request.state == "new":
                request.state = "searching"
            request._notify_next_wave()

    def action_start_preparing(self):
        self._check_state("assigned")
        self.state = "preparing"

    def action_out_for_delivery(self):
        self._check_state("assigned", "preparing")
        self.state = "out"

    def action_delivered(self):
        self._check_state("assigned", "preparing", "out")
        self.state = "delivered"
        self._credit_volunteer_hours()

    def action_cancel(self):
        self._check_state(*OPEN_STATES)
        self.offer_ids.filtered(lambda o: o.state == "sent").state = "expired"
        self.state = "cancelled"

    def action_reset(self):
        self._check_state("cancelled", "failed")
        self.write({"state": "new", "deliverer_id": False, "failure_reason": False, "wave": 0})

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
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_("Check eligibility: request by e-mail"),
                note=_("%s asked for a delivery by e-mail but is not eligible yet.", sender.name),
                user_id=self.env["res.partner"]._coop_delivery_coordinator_user().id,
            )
        return request

    # === BUSINESS METHODS ===#

    @api.model
    def _slot_date_values(self, vals):
        """A request on a slot is wished for the slot's local day."""
        if not vals.get("slot_id"):
            return {}
        slot = self.env["coop.slot"].sudo().browse(vals["slot_id"])
        return {"delivery_date": slot._local_start().date()}

    def _book_slot_seats(self):
        """A request without an order takes a seat of its slot, checked under the slot's row
        lock (an order with the solidarity delivery took its seat at checkout)."""
        booking = self.filtered(lambda r: r.slot_id and not r.sale_order_id)
        for slot, requests in booking.grouped("slot_id").items():
            try:
                slot.sudo()._lock_and_check_seat(self.env["sale.order"], requests)
            except UserError as error:
                raise ValidationError(error.args[0]) from error

    def _notify_next_wave(self):
        """Offer the request to the nearest volunteers not asked yet; tell the coordinator
        when nobody is left."""
        self.ensure_one()
        asked = self.offer_ids.volunteer_id
        beneficiary = self.beneficiary_id
        wave = self.env["res.partner"]._coop_rank_volunteers(
            beneficiary.partner_latitude,
            beneficiary.partner_longitude,
            self.delivery_date.weekday(),
            weekly_counts=self._weekly_delivery_counts(),
            limit=self._wave_size(),
            exclude_ids=asked.ids,
        )
        if not wave:
            self._tell_coordinator_no_volunteer()
            return self.env["coop.delivery.offer"]
        self.wave += 1
        offers = self.env["coop.delivery.offer"].create(
            [
                {
                    "request_id": self.id,
                    "volunteer_id": volunteer.id,
                    "distance_km": distance,
                    "wave": self.wave,
                }
                for volunteer, distance in wave
            ]
        )
        offers._send()
        return offers

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

    def _weekly_delivery_counts(self):
        """Deliveries each volunteer has taken in the week of this request."""
        monday = self.delivery_date - timedelta(days=self.delivery_date.weekday())
        groups = self.env["coop.delivery.request"]._read_group(
            [
                ("deliverer_id", "!=", False),
                ("delivery_date", ">=", monday),
                ("delivery_date", "<", monday + timedelta(days=7)),
                ("state", "not in", ("cancelled", "failed")),
            ],
            ["deliverer_id"],
            ["__count"],
        )
        return {deliverer.id: count for deliverer, count in groups}

    def _tell_coordinator_no_volunteer(self):
        summary = _("No volunteer left to ask")
        if self.activity_ids.filtered(lambda activity: activity.summary == summary):
            return
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=summary,
            note=_("Every volunteer near the beneficiary was asked: assign one by hand."),
            user_id=self.env["res.partner"]._coop_delivery_coordinator_user().id,
        )

    @api.model
    def _wave_size(self):
        value = self.env["ir.config_parameter"].sudo().get_param(WAVE_SIZE_PARAM)
        return int(value or DEFAULT_WAVE_SIZE)

    @api.model
    def _wave_delay(self):
        value = self.env["ir.config_parameter"].sudo().get_param(WAVE_DELAY_PARAM)
        return timedelta(hours=float(value or DEFAULT_WAVE_DELAY_HOURS))

    @api.model
    def _cron_notify_next_waves(self):
        """Requests whose last wave got no answer within the delay go to the next wave."""
        deadline = fields.Datetime.now() - self._wave_delay()
        searching = self.search([("state", "=", "searching")])
        for request in searching:
            last_sent = max(request.offer_ids.mapped("date_sent") or [deadline])
            if last_sent <= deadline:
                request.offer_ids.filtered(lambda o: o.state == "sent").state = "expired"
                request._notify_next_wave()

    def _assign_deliverer(self, volunteer):
        """Give the request to ``volunteer`` if it is still searching; atomic.

        The conditional UPDATE is the lock: of two volunteers accepting at once, only one
        row update succeeds (the other waits, then sees the new state or fails to serialize
        and is retried by Odoo). Returns True when ``volunteer`` got the request.
        """
        self.ensure_one()
        self.env.cr.execute(
            """
            UPDATE coop_delivery_request
               SET state = 'assigned', deliverer_id = %s, date_assigned = NOW() AT TIME ZONE 'UTC'
             WHERE id = %s AND state = 'searching'
         RETURNING id
            """,
            (volunteer.id, self.id),
        )
        won = bool(self.env.cr.fetchone())
        self.invalidate_recordset(["state", "deliverer_id", "date_assigned", "hours_to_match"])
        if won:
            self.modified(["date_assigned"])
            self.message_post(
                body=_("%s accepted the delivery.", volunteer.display_name),
                message_type="notification",
            )
        return won
