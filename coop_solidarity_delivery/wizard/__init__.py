from . import coop_delivery_intake
from . import coop_call_campaign
