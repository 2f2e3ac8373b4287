import secrets
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.coop_member_shifts.tools.display_numbers import format_number

from ..tools.volunteer_ranking import approximate_distance

PRIVACY_DAYS_PARAM = "coop_solidarity_delivery.address_days_after_delivery"
DEFAULT_PRIVACY_DAYS = 2
EXPIRY_HOURS_PARAM = "coop_solidarity_delivery.offer_expiry_hours"
DEFAULT_EXPIRY_HOURS = 48


class CoopDeliveryOffer(models.Model):
    _name = "coop.delivery.offer"
    _description = "Delivery Offer to a Volunteer"
    _order = "request_id, search_round, wave, distance_km"

    request_id = fields.Many2one(
        "coop.delivery.request", required=True, ondelete="cascade", index=True
    )
    volunteer_id = fields.Many2one("res.partner", required=True, index=True)
    search_round = fields.Integer(
        readonly=True,
        help="The search of the request this offer belongs to: a reset or a cancellation "
        "ends the round, and the links of its offers die with it.",
    )
    wave = fields.Integer(required=True, default=1)
    distance_km = fields.Float(string="Distance (km)", digits=(6, 2))
    distance_label = fields.Char(string="Approximate Distance", compute="_compute_distance_label")
    delivery_day = fields.Char(compute="_compute_delivery_day")
    state = fields.Selection(
        [
            ("sent", "Sent"),
            ("accepted", "Accepted"),
            ("lost", "Taken by another volunteer"),
            ("expired", "Expired"),
            ("returned", "Given back"),
        ],
        default="sent",
        required=True,
    )
    date_sent = fields.Datetime(readonly=True)
    # The link is the volunteer's key: nobody else reads it, not even the coordinators (who
    # could otherwise accept in a volunteer's name); the e-mail carrying it is attached to
    # no record (see _send).
    token = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        index=True,
        # 128 random bits, 22 characters: the link fits in an SMS with its text.
        default=lambda self: secrets.token_urlsafe(16),
        groups="base.group_system",
    )

    _sql_constraints = [
        (
            "volunteer_once_per_request",
            "UNIQUE(request_id, search_round, volunteer_id)",
            "A volunteer is asked once per search of a request.",
        ),
        ("token_unique", "UNIQUE(token)", "Each offer has its own link."),
    ]

    @api.depends("request_id.delivery_date", "volunteer_id.tz")
    @api.depends_context("lang")
    def _compute_delivery_day(self):
        """ "mardi 8 décembre", as the volunteer reads it (the mail's subject, heading and
        body say it: computed once for the three)."""
        for offer in self:
            offer.delivery_day = offer.volunteer_id._coop_day(offer.sudo().request_id.delivery_date)

    @api.depends("delivery_day", "request_id.district")
    def _compute_display_name(self):
        """The heading of the offer e-mail, in the volunteer's language and words."""
        for offer in self:
            request = offer.request_id.sudo()
            day = offer.delivery_day
            if request.district:
                offer.display_name = self.env._(
                    "Solidarity delivery of %(day)s in %(district)s",
                    day=day,
                    district=request.district,
                )
            else:
                offer.display_name = self.env._("Solidarity delivery of %s", day)

    @api.depends("distance_km")
    @api.depends_context("lang")
    def _compute_distance_label(self):
        """ "about 1,5 km" in the reader's language, never the exact distance."""
        for offer in self:
            rounded = approximate_distance(offer.distance_km)
            number = "< 1" if rounded is None else format_number(rounded, self.env.lang, 1)
            offer.distance_label = _("about %s km", number)

    @api.model_create_multi
    def create(self, vals_list):
        requests = self.env["coop.delivery.request"]
        for vals in vals_list:
            if "search_round" not in vals:
                vals["search_round"] = requests.browse(vals.get("request_id")).search_round
        return super().create(vals_list)

    # === BUSINESS METHODS ===#

    def _accept(self):
        """The volunteer accepts: returns 'accepted', 'lost' or 'expired'.

        Only a live offer (see ``_is_live``) can take the request; any other link changes
        nothing and gets its outcome.
        """
        self.ensure_one()
        if self._holds_delivery():
            return "accepted"
        if not self._is_live():
            return "lost" if self._page_status() == "lost" else "expired"
        if self.request_id._assign_deliverer(self.volunteer_id):
            self.state = "accepted"
            self.request_id.offer_ids.filtered(lambda o: o.state == "sent").state = "lost"
            return "accepted"
        self.state = "lost"
        return "lost"

    def _is_live(self):
        """A link takes the request only while the request is searching and the offer was
        sent in its current round and has not expired."""
        self.ensure_one()
        request = self.request_id
        return (
            self.state == "sent"
            and bool(self.date_sent)
            and self.date_sent > fields.Datetime.now() - self._expiry_delay()
            and request.state == "searching"
            and self.search_round == request.search_round
        )

    def _holds_delivery(self):
        """The volunteer accepted this offer and the request of this round is still theirs."""
        self.ensure_one()
        request = self.request_id
        return (
            self.state == "accepted"
            and self.search_round == request.search_round
            and request.deliverer_id == self.volunteer_id
            and request.state not in ("cancelled", "failed")
        )

    def _page_status(self):
        """What the offer page tells the volunteer: 'open' (they may accept), 'accepted',
        'over' (theirs, but past the privacy delay), 'returned' (they gave it back), 'lost'
        (taken by another volunteer in this round) or 'closed' (no longer valid)."""
        self.ensure_one()
        if self._holds_delivery():
            return "accepted" if self._may_see_address() else "over"
        if self.state == "returned":
            return "returned"
        if self._is_live():
            return "open"
        if self.state == "lost" and self.search_round == self.request_id.search_round:
            return "lost"
        if self._taken_by_another():
            return "lost"
        return "closed"

    def _taken_by_another(self):
        """Another volunteer delivers the request (whoever gave it to them: an offer of
        another round, or a coordinator)."""
        request = self.request_id
        return (
            bool(request.deliverer_id)
            and request.deliverer_id != self.volunteer_id
            and request.state not in ("cancelled", "failed")
        )

    def _may_see_address(self):
        """Only the volunteer who got the request sees the address, and only until a few days
        after the delivery, or after the wished date when nobody marked it delivered."""
        self.ensure_one()
        request = self.request_id
        if not self._holds_delivery():
            return False
        privacy_delay = timedelta(days=self._privacy_days())
        if fields.Date.context_today(self) > request.delivery_date + privacy_delay:
            return False
        if request.state == "delivered":
            return fields.Datetime.now() - request.date_delivered <= privacy_delay
        return True

    def _give_back(self, reason, note=""):
        """The volunteer gives back the delivery this link gave them (see
        ``coop.delivery.request._coop_give_back``)."""
        self.ensure_one()
        if not self._holds_delivery():
            raise UserError(self.env._("This delivery is no longer yours: nothing to give back."))
        self.request_id._coop_give_back(self.volunteer_id, reason, note)

    def _get_accept_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/coop/delivery/offer/{self.sudo().token}"

    @api.model
    def _expiry_delay(self):
        value = self.env["ir.config_parameter"].sudo().get_param(EXPIRY_HOURS_PARAM)
        return timedelta(hours=float(value or DEFAULT_EXPIRY_HOURS))

    @api.model
    def _privacy_days(self):
        value = self.env["ir.config_parameter"].sudo().get_param(PRIVACY_DAYS_PARAM)
        return int(value or DEFAULT_PRIVACY_DAYS)

    @api.model
    def _expire_overdue(self):
        """Offers sent longer ago than the delay set in Settings are marked expired (their
        links are dead already: ``_is_live`` checks the delay itself)."""
        deadline = fields.Datetime.now() - self._expiry_delay()
        self.search([("state", "=", "sent"), ("date_sent", "<=", deadline)]).state = "expired"
