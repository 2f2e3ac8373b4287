from . import delivery_offer
