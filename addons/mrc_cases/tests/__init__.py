from . import test_screening_pure
from . import test_intake
from . import test_intake_rights
from . import test_service_referral
from . import test_complaint_provider
from . import test_training
from . import test_referral_rpc
from . import test_portal_cases
