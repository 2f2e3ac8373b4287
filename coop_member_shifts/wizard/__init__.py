from . import membership_invoice
from . import coop_setup_wizard
from . import coop_setup_wizard_steps
from . import coop_setup_bracket
from . import coop_product_suggestion_decline
