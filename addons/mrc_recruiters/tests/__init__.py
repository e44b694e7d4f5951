from . import test_risk
from . import test_license
from . import test_vetting
from . import test_complaint
from . import test_access
from . import test_flag
from . import test_risk_lang
from . import test_views
