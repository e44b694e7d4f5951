from . import test_matching_pure
from . import test_wages
from . import test_vacancy
from . import test_referral
from . import test_client_card
from . import test_match
from . import test_match_engine
from . import test_portal
