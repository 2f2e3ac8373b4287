from . import test_accept_concurrency
from . import test_access_groups
from . import test_beneficiary
from . import test_delivery_request
from . import test_geocoding
from . import test_offer_page
from . import test_ui
from . import test_volunteer_ranking
