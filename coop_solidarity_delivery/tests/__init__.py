from . import test_access_groups
from . import test_ui
