import logging
from urllib.parse import urlsplit

from geopy.exc import GeopyError
from geopy.geocoders import BANFrance, Nominatim

from odoo import api, models

_logger = logging.getLogger(__name__)

GEOCODER_URL_PARAM = "coop_solidarity_delivery.geocoder_url"
GEOCODER_TIMEOUT_PARAM = "coop_solidarity_delivery.geocoder_timeout"
DEFAULT_TIMEOUT = 5


class BaseGeocoder(models.AbstractModel):
    """Adds geopy providers to Odoo's geocoder: the French national address base (BAN) and
    Nominatim, both with a timeout and an optional self-hosted server URL."""

    _inherit = "base.geocoder"

    @api.model
    def _call_ban(self, addr, **kw):
        return self._coop_geopy_find(BANFrance, addr)

    @api.model
    def _call_nominatim(self, addr, **kw):
        return self._coop_geopy_find(Nominatim, addr)

    @api.model
    def _coop_geopy_find(self, geocoder_class, addr):
        """(latitude, longitude) of ``addr``, None when the service knows no such address.

        A network or service error raises a UserError (through ``_raise_query_error``).
        """
        if not addr:
            return None
        geocoder = geocoder_class(**self._coop_geopy_options())
        try:
            location = geocoder.geocode(addr, exactly_one=True)
        except GeopyError as error:
            _logger.info("Geocoding failed for %s: %s", geocoder_class.__name__, error)
            self._raise_query_error(error)
        if not location:
            return None
        return location.latitude, location.longitude

    @api.model
    def _coop_geopy_options(self):
        params = self.env["ir.config_parameter"].sudo()
        options = {
            "timeout": float(params.get_param(GEOCODER_TIMEOUT_PARAM) or DEFAULT_TIMEOUT),
            "user_agent": f"Odoo coop_solidarity_delivery ({self.env.company.name})",
        }
        url = params.get_param(GEOCODER_URL_PARAM)
        if url:
            parts = urlsplit(url)
            options.update(
                scheme=parts.scheme or "https", domain=parts.netloc + parts.path.rstrip("/")
            )
        return options
