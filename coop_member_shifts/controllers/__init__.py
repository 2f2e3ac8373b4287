from . import portal
from . import fee_portal
from . import member_data_portal
from . import directory_portal
from . import board_portal
from . import skill_portal
from . import account_portal
from . import suggestion_portal
