from . import coop_delivery_stats
