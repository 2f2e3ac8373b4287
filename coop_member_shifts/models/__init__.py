from . import coop_exemption
from . import coop_work_entry
from . import res_company
from . import res_config_settings
from . import res_partner
