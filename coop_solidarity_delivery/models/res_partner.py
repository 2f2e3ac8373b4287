import json

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools.volunteer_ranking import EARTH_RADIUS_KM, KM_PER_DEGREE_LAT, bounding_box

MAX_RADIUS_PARAM = "coop_solidarity_delivery.max_radius_km"
DEFAULT_MAX_RADIUS_KM = 15.0
# The transports that carry at least what a request needs: a car carries a heavy delivery.
TRANSPORTS_AT_LEAST = {"bike": ["bike", "car"], "car": ["car"]}


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

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

    # === BUSINESS METHODS ===#

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
        required_skill=None,
        required_transport=None,
    ):
        """Volunteers who can serve the point (latitude, longitude) on ``weekday`` (0 = Monday),
        nearest first, as a list of (partner, distance in km); at most ``limit`` of them, none
        of ``exclude_ids`` (ids, or an SQL sub-query of them: the volunteers already asked).
        ``required_skill`` (a ``coop.skill``) keeps the volunteers who hold it in a way that
        counts; ``required_transport`` ("bike" or "car") those who travel at least that way.

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
            ("coop_volunteer_paused", "=", False),
            ("coop_volunteer_pending_approval", "=", False),
            ("partner_latitude", ">=", min_lat),
            ("partner_latitude", "<=", max_lat),
            ("partner_longitude", ">=", min_lon),
            ("partner_longitude", "<=", max_lon),
        ]
        if isinstance(exclude_ids, SQL):
            domain.append(("id", "not in", exclude_ids))
        elif exclude_ids:
            domain.append(("id", "not in", list(exclude_ids)))
        if required_transport:
            domain.append(("coop_transport", "in", TRANSPORTS_AT_LEAST[required_transport]))
        if required_skill:
            # Read as superuser: whoever runs the matching, the skill rule holds.
            holders = (
                self.env["coop.member.skill"]
                .sudo()
                ._search([("skill_id", "=", required_skill.id), ("usable", "=", True)])
            )
            domain.append(("id", "in", holders.subselect("partner_id")))
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
