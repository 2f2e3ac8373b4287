from . import base_geocoder
from . import coop_weekday
from . import res_partner
from . import res_config_settings
