from . import test_access_groups
from . import test_checkout
from . import test_drive_board
from . import test_drive_reminder
from . import test_slot_booking
from . import test_slot_concurrency
from . import test_slot_generation
from . import test_ui
