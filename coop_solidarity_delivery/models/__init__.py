from . import base_geocoder
from . import coop_weekday
from . import res_partner
from . import coop_delivery_request
from . import coop_delivery_offer
from . import res_config_settings
