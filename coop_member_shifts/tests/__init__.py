from . import test_access_groups
from . import test_menus
from . import test_ui
from . import test_work_entry
from . import test_work_status
