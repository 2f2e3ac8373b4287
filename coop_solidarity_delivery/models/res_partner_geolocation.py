"""Where a member or volunteer lives: geocoding through the configured provider."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .coop_delivery_request import OPEN_STATES

ADDRESS_FIELDS = ("street", "street2", "zip", "city", "state_id", "country_id")
GEOCODE_BATCH = 50  # partners a run of the geocoding job locates (the services rate-limit)


class ResPartner(models.Model):
    _inherit = "res.partner"

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

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners.filtered("coop_is_volunteer")._coop_queue_geocoding()
        return partners

    def write(self, vals):
        # base_geolocalize clears the coordinates when the address changes: locate again.
        if any(name in vals for name in ADDRESS_FIELDS) and "partner_latitude" not in vals:
            vals = {**vals, "coop_geo_state": "todo", "coop_geo_error": False}
        res = super().write(vals)
        if vals.get("coop_geo_state") == "todo" or vals.get("coop_is_volunteer"):
            self.filtered_domain(self._coop_to_locate_domain())._coop_queue_geocoding()
        return res

    def geo_localize(self):
        """Skipped where a position is optional (listing the pickup stores at checkout)."""
        if self.env.context.get("coop_skip_geo_localize"):
            return False
        return super().geo_localize()

    # === ACTIONS ===#

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

    @api.model
    def _coop_to_locate_domain(self):
        """Partners waiting for a location that the deliveries need: the volunteers, and the
        beneficiaries of open requests."""
        requests = self.env["coop.delivery.request"].sudo()
        beneficiaries = requests.search([("state", "in", OPEN_STATES)]).beneficiary_id
        return [
            ("coop_geo_state", "=", "todo"),
            "|",
            ("coop_is_volunteer", "=", True),
            ("id", "in", beneficiaries.ids),
        ]

    def _coop_queue_geocoding(self):
        """Ask the geocoding job to run soon when one of these partners waits for a location
        (saving a request or a volunteer never waits for the geocoding service)."""
        if not self.filtered(lambda partner: partner.coop_geo_state == "todo"):
            return
        cron = self.env.ref("coop_solidarity_delivery.ir_cron_coop_geocode", False)
        if cron:
            cron.sudo()._trigger()

    @api.model
    def _cron_coop_geocode(self):
        """Locate the volunteers and beneficiaries waiting for it, one by one: a partner whose
        geocoding breaks is flagged and handed to the coordinator, the others are located."""
        partners = self.search(self._coop_to_locate_domain(), limit=GEOCODE_BATCH)
        failed = self.env["coop.cron.step"]._run_each(
            partners,
            lambda partner: partner._coop_geocode(),
            _("Locate addresses"),
            responsible=self._coop_delivery_coordinator_user(),
        )
        failed.write(
            {
                "coop_geo_state": "failed",
                "coop_geo_error": _("The geocoding failed unexpectedly: see the activity."),
            }
        )
        if len(partners) == GEOCODE_BATCH:
            self.env.ref("coop_solidarity_delivery.ir_cron_coop_geocode").sudo()._trigger()

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
        self._coop_schedule_todo(
            self._coop_delivery_coordinator_user(),
            lambda env: (env._("Check the address: it could not be located"), error),
            once=True,
        )

    @api.model
    def _coop_delivery_coordinator_user(self):
        """The first delivery coordinator of the company, else the current user."""
        group = self.env.ref("coop_solidarity_delivery.group_coop_delivery_coordinator")
        coordinators = group.users.filtered(
            lambda user: self.env.company in user.company_ids and not user.share
        )
        return coordinators[:1] or self.env.user
