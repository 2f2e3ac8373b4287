import json
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools.volunteer_ranking import EARTH_RADIUS_KM, KM_PER_DEGREE_LAT, bounding_box

ADDRESS_FIELDS = ("street", "street2", "zip", "city", "state_id", "country_id")
MAX_RADIUS_PARAM = "coop_solidarity_delivery.max_radius_km"
RETENTION_PARAM = "coop_solidarity_delivery.beneficiary_retention_days"
DEFAULT_RETENTION_DAYS = 365
UNSEEN_WEEKS_PARAM = "coop_solidarity_delivery.unseen_weeks"
DEFAULT_UNSEEN_WEEKS = 6
DEFAULT_MAX_RADIUS_KM = 15.0


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Volunteer profile
    coop_is_volunteer = fields.Boolean(
        string="Delivery Volunteer", help="Helps with solidarity deliveries."
    )
    coop_can_prepare = fields.Boolean(string="Prepares Orders")
    coop_can_deliver = fields.Boolean(string="Delivers")
    coop_can_call = fields.Boolean(string="Calls Members")
    coop_radius_km = fields.Float(
        string="Radius (km)",
        default=3.0,
        help="How far from home this volunteer is willing to go for a delivery.",
    )
    coop_transport = fields.Selection(
        [("foot", "On foot"), ("bike", "Bike"), ("car", "Car")],
        string="Transport",
        default="foot",
    )
    coop_weekday_ids = fields.Many2many(
        "coop.weekday", string="Available Days", help="Days this volunteer can deliver."
    )
    coop_weekly_max = fields.Integer(
        string="Deliveries a Week (max)", default=2, help="0 means no limit."
    )
    coop_notify_consent = fields.Boolean(
        string="Agrees to Be Notified",
        help="The volunteer agreed to receive e-mails about delivery requests near them.",
    )

    # Beneficiary profile
    coop_is_beneficiary = fields.Boolean(
        string="Eligible for Delivery", help="May ask the coop for solidarity deliveries."
    )
    coop_beneficiary_reason = fields.Selection(
        [
            ("isolated", "Isolated"),
            ("vulnerable", "Vulnerable"),
            ("temporary", "Temporarily unable"),
        ],
        string="Eligibility Reason",
    )
    coop_beneficiary_note = fields.Text(string="Eligibility Details")
    coop_data_consent = fields.Boolean(
        string="Consents to Data Processing",
        help="The member agreed that the coop keeps and shares with the assigned volunteers "
        "the data needed for the delivery.",
    )
    coop_data_consent_date = fields.Date(string="Consent Date")
    coop_anonymised = fields.Boolean(string="Anonymised", readonly=True, copy=False)
    coop_eligibility_approved_by_id = fields.Many2one(
        "res.users", string="Eligibility Approved By", readonly=True, copy=False
    )

    # Geocoding outcome
    coop_geo_state = fields.Selection(
        [("todo", "To locate"), ("done", "Located"), ("failed", "Not found")],
        string="Location",
        default="todo",
        copy=False,
    )
    coop_geo_error = fields.Char(string="Location Error", copy=False)
    coop_map_url = fields.Char(string="Map", compute="_compute_coop_map_url")

    @api.depends("partner_latitude", "partner_longitude")
    def _compute_coop_map_url(self):
        for partner in self:
            if partner.partner_latitude or partner.partner_longitude:
                lat, lon = partner.partner_latitude, partner.partner_longitude
                partner.coop_map_url = f"https://www.openstreetmap.org/?mlat={lat:.5f}&mlon={lon:.5f}#map=17/{lat:.5f}/{lon:.5f}"
            else:
                partner.coop_map_url = False

    @api.constrains("coop_radius_km", "coop_is_volunteer", "coop_can_deliver")
    def _check_coop_radius_km(self):
        for partner in self:
            if (
                partner.coop_is_volunteer
                and partner.coop_can_deliver
                and partner.coop_radius_km <= 0
            ):
                raise ValidationError(
                    _("A delivering volunteer needs a radius above 0 km (%s).", partner.name)
                )

    @api.constrains("coop_weekly_max")
    def _check_coop_weekly_max(self):
        if any(partner.coop_weekly_max < 0 for partner in self):
            raise ValidationError(_("The weekly maximum of deliveries cannot be negative."))

    @api.constrains("coop_is_beneficiary", "coop_data_consent")
    def _check_coop_beneficiary_consent(self):
        for partner in self:
            if partner.coop_is_beneficiary and not partner.coop_data_consent:
                raise ValidationError(
                    _(
                        "%s cannot be made eligible for delivery without their consent to the "
                        "processing of their data.",
                        partner.name,
                    )
                )

    def write(self, vals):
        # base_geolocalize clears the coordinates when the address changes: locate again.
        if any(name in vals for name in ADDRESS_FIELDS) and "partner_latitude" not in vals:
            vals = {**vals, "coop_geo_state": "todo", "coop_geo_error": False}
        return super().write(vals)

    # === ACTIONS ===#

    def action_coop_approve_eligibility(self):
        for partner in self:
            if not partner.coop_data_consent:
                raise UserError(
                    _("Record %s's consent to data processing before approving.", partner.name)
                )
        self.write({"coop_is_beneficiary": True, "coop_eligibility_approved_by_id": self.env.uid})

    def action_coop_locate(self):
        """Geocode the address now (button), even if it was located before."""
        self._coop_geocode()
        failed = self.filtered(lambda partner: partner.coop_geo_state == "failed")
        if failed:
            message = _("No location found for: %s", ", ".join(failed.mapped("display_name")))
        else:
            message = _("Address located.")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "warning" if failed else "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # === BUSINESS METHODS ===#

    def _coop_ensure_located(self):
        """Geocode the partners that have no coordinates yet; reuse the others' coordinates."""
        self.filtered(lambda partner: partner.coop_geo_state == "todo")._coop_geocode()

    def _coop_geocode(self):
        """Locate each partner through the configured provider.

        A failure never loses the record: it is flagged, and the coordinator is told.
        """
        for partner in self.with_context(lang="en_US"):
            try:
                result = partner._geo_localize(
                    partner.street,
                    partner.zip,
                    partner.city,
                    partner.state_id.name,
                    partner.country_id.name,
                )
                error = False if result else _("The geocoding service found no such address.")
            except UserError as exc:
                result, error = None, str(exc)
            if result:
                partner.write(
                    {
                        "partner_latitude": result[0],
                        "partner_longitude": result[1],
                        "date_localization": fields.Date.context_today(partner),
                        "coop_geo_state": "done",
                        "coop_geo_error": False,
                    }
                )
            else:
                partner.write({"coop_geo_state": "failed", "coop_geo_error": error})
                partner._coop_tell_coordinator_location_failed(error)

    def _coop_tell_coordinator_location_failed(self, error):
        self.ensure_one()
        self.message_post(body=_("Address not located: %s", error))
        summary = _("Check the address: it could not be located")
        already_told = self.activity_ids.filtered(lambda activity: activity.summary == summary)
        if not already_told:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=summary,
                note=error,
                user_id=self._coop_delivery_coordinator_user().id,
            )

    @api.model
    def _coop_delivery_coordinator_user(self):
        """The first delivery coordinator of the company, else the current user."""
        group = self.env.ref("coop_solidarity_delivery.group_coop_delivery_coordinator")
        coordinators = group.users.filtered(
            lambda user: self.env.company in user.company_ids and not user.share
        )
        return coordinators[:1] or self.env.user

    @api.model
    def _coop_rank_volunteers(
        self,
        latitude,
        longitude,
        weekday,
        role="deliver",
        weekly_counts=None,
        limit=None,
        exclude_ids=(),
    ):
        """Volunteers who can serve the point (latitude, longitude) on ``weekday`` (0 = Monday),
        nearest first, as a list of (partner, distance in km); at most ``limit`` of them, none
        of ``exclude_ids`` (the volunteers already asked, say).

        One query: the domain (role, consent, bounding box of the largest radius allowed in
        Settings, access rules) and the weekday select the candidates, and the database
        computes the exact distance, keeps each volunteer inside their own radius and under
        their weekly maximum, orders and limits, as ``tools.volunteer_ranking.rank_volunteers``
        does in Python. ``weekly_counts`` maps a partner id to the deliveries already taken
        that week.
        """
        max_radius = self._coop_max_radius_km()
        min_lat, max_lat, min_lon, max_lon = bounding_box(latitude, longitude, max_radius)
        role_field = {"deliver": "coop_can_deliver", "prepare": "coop_can_prepare"}[role]
        domain = [
            ("coop_is_volunteer", "=", True),
            (role_field, "=", True),
            ("coop_notify_consent", "=", True),
            ("partner_latitude", ">=", min_lat),
            ("partner_latitude", "<=", max_lat),
            ("partner_longitude", ">=", min_lon),
            ("partner_longitude", "<=", max_lon),
        ]
        if exclude_ids:
            domain.append(("id", "not in", list(exclude_ids)))
        query = self._search(domain)
        if query.is_empty():
            return []

        def column(name):
            return self._field_to_sql(query.table, name, query)

        radius = SQL("LEAST(%s, %s)", column("coop_radius_km"), max_radius)
        days = self._fields["coop_weekday_ids"]
        # The weekday by hand: the domain would add "OR number IS NULL" for Monday (0), which
        # keeps PostgreSQL from using the weekday's index.
        query.add_where(
            SQL(
                "EXISTS (SELECT 1 FROM %s rel JOIN %s day ON day.id = rel.%s"
                " WHERE rel.%s = %s AND day.number = %s)",
                SQL.identifier(days.relation),
                SQL.identifier(self.env[days.comodel_name]._table),
                SQL.identifier(days.column2),
                SQL.identifier(days.column1),
                column("id"),
                weekday,
            )
        )
        # Nobody is nearer than their difference of latitude: a cheap filter before the
        # exact distance (1 m of slack for rounding; the exact test follows).
        query.add_where(
            SQL(
                "ABS(%s::float8 - %s) * %s <= %s + 0.001",
                column("partner_latitude"),
                float(latitude),
                KM_PER_DEGREE_LAT,
                radius,
            )
        )
        candidates = query.select(
            SQL("%s AS id", column("id")),
            SQL(
                "%s AS distance",
                _haversine_sql(
                    latitude, longitude, column("partner_latitude"), column("partner_longitude")
                ),
            ),
            SQL("%s AS radius", radius),
            SQL("COALESCE(%s, 0) AS weekly_max", column("coop_weekly_max")),
        )
        counts = {str(partner_id): count for partner_id, count in (weekly_counts or {}).items()}
        # MATERIALIZED: each candidate's distance is computed once, not again to sort.
        rows = self.env.execute_query(
            SQL(
                """
                WITH candidate AS MATERIALIZED (%s)
                SELECT id, distance
                  FROM candidate
                 WHERE radius > 0 AND distance <= radius
                   AND (weekly_max = 0
                        OR COALESCE((%s::jsonb ->> id::text)::int, 0) < weekly_max)
              ORDER BY distance, id
                 LIMIT %s
                """,
                candidates,
                json.dumps(counts),
                limit,
            )
        )
        volunteers = self.browse([partner_id for partner_id, _distance in rows])
        return [
            (volunteer, distance)
            for volunteer, (_id, distance) in zip(volunteers, rows, strict=True)
        ]

    @api.model
    def _coop_max_radius_km(self):
        value = self.env["ir.config_parameter"].sudo().get_param(MAX_RADIUS_PARAM)
        return float(value or DEFAULT_MAX_RADIUS_KM)

    @api.model
    def _cron_coop_anonymise_beneficiaries(self):
        """Erase the personal data of beneficiaries whose last request is older than the
        retention period set in Settings (members with a login are left to the coop)."""
        days = int(self.env["ir.config_parameter"].sudo().get_param(RETENTION_PARAM) or 0)
        days = days or DEFAULT_RETENTION_DAYS
        limit = fields.Date.context_today(self) - timedelta(days=days)
        groups = self.env["coop.delivery.request"]._read_group(
            [], ["beneficiary_id"], ["delivery_date:max"]
        )
        stale = self.browse(
            partner.id for partner, last_date in groups if last_date and last_date < limit
        )
        stale.filtered(lambda p: not p.user_ids and not p.coop_anonymised)._coop_anonymise()

    def _coop_anonymise(self):
        requests = self.env["coop.delivery.request"].search([("beneficiary_id", "in", self.ids)])
        requests.sudo().write({"access_notes": False, "shopping_list": False})
        for partner in self:
            partner.write(
                {
                    "name": _("Anonymised member %s", partner.id),
                    "street": False,
                    "street2": False,
                    "city": False,
                    "phone": False,
                    "mobile": False,
                    "email": False,
                    "comment": False,
                    "partner_latitude": 0.0,
                    "partner_longitude": 0.0,
                    "coop_beneficiary_note": False,
                    "coop_is_beneficiary": False,
                    "coop_data_consent": False,
                    "coop_anonymised": True,
                }
            )
            partner.message_ids.unlink()

    @api.model
    def _coop_call_list_domain(self):
        """Members the call centre should phone: the vulnerable ones, and members who have not
        ordered for a number of weeks (set in Settings)."""
        weeks = int(self.env["ir.config_parameter"].sudo().get_param(UNSEEN_WEEKS_PARAM) or 0)
        since = fields.Datetime.now() - timedelta(weeks=weeks or DEFAULT_UNSEEN_WEEKS)
        recent_buyers = self.env["sale.order"]._read_group(
            [("state", "=", "sale"), ("date_order", ">=", since)], ["partner_id"]
        )
        seen_ids = [partner.id for (partner,) in recent_buyers]
        return [
            ("coop_anonymised", "=", False),
            "|",
            "&",
            ("coop_is_beneficiary", "=", True),
            ("coop_beneficiary_reason", "=", "vulnerable"),
            "&",
            ("membership_state", "in", ("paid", "free", "invoiced")),
            ("id", "not in", seen_ids),
        ]

    @api.model
    def action_coop_open_call_list(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_solidarity_delivery.res_partner_action_call_list"
        )
        action["domain"] = self._coop_call_list_domain()
        return action


def _haversine_sql(latitude, longitude, lat_column, lon_column):
    """The great-circle distance in km from a point to a row, in SQL: the formula of
    ``tools.volunteer_ranking.distance_km``, so that both rank alike."""
    return SQL(
        """2 * %(radius)s * ASIN(LEAST(1.0, SQRT(
               POWER(SIN(RADIANS(%(lat)s::float8 - %(point_lat)s) / 2), 2)
               + COS(RADIANS(%(point_lat)s)) * COS(RADIANS(%(lat)s::float8))
                 * POWER(SIN(RADIANS(%(lon)s::float8 - %(point_lon)s) / 2), 2))))""",
        radius=EARTH_RADIUS_KM,
        lat=lat_column,
        lon=lon_column,
        point_lat=float(latitude),
        point_lon=float(longitude),
    )
