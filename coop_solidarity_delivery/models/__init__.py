from . import coop_closing_day
from . import coop_slot
from . import coop_slot_rule
from . import res_config_settings
from . import sale_order
