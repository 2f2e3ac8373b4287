from . import delivery_offer
from . import delivery_portal
from . import main
from . import payment
from . import portal
from . import volunteer_portal
from . import volunteer_signup
from . import standing_order_portal
