from . import coop_delivery_intake
from . import coop_call_campaign
from . import coop_setup_wizard
from . import coop_setup_slot
from . import coop_delivery_cancel
