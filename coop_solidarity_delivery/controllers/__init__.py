from . import delivery_offer
from . import delivery_portal
from . import main
from . import payment
from . import portal
from . import coopcycle_webhook
