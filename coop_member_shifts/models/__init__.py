from . import coop_work_entry
from . import res_company
from . import res_config_settings
