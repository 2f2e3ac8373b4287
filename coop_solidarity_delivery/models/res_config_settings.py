from odoo import fields, models

from .base_geocoder import DEFAULT_TIMEOUT
from .res_partner import DEFAULT_MAX_RADIUS_KM


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coop_geocoder_url = fields.Char(
        string="Geocoding Server",
        config_parameter="coop_solidarity_delivery.geocoder_url",
        help="Address of a self-hosted BAN or Nominatim server. Empty: the public service.",
    )
    coop_geocoder_timeout = fields.Integer(
        string="Geocoding Timeout (s)",
        config_parameter="coop_solidarity_delivery.geocoder_timeout",
        default=DEFAULT_TIMEOUT,
    )
    coop_max_radius_km = fields.Float(
        string="Largest Volunteer Radius (km)",
        config_parameter="coop_solidarity_delivery.max_radius_km",
        default=DEFAULT_MAX_RADIUS_KM,
        help="No volunteer is asked to go further than this, whatever their own radius.",
    )
