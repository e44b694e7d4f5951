from . import test_indicators
from . import test_client_flag
from . import test_outcome_story
from . import test_rights
