from . import test_access_groups
from . import test_menus
from . import test_ui
from . import test_work_entry
from . import test_work_status
from . import test_shift_concurrency
from . import test_shifts
from . import test_reminders
