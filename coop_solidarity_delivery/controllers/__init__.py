from . import delivery_offer
from . import main
from . import payment
from . import portal
