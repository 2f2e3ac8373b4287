"""Where a member or volunteer lives: geocoding through the configured provider."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError

ADDRESS_FIELDS = ("street", "street2", "zip", "city", "state_id", "country_id")


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

    def write(self, vals):
        # base_geolocalize clears the coordinates when the address changes: locate again.
        if any(name in vals for name in ADDRESS_FIELDS) and "partner_latitude" not in vals:
            vals = {**vals, "coop_geo_state": "todo", "coop_geo_error": False}
        return super().write(vals)

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
