from . import test_access_groups
from . import test_beneficiary
from . import test_geocoding
from . import test_ui
from . import test_volunteer_ranking
