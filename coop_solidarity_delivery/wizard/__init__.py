from . import coop_delivery_intake
