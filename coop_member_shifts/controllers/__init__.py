from . import portal
from . import fee_portal
