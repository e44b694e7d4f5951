from . import test_indicators
from . import test_client_flag
from . import test_outcome_story
from . import test_rights
from . import test_donor_report
from . import test_dashboard
from . import test_donor_rights
from . import test_dashboard_spec
